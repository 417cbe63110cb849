"""User B tries to read, change and delete user A's note: through the pages and the API, every attempt fails."""

import pytest
from django.test import Client
from django.urls import reverse

from {{ cookiecutter.project_slug }}.notes.models import Note
from {{ cookiecutter.project_slug }}.notes.tests.factories import NoteFactory
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(user):
    return NoteFactory.create(owner=user, title="Ada's diary", body="Private")


@pytest.fixture
def bob(client):
    client.force_login(UserFactory.create(username="bob"))
    return client


def unchanged(note: Note) -> bool:
    fresh = Note.objects.filter(pk=note.pk).first()
    return fresh is not None and (fresh.title, fresh.body) == ("Ada's diary", "Private")


def test_pages_hide_other_users_notes(bob, note):
    assert "Ada&#x27;s diary" not in bob.get(reverse("notes:list")).content.decode()
    assert bob.get(reverse("notes:detail", args=[note.pk])).status_code == 404
    assert bob.get(reverse("notes:update", args=[note.pk])).status_code == 404
    assert bob.post(reverse("notes:update", args=[note.pk]), {"title": "Bob was here"}).status_code == 404
    assert bob.post(reverse("notes:delete", args=[note.pk])).status_code == 404
    assert unchanged(note)
{%- if cookiecutter.use_api %}


def test_the_api_hides_other_users_notes(bob, note):
    url = reverse("api:note-detail", args=[note.pk])

    assert bob.get(reverse("api:note-list")).json()["count"] == 0
    assert bob.get(url).status_code == 404
    assert bob.put(url, {"title": "Bob was here"}, content_type="application/json").status_code == 404
    assert bob.patch(url, {"title": "Bob was here"}, content_type="application/json").status_code == 404
    assert bob.delete(url).status_code == 404
    assert unchanged(note)


def test_the_api_ignores_an_owner_in_the_request(bob, user):
    response = bob.post(reverse("api:note-list"), {"title": "Mine", "owner": user.pk}, content_type="application/json")

    assert response.status_code == 201
    assert Note.objects.get(title="Mine").owner.username == "bob"
{%- endif %}
{%- if cookiecutter.use_admin %}


def test_the_admin_sees_every_note(admin_client, note):
    response = admin_client.get(reverse("admin:notes_note_changelist"))

    assert "Ada&#x27;s diary" in response.content.decode()
{%- endif %}


def test_a_note_form_without_a_csrf_token_is_refused(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(reverse("notes:create"), {"title": "Forged"})

    assert response.status_code == 403
    assert not Note.objects.filter(title="Forged").exists()
