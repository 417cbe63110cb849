import pytest
{%- if cookiecutter.use_async %}
from django.test import TestCase
{%- endif %}
from django.urls import reverse

{% if cookiecutter.use_auth or cookiecutter.use_async -%}
from {{ cookiecutter.project_slug }}.notes.models import Note
{% endif -%}
from {{ cookiecutter.project_slug }}.notes.tests.factories import NoteFactory
{%- if cookiecutter.use_async and cookiecutter.use_auth %}
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory
{%- endif %}

pytestmark = pytest.mark.django_db
{%- if cookiecutter.use_auth %}


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_notes_need_an_account(client):
    response = client.get(reverse("notes:list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_list(signed_in, user):
    NoteFactory.create(owner=user, title="Groceries", body="Milk, eggs")

    response = signed_in.get(reverse("notes:list"))

    assert response.status_code == 200
    assert "Groceries" in response.content.decode()


def test_list_when_empty(signed_in):
    response = signed_in.get(reverse("notes:list"))

    assert response.status_code == 200
    assert "No notes yet." in response.content.decode()


def test_list_paginates(signed_in, user):
    notes = NoteFactory.create_batch(51, owner=user)

    response = signed_in.get(reverse("notes:list"))

    assert len(response.context["note_list"]) == 50
    assert signed_in.get(reverse("notes:list") + "?page=2").context["note_list"][0] == notes[0]


def test_detail(signed_in, user):
    note = NoteFactory.create(owner=user, title="Groceries", body="Milk, eggs")

    response = signed_in.get(note.get_absolute_url())

    assert response.status_code == 200
    assert "Milk, eggs" in response.content.decode()


def test_detail_not_found(signed_in):
    response = signed_in.get(reverse("notes:detail", args=[404]))

    assert response.status_code == 404


def test_create_edit_and_delete(signed_in, user):
    response = signed_in.post(reverse("notes:create"), {"title": "Holidays", "body": "Sea"})
    note = Note.objects.get()
    assert response.status_code == 302
    assert note.owner == user

    response = signed_in.post(reverse("notes:update", args=[note.pk]), {"title": "Trip", "body": "Mountains"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.title == "Trip"

    response = signed_in.post(reverse("notes:delete", args=[note.pk]))
    assert response.status_code == 302
    assert not Note.objects.exists()
{%- if cookiecutter.use_async %}


# Django's own test case runs async tests in its event loop, so that the async
# ORM queries see the test's transaction; the async client goes through ASGI.
class AsyncNoteListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory.create(username="ada")
        NoteFactory.create(owner=cls.user, title="Groceries")
        NoteFactory.create(owner=cls.user, title="Holidays")

    async def test_list_over_asgi(self):
        await self.async_client.aforce_login(self.user)

        response = await self.async_client.get(reverse("notes:list"))

        assert response.status_code == 200
        assert "Groceries" in response.content.decode()
        assert "Holidays" in response.content.decode()

    async def test_async_orm(self):
        assert await Note.objects.acount() == 2
        assert [note.title async for note in Note.objects.all()] == ["Holidays", "Groceries"]
{%- endif %}
{%- else %}


def test_list(client):
    NoteFactory.create(title="Groceries", body="Milk, eggs")

    response = client.get(reverse("notes:list"))

    assert response.status_code == 200
    assert "Groceries" in response.content.decode()


def test_list_when_empty(client):
    response = client.get(reverse("notes:list"))

    assert response.status_code == 200
    assert "No notes yet." in response.content.decode()


def test_list_paginates(client):
    notes = NoteFactory.create_batch(51)

    response = client.get(reverse("notes:list"))

    assert len(response.context["note_list"]) == 50
    assert client.get(reverse("notes:list") + "?page=2").context["note_list"][0] == notes[0]


def test_detail(client):
    note = NoteFactory.create(title="Groceries", body="Milk, eggs")

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
        NoteFactory.create(title="Groceries")
        NoteFactory.create(title="Holidays")

    async def test_list_over_asgi(self):
        response = await self.async_client.get(reverse("notes:list"))

        assert response.status_code == 200
        assert "Groceries" in response.content.decode()
        assert "Holidays" in response.content.decode()

    async def test_async_orm(self):
        assert await Note.objects.acount() == 2
        assert [note.title async for note in Note.objects.all()] == ["Holidays", "Groceries"]
{%- endif %}
{%- endif %}
