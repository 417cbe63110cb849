{%- import "ops/stack.jinja" as ops with context -%}
"""Fixtures: an application per test from the factory, its test client and CLI runner.
{%- if cookiecutter.use_orm %}

The database is TEST_DATABASE_URL when it is set (CI points it at a real server), else a
SQLite file in the test's temporary folder. The tables are created before each test and
dropped after it, so a shared database stays clean.
{%- endif %}

CSRF protection stays on, as in production: the helpers below post forms the way a
browser does, with the token the page gave.
"""

from __future__ import annotations

{% if cookiecutter.use_orm or ops.redis %}import os
{% endif %}import re
{%- if cookiecutter.deploy == "kubernetes" and (cookiecutter.use_auth or cookiecutter.use_api) %}
import uuid
{%- endif %}
{%- if cookiecutter.use_orm %}
from collections.abc import Iterator
from pathlib import Path
{%- endif %}
from typing import Any

import pytest
{%- if ops.redis %}
import redis
{%- endif %}
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from werkzeug.test import TestResponse

from {{ cookiecutter.project_slug }} import {% if cookiecutter.use_orm %}config, {% endif %}create_app
{%- if cookiecutter.use_auth %}
from {{ cookiecutter.project_slug }}.auth import datastore
{%- endif %}
{%- if cookiecutter.use_orm %}
from {{ cookiecutter.project_slug }}.extensions import db
{%- endif %}
{%- if cookiecutter.use_auth %}
from {{ cookiecutter.project_slug }}.models import User

from .factories import PASSWORD, UserFactory
{%- endif %}

SECRET = "a-test-secret-key-that-is-long-enough-1234"
{%- if cookiecutter.use_orm %}


def database_url(tmp_path: Path) -> str:
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    return config.database_url(url)
{%- endif %}


def make_app({% if cookiecutter.use_orm %}tmp_path: Path, {% endif %}**settings: Any) -> Flask:
    """An application in testing mode; ``settings`` override its configuration."""
    app = create_app(
        {
            "TESTING": True,
            "PRODUCTION": False,
            "SECRET_KEY": SECRET,
{%- if cookiecutter.use_orm %}
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
{%- endif %}
{%- if cookiecutter.use_auth %}
            # No hashing cost: the tests make many accounts (production and test_auth's
            # timing test use argon2).
            "SECURITY_PASSWORD_HASH": "plaintext",
{%- endif %}
{%- if cookiecutter.use_auth or cookiecutter.use_api %}
            # Each test starts with empty rate limit counters.
            "RATELIMIT_STORAGE_URI": "memory://",
{%- endif %}
            # No error reports from the tests, even with SENTRY_DSN in the environment.
            "SENTRY_DSN": None,
            **settings,
        }
    )
{%- if cookiecutter.__jobs == "celery" %}
    # Tasks run in the test's process; test_tasks.py's worker fixture turns this off.
    app.extensions["celery"].conf.task_always_eager = True
{%- endif %}
    return app


PRODUCTION_ENV = {
    "FLASK_SECRET_KEY": SECRET,
    "FLASK_TRUSTED_HOSTS": "example.com,www.example.com",
    "FLASK_PROXIES": "1",
{%- if cookiecutter.use_auth %}
    "FLASK_MAIL_SERVER": "smtp.example.com",
    "FLASK_MAIL_DEFAULT_SENDER": "noreply@mysite.test",
    "FLASK_SECURITY_PASSWORD_SALT": "a-test-pepper-0123456789",
{%- endif %}
{%- if cookiecutter.deploy == "kubernetes" %}
    # Production on Kubernetes requires Redis (the production fixture gives each test its own keys).
{%- if cookiecutter.use_orm %}
    # And DATABASE_URL (the production fixture gives each test its own file).
    "DATABASE_URL": "sqlite://",
{%- endif %}
    "FLASK_CACHE_REDIS_URL": "{{ ops.redis_url('cache', '127.0.0.1') }}",
{%- if cookiecutter.use_auth or cookiecutter.use_api %}
    "FLASK_RATELIMIT_STORAGE_URI": "{{ ops.redis_url('limits', '127.0.0.1') }}",
{%- endif %}
{%- elif cookiecutter.use_auth or cookiecutter.use_api %}
    # Each test starts with empty rate limit counters, without a Redis server.
    "FLASK_RATELIMIT_STORAGE_URI": "memory://",
{%- endif %}
}
HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch{% if cookiecutter.use_orm %}, tmp_path: Path{% endif %}) -> Flask:
    """The application as gunicorn serves it: production configuration from the environment."""
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
{%- if cookiecutter.deploy == "kubernetes" and (cookiecutter.use_auth or cookiecutter.use_api) %}
    # Empty rate limit counters for each test, in the shared Redis.
    monkeypatch.setenv("FLASK_RATELIMIT_KEY_PREFIX", uuid.uuid4().hex)
{%- endif %}
{%- if cookiecutter.use_orm %}
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'production.sqlite3'}")
{%- endif %}
    app = create_app()
    assert not app.debug
    assert not app.testing
    return app


@pytest.fixture
def app_settings() -> dict[str, Any]:
    """Configuration the ``app`` of a test module differs by: override this fixture there."""
    return {}


@pytest.fixture
def app({% if cookiecutter.use_orm %}tmp_path: Path, {% endif %}app_settings: dict[str, Any]) -> {% if cookiecutter.use_orm %}Iterator[Flask]{% else %}Flask{% endif %}:
    app = make_app({% if cookiecutter.use_orm %}tmp_path, {% endif %}**app_settings)
{%- if cookiecutter.use_orm %}
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
{%- else %}
    return app
{%- endif %}


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


{%- if ops.redis %}


def redis_answers(url: str) -> bool:
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        return bool(client.ping())
    except redis.exceptions.ConnectionError:
        return False
    finally:
        client.close()


@pytest.fixture
def redis_up(app: Flask) -> None:
    """Skip when Redis does not answer, except in CI (the CI variable is set): fail there."""
    url = app.config["CACHE_REDIS_URL"]
    if not redis_answers(url):
        message = f"Redis does not answer at {url}: start it, or set FLASK_CACHE_REDIS_URL."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
{%- endif %}


def csrf_token(client: FlaskClient, url: str) -> str:
    """The CSRF token of the form on the page at ``url`` (as a browser would read it)."""
    page = client.get(url, follow_redirects=True).text
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert match, f"no CSRF token in the form at {url}"
    return match.group(1)


def post_form(
    client: FlaskClient, url: str, data: dict[str, Any], page: str | None = None, **kwargs: Any
) -> TestResponse:
    """Post ``data`` to ``url`` with the CSRF token of the form on ``page`` (default: url)."""
    token = csrf_token(client, page or url)
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)
{%- if cookiecutter.use_auth %}


class AuthActions:
    """Create accounts and sign in or out through the real views."""

    def __init__(self, app: Flask, client: FlaskClient) -> None:
        self._app = app
        self._client = client

    def create_user(
        self,
        email: str = "ada@example.com",
        password: str = PASSWORD,
        *,
        confirmed: bool = True,
{%- if cookiecutter.use_admin %}
        is_admin: bool = False,
{%- endif %}
    ) -> int:
        from flask_security import hash_password

        with self._app.app_context():
            extra = {} if confirmed else {"confirmed_at": None}
            user: User = UserFactory.create(
                email=email,
                password=hash_password(password),
{%- if cookiecutter.use_admin %}
                is_admin=is_admin,
{%- endif %}
                **extra,
            )
            return user.id

    def login(
        self,
        email: str = "ada@example.com",
        password: str = PASSWORD,
        client: FlaskClient | None = None,
        **extra: str,
    ) -> TestResponse:
        data = {"email": email, "password": password, **extra}
        return post_form(client or self._client, "/auth/login", data)

    def logout(self, client: FlaskClient | None = None) -> TestResponse:
        client = client or self._client
        return post_form(client, "/auth/logout", {}, page="/")

    def user(self, email: str = "ada@example.com") -> User | None:
        with self._app.app_context():
            user = datastore.find_user(case_insensitive=True, email=email)
            assert user is None or isinstance(user, User)
            return user


@pytest.fixture
def auth(app: Flask, client: FlaskClient) -> AuthActions:
    return AuthActions(app, client)


@pytest.fixture
def logged_in(auth: AuthActions) -> None:
    """The client is signed in as an ordinary user (notes belong to accounts)."""
    auth.create_user()
    response = auth.login()
    assert response.status_code == 302, response.text


@pytest.fixture
def outbox(app: Flask) -> list[Any]:
    """The emails the app sent during the test (Flask-Mailman's test backend)."""
    mail = app.extensions["mailman"]
    outbox: list[Any] = []
    mail.outbox = outbox
    return outbox
{%- endif %}
