"""The notes the htmx way (docs/decisions/0004-htmx.md): htmx gets the part it swaps (a partial
template), a browser without JavaScript the whole page{% if cookiecutter.use_auth %}; htmx's requests need the CSRF token too{% endif %}."""

{% if cookiecutter.use_auth -%}
import json
import re

{% endif -%}
import pytest
{%- if cookiecutter.use_auth %}
from django.test import Client
{%- endif %}
from django.urls import reverse

{% if cookiecutter.use_auth -%}
from {{ cookiecutter.project_slug }}.notes.models import Note
{% endif -%}
from {{ cookiecutter.project_slug }}.notes.tests.factories import NoteFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
{%- if cookiecutter.use_auth %}


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client
{%- else %}


@pytest.fixture
def signed_in(client):
    return client
{%- endif %}


def test_paging_with_htmx_gets_the_list_alone(signed_in{% if cookiecutter.use_auth %}, user{% endif %}):
    NoteFactory.create_batch(51{% if cookiecutter.use_auth %}, owner=user{% endif %})
    url = reverse("notes:list") + "?page=2"

    part = signed_in.get(url, headers={**HTMX, "HX-Target": "note-list"})

    assert part.status_code == 200
    html = part.content.decode()
    assert html.lstrip().startswith('<div id="note-list"')
    assert "<html" not in html
    assert len(part.context["note_list"]) == 1
    assert {"HX-Request", "HX-Target"} <= {name.strip() for name in part["Vary"].split(",")}
    # The same address without htmx (a reload, JavaScript off): the whole page.
    page = signed_in.get(url).content.decode()
    assert "<html" in page
    assert 'hx-get="?page=1"' in page
{%- if cookiecutter.use_auth %}


def test_every_htmx_request_carries_the_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    note = NoteFactory.create(owner=user)
    page = client.get(reverse("notes:list")).content.decode()
    header = re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'>", page)
    assert header, "the body gives htmx the CSRF token for every request"
    url = reverse("notes:delete", args=[note.pk])

    # Attack: another site's page posts the delete in the user's browser, without the token.
    assert client.post(url, headers=HTMX).status_code == 403
    assert Note.objects.exists()

    response = client.post(url, headers={**HTMX, "X-CSRFToken": header.group(1)})
    assert response.status_code == 200
    assert response.content == b""  # htmx swaps the note's card for nothing
    assert not Note.objects.exists()


def test_the_list_asks_before_deleting(signed_in, user):
    note = NoteFactory.create(owner=user, title="Groceries")

    page = signed_in.get(reverse("notes:list")).content.decode()

    delete = reverse("notes:delete", args=[note.pk])
    # With htmx, a confirmation then the post; without JavaScript, the link to the confirmation page.
    assert f'href="{delete}"' in page
    assert f'hx-post="{delete}" hx-confirm="Delete “Groceries”?' in page


def test_a_form_with_errors_comes_back_alone(signed_in, user):
    response = signed_in.post(reverse("notes:create"), {"title": ""}, headers=HTMX)

    assert response.status_code == 200  # htmx swaps 2xx answers only
    html = response.content.decode()
    assert html.lstrip().startswith("<form")
    assert 'id="id_title_error"' in html  # the error beside its field
    assert not Note.objects.exists()
    note = NoteFactory.create(owner=user)
    edit = signed_in.post(reverse("notes:update", args=[note.pk]), {"title": ""}, headers=HTMX)
    assert edit.content.decode().lstrip().startswith("<form")
    # Without htmx, the whole page with the same errors.
    page = signed_in.post(reverse("notes:create"), {"title": ""}).content.decode()
    assert "<html" in page
    assert 'id="id_title_error"' in page


def test_a_saved_note_loads_its_page(signed_in):
    response = signed_in.post(reverse("notes:create"), {"title": "Idea", "body": ""}, headers=HTMX)

    note = Note.objects.get()
    assert response.status_code == 200
    assert json.loads(response["HX-Location"])["path"] == note.get_absolute_url()
    assert "Note saved." in signed_in.get(note.get_absolute_url()).content.decode()
{%- endif %}
