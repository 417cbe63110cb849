"""Fixtures: an application per test from the factory, its test client and CLI runner.
{%- if cookiecutter.use_orm %}

The database is TEST_DATABASE_URL when it is set (CI points it at a real server), else a
SQLite file in the test's temporary folder. The tables are created before each test and
dropped after it, so a shared database stays clean.
{% endif %}"""

from __future__ import annotations

{% if cookiecutter.use_orm %}import os
from collections.abc import Iterator
from pathlib import Path

{% endif %}import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from {{ cookiecutter.project_slug }} import create_app
{%- if cookiecutter.use_orm %}
from {{ cookiecutter.project_slug }}.extensions import db
{%- endif %}
{%- if cookiecutter.use_auth %}
from {{ cookiecutter.project_slug }}.models import User
{%- endif %}
{%- if cookiecutter.use_orm %}


def database_url(tmp_path: Path) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"
{%- endif %}


@pytest.fixture
def app({% if cookiecutter.use_orm %}tmp_path: Path{% endif %}) -> {% if cookiecutter.use_orm %}Iterator[Flask]{% else %}Flask{% endif %}:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
{%- if cookiecutter.use_orm %}
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
            # Forms are tested without tokens; test_csrf_is_enforced checks the protection.
            "WTF_CSRF_ENABLED": False,
{%- endif %}
{%- if cookiecutter.use_auth %}
            # A fast hash: the tests create many accounts; production keeps scrypt.
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
{%- endif %}
        }
    )
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
{%- if cookiecutter.use_auth %}


class AuthActions:
    """Create accounts and log in or out through the real views."""

    def __init__(self, app: Flask, client: FlaskClient) -> None:
        self._app = app
        self._client = client

    def create_user(
        self,
        email: str = "ada@example.com",
        password: str = "correct horse",
{%- if cookiecutter.use_admin %}
        *,
        is_admin: bool = False,
{%- endif %}
    ) -> None:
        with self._app.app_context():
            user = User(email=email{% if cookiecutter.use_admin %}, is_admin=is_admin{% endif %})
            user.set_password(password)
            db.session.add(user)
            db.session.commit()

    def login(self, email: str = "ada@example.com", password: str = "correct horse"):
        return self._client.post("/auth/login", data={"email": email, "password": password})

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(app: Flask, client: FlaskClient) -> AuthActions:
    return AuthActions(app, client)


@pytest.fixture
def logged_in(auth: AuthActions) -> None:
    """The client is logged in as an ordinary user (writing notes needs an account)."""
    auth.create_user()
    auth.login()
{%- endif %}
