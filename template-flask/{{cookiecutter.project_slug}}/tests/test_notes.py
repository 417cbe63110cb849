from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }}.extensions import db
from {{ cookiecutter.project_slug }}.models import Note{% if cookiecutter.use_auth %}, User{% endif %}

from .conftest import {% if cookiecutter.use_auth %}AuthActions, {% endif %}post_form
from .factories import NoteFactory


def add_note(app: Flask, title: str = "First", body: str = "Hello"{% if cookiecutter.use_auth %}, owner_id: int = 1{% endif %}) -> int:
    with app.app_context():
{%- if cookiecutter.use_auth %}
        owner = db.session.get(User, owner_id)
{%- endif %}
        note: Note = NoteFactory.create(title=title, body=body{% if cookiecutter.use_auth %}, owner=owner{% endif %})
        return note.id


def count_notes(app: Flask) -> int:
    with app.app_context():
        return len(db.session.execute(db.select(Note)).scalars().all())


def read_note(app: Flask, note_id: int) -> tuple[str, str]:
    """The note's title and text as stored."""
    with app.app_context():
        note = db.session.get(Note, note_id)
        assert note is not None
        return note.title, note.body


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_index_lists_notes(app: Flask, client: FlaskClient) -> None:
    assert "No notes yet" in client.get("/notes/").text
    add_note(app, "Shopping", "Milk and bread")
    page = client.get("/notes/").text
    assert "Shopping" in page
    assert "Milk and bread" in page


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_index_paginates(app: Flask, client: FlaskClient) -> None:
    for n in range(25):
        add_note(app, f"Note {n:02}")
    first = client.get("/notes/").text
    assert "Note 24" in first
    assert "Note 04" not in first
    assert "Page 1 of 2" in first
    assert "Note 04" in client.get("/notes/?page=2").text
{%- if cookiecutter.use_auth %}


def test_notes_need_an_account(client: FlaskClient) -> None:
    for url in ("/notes/", "/notes/new", "/notes/1/edit"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]


@pytest.fixture
def alices_note(app: Flask, auth: AuthActions) -> int:
    """Alice's note, with Bob signed in: the id Bob should not reach."""
    alice = auth.create_user("alice@example.com")
    secret = add_note(app, "Alice's secret", "for Alice only", owner_id=alice)
    auth.create_user("bob@example.com")
    auth.login("bob@example.com")
    return secret


def test_other_accounts_notes_are_invisible(app: Flask, client: FlaskClient, alices_note: int) -> None:
    secret = alices_note
    # Attack: Bob lists, then deletes Alice's note through the pages.
    assert "Alice's secret" not in client.get("/notes/").text
    response = post_form(client, f"/notes/{secret}/delete", {}, page="/notes/new")
    assert response.status_code == 404
    assert count_notes(app) == 1


def test_other_accounts_notes_cannot_be_edited(app: Flask, client: FlaskClient, alices_note: int) -> None:
    secret = alices_note
    # Attack: Bob opens the edit page of Alice's note, then posts to it with his own token.
    assert client.get(f"/notes/{secret}/edit").status_code == 404
    forged = {"title": "Bob was here"}
    response = post_form(client, f"/notes/{secret}/edit", forged, page="/notes/new")
    assert response.status_code == 404
    assert read_note(app, secret) == ("Alice's secret", "for Alice only")
{%- endif %}


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_create(app: Flask, client: FlaskClient) -> None:
    assert client.get("/notes/new").status_code == 200
    response = post_form(client, "/notes/new", {"title": "Idea", "body": "Write tests first"})
    assert response.status_code == 302
    assert count_notes(app) == 1


@pytest.mark.parametrize(
    ("title", "message"),
    [("", "This field is required."), ("x" * 201, "200"), ("a\x00b", "NUL")],
)
{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_create_validates(client: FlaskClient, title: str, message: str) -> None:
    response = post_form(client, "/notes/new", {"title": title})
    assert response.status_code == 200
    assert message in response.text


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_edit(app: Flask, client: FlaskClient) -> None:
    note_id = add_note(app, "Shopping", "Milk")
    page = client.get("/notes/").text
    assert f'href="/notes/{note_id}/edit"' in page
    form = client.get(f"/notes/{note_id}/edit")
    assert form.status_code == 200
    assert "Edit Shopping" in form.text
    assert 'value="Shopping"' in form.text  # the form starts from the note
    assert "Milk</textarea>" in form.text
    response = post_form(client, f"/notes/{note_id}/edit", {"title": "Groceries", "body": ""})
    assert response.status_code == 302
    assert response.headers["Location"] == "/notes/"
    assert read_note(app, note_id) == ("Groceries", "")
    assert count_notes(app) == 1
    assert "Groceries" in client.get("/notes/").text


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_edit_validates(app: Flask, client: FlaskClient) -> None:
    note_id = add_note(app, "Shopping", "Milk")
    response = post_form(client, f"/notes/{note_id}/edit", {"title": "", "body": "Bread"})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert read_note(app, note_id) == ("Shopping", "Milk")


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_edit_a_missing_note_is_404(client: FlaskClient) -> None:
    assert client.get("/notes/12345/edit").status_code == 404
    response = post_form(client, "/notes/12345/edit", {"title": "x"}, page="/notes/new")
    assert response.status_code == 404
    assert client.get("/notes/99999999999999999999/edit").status_code == 404


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_delete(app: Flask, client: FlaskClient) -> None:
    note_id = add_note(app)
    confirm = client.get(f"/notes/{note_id}/delete")
    assert "Delete “First”?" in confirm.text  # a confirmation page first
    assert count_notes(app) == 1
    assert post_form(client, f"/notes/{note_id}/delete", {}).status_code == 302
    assert count_notes(app) == 0
    assert post_form(client, f"/notes/{note_id}/delete", {}, page="/notes/new").status_code == 404
    assert client.post("/notes/99999999999999999999/delete").status_code == 404


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_forms_without_the_csrf_token_are_refused(app: Flask, client: FlaskClient) -> None:
    note_id = add_note(app)
    # Attack: another site's page posts these forms in the user's browser.
    assert client.post("/notes/new", data={"title": "Forged"}).status_code in (200, 400)
    client.post(f"/notes/{note_id}/delete")
    assert count_notes(app) == 1
    # Refused before the view runs ({% if cookiecutter.use_auth %}auth_required checks the session's token{% else %}CSRFProtect checks every post{% endif %}).
    response = client.post(f"/notes/{note_id}/edit", data={"title": "Forged"})
    assert response.status_code == 400
    assert "CSRF token is missing" in response.text
    assert read_note(app, note_id) == ("First", "Hello")
    assert 'name="csrf_token"' in client.get("/notes/new").text


{% if cookiecutter.use_auth %}def test_factories_make_an_account_and_its_note(app: Flask, client: FlaskClient, auth: AuthActions) -> None:{% else %}def test_factories_make_a_listed_note(app: Flask, client: FlaskClient) -> None:{% endif %}
    with app.app_context():
        note: Note = NoteFactory.create()
        title = note.title
{%- if cookiecutter.use_auth %}
        email = note.owner.email
    assert auth.login(email).status_code == 302  # the factories' PASSWORD
{%- endif %}
    assert title in client.get("/notes/").text
