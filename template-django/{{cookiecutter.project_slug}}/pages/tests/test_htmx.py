"""htmx (docs/decisions/0004-htmx.md): the library from the site's own static files, with its
integrity hash, and the CSRF token for every request htmx makes."""

import base64
import hashlib
import re
from pathlib import Path

{% if cookiecutter.use_orm -%}
import pytest
{% endif -%}
from django.contrib.staticfiles import finders
from django.urls import reverse
{%- if cookiecutter.use_orm %}

pytestmark = pytest.mark.django_db
{%- endif %}


def static_file(name: str) -> Path:
    found = finders.find(name)
    assert isinstance(found, str), f"{name} is not among the static files"
    return Path(found)


def test_htmx_is_served_by_the_site_with_its_integrity_hash(client):
    page = client.get(reverse("pages:home")).content.decode()
    script = re.search(r'<script src="/static/vendor/htmx/htmx\.min\.js" integrity="sha384-([^"]+)" defer>', page)
    assert script, "the page loads htmx from the site's static files"
    served = static_file("vendor/htmx/htmx.min.js").read_bytes()
    # A browser refuses the script if its bytes do not hash to the page's integrity value.
    assert base64.b64encode(hashlib.sha384(served).digest()).decode() == script.group(1)
    assert "Zero-Clause BSD" in static_file("vendor/htmx/LICENSE").read_text()
    assert "allowEval" in page  # htmx's settings: no eval (the CSP allows none)


def test_every_htmx_request_carries_the_csrf_token(client):
    page = client.get(reverse("pages:home")).content.decode()

    assert re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"[^\"]+\"\}'>", page)
