"""htmx (docs/decisions/0004-htmx.md): the library from the site's own static files, the CSRF
token on every htmx request{% if cookiecutter.use_orm %}, and the notes' partial templates: htmx gets the part it
swaps, a browser without JavaScript the whole page{% endif %}."""

from __future__ import annotations

import base64
import hashlib
import re

{% if cookiecutter.use_auth -%}
import pytest
{% endif -%}
{% if cookiecutter.use_orm -%}
from flask import Flask
{% endif -%}
from flask.testing import FlaskClient
{%- if cookiecutter.use_orm %}

from .conftest import csrf_token, post_form
from .test_notes import add_note, count_notes

HTMX = {"HX-Request": "true"}
{%- endif %}


def test_htmx_is_served_by_the_site_with_its_integrity_hash(client: FlaskClient) -> None:
    page = client.get("/").text
    script = re.search(r'<script src="([^"]+/htmx\.min\.js)" integrity="sha384-([^"]+)"', page)
    assert script, "the page loads htmx from the site's static files"
    with client.get(script.group(1)) as served:
        # A browser refuses the script if its bytes do not hash to the page's integrity value.
        assert base64.b64encode(hashlib.sha384(served.data).digest()).decode() == script.group(2)
    with client.get("/static/vendor/htmx/LICENSE") as licence:
        assert "Zero-Clause BSD" in licence.get_data(as_text=True)
    assert "allowEval" in page  # htmx's settings: no eval (the CSP allows none)
{%- if cookiecutter.use_orm %}


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_every_htmx_request_carries_the_csrf_token(app: Flask, client: FlaskClient) -> None:
    page = client.get("/notes/").text
    header = re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'>", page)
    assert header, "the body gives htmx the CSRF token for every request"
    note_id = add_note(app)
    # Attack: another site's page posts the delete in the user's browser, without the token.
    refused = client.post(f"/notes/{note_id}/delete", headers=HTMX)
    assert refused.status_code == 400
    assert count_notes(app) == 1
    token = {"X-CSRFToken": header.group(1)}
    response = client.post(f"/notes/{note_id}/delete", headers={**HTMX, **token})
    assert response.status_code == 200
    assert response.text == ""  # htmx swaps the note's card for nothing
    assert count_notes(app) == 0


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_paging_with_htmx_gets_the_list_alone(app: Flask, client: FlaskClient) -> None:
    for n in range(25):
        add_note(app, f"Note {n:02}")
    part = client.get("/notes/?page=2", headers={**HTMX, "HX-Target": "note-list"})
    assert part.status_code == 200
    assert part.text.lstrip().startswith('<div id="note-list"')
    assert "Note 04" in part.text
    assert "<html" not in part.text
    assert {"HX-Request", "HX-Target"} <= set(part.headers["Vary"].split(", "))
    # The same address without htmx (a reload, JavaScript off): the whole page.
    page = client.get("/notes/?page=2")
    assert "<html" in page.text
    assert "Note 04" in page.text
    assert 'hx-get="/notes/?page=1"' in page.text


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_a_form_with_errors_comes_back_alone(app: Flask, client: FlaskClient) -> None:
    response = post_form(client, "/notes/new", {"title": ""}, headers=HTMX)
    assert response.status_code == 200  # htmx swaps 2xx answers only
    assert response.text.lstrip().startswith("<form")
    assert "<html" not in response.text
    assert 'id="title_error"' in response.text  # the error beside its field
    assert count_notes(app) == 0
    note_id = add_note(app, "Shopping")
    edit = post_form(client, f"/notes/{note_id}/edit", {"title": ""}, headers=HTMX)
    assert edit.text.lstrip().startswith("<form")
    assert 'id="title_error"' in edit.text
    # Without htmx, the whole page with the same errors.
    page = post_form(client, "/notes/new", {"title": ""})
    assert "<html" in page.text
    assert 'id="title_error"' in page.text


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_a_saved_note_loads_the_list(app: Flask, client: FlaskClient) -> None:
    response = post_form(client, "/notes/new", {"title": "Idea"}, headers=HTMX)
    assert response.status_code == 200
    assert response.headers["HX-Location"] == "/notes/"
    assert count_notes(app) == 1
    note_id = add_note(app, "Shopping")
    form = {"title": "Groceries", "csrf_token": csrf_token(client, f"/notes/{note_id}/edit")}
    edited = client.post(f"/notes/{note_id}/edit", data=form, headers=HTMX)
    assert edited.headers["HX-Location"] == "/notes/"
    assert "Groceries" in client.get("/notes/").text
{%- endif %}
