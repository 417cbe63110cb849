{% from "django.jinja" import default_settings, version with context %}"""
ASGI config for {{ cookiecutter.project_name|pydoc }}.

It exposes the ASGI callable as a module-level variable named ``application``.
{%- if cookiecutter.use_async %}
This is how the project is served: ``uvicorn {{ cookiecutter.project_slug }}.asgi:application``.
{%- endif %}

For more information on this file, see
https://docs.djangoproject.com/en/{{ version }}/howto/deployment/asgi/
"""

import os

from django.core.asgi import get_asgi_application

# The servers run in production; development goes through manage.py (settings.local).
{{ default_settings("production") }}

application = get_asgi_application()
