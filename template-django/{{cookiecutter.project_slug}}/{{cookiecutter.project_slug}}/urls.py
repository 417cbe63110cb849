{% from "django.jinja" import version with context %}"""
URL configuration for {{ cookiecutter.project_name|pydoc }}.

The `urlpatterns` list routes URLs to views. For more information please see:
    https://docs.djangoproject.com/en/{{ version }}/topics/http/urls/
"""

{% if cookiecutter.use_admin and cookiecutter.use_auth -%}
from allauth.account.decorators import secure_admin_login
{% endif -%}
{% if cookiecutter.use_admin -%}
from django.contrib import admin
{% endif -%}
from django.urls import {{ "URLPattern, URLResolver, " if cookiecutter.use_api }}include, path
{%- if cookiecutter.use_api %}
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
{%- if cookiecutter.use_orm %}
from rest_framework.routers import DefaultRouter
{%- endif %}

{#- First-party imports in isort's order: the project's package and pages, by name. -#}
{%- set own = [] %}
{%- if cookiecutter.use_orm %}{% set _ = own.append((cookiecutter.project_slug ~ ".notes.api", "NoteViewSet")) %}{% endif %}
{%- if cookiecutter.use_auth %}{% set _ = own.append((cookiecutter.project_slug ~ ".users.tokens", "TokenViewSet, api_tokens")) %}{% endif %}
{%- set _ = own.append(("pages.api", "EchoView, StatusView")) %}
{%- for module, names in own|sort(attribute="0") %}
{% if loop.first %}
{% endif %}from {{ module }} import {{ names }}
{%- endfor %}
{%- if cookiecutter.use_orm %}

router = DefaultRouter()
router.register("notes", NoteViewSet)
{%- if cookiecutter.use_auth %}
router.register("tokens", TokenViewSet, basename="token")
{%- endif %}
{%- endif %}

api_urlpatterns: list[URLPattern | URLResolver] = [
{%- if cookiecutter.use_orm %}
    path("", include(router.urls)),
{%- endif %}
    path("status/", StatusView.as_view(), name="status"),
    path("echo/", EchoView.as_view(), name="echo"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    # Swagger UI's start-up script is a file of its own: the CSP allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
{%- endif %}

{%- if cookiecutter.use_admin %}

# The admin says whose it is; its "View site" link (site_url: "/") leads back to the site.
admin.site.site_header = {{ pystr(cookiecutter.project_name ~ " administration") }}
admin.site.site_title = {{ pystr(cookiecutter.project_name ~ " admin") }}
{%- endif %}
{%- if cookiecutter.use_admin and cookiecutter.use_auth %}

# The admin's log in is allauth's: email verified, attempts rate-limited.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
{%- endif %}

urlpatterns = [
    path("", include("pages.urls")),
{%- if cookiecutter.use_orm %}
    path("notes/", include("{{ cookiecutter.project_slug }}.notes.urls")),
{%- endif %}
{%- if cookiecutter.use_auth %}
{%- if cookiecutter.use_api %}
    path("accounts/tokens/", api_tokens, name="account_api_tokens"),
{%- endif %}
    path("accounts/", include("allauth.urls")),
{%- endif %}
{%- if cookiecutter.use_admin %}
    path("admin/", admin.site.urls),
{%- endif %}
{%- if cookiecutter.use_api %}
    path("api/", include((api_urlpatterns, "api"))),
{%- endif %}
]
