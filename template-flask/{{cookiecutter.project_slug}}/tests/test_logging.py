"""Logging: every line carries the request id, taken from X-Request-ID or made up."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask, current_app

from {{ cookiecutter.project_slug }} import create_app

SITE = {"X-Forwarded-Proto": "https", "Host": "example.com"}
# The application's logger (app.logger) is named after the package.
APP = "{{ cookiecutter.project_slug }}"


@contextmanager
def process_logging() -> Iterator[None]:
    """The root logger without handlers, as in a fresh gunicorn worker, so that create_app
    configures it (writing to the test's captured stderr); pytest's handlers come back after.
    """
    root = logging.getLogger()
    app_logger = logging.getLogger(APP)
    saved = root.handlers[:], root.level, app_logger.level
    root.handlers.clear()
    try:
        yield
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        app_logger.setLevel(saved[2])


def with_logging_view(app: Flask) -> Flask:
    @app.get("/log")
    def log_something() -> str:
        current_app.logger.debug("a detail")
        current_app.logger.info("serving the page")
        logging.getLogger("some.library").warning("a library's line")
        return "logged"

    return app


@pytest.mark.usefixtures("production")
def test_incoming_request_id_is_kept_and_logged(capsys: pytest.CaptureFixture[str]) -> None:
    with process_logging():
        client = with_logging_view(create_app()).test_client()
        response = client.get("/log", headers={**SITE, "X-Request-ID": "lb-4f2a.7"})
    assert response.headers["X-Request-ID"] == "lb-4f2a.7"
    logged = capsys.readouterr().err.splitlines()
    expected = [
        f" INFO [lb-4f2a.7] {APP}: serving the page",
        " WARNING [lb-4f2a.7] some.library: a library's line",
    ]
    for line in expected:
        assert any(seen.endswith(line) for seen in logged), (line, logged)
    # Production logs from INFO up.
    assert not [line for line in logged if "a detail" in line]


@pytest.mark.usefixtures("production")
def test_request_id_is_made_when_missing_or_unfit(capsys: pytest.CaptureFixture[str]) -> None:
    seen = set()
    with process_logging():
        client = with_logging_view(create_app()).test_client()
        for sent in (None, "", "two words", "x" * 500, "<script>"):
            headers = SITE if sent is None else {**SITE, "X-Request-ID": sent}
            request_id = client.get("/log", headers=headers).headers["X-Request-ID"]
            assert re.fullmatch(r"[0-9a-f]{32}", request_id), request_id
            assert f"[{request_id}] {APP}: serving" in capsys.readouterr().err
            seen.add(request_id)
    assert len(seen) == 5


@pytest.mark.usefixtures("production")
def test_lines_outside_a_request_have_no_id(capsys: pytest.CaptureFixture[str]) -> None:
    with process_logging():
        create_app().logger.warning("starting up")
    assert capsys.readouterr().err.endswith(f" WARNING [-] {APP}: starting up\n")


def test_development_shows_the_apps_debug_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.setenv("FLASK_PRODUCTION", "false")
    monkeypatch.setenv("FLASK_SECRET_KEY", "a-development-secret-key-that-is-long-enough")
    with process_logging():
        app = with_logging_view(create_app())
        assert app.debug
        response = app.test_client().get("/log", headers={"X-Request-ID": "dev-1"})
    assert response.status_code == 200
    assert f" DEBUG [dev-1] {APP}: a detail\n" in capsys.readouterr().err


def test_the_test_suite_keeps_its_own_log_capture(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    with app.test_request_context(headers={"X-Request-ID": "t-1"}):
        app.logger.warning("captured")
    assert "captured" in caplog.text
