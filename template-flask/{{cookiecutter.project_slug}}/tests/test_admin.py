from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_security import verify_password

from {{ cookiecutter.project_slug }}.extensions import db
from {{ cookiecutter.project_slug }}.models import Note, User

from .conftest import AuthActions, post_form
from .test_notes import add_note


def test_anonymous_users_are_sent_to_login(client: FlaskClient) -> None:
    for url in ("/admin/", "/admin/note/", "/admin/user/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]


def test_users_who_are_not_admins_are_refused(client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user()
    auth.login()
    for url in ("/admin/", "/admin/note/", "/admin/user/"):
        assert client.get(url).status_code == 403


def test_admins_see_and_manage_every_note(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    alice = auth.create_user("alice@example.com")
    add_note(app, "Alice's note", owner_id=alice)
    admin = auth.create_user(is_admin=True)
    auth.login()
    assert client.get("/admin/").status_code == 200
    users = client.get("/admin/user/")
    assert users.status_code == 200
    assert "&lt;Role" not in users.text  # a role by its name
    listed = client.get("/admin/note/").text
    assert "Alice&#39;s note" in listed
    assert "alice@example.com" in listed  # the owner by their address, not <User …>
    assert "&lt;User" not in listed
    response = post_form(
        client,
        "/admin/note/new/",
        {"title": "From the admin", "body": "Hi"},
    )
    assert response.status_code == 302
    with app.app_context():
        notes = {n.title: n.owner_id for n in db.session.execute(db.select(Note)).scalars()}
        assert notes == {"Alice's note": alice, "From the admin": admin}


def test_admin_forms_need_the_csrf_token(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    admin = auth.create_user(is_admin=True)
    auth.login()
    # Attack: another site makes the admin's browser post to the admin.
    client.post("/admin/note/new/", data={"title": "Forged", "body": ""})
    note = add_note(app, "Kept", owner_id=admin)
    client.post("/admin/note/delete/", data={"id": str(note), "url": "/admin/note/"})
    with app.app_context():
        assert list(db.session.execute(db.select(Note.title)).scalars()) == ["Kept"]


def test_create_admin_command(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["create-admin", "Root@Example.com", "--password", "s3cret-pass"])
    assert result.exit_code == 0, result.output
    assert "Created admin root@example.com" in result.output
    result = runner.invoke(args=["create-admin", "root@example.com", "--password", "other-pass"])
    assert "Updated admin root@example.com" in result.output
    with app.app_context():
        user = db.session.execute(db.select(User)).scalar_one()
        assert user.is_admin
        assert user.confirmed_at is not None
        assert verify_password("other-pass", user.password)


def test_create_admin_reads_the_password_from_stdin_or_the_environment(app: Flask, runner: FlaskCliRunner) -> None:
    args = ["create-admin", "root@example.com", "--password-stdin"]
    result = runner.invoke(args=args, input="from-stdin-pass\n")
    assert result.exit_code == 0, result.output
    env = {"ADMIN_PASSWORD": "from-env-pass"}
    result = runner.invoke(args=["create-admin", "ops@example.com"], env=env)
    assert result.exit_code == 0, result.output
    with app.app_context():
        users = {user.email: user for user in db.session.execute(db.select(User)).scalars()}
        assert verify_password("from-stdin-pass", users["root@example.com"].password)
        assert verify_password("from-env-pass", users["ops@example.com"].password)


def test_create_admin_says_what_it_asks(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["create-admin", "root@example.com"], input="typed\ntyped\n")
    assert result.exit_code == 0, result.output
    assert "Password for the admin root@example.com:" in result.output
    assert "Repeat it to confirm:" in result.output


def test_create_admin_needs_the_tables(app: Flask, runner: FlaskCliRunner) -> None:
    with app.app_context():
        db.drop_all()
    result = runner.invoke(args=["create-admin", "root@example.com", "--password", "s3cret-pass"])
    assert result.exit_code == 1
    assert "db upgrade" in result.output
