"""Logging: every line carries the id of its request (django-guid), JSON in production."""

import io
import json
import logging
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest
from django.conf import settings

from {{ cookiecutter.project_slug }}.tests.test_settings import PRODUCTION_ENV
{%- if cookiecutter.use_orm %}

pytestmark = pytest.mark.django_db
{%- endif %}


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the configured console handler (settings.LOGGING) writes."""
    handler = next(handler for handler in logging.getLogger().handlers if handler.get_name() == "console")
    assert isinstance(handler, logging.StreamHandler)
    written = io.StringIO()
    previous = handler.setStream(written)
    yield written
    handler.setStream(previous)


def test_a_request_logs_with_the_callers_request_id(client, console):
    request_id = uuid.uuid4().hex

    response = client.get("/no-such-page/", headers={"x-request-id": request_id})

    assert response["X-Request-ID"] == request_id
    assert f"WARNING [{request_id}] django.request: Not Found: /no-such-page/" in console.getvalue()


def test_a_request_without_an_id_gets_one(client, console):
    response = client.get("/no-such-page/")

    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert f"[{request_id}] django.request: Not Found" in console.getvalue()


def test_an_id_that_is_not_a_uuid_is_replaced(client, console):
    forged = "forged\\nINFO fake line"

    response = client.get("/no-such-page/", headers={"x-request-id": forged})

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert "forged" not in console.getvalue()


def test_production_logs_json_lines():
    script = "import django, logging; django.setup(); logging.getLogger('probe').warning('hello %s', 'world')"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**os.environ, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["levelname"] == "WARNING"
    assert line["name"] == "probe"
    assert line["message"] == "hello world"
    assert "request_id" in line
