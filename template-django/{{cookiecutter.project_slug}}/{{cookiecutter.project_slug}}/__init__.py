{% from "django.jinja" import docstr with context %}"""{{ docstr(cookiecutter.project_name) }}: the Django project package (settings, URLs, entry points)."""
{%- if cookiecutter.use_celery %}

# Load the Celery app whenever Django starts, so that @shared_task binds to it.
from .celery import app as celery_app
{%- endif %}

__version__ = "0.1.0"
{%- if cookiecutter.use_celery %}

__all__ = ("__version__", "celery_app")
{%- endif %}
