{% from "django.jinja" import default_settings, version with context %}"""
WSGI config for {{ cookiecutter.project_name|pydoc }}.

It exposes the WSGI callable as a module-level variable named ``application``.
{%- if not cookiecutter.use_async %}
This is how the project is served: ``gunicorn {{ cookiecutter.project_slug }}.wsgi``.
{%- endif %}

For more information on this file, see
https://docs.djangoproject.com/en/{{ version }}/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

# The servers run in production; development goes through manage.py (settings.local).
{{ default_settings("production") }}

application = get_wsgi_application()
