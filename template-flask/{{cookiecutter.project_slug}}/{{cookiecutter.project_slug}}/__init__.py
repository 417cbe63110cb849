"""The application factory of {{ cookiecutter.project_name|pydoc }}.

Run it with ``flask --app {{ cookiecutter.project_slug }} run --debug`` and serve it with
``gunicorn "{{ cookiecutter.project_slug }}:create_app()"``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure an instance of the application."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)

    app.config.from_mapping(
        # Set FLASK_SECRET_KEY in the environment; see .env.example.
        SECRET_KEY=None,
{%- if cookiecutter.use_orm %}
        # SQLite in the instance folder unless DATABASE_URL points elsewhere.
        SQLALCHEMY_DATABASE_URI=os.environ.get(
            "DATABASE_URL",
            "sqlite:///" + os.path.join(app.instance_path, f"{app.name}.sqlite3"),
        ),
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
{%- endif %}
{%- if cookiecutter.use_auth %}
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SAMESITE="Lax",
        # Password reset mails go through this SMTP server; without one they are logged.
        MAIL_SERVER=None,
        MAIL_PORT=587,
        MAIL_USERNAME=None,
        MAIL_PASSWORD=None,
        MAIL_SENDER="noreply@localhost",
        PASSWORD_RESET_MAX_AGE=3600,
        # Werkzeug's default, deliberately slow; the tests choose a fast one.
        PASSWORD_HASH_METHOD="scrypt",
{%- endif %}
{%- if cookiecutter.use_api %}
        API_TITLE={{ pystr(cookiecutter.project_name ~ " API") }},
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        OPENAPI_SWAGGER_UI_URL="https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
{%- endif %}
{%- if cookiecutter.use_celery %}
        CELERY={
            "broker_url": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"),
            "result_backend": os.environ.get("CELERY_RESULT_BACKEND", "redis://127.0.0.1:6379/0"),
            "task_ignore_result": True,
            "imports": ["{{ cookiecutter.project_slug }}.tasks"],
            "broker_connection_retry_on_startup": True,
        },
{%- endif %}
    )
    # FLASK_* environment variables override the defaults: FLASK_SECRET_KEY, FLASK_DEBUG...
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.from_mapping(test_config)

    if not app.config["SECRET_KEY"]:
        if not (app.debug or app.testing):
            raise RuntimeError(
                "FLASK_SECRET_KEY is not set. Production needs its own secret key: set "
                "FLASK_SECRET_KEY in the environment (see .env.example), or run the "
                f"development server with 'flask --app {app.name} run --debug'."
            )
        app.config["SECRET_KEY"] = "dev"

    register_extensions(app)
    register_blueprints(app)
{%- if cookiecutter.use_admin %}
    register_commands(app)
{%- endif %}
    return app


def register_extensions(app: Flask) -> None:
    """Bind the extensions created in extensions.py to this application."""
{%- if cookiecutter.use_orm or cookiecutter.use_api or cookiecutter.use_celery %}
    from . import extensions
{% endif %}
{%- if cookiecutter.use_orm %}
    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db)
    extensions.csrf.init_app(app)
{%- endif %}
{%- if cookiecutter.use_auth %}
    extensions.login_manager.init_app(app)
{%- endif %}
{%- if cookiecutter.use_api %}
    extensions.api.init_app(app)
{%- endif %}
{%- if cookiecutter.use_celery %}
    extensions.celery_init_app(app)
{%- endif %}
{%- if not (cookiecutter.use_orm or cookiecutter.use_api or cookiecutter.use_celery) %}
    # None yet: create them unbound in extensions.py and call their init_app here.
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
    from flask import request
    from werkzeug.exceptions import HTTPException
{% endif %}
    from . import {{ modules | join(", ") }}
{%- if cookiecutter.use_api %}
    from .api import blueprints as api_blueprints
    from .extensions import api{% if cookiecutter.use_orm and not cookiecutter.use_auth %}, csrf{% endif %}
{%- endif %}

    app.register_blueprint(main.bp)
    app.register_blueprint(health.bp)
{%- if cookiecutter.use_orm %}
    app.register_blueprint(notes.bp)
{%- endif %}
{%- if cookiecutter.use_auth %}
    app.register_blueprint(auth.bp)
{%- endif %}
{%- if cookiecutter.use_async %}
    app.register_blueprint(aio.bp)
{%- endif %}
{%- if cookiecutter.use_admin %}
    admin.init_app(app)
{%- endif %}
{%- if cookiecutter.use_api %}
    for blueprint in api_blueprints:
        api.register_blueprint(blueprint)
{%- if cookiecutter.use_orm and not cookiecutter.use_auth %}
        # No user sessions to protect: API clients post JSON without a CSRF token.
        csrf.exempt(blueprint)
{%- endif %}

    # flask-smorest answers every HTTP error of the app in JSON: keep that for the API
    # and Flask's own error pages for the site.
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> object:
        if request.path.startswith("/api/"):
            return api.handle_http_exception(error)
        return error
{%- endif %}
{%- if cookiecutter.use_admin %}


def register_commands(app: Flask) -> None:
    """Add the project's commands to the flask command line."""
    from . import commands

    app.cli.add_command(commands.create_admin)
{%- endif %}
