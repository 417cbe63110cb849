{% if cookiecutter.use_orm -%}
from unittest import mock

import pytest
from django.db import DatabaseError
{% endif -%}
{% if cookiecutter.use_async -%}
from django.test import {{ "TestCase" if cookiecutter.use_orm else "SimpleTestCase" }}
{% endif -%}
from django.urls import reverse


def test_home_page(client):
    response = client.get(reverse("pages:home"))

    assert response.status_code == 200
    assert reverse("pages:health") in response.content.decode()
{%- if cookiecutter.use_orm %}


@pytest.mark.django_db
def test_health_checks_the_database(client):
    response = client.get(reverse("pages:health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_health_reports_an_unavailable_database(client):
    with mock.patch("pages.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get(reverse("pages:health"))

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
{%- else %}


def test_health(client):
    response = client.get(reverse("pages:health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
{%- endif %}


def test_health_refuses_writes(client):
    response = client.post(reverse("pages:health"))

    assert response.status_code == 405
{%- if cookiecutter.use_async %}


# Django's own test case runs async tests in its event loop; with the async client
# the request goes through the ASGI handler, as under uvicorn.
class AsyncHealthTests({{ "TestCase" if cookiecutter.use_orm else "SimpleTestCase" }}):
    async def test_health_over_asgi(self):
        response = await self.async_client.get(reverse("pages:health"))

        assert response.status_code == 200
        assert response.json()["status"] == "ok"
{%- endif %}
