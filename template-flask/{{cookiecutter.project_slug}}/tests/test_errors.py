"""Error pages in the site's layout, in the production configuration; error reporting."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sentry_sdk
from flask import Flask, abort

from {{ cookiecutter.project_slug }} import create_app, errors
{%- if cookiecutter.use_orm or cookiecutter.use_auth or cookiecutter.use_api %}
from {{ cookiecutter.project_slug }}.extensions import {% if cookiecutter.use_orm %}csrf{% endif %}{% if cookiecutter.use_orm and (cookiecutter.use_auth or cookiecutter.use_api) %}, {% endif %}{% if cookiecutter.use_auth or cookiecutter.use_api %}limiter{% endif %}
{%- endif %}

from .conftest import HTTPS

SITE = {**HTTPS, "Host": "example.com"}
# The layout (templates/base.html) around every page.
LAYOUT = '<a class="site-brand" href="/">'


DSN = "https://public@sentry.example.invalid/1"


def add_failing_views(app: Flask) -> Flask:
    """A view for each error a real view can end in."""

    @app.get("/forbidden")
    def forbidden() -> str:
        abort(403)

    @app.get("/broken")
    def broken() -> str:
        raise RuntimeError("a bug")
{%- if cookiecutter.use_auth or cookiecutter.use_api %}

    @app.get("/limited")
    @limiter.limit("1 per minute")
    def limited() -> str:
        return "once"
{%- endif %}
{%- if cookiecutter.use_orm %}

    @app.post("/form")
    def form() -> str:
        csrf.protect()
        return "accepted"
{%- endif %}

    return app


@pytest.fixture
def site(production: Flask) -> Flask:
    return add_failing_views(production)


def error_page(site: Flask, method: str, url: str, status: int) -> str:
    response = site.test_client().open(url, method=method, headers=SITE)
    assert response.status_code == status, response.text
    assert response.mimetype == "text/html"
    assert LAYOUT in response.text
    assert f"Error {status}" in response.text
    # The request id, for a user's report, is the one in the response header.
    assert f"<code>{response.headers['X-Request-ID']}</code>" in response.text
    return response.text


def test_not_found_page(site: Flask) -> None:
    assert "<h1>Page not found</h1>" in error_page(site, "GET", "/no-such-page", 404)


def test_forbidden_page(site: Flask) -> None:
    assert "Forbidden" in error_page(site, "GET", "/forbidden", 403)


def test_server_error_page_hides_the_error(site: Flask) -> None:
    page = error_page(site, "GET", "/broken", 500)
    assert "<h1>Server error</h1>" in page
    assert "a bug" not in page
    assert "Traceback" not in page


def test_server_error_page_falls_back_when_the_layout_fails(
    site: Flask, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The layout may need what just failed (the database, say): the plain page then."""

    def layout_down(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("the layout needs the database")

    monkeypatch.setattr(errors, "render_template", layout_down)
    response = site.test_client().get("/broken", headers=SITE)
    assert response.status_code == 500
    assert "Internal Server Error" in response.text
    assert LAYOUT not in response.text
    assert "The error page could not be rendered" in caplog.text
{%- if cookiecutter.use_auth or cookiecutter.use_api %}


def test_too_many_requests_page(site: Flask) -> None:
    client = site.test_client()
    assert client.get("/limited", headers=SITE).status_code == 200
    response = client.get("/limited", headers=SITE)
    assert response.status_code == 429
    assert LAYOUT in response.text
    assert "Too Many Requests" in response.text
    assert "Retry-After" in response.headers
{%- endif %}
{%- if cookiecutter.use_orm %}


def test_csrf_failure_page(site: Flask) -> None:
    page = error_page(site, "POST", "/form", 400)
    assert "Bad Request" in page
    assert "CSRF token is missing" in page
{%- endif %}


class Recorder:
    """Takes the place of sentry-sdk's sending: keeps the events that would go to Sentry."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def capture_envelope(self, envelope: Any) -> None:
        self.events.extend(item.payload.json for item in envelope.items if item.type == "event")


@pytest.fixture
def sentry_off_after() -> Iterator[None]:
    """sentry_sdk.init binds the process's client: unbind it after the test."""
    yield
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def test_errors_are_not_reported_without_sentry_dsn(site: Flask) -> None:
    assert site.config["SENTRY_DSN"] is None
    assert site.test_client().get("/broken", headers=SITE).status_code == 500
    assert not sentry_sdk.get_client().is_active()


@pytest.mark.usefixtures("production", "sentry_off_after")
def test_sentry_dsn_turns_error_reports_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENTRY_DSN", DSN)
    app = add_failing_views(create_app())
    client = sentry_sdk.get_client()
    assert client.is_active()
    assert client.dsn == DSN
    assert {"flask"{% if cookiecutter.__jobs == "celery" %}, "celery", "redis"{% endif %}} <= set(client.integrations)
    recorder = Recorder()
    monkeypatch.setattr(client.transport, "capture_envelope", recorder.capture_envelope)

    response = app.test_client().get("/broken", headers=SITE)
    assert response.status_code == 500
    [event] = recorder.events
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["tags"]["request_id"] == response.headers["X-Request-ID"]
    assert "cookies" not in event["request"]
