import pytest
{%- if cookiecutter.use_auth %}
from django.test import Client
{%- endif %}
from django.urls import reverse
{%- if cookiecutter.use_auth %}
from knox.models import AuthToken
{%- endif %}

{% if cookiecutter.use_auth -%}
from {{ cookiecutter.project_slug }}.notes.models import Note
{% endif -%}
from {{ cookiecutter.project_slug }}.notes.tests.factories import NoteFactory

pytestmark = pytest.mark.django_db
{%- if cookiecutter.use_auth %}


@pytest.fixture
def note(user):
    return NoteFactory.create(owner=user, title="Groceries", body="Milk, eggs")


@pytest.fixture
def token_client(user):
    """A script's client: the account's API token in the Authorization header."""
    _, token = AuthToken.objects.create(user=user)
    return Client(headers={"authorization": f"Token {token}"})


def test_list(token_client, note):
    response = token_client.get(reverse("api:note-list"))

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert response.json()["results"][0]["title"] == "Groceries"


def test_the_list_paginates(token_client, user):
    NoteFactory.create_batch(21, owner=user)

    response = token_client.get(reverse("api:note-list"))

    assert len(response.json()["results"]) == 20
    assert response.json()["next"]


def test_detail(token_client, note):
    response = token_client.get(reverse("api:note-detail", args=[note.pk]))

    assert response.status_code == 200
    assert response.json()["body"] == "Milk, eggs"


def test_anonymous_requests_are_answered_401(client, note):
    for response in (
        client.get(reverse("api:note-list")),
        client.post(reverse("api:note-list"), {"title": "Holidays"}, content_type="application/json"),
        client.delete(reverse("api:note-detail", args=[note.pk])),
    ):
        assert response.status_code == 401
        assert response.json() == {"detail": "Authentication credentials were not provided."}
        assert response["WWW-Authenticate"] == "Token"
    assert Note.objects.count() == 1


def test_http_basic_is_refused(user):
    # The account's email and password, as HTTP Basic sends them: ada@example.com:s3cret-pass
    client = Client(headers={"authorization": "Basic YWRhQGV4YW1wbGUuY29tOnMzY3JldC1wYXNz"})

    response = client.post(reverse("api:note-list"), {"title": "Holidays"}, content_type="application/json")

    assert response.status_code == 401
    assert not Note.objects.filter(title="Holidays").exists()


def test_a_script_creates_updates_and_deletes_its_notes_with_a_token(token_client, user):
    response = token_client.post(reverse("api:note-list"), {"title": "Holidays"}, content_type="application/json")
    assert response.status_code == 201
    url = reverse("api:note-detail", args=[response.json()["id"]])

    response = token_client.patch(url, {"title": "Trip"}, content_type="application/json")
    assert response.status_code == 200
    assert Note.objects.get().title == "Trip"
    assert Note.objects.get().owner == user

    response = token_client.delete(url)
    assert response.status_code == 204
    assert not Note.objects.exists()


def test_the_browser_session_needs_a_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(reverse("api:note-list"), {"title": "Forged"}, content_type="application/json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Note.objects.exists()

    # With the token from the CSRF cookie (as the browser's JavaScript sends it), it goes through.
    client.get(reverse("pages:home"))
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        reverse("api:note-list"), {"title": "Mine"}, content_type="application/json", headers={"x-csrftoken": csrf}
    )
    assert response.status_code == 201


def test_the_schema_declares_the_security_schemes(client):
    document = client.get(reverse("api:schema")).json()

    schemes = document["components"]["securitySchemes"]
    assert schemes["knoxApiToken"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": 'Token-based authentication with required prefix "Token"',
    }
    assert "cookieAuth" in schemes
    assert "basicAuth" not in schemes
{%- else %}


@pytest.fixture
def note():
    return NoteFactory.create(title="Groceries", body="Milk, eggs")


def test_list(client, note):
    response = client.get(reverse("api:note-list"))

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert response.json()["results"][0]["title"] == "Groceries"


def test_detail(client, note):
    response = client.get(reverse("api:note-detail", args=[note.pk]))

    assert response.status_code == 200
    assert response.json()["body"] == "Milk, eggs"


def test_the_api_is_read_only(client, note):
    response = client.post(reverse("api:note-list"), {"title": "Holidays"}, content_type="application/json")
    assert response.status_code == 405

    response = client.delete(reverse("api:note-detail", args=[note.pk]))
    assert response.status_code == 405
{%- endif %}
