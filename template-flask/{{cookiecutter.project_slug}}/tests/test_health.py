{%- import "ops/stack.jinja" as ops with context -%}
"""The health endpoints: liveness checks the process, readiness what it needs too."""

from __future__ import annotations
{%- if cookiecutter.use_orm or ops.redis %}

import logging
{%- endif %}
{%- if cookiecutter.use_orm %}
from pathlib import Path
{%- endif %}

{% if cookiecutter.use_orm or ops.redis %}import pytest
{% endif %}{% if ops.redis %}from flask import Flask
{% endif %}from flask.testing import FlaskClient
{%- if cookiecutter.use_orm %}

from .conftest import make_app
{%- endif %}


def test_liveness(client: FlaskClient) -> None:
    for url in ("/health/live/", "/health/live"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.json == {"status": "ok"}


{% if ops.redis %}@pytest.mark.usefixtures("redis_up")
{% endif %}def test_readiness(client: FlaskClient) -> None:
    for url in ("/health/", "/health"):
        response = client.get(url)
        assert response.status_code == 200, url
{%- if cookiecutter.use_orm or ops.redis %}
        assert response.json == {"status": "ok"{% if cookiecutter.use_orm %}, "database": "ok"{% endif %}{% if ops.redis %}, "redis": "ok"{% endif %}}
{%- else %}
        assert response.json == {"status": "ok"}
{%- endif %}
{%- if cookiecutter.use_orm %}


def test_readiness_reports_an_unreachable_database(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    missing = tmp_path / "no-such-folder" / "db.sqlite3"
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{missing}")
{%- if ops.redis %}
    app.config["CACHE_REDIS_URL"] = "redis://127.0.0.1:1/0"
{%- endif %}
    client = app.test_client()
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json["status"] == "error"
    assert response.json["database"] == "unavailable"
    # The process itself is fine: liveness says so, and nothing is logged as an error.
    assert client.get("/health/live/").status_code == 200
    assert "database unavailable" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
{%- endif %}
{%- if ops.redis %}


def test_readiness_reports_an_unreachable_redis(
    app: Flask, client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    # Nothing listens on port 1.
    app.config["CACHE_REDIS_URL"] = "redis://127.0.0.1:1/0"
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json["status"] == "error"
    assert response.json["redis"] == "unavailable"
{%- if cookiecutter.use_orm %}
    assert response.json["database"] == "ok"
{%- endif %}
    assert client.get("/health/live/").status_code == 200
    assert "redis unavailable" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
{%- endif %}
