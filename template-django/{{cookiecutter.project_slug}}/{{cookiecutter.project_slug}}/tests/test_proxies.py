{% set limits = cookiecutter.use_auth or cookiecutter.use_api or cookiecutter.use_admin -%}
{% if limits -%}
"""Forwarded addresses: production trusts no X-Forwarded-For unless configured, and a
client that writes a new one with every request escapes no per-address limit, under the
production settings nor behind one proxy of yours.
"""

import itertools
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
{%- if cookiecutter.use_api %}
from rest_framework.throttling import AnonRateThrottle
{%- endif %}
{%- else -%}
"""Forwarded addresses: production trusts no X-Forwarded-For unless configured."""

import os
import subprocess
import sys

from django.conf import settings
{%- endif %}

from {{ cookiecutter.project_slug }}.tests.test_settings import PRODUCTION_ENV
{%- if limits %}
{%- if cookiecutter.use_orm %}

pytestmark = pytest.mark.django_db
{%- endif %}

# The address of your proxy, which it appends to what the client sent.
PROXY_SAW = "203.0.113.5"
{%- endif %}


def production_proxy_count() -> int:
    """How many proxies production trusts when DJANGO_TRUSTED_PROXY_COUNT is not set."""
    env = {**os.environ, **PRODUCTION_ENV}
    env.pop("DJANGO_TRUSTED_PROXY_COUNT", None)
    # (No per-address limit, no count: nothing reads the header.)
    script = "import django; django.setup(); from django.conf import settings; print(getattr(settings, 'TRUSTED_PROXY_COUNT', 0))"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])
{%- if limits %}


@pytest.fixture(scope="module", params=["production, nothing in front", "one proxy, configured"])
def proxies(request) -> tuple[int, int]:
    """How many proxies the settings trust, and how many stand in front of the server."""
    return (production_proxy_count(), 0) if request.param.startswith("production") else (1, 1)


def forged_addresses(present: int):
    """X-Forwarded-For as the server gets it: a new address of the attacker's each time,
    then one entry from each proxy that is really there."""
    for number in itertools.count(1):
        forged = f"198.51.100.{number % 250}, 192.0.2.{number % 250}"
        yield {"x-forwarded-for": forged + (", " + PROXY_SAW) * present}
{%- endif %}


def test_production_trusts_no_forwarded_header_unless_configured():
    assert production_proxy_count() == 0
{%- if cookiecutter.use_auth %}


def test_rotating_the_forwarded_address_does_not_escape_the_sign_in_limit(proxies):
    trusted, present = proxies
    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=trusted):
        answers = [
            Client().post(
                reverse("account_login"), {"login": f"user{number}@example.com", "password": "wrong"}, headers=headers
            )
            for number, headers in zip(range(11), forged_addresses(present), strict=False)
        ]

    last = answers[-1]
    assert last.status_code == 429 or "too many" in last.content.decode().lower()
{%- endif %}
{%- if cookiecutter.use_api %}


def test_rotating_the_forwarded_address_does_not_escape_the_api_throttle(proxies, monkeypatch):
    trusted, present = proxies
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": trusted}):
        answers = [
            Client().get(reverse("api:status"), headers=headers)
            for _, headers in zip(range(4), forged_addresses(present), strict=False)
        ]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
{%- endif %}
{%- if cookiecutter.use_admin and not cookiecutter.use_auth %}


def test_rotating_the_forwarded_address_does_not_escape_the_admin_lockout(proxies):
    trusted, present = proxies
    with override_settings(TRUSTED_PROXY_COUNT=trusted):
        answers = [
            Client().post(reverse("admin:login"), {"username": f"user{number}", "password": "wrong"}, headers=headers)
            for number, headers in zip(range(settings.AXES_FAILURE_LIMIT + 1), forged_addresses(present), strict=False)
        ]

    assert answers[-1].status_code == 429
{%- endif %}
