import pytest
from django.urls import reverse

from notes.models import Note

pytestmark = pytest.mark.django_db


@pytest.fixture
def note():
    return Note.objects.create(title="Groceries", body="Milk, eggs")


def test_list(client, note):
    response = client.get(reverse("api:note-list"))

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert response.json()["results"][0]["title"] == "Groceries"


def test_detail(client, note):
    response = client.get(reverse("api:note-detail", args=[note.pk]))

    assert response.status_code == 200
    assert response.json()["body"] == "Milk, eggs"
{%- if cookiecutter.use_auth %}


def test_anonymous_users_cannot_write(client):
    response = client.post(reverse("api:note-list"), {"title": "Holidays"}, content_type="application/json")

    assert response.status_code == 403
    assert not Note.objects.exists()


def test_signed_in_users_create_notes(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="ada", password="s3cret-pass"))

    response = client.post(reverse("api:note-list"), {"title": "Holidays"}, content_type="application/json")

    assert response.status_code == 201
    assert Note.objects.get().title == "Holidays"


def test_signed_in_users_update_and_delete_notes(client, django_user_model, note):
    client.force_login(django_user_model.objects.create_user(username="ada", password="s3cret-pass"))
    url = reverse("api:note-detail", args=[note.pk])

    response = client.patch(url, {"title": "Shopping"}, content_type="application/json")
    assert response.status_code == 200
    assert Note.objects.get().title == "Shopping"

    response = client.delete(url)
    assert response.status_code == 204
    assert not Note.objects.exists()
{%- else %}


def test_the_api_is_read_only(client, note):
    response = client.post(reverse("api:note-list"), {"title": "Holidays"}, content_type="application/json")
    assert response.status_code == 405

    response = client.delete(reverse("api:note-detail", args=[note.pk]))
    assert response.status_code == 405
{%- endif %}
