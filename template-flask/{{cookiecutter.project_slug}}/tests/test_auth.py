"""Accounts, and the attacks tried first on them: each test performs the attack."""

from __future__ import annotations

import re
import time
from typing import Any
from unittest import mock

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }}.extensions import db

from .conftest import AuthActions, csrf_token, post_form
from .factories import PASSWORD


def link_in(message: Any, path: str) -> str:
    """The path of the first link to ``path`` in an email; its host must be the site's."""
    match = re.search(r"https?://([^/\s]+)(" + re.escape(path) + r"[^\s\"<]+)", message.body)
    assert match, message.body
    assert match.group(1) == "localhost", f"link to another host: {match.group(0)}"
    return match.group(2)


def register(client: FlaskClient, email: str, password: str = PASSWORD) -> Any:
    data = {"email": email, "password": password, "password_confirm": password}
    return post_form(client, "/auth/register", data)


def signed_in(client: FlaskClient) -> bool:
    return client.get("/auth/account").status_code == 200


def test_register_confirm_then_sign_in(client: FlaskClient, auth: AuthActions, outbox: list[Any]) -> None:
    response = register(client, "Ada@Example.com")
    assert response.status_code == 302
    user = auth.user("ada@example.com")
    assert user is not None
    assert user.confirmed_at is None
    # Attack: sign in with an address nobody confirmed.
    assert not signed_in(client)
    assert auth.login("ada@example.com").status_code == 200
    assert not signed_in(client)

    assert len(outbox) == 1
    # From the site's address (FLASK_MAIL_DEFAULT_SENDER), as every account email.
    assert outbox[0].from_email == client.application.config["MAIL_DEFAULT_SENDER"] == "noreply@localhost"
    client.get(link_in(outbox[0], "/auth/confirm/"))
    assert auth.login("ada@example.com").status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("email", ["", "   ", "not-an-address"])
def test_register_refuses_blank_and_invalid_emails(app: Flask, client: FlaskClient, email: str) -> None:
    response = register(client, email)
    assert response.status_code == 200  # the form again, with the error
    assert count_users(app) == 0


def test_register_with_a_taken_email_reveals_nothing(
    app: Flask, client: FlaskClient, auth: AuthActions, outbox: list[Any]
) -> None:
    auth.create_user("taken@example.com")
    fresh = register(app.test_client(), "new@example.com")
    taken = register(client, "TAKEN@example.com")
    # The same answer as a new sign-up; no second account; the owner is told by email.
    assert taken.status_code == fresh.status_code
    assert taken.headers.get("Location") == fresh.headers.get("Location")
    assert count_users(app) == 2
    assert [m.to for m in outbox] == [["new@example.com"], ["taken@example.com"]]


def count_users(app: Flask) -> int:
    from {{ cookiecutter.project_slug }}.models import User

    with app.app_context():
        count: int = db.session.execute(db.select(db.func.count(User.id))).scalar_one()
        return count


def test_sign_in_and_out(client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user()
    assert client.get("/auth/login").status_code == 200
    response = auth.login()
    assert response.headers["Location"] == "/"
    assert signed_in(client)
    auth.logout()
    assert not signed_in(client)


def test_sign_out_needs_the_csrf_token(client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user()
    auth.login()
    client.post("/auth/logout")
    assert signed_in(client)
    auth.logout()
    assert not signed_in(client)


def test_sign_in_form_needs_the_csrf_token(client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user()
    response = client.post("/auth/login", data={"email": "ada@example.com", "password": PASSWORD})
    assert response.status_code != 302
    assert not signed_in(client)


def test_failures_do_not_reveal_accounts(client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user()
    known = auth.login("ada@example.com", "wrong password")
    unknown = auth.login("nobody@example.com", "wrong password")
    assert known.status_code == unknown.status_code == 200
    for page in (known.text, unknown.text):
        assert "Invalid" in page or "invalid" in page
        assert "does not exist" not in page
        assert "ada@example.com" not in page.replace('value="ada@example.com"', "")


def test_unknown_accounts_take_as_long_as_known_ones(tmp_path: Any, auth: AuthActions, app: Flask) -> None:
    from .conftest import make_app

    slow = make_app(tmp_path, SECURITY_PASSWORD_HASH="argon2", SECURITY_PASSWORD_SALT="a-test-pepper")
    client = slow.test_client()
    auth.create_user()  # same database, hashed with the fast test hash: verify costs little
    with slow.app_context():
        from flask_security import hash_password

        from {{ cookiecutter.project_slug }}.auth import datastore

        user = datastore.find_user(email="ada@example.com")
        user.password = hash_password(PASSWORD)
        db.session.commit()

    def timed(email: str) -> float:
        started = time.perf_counter()
        post_form(client, "/auth/login", {"email": email, "password": "wrong password"})
        return time.perf_counter() - started

    # Interleaved, so that a busy machine slows both alike; the fastest of each is compared.
    rounds = [(timed("ada@example.com"), timed("nobody@example.com")) for _ in range(3)]
    known = min(pair[0] for pair in rounds)
    unknown = min(pair[1] for pair in rounds)
    # Both pay for one password hash; an unknown address is not answered sooner.
    assert unknown > known * 0.5, (known, unknown)
    with slow.app_context():
        db.engine.dispose()


def test_failed_sign_ins_are_limited_per_account(client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user()
    for _ in range(5):
        assert auth.login("ada@example.com", "guess").status_code == 200
    assert auth.login("ada@example.com", "guess").status_code == 429
    # Even the right password waits now: the attacker cannot tell it was right.
    assert auth.login("ada@example.com", PASSWORD).status_code == 429


def test_failed_sign_ins_are_limited_per_address(client: FlaskClient, auth: AuthActions) -> None:
    codes = [auth.login(f"user{n}@example.com", "guess").status_code for n in range(21)]
    assert codes[:20] == [200] * 20
    assert codes[20] == 429


def test_successful_sign_ins_are_not_counted(client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user()
    for _ in range(7):
        assert auth.login().status_code == 302
        auth.logout()


def test_reset_ends_every_session_and_remember_cookie(
    app: Flask, client: FlaskClient, auth: AuthActions, outbox: list[Any]
) -> None:
    auth.create_user()
    other = app.test_client()
    assert auth.login(client=other).status_code == 302
    remembered = app.test_client()
    assert auth.login(client=remembered, remember="y").status_code == 302
    remembered.delete_cookie("session")  # a browser restart: only the remember cookie is left
    assert signed_in(other)
    assert signed_in(remembered)

    assert post_form(client, "/auth/reset", {"email": "ada@example.com"}).status_code == 200
    assert len(outbox) == 1
    link = link_in(outbox[0], "/auth/reset/")
    new = "a brand new password"
    response = post_form(client, link, {"password": new, "password_confirm": new})
    assert response.status_code == 302

    assert not signed_in(other)
    remembered.delete_cookie("session")
    assert not signed_in(remembered)
    assert auth.login(password=new).status_code == 302
    # The link works once.
    assert "/auth/reset/" not in client.get(link, follow_redirects=True).request.path


def test_password_change_ends_other_sessions(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user()
    other = app.test_client()
    auth.login(client=other)
    auth.login()
    new = "a brand new password"
    data = {"password": PASSWORD, "new_password": new, "new_password_confirm": new}
    assert post_form(client, "/auth/change", data).status_code == 302
    assert signed_in(client)
    assert not signed_in(other)


def test_reset_answers_the_same_for_unknown_addresses(
    client: FlaskClient, auth: AuthActions, outbox: list[Any]
) -> None:
    auth.create_user()
    known = post_form(client, "/auth/reset", {"email": "ada@example.com"})
    unknown = post_form(client, "/auth/reset", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 200
    assert same_page(known.text, unknown.text)
    assert len(outbox) == 1


def test_reset_takes_as_long_for_unknown_addresses(client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user()

    def timed(email: str) -> float:
        token = csrf_token(client, "/auth/reset")
        started = time.perf_counter()
        client.post("/auth/reset", data={"email": email, "csrf_token": token})
        return time.perf_counter() - started

    # Attack: time the answers. Interleaved, the fastest of each compared.
    rounds = [(timed("ada@example.com"), timed("nobody@example.com")) for _ in range(3)]
    known = min(pair[0] for pair in rounds)
    unknown = min(pair[1] for pair in rounds)
    assert known < unknown * 3 + 0.05, (known, unknown)


def same_page(known: str, unknown: str) -> bool:
    """The two answers differ only by the address typed in (and the CSRF token)."""

    def normalise(page: str) -> str:
        page = page.replace("ada@example.com", "X").replace("nobody@example.com", "X")
        return re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "", page)

    return normalise(known) == normalise(unknown)


def test_a_mail_failure_answers_like_an_unknown_address(
    client: FlaskClient, auth: AuthActions, caplog: pytest.LogCaptureFixture
) -> None:
    auth.create_user()
    unknown = post_form(client, "/auth/reset", {"email": "nobody@example.com"})
    with mock.patch(
        "{{ cookiecutter.project_slug }}.mail.EmailMultiAlternatives.send",
        side_effect=ConnectionRefusedError("the SMTP server is down"),
    ):
        known = post_form(client, "/auth/reset", {"email": "ada@example.com"})
    assert known.status_code == unknown.status_code == 200
    assert same_page(known.text, unknown.text)
{%- if not cookiecutter.__jobs == "celery" %}
    assert "Could not send" in caplog.text
{%- endif %}
    assert "/auth/reset/" not in caplog.text  # the token never reaches the log


def test_forged_host_on_reset_is_refused(tmp_path: Any, app: Flask, auth: AuthActions) -> None:
    from .conftest import make_app

    auth.create_user()
    guarded = make_app(tmp_path, TRUSTED_HOSTS=["localhost"])
    outbox = guarded.extensions["mailman"].outbox = []
    client = guarded.test_client()
    assert post_form(client, "/auth/reset", {"email": "x@example.com"}).status_code == 200
    response = post_form(client, "/auth/reset", {"email": "ada@example.com"}, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert outbox == []
    post_form(client, "/auth/reset", {"email": "ada@example.com"})
    assert len(outbox) == 1
    link_in(outbox[0], "/auth/reset/")  # built on the trusted host
    with guarded.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("target", ["/notes/", "https://evil.example/", "//evil.example/"])
def test_sign_in_follows_next_only_on_this_site(client: FlaskClient, auth: AuthActions, target: str) -> None:
    auth.create_user()
    data = {"email": "ada@example.com", "password": PASSWORD, "next": target}
    response = post_form(client, f"/auth/login?next={target}", data)
    location = response.headers.get("Location", "")
    if target == "/notes/":
        assert location == "/notes/"
    else:
        assert "evil.example" not in location


def test_api_token_from_the_account_page(client: FlaskClient, logged_in: None) -> None:
    response = post_form(client, "/auth/account", {})
    match = re.search(r'<pre id="api-token">([^<]+)</pre>', response.text)
    assert match
    anonymous = client.application.test_client()
    headers = {"Authentication-Token": match.group(1)}
    assert anonymous.get("/auth/account", headers=headers).status_code != 200  # pages: session
{%- if cookiecutter.use_api %}
    assert anonymous.get("/api/notes/", headers=headers).status_code == 200
{%- endif %}


def test_sign_out_ends_copied_session_and_remember_cookies(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user()
    assert auth.login(remember="y").status_code == 302
    # Attack: copies of the cookies, taken while the user was signed in.
    copies = {}
    for name in ("session", "remember_token"):
        cookie = client.get_cookie(name)
        assert cookie is not None, name
        copy = app.test_client()
        copy.set_cookie(name, cookie.value)
        copies[name] = copy
    assert signed_in(copies["session"])
    auth.logout()
    assert not signed_in(client)
    for name, copy in copies.items():
        assert not signed_in(copy), name


def test_sign_in_gives_a_fresh_csrf_secret(client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user()
    # Attack: a session planted before sign-in, whose CSRF token the attacker knows.
    planted = csrf_token(client, "/auth/login")
    assert auth.login().status_code == 302
    client.post("/auth/logout", data={"csrf_token": planted})
    assert signed_in(client)
    auth.logout()  # with the page's own token
    assert not signed_in(client)


def test_making_a_token_needs_a_recent_sign_in(client: FlaskClient, logged_in: None) -> None:
    # Attack: a session stolen an hour after its sign-in makes itself an API token.
    with client.session_transaction() as session:
        session["fs_paa"] = time.time() - 3600
    assert client.get("/auth/account").status_code == 200  # the page itself is not sensitive
    response = post_form(client, "/auth/account", {})
    assert response.status_code == 302
    assert "/auth/verify" in response.headers["Location"]
    # The password again makes the session fresh.
    assert post_form(client, "/auth/verify", {"password": PASSWORD}).status_code == 302
    assert 'id="api-token"' in post_form(client, "/auth/account", {}).text


@pytest.mark.parametrize(
    "password", ["ada@example.com", "ada@example.com1", "aaaaaaaaaa", "1234567890", "password12", "qwertyuiop"]
)
def test_weak_passwords_are_refused(app: Flask, client: FlaskClient, password: str) -> None:
    response = register(client, "ada@example.com", password)
    assert response.status_code == 200  # the form again, with the reason
    assert count_users(app) == 0
