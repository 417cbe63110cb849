"""The links of the layout and the home page: reversed once per process, right under any script prefix."""

from unittest import mock

{% if cookiecutter.use_orm -%}
import pytest
{% endif -%}
from django.templatetags.static import static
from django.urls import clear_script_prefix, reverse, set_script_prefix

from pages.templatetags.site_links import NAMES, site_links
{%- if cookiecutter.use_orm %}

pytestmark = pytest.mark.django_db
{%- endif %}


def test_each_link_is_its_url_pattern():
    assert site_links() == {key: reverse(name) for key, name in NAMES.items()} | {
        "css": static("css/site.css"),
        "icon": static("favicon.svg"),
{%- if cookiecutter.frontend == "htmx" %}
        "htmx": static("vendor/htmx/htmx.min.js"),
{%- endif %}
    }


def test_a_page_reverses_none_of_them_once_they_are_known(client):
    client.get(reverse("pages:home"))

    with mock.patch("django.urls.reverse", wraps=reverse) as reversing:
        response = client.get(reverse("pages:home"))

    assert response.status_code == 200
    assert reversing.call_count == 0


def test_served_under_a_path_the_links_start_with_it(client):
    client.get("/")  # the links for "/" are known
    set_script_prefix("/shop/")  # as the WSGI handler does for SCRIPT_NAME=/shop
    try:
        response = client.get("/")
    finally:
        clear_script_prefix()

    assert 'class="site-brand" href="/shop/"' in response.content.decode()
    assert 'class="site-brand" href="/"' in client.get("/").content.decode()
