"""{{ cookiecutter.project_name|pydoc }}: the Django project package (settings, URLs, entry points)."""
{%- if cookiecutter.__jobs == "celery" %}

# Load the Celery app whenever Django starts, so that @shared_task binds to it.
from .celery import app as celery_app
{%- endif %}

__version__ = "0.1.0"
{%- if cookiecutter.__jobs == "celery" %}

__all__ = ("__version__", "celery_app")
{%- endif %}
