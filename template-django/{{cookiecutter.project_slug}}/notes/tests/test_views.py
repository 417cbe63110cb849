import pytest
{%- if cookiecutter.use_async %}
from django.test import TestCase
{%- endif %}
from django.urls import reverse

from notes.models import Note

pytestmark = pytest.mark.django_db


def test_list(client):
    Note.objects.create(title="Groceries", body="Milk, eggs")

    response = client.get(reverse("notes:list"))

    assert response.status_code == 200
    assert "Groceries" in response.content.decode()


def test_list_when_empty(client):
    response = client.get(reverse("notes:list"))

    assert response.status_code == 200
    assert "No notes yet." in response.content.decode()


def test_detail(client):
    note = Note.objects.create(title="Groceries", body="Milk, eggs")

    response = client.get(note.get_absolute_url())

    assert response.status_code == 200
    assert "Milk, eggs" in response.content.decode()


def test_detail_not_found(client):
    response = client.get(reverse("notes:detail", args=[404]))

    assert response.status_code == 404
{%- if cookiecutter.use_async %}


# Django's own test case runs async tests in its event loop, so that the async
# ORM queries see the test's transaction; the async client goes through ASGI.
class AsyncNoteListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        Note.objects.create(title="Groceries")
        Note.objects.create(title="Holidays")

    async def test_list_over_asgi(self):
        response = await self.async_client.get(reverse("notes:list"))

        assert response.status_code == 200
        assert "Groceries" in response.content.decode()
        assert "Holidays" in response.content.decode()

    async def test_async_orm(self):
        assert await Note.objects.acount() == 2
        assert [note.title async for note in Note.objects.all()] == ["Holidays", "Groceries"]
{%- endif %}
