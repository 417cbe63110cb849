"""Attacks tried first, performed against this project: each must fail.

The production settings are loaded in a subprocess of their own (they read only
the real environment), where Django's test client sends the requests.
"""

import json
import os
import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from .test_settings import PRODUCTION_ENV

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client, override_settings

# collectstatic is a deployment step: the headers do not need its manifest.
override_settings(
    STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()

client = Client(headers={"x-forwarded-proto": "https"})
results = {}
for name, path, host in [
    ("home", "/", "www.example.com"),
    ("forged_host", "/", "evil.example"),
{%- if cookiecutter.use_auth %}
    ("forged_host_reset", "/accounts/password/reset/", "evil.example"),
    ("login", "/accounts/login/", "www.example.com"),
{%- endif %}
    ("health_by_address", "/health/", "10.0.0.5"),
    ("live_by_address", "/health/live/", "10.0.0.5"),
    ("missing", "/no-such-page/", "www.example.com"),
]:
    response = client.get(path, headers={"host": host, "accept": "application/json"})
    results[name] = {
        "status": response.status_code,
        "headers": {key.lower(): value for key, value in response.headers.items()},
        "cookies": {key: dict(morsel) for key, morsel in response.cookies.items()},
        "body": response.content.decode()[:4000],
    }
results["settings"] = {
    "SESSION_COOKIE_SECURE": getattr(settings, "SESSION_COOKIE_SECURE", False),
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
}
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def production():
    """The answers of the project under its production settings."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env={**os.environ, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_production_sends_the_security_headers(production):
    headers = production["home"]["headers"]

    assert production["home"]["status"] == 200
    assert headers["strict-transport-security"].startswith("max-age=")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp


def test_production_cookies_are_secure(production):
{%- if cookiecutter.use_orm %}
    assert production["settings"]["SESSION_COOKIE_SECURE"]
{%- endif %}
    assert production["settings"]["CSRF_COOKIE_SECURE"]
{%- if cookiecutter.use_auth %}
    csrf_cookie = production["login"]["cookies"]["csrftoken"]
    assert csrf_cookie["secure"]
{%- endif %}


def test_production_refuses_a_forged_host(production):
    assert production["forged_host"]["status"] == 400
{%- if cookiecutter.use_auth %}
    # A password reset asked for under another Host never gets to send a link.
    assert production["forged_host_reset"]["status"] == 400
{%- endif %}


def test_production_health_answers_load_balancers_by_address(production):
    assert production["live_by_address"]["status"] == 200
{%- if cookiecutter.__jobs == "celery" %}
    # Ready once a Celery worker answers (none runs here): 500 until then, never 400.
    assert production["health_by_address"]["status"] in (200, 500)
{%- else %}
    assert production["health_by_address"]["status"] == 200
{%- endif %}
    checks = json.loads(production["health_by_address"]["body"])
    assert any(name.startswith("Cache") for name in checks)


def test_production_error_pages_use_the_layout(production):
    assert production["missing"]["status"] == 404
    assert "<h1>Page not found</h1>" in production["missing"]["body"]
    assert 'class="site-brand"' in production["missing"]["body"]


PAGES = [
    "pages:home",
{%- if cookiecutter.use_auth %}
    "account_login",
    "account_signup",
{%- endif %}
{%- if cookiecutter.use_api %}
    "api:docs",
{%- endif %}
]


@pytest.mark.parametrize("name", PAGES)
{%- if cookiecutter.use_orm %}
@pytest.mark.django_db
{%- endif %}
def test_no_page_loads_a_script_or_style_from_another_origin(client, name):
    response = client.get(reverse(name))
    html = response.content.decode()
    # Swagger UI's page loads its start-up script from a URL of this site too.
    urls = re.findall(r"<(?:script|link)\b[^>]*?\b(?:src|href)=[\"']([^\"']+)", html)

    assert response.status_code == 200
    assert urls, "the page loads its styles or scripts from somewhere"
    for url in urls:
        assert not urlsplit(url).netloc, f"{name} loads {url} from another origin"
    assert "<script>" not in html.replace(" ", ""), "no inline script (the CSP forbids them)"
{%- if cookiecutter.use_orm %}


@pytest.mark.django_db
{%- else %}

{% endif %}
def test_a_form_post_without_a_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
{%- if cookiecutter.use_auth %}

    response = client.post(reverse("account_login"), {"login": "ada@example.com", "password": "x"})
{%- elif cookiecutter.use_admin %}

    response = client.post(reverse("admin:login"), {"username": "ada@example.com", "password": "x"})
{%- else %}

    response = client.post(reverse("pages:home"))
{%- endif %}

    assert response.status_code == 403
