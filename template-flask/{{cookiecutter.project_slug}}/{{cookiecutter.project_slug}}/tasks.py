"""Background tasks, run by ``celery -A {{ cookiecutter.project_slug }} worker``.

Each task runs inside the Flask application context (see celery_init_app in extensions.py).
"""

from __future__ import annotations

from celery import shared_task
{%- if cookiecutter.use_orm %}
from sqlalchemy import func, select
{%- endif %}
{%- if cookiecutter.use_orm or cookiecutter.use_auth %}
{% endif %}
{%- if cookiecutter.use_orm %}
from .extensions import db
{%- endif %}
{%- if cookiecutter.use_auth %}
from .mail import deliver
{%- endif %}
{%- if cookiecutter.use_orm %}
from .models import Note
{%- endif %}


{%- if cookiecutter.use_auth %}


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def send_mail(
    subject: str, sender: str, recipient: str, body: str, html: str | None = None
) -> None:
    """Send one account email; an unreachable or failing server (OSError, SMTPException) is
    retried with growing delays for about an hour. The message (its links carry tokens) is
    never logged.
    """
    deliver(subject, sender, recipient, body, html)
{%- endif %}


@shared_task(ignore_result=False)
def add(x: int, y: int) -> int:
    """The smallest useful task: proves the worker and the result backend answer."""
    return x + y
{%- if cookiecutter.use_orm %}


@shared_task(ignore_result=False)
def count_notes() -> int:
    """A task using the database through the app context the worker provides."""
    return db.session.execute(select(func.count(Note.id))).scalar_one()
{%- endif %}
