"""The application factory of {{ cookiecutter.project_name|pydoc }}.

Run it with ``flask --app {{ cookiecutter.project_slug }} run --debug`` and serve it with
``gunicorn "{{ cookiecutter.project_slug }}:create_app()"``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, g
from flask.json.provider import DefaultJSONProvider
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config, errors, log


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure an instance of the application."""
    app = Flask(__name__, instance_relative_config=True)
    # Hostile JSON answers 400 (Flask-Security builds its own provider on this class).
    app.json_provider_class = JSONProvider
    app.json = JSONProvider(app)
    os.makedirs(app.instance_path, exist_ok=True)

    app.config.from_object(config.Config)
    app.config.from_prefixed_env()
    config.keep_text(app)
    if test_config is not None:
        app.config.from_mapping(test_config)
    config.finish(app)
    config.check_production(app)
    log.configure(app)
    log.init_app(app)
    register_error_reporting(app)

    register_hardening(app)
    register_extensions(app)
    register_blueprints(app)
    errors.init_app(app)
{%- if cookiecutter.use_admin %}
    register_commands(app)
{%- endif %}
    return app


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, where a body nested too deeply to parse is bad JSON (400), not a crash (500)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError as err:
            raise ValueError("JSON nested too deeply") from err


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

    production = bool(app.config["PRODUCTION"])
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
        strict_transport_security_max_age=app.config["HSTS_SECONDS"],
        strict_transport_security_include_subdomains=app.config["HSTS_INCLUDE_SUBDOMAINS"],
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
{%- if cookiecutter.use_admin %}
    admin.init_app(app)
{%- endif %}
{%- if cookiecutter.use_api %}
    api_assets = Blueprint("api_assets", __name__, static_folder=swagger_ui_path, static_url_path="/api/docs/assets")
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
