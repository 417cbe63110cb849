{% raw %}"""The links of the site's layout and home page, found once per process instead of on every page.

Every page links to the same few named URLs, twice over (the navigation bar and its menu),
and to the style sheet and the icon; with ``{% url %}`` and ``{% static %}`` each is found
again on every request, which took a third of the home page's time. ``{% site_links as links %}``
finds them once per URL configuration, script prefix and language (what ``reverse()`` depends
on) and gives ``{{ links.home }}``, ``{{ links.css }}``... A template tag, not a context
processor: the 500 page is rendered without any.
"""{% endraw %}

from functools import cache

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

register = template.Library()

# The key templates use, and the name of the URL pattern it stands for.
NAMES = {
    "home": "pages:home",
    "health": "pages:health",
{%- if cookiecutter.use_orm %}
    "notes": "notes:list",
{%- endif %}
{%- if cookiecutter.use_admin %}
    "admin": "admin:index",
{%- endif %}
{%- if cookiecutter.use_api %}
    "api_docs": "api:docs",
    "api_schema": "api:schema",
{%- endif %}
{%- if cookiecutter.use_auth %}
    "sign_in": "account_login",
    "sign_up": "account_signup",
    "sign_out": "account_logout",
    "account": "account_email",
{%- endif %}
}


@cache
def _urls(urlconf: str, prefix: str, language: str | None) -> dict[str, str]:
    urls = {key: reverse(name, urlconf=urlconf) for key, name in NAMES.items()}
    return urls | {
        "css": static("css/site.css"),
        "icon": static("favicon.svg"),
{%- if cookiecutter.frontend == "htmx" %}
        "htmx": static("vendor/htmx/htmx.min.js"),
{%- endif %}
    }


@register.simple_tag
def site_links() -> dict[str, str]:
    """Each key of ``NAMES`` with its URL (for this request's URL configuration, script prefix and language), css, icon."""
    return _urls(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language())
