"""The error pages: in the site's layout, with the right status, DEBUG off (as in production)."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path, reverse

{% if cookiecutter.use_orm -%}
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
{%- else -%}
pytestmark = pytest.mark.urls(__name__)
{%- endif %}


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


# The project's URLs, and two views that fail on purpose.
urlpatterns = [
    path("forbidden/", forbidden),
    path("broken/", broken),
    path("", include(settings.ROOT_URLCONF)),
]


def in_layout(html: str) -> bool:
    """The page extends templates/base.html: the site's navigation and style sheet."""
    return f'class="site-brand" href="{reverse("pages:home")}"' in html and "css/site.css" in html


def test_debug_is_off():
    assert not settings.DEBUG


def test_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Error 404</p>\n  <h1>Page not found" in response.content.decode()
    assert in_layout(response.content.decode())


def test_403(client):
    response = client.get("/forbidden/")

    assert response.status_code == 403
    assert "Error 403</p>\n  <h1>Forbidden" in response.content.decode()
    assert in_layout(response.content.decode())


def test_500(caplog):
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    assert "Error 500</p>\n  <h1>Server error" in response.content.decode()
    assert in_layout(response.content.decode())
    # The error and its traceback are logged for whoever is on call.
    assert [record.exc_info[1] for record in caplog.records if record.exc_info][0].args == ("a bug",)


def test_csrf_failure():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("pages:home"))

    assert response.status_code == 403
    assert "The form could not be checked" in response.content.decode()
    assert in_layout(response.content.decode())
