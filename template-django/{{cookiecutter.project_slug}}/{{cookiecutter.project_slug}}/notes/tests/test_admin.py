import pytest
from django.urls import reverse

from {{ cookiecutter.project_slug }}.notes.models import Note

pytestmark = pytest.mark.django_db


def test_admin_lists_notes(admin_client, make_note):
    make_note(title="Groceries")

    response = admin_client.get(reverse("admin:notes_note_changelist"))

    assert response.status_code == 200
    assert "Groceries" in response.content.decode()


def test_admin_adds_a_note(admin_client{{ ", admin_user" if cookiecutter.use_auth }}):
    data = {"title": "Holidays", "body": "Pack light"{{ ', "owner": admin_user.pk' if cookiecutter.use_auth }}}

    response = admin_client.post(reverse("admin:notes_note_add"), data)

    assert response.status_code == 302
    assert Note.objects.get().title == "Holidays"


def test_admin_searches_notes(admin_client, make_note):
    make_note(title="Groceries", body="Milk")
    make_note(title="Holidays", body="Beach")

    response = admin_client.get(reverse("admin:notes_note_changelist"), {"q": "beach"})

    assert "Holidays" in response.content.decode()
    assert "Groceries" not in response.content.decode()
