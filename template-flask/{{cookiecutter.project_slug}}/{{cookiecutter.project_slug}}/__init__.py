"""The application factory of {{ cookiecutter.project_name|pydoc }}.

Run it with ``flask --app {{ cookiecutter.project_slug }} run --debug`` and serve it with
``gunicorn "{{ cookiecutter.project_slug }}:create_app()"``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
{%- if cookiecutter.use_auth %}
from datetime import timedelta
{%- endif %}
from typing import Any

from flask import Flask, g
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config, errors, log


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure an instance of the application."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)

    app.config.from_mapping(
        # Set FLASK_SECRET_KEY in the environment; see .env.example.
        SECRET_KEY=None,
        # Production answers only these hosts (FLASK_TRUSTED_HOSTS); others get 400.
        TRUSTED_HOSTS=None,
        # How many reverse proxies stand in front and set X-Forwarded-For/-Proto.
        PROXIES=0,
        # Production redirects plain HTTP to HTTPS (set FLASK_FORCE_HTTPS=0 to stop it).
        FORCE_HTTPS=True,
        # The largest request body accepted (bytes); larger ones get 413.
        MAX_CONTENT_LENGTH=1024 * 1024,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        # The level of the log lines (FLASK_LOG_LEVEL); debug mode adds the app's DEBUG lines.
        LOG_LEVEL="INFO",
        # Error reports go to Sentry when SENTRY_DSN is set; nothing is sent without it.
        SENTRY_DSN=os.environ.get("SENTRY_DSN"),
{%- if cookiecutter.__jobs == "celery" %}
        # The cache (Flask-Caching), shared by every process in Redis.
        CACHE_TYPE="RedisCache",
        CACHE_REDIS_URL=os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"),
        CACHE_KEY_PREFIX=f"{app.name}:cache:",
{%- else %}
        # The cache (Flask-Caching), per process: a shared one needs a server such as Redis.
        CACHE_TYPE="SimpleCache",
{%- endif %}
        CACHE_DEFAULT_TIMEOUT=300,
{%- if cookiecutter.use_orm %}
        # SQLite in the instance folder unless DATABASE_URL points elsewhere.
        SQLALCHEMY_DATABASE_URI=config.database_url(
            os.environ.get("DATABASE_URL")
            or "sqlite:///" + os.path.join(app.instance_path, f"{app.name}.sqlite3")
        ),
        SQLALCHEMY_ENGINE_OPTIONS=config.engine_options(),
{%- endif %}
{%- if cookiecutter.use_auth or cookiecutter.use_api %}
        # Rate limit counters (Flask-Limiter): per process in memory, or shared in Redis.
{%- if cookiecutter.__jobs == "celery" %}
        RATELIMIT_STORAGE_URI=os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"),
{%- else %}
        RATELIMIT_STORAGE_URI="memory://",
{%- endif %}
        RATELIMIT_HEADERS_ENABLED=True,
{%- endif %}
{%- if cookiecutter.use_auth %}
        **auth_defaults(),
{%- endif %}
{%- if cookiecutter.use_api %}
        API_TITLE={{ pystr(cookiecutter.project_name ~ " API") }},
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        # Swagger UI's files come from the swagger-ui-bundle package, served by this app.
        OPENAPI_SWAGGER_UI_URL="/api/docs/assets/",
        API_RATE_LIMIT="120 per minute",
{%- if cookiecutter.use_orm and cookiecutter.use_auth %}
        API_SPEC_OPTIONS={
            "components": {
                "securitySchemes": {
                    "token": {
                        "type": "apiKey",
                        "in": "header",
                        "name": "Authentication-Token",
                        "description": "A token from the account page (/auth/account).",
                    },
                    "session": {
                        "type": "apiKey",
                        "in": "cookie",
                        "name": "session",
                        "description": "The browser's session; writes also need X-CSRFToken.",
                    },
                }
            }
        },
{%- endif %}
{%- endif %}
{%- if cookiecutter.__jobs == "celery" %}
        CELERY={
            "broker_url": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"),
            "result_backend": os.environ.get("CELERY_RESULT_BACKEND", "redis://127.0.0.1:6379/0"),
            "task_ignore_result": True,
            "imports": ["{{ cookiecutter.project_slug }}.tasks"],
            "broker_connection_retry_on_startup": True,
            # The worker logs through log.py's configuration (with the others' format).
            "worker_hijack_root_logger": False,
        },
{%- endif %}
    )
    # FLASK_* settings from the environment, each with its type (see config.SETTINGS).
    config.from_environment(app)
    if test_config is not None:
        app.config.from_mapping(test_config)
    config.check_production(app)
    log.configure(app)
    log.init_app(app)
    register_error_reporting(app)
{%- if cookiecutter.use_auth %}
    if not app.config["MAIL_SERVER"] and config.is_development(app):
        # No mail server in development: each email is printed on the console and kept in
        # tmp/mail/ (mail.DevelopmentEmailBackend; in tests, an outbox).
        backend = "{{ cookiecutter.project_slug }}.mail.DevelopmentEmailBackend"
        app.config.setdefault("MAIL_BACKEND", "locmem" if app.testing else backend)
        mail_folder = os.path.join(os.path.dirname(app.root_path), "tmp", "mail")
        app.config.setdefault("MAIL_FILE_PATH", mail_folder)
{%- if cookiecutter.__jobs == "celery" %}
        # Sent by the request, not the worker: they arrive whether or not a worker runs
        # (the tests keep the worker's path, run eagerly).
        app.config["MAIL_BY_WORKER"] = app.testing
{%- endif %}
{%- endif %}

    register_hardening(app)
    register_extensions(app)
    register_blueprints(app)
    errors.init_app(app)
{%- if cookiecutter.use_admin %}
    register_commands(app)
{%- endif %}
    return app


def register_error_reporting(app: Flask) -> None:
    """Send unhandled errors to Sentry when SENTRY_DSN is set (off when it is not).

    sentry-sdk also reads SENTRY_ENVIRONMENT and SENTRY_RELEASE from the environment.
    Without SENTRY_DSN it is not even imported: a large package, slow to import.
    """
    if not app.config["SENTRY_DSN"]:
        return
    import sentry_sdk
{%- if cookiecutter.__jobs == "celery" %}
    from sentry_sdk.integrations.celery import CeleryIntegration
{%- endif %}
    from sentry_sdk.integrations.flask import FlaskIntegration
{%- if cookiecutter.__jobs == "celery" %}
    from sentry_sdk.integrations.redis import RedisIntegration
{%- endif %}

    sentry_sdk.init(
        dsn=app.config["SENTRY_DSN"],
        integrations=[FlaskIntegration(){% if cookiecutter.__jobs == "celery" %}, CeleryIntegration(), RedisIntegration(){% endif %}],
    )

    def tag_request_id() -> None:
        # An error report names the request's id (log.py's X-Request-ID), as its log lines do.
        sentry_sdk.set_tag("request_id", g.request_id)

    # After log.py's hook (registered first), which assigns the id.
    app.before_request(tag_request_id)
{%- if cookiecutter.use_auth %}


def auth_defaults() -> dict[str, Any]:
    """Accounts (Flask-Security-Too) and their mail (Flask-Mailman)."""
    return {
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        # Outgoing mail. Without FLASK_MAIL_SERVER, development prints emails on the
        # console; production refuses to start.
        "MAIL_SERVER": None,
        "MAIL_PORT": 587,
        "MAIL_USE_TLS": True,
        "MAIL_USE_SSL": False,
        "MAIL_USERNAME": None,
        "MAIL_PASSWORD": None,
        "MAIL_DEFAULT_SENDER": "noreply@localhost",
{%- if cookiecutter.__jobs == "celery" %}
        # Account emails are handed to a Celery task, retried while the server fails.
        "MAIL_BY_WORKER": True,
{%- endif %}
        "SECURITY_EMAIL_SENDER": "MAIL_DEFAULT_SENDER",
        # The account pages live under /auth.
        "SECURITY_URL_PREFIX": "/auth",
        "SECURITY_LOGIN_URL": "/login",
        "SECURITY_LOGOUT_URL": "/logout",
        "SECURITY_REGISTER_URL": "/register",
        "SECURITY_RESET_URL": "/reset",
        "SECURITY_CHANGE_URL": "/change",
        "SECURITY_CONFIRM_URL": "/confirm",
        "SECURITY_POST_LOGIN_VIEW": "/",
        "SECURITY_POST_LOGOUT_VIEW": "/",
        "SECURITY_LOGOUT_METHODS": ["POST"],
        # Another site cannot sign the user out either: logging out needs the CSRF token.
        "SECURITY_LOGOUT_CSRF": True,
        "SECURITY_REGISTERABLE": True,
        "SECURITY_RECOVERABLE": True,
        "SECURITY_CHANGEABLE": True,
        # An address must be confirmed (by the emailed link) before it can sign in.
        "SECURITY_CONFIRMABLE": True,
        "SECURITY_SEND_REGISTER_EMAIL": True,
        # Syntax only: the confirmation email proves the address (no DNS query per sign-up).
        "SECURITY_EMAIL_VALIDATOR_ARGS": {"check_deliverability": False},
        # The same answer whether an account exists or not (login, reset, confirm).
        "SECURITY_RETURN_GENERIC_RESPONSES": True,
        "SECURITY_PASSWORD_HASH": "argon2",
        # The HMAC key passwords are hashed with (FLASK_SECURITY_PASSWORD_SALT): a second
        # secret, kept out of the database. Required in production; never change it.
        "SECURITY_PASSWORD_SALT": None,
        "SECURITY_PASSWORD_LENGTH_MIN": 10,
        "SECURITY_RESET_PASSWORD_WITHIN": timedelta(hours=1),
        "SECURITY_CONFIRM_EMAIL_WITHIN": timedelta(days=3),
        # API tokens (Authentication-Token header) live a week; a password change ends them.
        "SECURITY_TOKEN_MAX_AGE": 7 * 24 * 3600,
        # Forms check the CSRF token; API calls are checked by their auth decorator, so a
        # token-authenticated script needs none and an anonymous write gets 401, not 400.
        "WTF_CSRF_CHECK_DEFAULT": False,
        "SECURITY_CSRF_PROTECT_MECHANISMS": ["session", "basic"],
        "SECURITY_CSRF_IGNORE_UNAUTH_ENDPOINTS": False,
        # Failed sign-ins allowed before 429 Too Many Requests (Flask-Limiter syntax).
        "LOGIN_LIMIT_PER_ACCOUNT": "5 per 15 minutes",
        "LOGIN_LIMIT_PER_ADDRESS": "20 per 15 minutes",
    }
{%- endif %}


def register_hardening(app: Flask) -> None:
    """Proxy headers, trusted hosts and the security headers of production."""
    if app.config["PROXIES"]:
        # Trust X-Forwarded-For and -Proto from exactly this many proxies, no more.
        proxies = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    trusted = app.config["TRUSTED_HOSTS"]
    if trusted:
        app.wsgi_app = config.HealthProbeHost(app.wsgi_app, trusted[0])  # type: ignore[method-assign]

    from .extensions import talisman

    production = not config.is_development(app)
    if production:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    talisman.init_app(
        app,
        force_https=production and app.config["FORCE_HTTPS"],
        session_cookie_secure=production,
        frame_options="DENY",
        content_security_policy=config.CONTENT_SECURITY_POLICY,
        content_security_policy_nonce_in=["script-src"],
        referrer_policy="same-origin",
    )


def register_extensions(app: Flask) -> None:
    """Bind the extensions created in extensions.py to this application."""
    from . import extensions

    extensions.cache.init_app(app)
{%- if cookiecutter.use_orm %}
    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db)
    extensions.csrf.init_app(app)
{%- endif %}
{%- if cookiecutter.use_auth or cookiecutter.use_api %}
    extensions.limiter.init_app(app)
{%- endif %}
{%- if cookiecutter.use_auth %}
    extensions.mail.init_app(app)
{%- endif %}
{%- if cookiecutter.use_api %}
    extensions.api.init_app(app)
{%- endif %}
{%- if cookiecutter.__jobs == "celery" %}
    extensions.celery_init_app(app)
{%- endif %}


def register_blueprints(app: Flask) -> None:
    """Import each feature's blueprint and register it."""
    {%- set modules = [] %}
    {%- if cookiecutter.use_admin %}{% set _ = modules.append("admin") %}{% endif %}
    {%- if cookiecutter.use_async %}{% set _ = modules.append("aio") %}{% endif %}
    {%- if cookiecutter.use_auth %}{% set _ = modules.append("auth") %}{% endif %}
    {%- set _ = modules.extend(["health", "main"]) %}
    {%- if cookiecutter.use_orm %}{% set _ = modules.append("notes") %}{% endif %}
{%- if cookiecutter.use_api %}
    from flask import Blueprint
    from swagger_ui_bundle import swagger_ui_path
{% endif %}
    from . import {{ modules | join(", ") }}
{%- if cookiecutter.use_api %}
    from .api import api_rate_limit
    from .api import blueprints as api_blueprints
    from .extensions import api{% if cookiecutter.use_orm and not cookiecutter.use_auth %}, csrf{% endif %}, limiter
{%- endif %}

    app.register_blueprint(main.bp)
    app.register_blueprint(health.bp)
{%- if cookiecutter.use_orm %}
    app.register_blueprint(notes.bp)
{%- endif %}
{%- if cookiecutter.use_auth %}
    auth.init_app(app)
{%- endif %}
{%- if cookiecutter.use_async %}
    app.register_blueprint(aio.bp)
{%- endif %}
{%- if cookiecutter.use_admin %}
    admin.init_app(app)
{%- endif %}
{%- if cookiecutter.use_api %}
    api_assets = Blueprint(
        "api_assets", __name__, static_folder=swagger_ui_path, static_url_path="/api/docs/assets"
    )
    app.register_blueprint(api_assets)
    for blueprint in api_blueprints:
        limiter.limit(api_rate_limit)(blueprint)
        api.register_blueprint(blueprint)
{%- if cookiecutter.use_orm and not cookiecutter.use_auth %}
        # No user sessions to protect: API clients post JSON without a CSRF token.
        csrf.exempt(blueprint)
{%- endif %}
{%- endif %}
{%- if cookiecutter.use_admin %}


def register_commands(app: Flask) -> None:
    """Add the project's commands to the flask command line."""
    from . import commands

    app.cli.add_command(commands.create_admin)
{%- endif %}
