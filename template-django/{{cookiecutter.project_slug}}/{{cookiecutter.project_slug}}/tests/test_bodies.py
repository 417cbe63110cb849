"""Hostile request bodies: nested too deep or too large, each answers 400 or 413, never 500."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
{%- if cookiecutter.use_auth %}
from knox.models import AuthToken

from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory
{%- endif %}
{%- if cookiecutter.use_orm %}

pytestmark = pytest.mark.django_db
{%- endif %}

DEEP = b"[" * 100_000 + b"]" * 100_000
DEEP_OBJECT = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
# Just over the limit Django reads into memory (DATA_UPLOAD_MAX_MEMORY_SIZE).
LARGE = b'{"message": "' + b"x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + b'"}'

# Every API endpoint that takes a body.
ENDPOINTS: list[tuple[str, str, list[int]]] = [
    ("post", "api:echo", []),
{%- if cookiecutter.use_auth %}
    ("post", "api:note-list", []),
    ("put", "api:note-detail", [1]),
    ("patch", "api:note-detail", [1]),
{%- endif %}
]


@pytest.fixture
def client() -> Client:
{%- if cookiecutter.use_auth %}
    """A signed-in script: the body is parsed after authentication."""
    user = UserFactory.create(email="ada@example.com")
    user.notes.create(pk=1, title="Mine")
    _, token = AuthToken.objects.create(user=user)
    return Client(enforce_csrf_checks=True, headers={"authorization": f"Token {token}"})
{%- else %}
    return Client(enforce_csrf_checks=True)
{%- endif %}


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT], ids=["array", "object"])
@pytest.mark.parametrize(("method", "name", "args"), ENDPOINTS)
def test_a_body_nested_a_hundred_thousand_deep_answers_400(client, method, name, args, body):
    response = getattr(client, method)(reverse(name, args=args), body, content_type="application/json")

    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


@pytest.mark.parametrize(("method", "name", "args"), ENDPOINTS)
def test_a_body_over_the_size_limit_is_refused(client, method, name, args):
    response = getattr(client, method)(reverse(name, args=args), LARGE, content_type="application/json")

    assert response.status_code in (400, 413)
