{% if cookiecutter.use_orm -%}
import pytest
{% endif -%}
from django.urls import reverse

from {{ cookiecutter.project_slug }} import __version__
{%- if cookiecutter.use_orm %}

pytestmark = pytest.mark.django_db
{%- endif %}


def test_status(client):
    response = client.get(reverse("api:status"))

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["version"] == __version__


def test_echo(client):
    response = client.post(reverse("api:echo"), {"message": "hello"}, content_type="application/json")

    assert response.status_code == 200
    assert response.json() == {"message": "hello", "length": 5}


def test_echo_validates_the_message(client):
    response = client.post(reverse("api:echo"), {}, content_type="application/json")

    assert response.status_code == 400
    assert "message" in response.json()


def test_openapi_document(client):
    response = client.get(reverse("api:schema"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/")
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/api/status/" in document["paths"]
{%- if cookiecutter.use_orm %}
    assert "/api/notes/" in document["paths"]
{%- endif %}


def test_interactive_docs(client):
    response = client.get(reverse("api:docs"))

    assert response.status_code == 200
    assert "swagger" in response.content.decode().lower()
