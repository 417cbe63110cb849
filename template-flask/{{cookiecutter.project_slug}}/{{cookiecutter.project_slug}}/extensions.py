"""Extensions, created here without an application and bound in create_app() with init_app.

Keeping them unbound lets every test build its own app from the factory, and lets any
module import ``db`` and friends without importing the application.
"""

from __future__ import annotations

{% if cookiecutter.use_orm %}import sqlite3
from typing import TYPE_CHECKING, Any

{% endif %}{% if cookiecutter.__jobs == "celery" %}from celery import Celery, Task
{% endif %}{% if cookiecutter.__jobs == "celery" and cookiecutter.use_admin %}from flask import Flask, request
{% elif cookiecutter.__jobs == "celery" %}from flask import Flask
{% elif cookiecutter.use_admin %}from flask import request
{% endif %}{% if cookiecutter.use_admin %}from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme
{% endif %}from flask_caching import Cache
{% if cookiecutter.use_auth or cookiecutter.use_api %}from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
{% endif %}{% if cookiecutter.use_auth %}from flask_mailman import Mail
{% endif %}{% if cookiecutter.use_orm %}from flask_migrate import Migrate
{% endif %}{% if cookiecutter.use_auth %}from flask_security import Security
{% endif %}{% if cookiecutter.use_api %}from flask_smorest import Api
{% endif %}{% if cookiecutter.use_orm %}from flask_sqlalchemy import SQLAlchemy
{% endif %}from flask_talisman import Talisman
{% if cookiecutter.use_orm %}from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Engine, MetaData, event
from sqlalchemy.orm import DeclarativeBase
{% endif %}{% if cookiecutter.use_auth %}
from .mail import ProjectMailUtil
{% endif %}{% if cookiecutter.use_orm %}

class Base(DeclarativeBase):
    """Base class of the models; constraint names stay stable across databases and migrations."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


db = SQLAlchemy(model_class=Base)
if TYPE_CHECKING:
    # db.Model is made from Base at run time, where mypy cannot follow: the models'
    # types are checked as Base's (their columns, relationships and queries alike).
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
csrf = CSRFProtect()


@event.listens_for(Engine, "connect")
def sqlite_settings(connection: Any, record: Any) -> None:
    """SQLite under several worker processes: readers never block the writer (WAL), a writer
    waits up to 5 s for another instead of failing, and foreign keys are enforced."""
    if isinstance(connection, sqlite3.Connection):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
{%- endif %}
{% if cookiecutter.use_orm %}

{% endif %}# Security headers, HTTPS and cookie flags (see register_hardening in __init__.py).
talisman = Talisman()
# The cache: CACHE_TYPE says where it lives ({% if cookiecutter.__jobs == "celery" %}Redis, shared by every process{% else %}per process{% endif %}).
cache = Cache()
{%- if cookiecutter.use_auth or cookiecutter.use_api %}
# Rate limits; RATELIMIT_STORAGE_URI says where the counters live.
limiter = Limiter(key_func=get_remote_address)
{%- endif %}
{%- if cookiecutter.use_auth %}
# Accounts: sign-up with a confirmed email, sign-in, reset, change, API tokens.
security = Security(mail_util_cls=ProjectMailUtil)
mail = Mail()
{%- endif %}
{%- if cookiecutter.use_admin %}

admin = Admin(
    name={{ pystr(cookiecutter.project_name) }},
    # Its Bootstrap theme, in templates/admin/site.html: the site's name, a link back, sign-out.
    theme=Bootstrap4Theme(base_template="admin/site.html"),
    # Flask-Admin's inline scripts carry the nonce that the Content-Security-Policy allows.
    csp_nonce_generator=lambda: getattr(request, "csp_nonce", ""),
)
{%- endif %}
{%- if cookiecutter.use_api %}
api = Api()
{%- endif %}
{%- if cookiecutter.__jobs == "celery" %}


def celery_init_app(app: Flask) -> Celery:
    """Create the Celery app from the CELERY config and run every task in an app context."""

    class FlaskTask(Task):
        def __call__(self, *args: object, **kwargs: object) -> object:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(app.config["CELERY"])
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app
{%- endif %}
