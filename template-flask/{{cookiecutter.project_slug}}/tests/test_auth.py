from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }}.auth import reset_token
from {{ cookiecutter.project_slug }}.extensions import db
from {{ cookiecutter.project_slug }}.models import User

from .conftest import AuthActions


def get_user(app: Flask, email: str = "ada@example.com") -> User | None:
    with app.app_context():
        return db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none()


def test_register(app: Flask, client: FlaskClient) -> None:
    assert client.get("/auth/register").status_code == 200
    response = client.post(
        "/auth/register",
        data={"email": "Ada@Example.com", "password": "correct horse", "confirm": "correct horse"},
    )
    assert response.headers["Location"] == "/"
    user = get_user(app)
    assert user is not None
    assert user.password_hash != "correct horse"
    assert user.check_password("correct horse")
    assert "ada@example.com" in client.get("/").text


@pytest.mark.parametrize(
    ("email", "password", "confirm", "message"),
    [
        ("", "correct horse", "correct horse", "This field is required."),
        ("not-an-address", "correct horse", "correct horse", "Invalid email address."),
        ("ada@example.com", "short", "short", "Use 8 to 128 characters."),
        ("ada@example.com", "correct horse", "battery staple", "Passwords differ."),
        ("taken@example.com", "correct horse", "correct horse", "exists already"),
    ],
)
def test_register_validates(
    client: FlaskClient, auth: AuthActions, email: str, password: str, confirm: str, message: str
) -> None:
    auth.create_user("taken@example.com")
    response = client.post(
        "/auth/register", data={"email": email, "password": password, "confirm": confirm}
    )
    assert response.status_code == 200
    assert message in response.text


def test_login_and_logout(client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user()
    assert client.get("/auth/login").status_code == 200
    response = auth.login()
    assert response.headers["Location"] == "/"
    assert client.get("/auth/account").status_code == 200
    auth.logout()
    assert client.get("/auth/account").status_code == 302


@pytest.mark.parametrize(
    ("email", "password"), [("nobody@example.com", "correct horse"), ("ada@example.com", "wrong")]
)
def test_login_rejects_bad_credentials(
    client: FlaskClient, auth: AuthActions, email: str, password: str
) -> None:
    auth.create_user()
    response = auth.login(email, password)
    assert response.status_code == 200
    assert "Wrong email or password." in response.text


@pytest.mark.parametrize(
    ("target", "expected"),
    [("/notes/", "/notes/"), ("https://evil.example/", "/"), ("//evil.example/", "/")],
)
def test_login_follows_next_only_on_this_site(
    client: FlaskClient, auth: AuthActions, target: str, expected: str
) -> None:
    auth.create_user()
    response = client.post(
        "/auth/login",
        query_string={"next": target},
        data={"email": "ada@example.com", "password": "correct horse"},
    )
    assert response.headers["Location"] == expected


def test_password_reset(
    app: Flask, client: FlaskClient, auth: AuthActions, caplog: pytest.LogCaptureFixture
) -> None:
    auth.create_user()
    response = client.post("/auth/reset", data={"email": "ada@example.com"})
    assert response.headers["Location"] == "/auth/login"
    # Without MAIL_SERVER the email goes to the log: the link is in it.
    assert "/auth/reset/" in caplog.text
    link = caplog.text.split("http://localhost", 1)[1].split()[0]

    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": "new password", "confirm": "new password"})
    assert response.headers["Location"] == "/auth/login"
    user = get_user(app)
    assert user is not None
    assert user.check_password("new password")
    # The link works once: the password it was made for has changed.
    assert client.get(link).headers["Location"] == "/auth/reset"


def test_password_reset_does_not_reveal_accounts(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    response = client.post(
        "/auth/reset", data={"email": "nobody@example.com"}, follow_redirects=True
    )
    assert "If an account has this address" in response.text
    assert "/auth/reset/" not in caplog.text


def test_password_reset_rejects_bad_tokens(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    auth.create_user()
    assert client.get("/auth/reset/not-a-token").headers["Location"] == "/auth/reset"
    with app.app_context():
        user = get_user(app)
        assert user is not None
        app.config["PASSWORD_RESET_MAX_AGE"] = -1
        token = reset_token(user)
    assert client.get(f"/auth/reset/{token}").headers["Location"] == "/auth/reset"
