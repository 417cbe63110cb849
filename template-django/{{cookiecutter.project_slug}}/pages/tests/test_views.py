{% if cookiecutter.use_orm -%}
import logging
{% endif -%}
{% if cookiecutter.use_orm or cookiecutter.__jobs == "celery" -%}
from unittest import mock

{% endif -%}
import pytest
{%- if cookiecutter.use_orm %}
from django.db import DatabaseError
from django.db.backends.base.base import BaseDatabaseWrapper
{%- endif %}
from django.test import {{ "TestCase, " if cookiecutter.use_async and cookiecutter.use_orm }}{{ "SimpleTestCase, " if cookiecutter.use_async and not cookiecutter.use_orm }}override_settings
from django.urls import reverse
{%- if cookiecutter.use_orm %}

# The health checks ask the database: these tests may use it.
pytestmark = pytest.mark.django_db
{%- endif %}

JSON = {"accept": "application/json"}
{%- if cookiecutter.use_orm %}


def database_down():
    """Every new connection to the database fails."""
    return mock.patch.object(BaseDatabaseWrapper, "temporary_connection", side_effect=DatabaseError("down"))
{%- endif %}


def test_home_page(client):
    response = client.get(reverse("pages:home"))

    assert response.status_code == 200
    assert reverse("pages:health") in response.content.decode()


def test_readiness_checks_the_services(client):
    response = client.get(reverse("pages:health"), headers=JSON)

    assert response.status_code == 200
    checks = response.json()
    assert set(checks.values()) == {"OK"}
{%- if cookiecutter.use_orm %}
    assert any(name.startswith("Database") for name in checks)
{%- endif %}
    assert any(name.startswith("Cache") for name in checks)
{%- if cookiecutter.use_orm %}


def test_readiness_fails_without_the_database(client, caplog):
    with database_down():
        response = client.get(reverse("pages:health"), headers=JSON)

    assert response.status_code == 500
    # Reported as a warning by the check; nothing at ERROR (that would page someone).
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
{%- endif %}
{%- if cookiecutter.__jobs == "celery" %}


def test_readiness_never_asks_a_celery_worker(client):
    """No worker answers: the site still serves, so every server stays in the load balancer."""
    with mock.patch("celery.app.control.Control.ping", return_value=[]) as ping:
        response = client.get(reverse("pages:health"), headers=JSON)

    assert response.status_code == 200
    ping.assert_not_called()
{%- endif %}


def test_liveness_asks_no_service(client):
{%- if cookiecutter.use_orm %}
    with database_down():
        response = client.get(reverse("pages:health-live"), headers=JSON)
{%- else %}
    response = client.get(reverse("pages:health-live"), headers=JSON)
{%- endif %}

    assert response.status_code == 200
    assert response.json() == {}


@pytest.mark.parametrize("name", ["pages:health", "pages:health-live"])
@override_settings(ALLOWED_HOSTS=["www.example.com"])
def test_probes_answer_any_host(client, name):
    """Load balancers probe by address: a Host that ALLOWED_HOSTS refuses everywhere else."""
    assert client.get(reverse("pages:home"), headers={"host": "10.0.0.5"}).status_code == 400

    response = client.get(reverse(name), headers={"host": "10.0.0.5", **JSON})

    assert response.status_code == 200


@pytest.mark.parametrize("name", ["pages:health", "pages:health-live"])
def test_probes_answer_html_by_default(client, name):
    """A probe that sends no Accept header (most load balancers) gets the HTML page."""
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert response["content-type"].startswith("text/html")
    assert "<html" in response.content.decode().lower()


@pytest.mark.parametrize("name", ["pages:health", "pages:health-live"])
def test_probes_refuse_writes(client, name):
    response = client.post(reverse(name))

    assert response.status_code == 405
{%- if cookiecutter.use_async %}


# Django's own test case runs async tests in its event loop; with the async client
# the request goes through the ASGI handler, as under uvicorn.
class AsyncHealthTests({{ "TestCase" if cookiecutter.use_orm else "SimpleTestCase" }}):
    async def test_liveness_over_asgi(self):
        response = await self.async_client.get(reverse("pages:health-live"), headers=JSON)

        assert response.status_code == 200

    async def test_readiness_over_asgi(self):
        response = await self.async_client.get(reverse("pages:health"), headers=JSON)

        assert response.status_code == 200
        assert set(response.json().values()) == {"OK"}
{%- endif %}
