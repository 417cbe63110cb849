from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from {{ cookiecutter.project_slug }}.extensions import db
from {{ cookiecutter.project_slug }}.models import Note, User

from .conftest import AuthActions


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


def test_admins_manage_the_models(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    auth.create_user(is_admin=True)
    auth.login()
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/user/").status_code == 200
    response = client.post("/admin/note/new/", data={"title": "From the admin", "body": "Hi"})
    assert response.status_code == 302
    with app.app_context():
        note = db.session.execute(db.select(Note)).scalar_one()
        assert note.title == "From the admin"
    assert "From the admin" in client.get("/admin/note/").text


def test_create_admin_command(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["create-admin", "Root@Example.com", "--password", "s3cret-pass"])
    assert result.exit_code == 0, result.output
    assert "Created admin root@example.com" in result.output
    result = runner.invoke(args=["create-admin", "root@example.com", "--password", "other-pass"])
    assert "Updated admin root@example.com" in result.output
    with app.app_context():
        user = db.session.execute(db.select(User)).scalar_one()
        assert user.is_admin
        assert user.check_password("other-pass")


def test_create_admin_needs_the_tables(app: Flask, runner: FlaskCliRunner) -> None:
    with app.app_context():
        db.drop_all()
    result = runner.invoke(args=["create-admin", "root@example.com", "--password", "s3cret-pass"])
    assert result.exit_code == 1
    assert "db upgrade" in result.output
