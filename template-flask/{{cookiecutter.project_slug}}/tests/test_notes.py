from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.extensions import db
from {{ cookiecutter.project_slug }}.models import Note


def add_note(app: Flask, title: str = "First", body: str = "Hello") -> int:
    with app.app_context():
        note = Note(title=title, body=body)
        db.session.add(note)
        db.session.commit()
        return note.id


def count_notes(app: Flask) -> int:
    with app.app_context():
        return len(db.session.execute(db.select(Note)).scalars().all())


def test_index_lists_notes(app: Flask, client: FlaskClient) -> None:
    assert "No notes yet" in client.get("/notes/").text
    add_note(app, "Shopping", "Milk and bread")
    page = client.get("/notes/").text
    assert "Shopping" in page
    assert "Milk and bread" in page
{%- if cookiecutter.use_auth %}


def test_writing_needs_login(client: FlaskClient) -> None:
    response = client.get("/notes/new")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
{%- endif %}


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_create(app: Flask, client: FlaskClient) -> None:
    assert client.get("/notes/new").status_code == 200
    response = client.post("/notes/new", data={"title": "Idea", "body": "Write tests first"})
    assert response.status_code == 302
    assert count_notes(app) == 1


@pytest.mark.parametrize(
    ("title", "message"), [("", "This field is required."), ("x" * 201, "200")]
)
{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_create_validates(client: FlaskClient, title: str, message: str) -> None:
    response = client.post("/notes/new", data={"title": title})
    assert response.status_code == 200
    assert message in response.text


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_delete(app: Flask, client: FlaskClient) -> None:
    note_id = add_note(app)
    assert client.post(f"/notes/{note_id}/delete").status_code == 302
    assert count_notes(app) == 0
    assert client.post(f"/notes/{note_id}/delete").status_code == 404


def test_csrf_is_enforced(app: Flask) -> None:
    protected = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "WTF_CSRF_ENABLED": True,
        }
    )
    client = protected.test_client()
{%- if cookiecutter.use_auth %}
    response = client.post("/auth/login", data={"email": "ada@example.com", "password": "x"})
    assert response.status_code == 400
    assert 'name="csrf_token"' in client.get("/auth/login").text
{%- else %}
    response = client.post("/notes/new", data={"title": "No token"})
    assert response.status_code == 400
    assert 'name="csrf_token"' in client.get("/notes/new").text
{%- endif %}
    with protected.app_context():
        db.engine.dispose()
