{% from "django.jinja" import default_settings, docstr with context %}"""
ASGI config for {{ docstr(cookiecutter.project_name) }}.

It exposes the ASGI callable as a module-level variable named ``application``.
{%- if cookiecutter.use_async %}
This is how the project is served: ``uvicorn {{ cookiecutter.project_slug }}.asgi:application``.
{%- endif %}

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/asgi/
"""

import os
{%- if cookiecutter.use_async %}
import warnings
{%- endif %}

from django.core.asgi import get_asgi_application
{%- if cookiecutter.use_async %}

# WhiteNoise serves static files through synchronous iterators, which Django's ASGI
# handler consumes in a thread, warning on each file: expected, so not logged.
warnings.filterwarnings("ignore", "StreamingHttpResponse must consume synchronous iterators")
{%- endif %}

# The servers run in production; development goes through manage.py (settings.local).
{{ default_settings("production") }}

application = get_asgi_application()
