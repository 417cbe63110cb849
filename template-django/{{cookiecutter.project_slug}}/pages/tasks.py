{%- import "django.jinja" as dj with context -%}
{%- if cookiecutter.__jobs == "celery" -%}
"""Background tasks, run by ``celery -A {{ cookiecutter.project_slug }} worker``."""

from celery import shared_task


@shared_task
def count_words(text: str) -> int:
    """Count the words of a text: an example of work taken out of the request cycle."""
    return len(text.split())
{%- else -%}
"""Background tasks, run by ``python manage.py db_worker``."""

from {{ dj.tasks_module }} import task


@task()
def count_words(text: str) -> int:
    """Count the words of a text: an example of work taken out of the request cycle."""
    return len(text.split())
{%- endif %}
