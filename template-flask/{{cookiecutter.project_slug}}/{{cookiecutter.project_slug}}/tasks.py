"""Background tasks, run by ``celery -A {{ cookiecutter.project_slug }} worker``.

Each task runs inside the Flask application context (see celery_init_app in extensions.py);
a task defined with ``@shared_task`` in this module is found by the worker (CELERY["imports"]).
"""

from __future__ import annotations
{%- if cookiecutter.use_auth %}

from celery import shared_task

from .mail import deliver


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def send_mail(subject: str, sender: str, recipient: str, body: str, html: str | None = None) -> None:
    """Send one account email; an unreachable or failing server (OSError, SMTPException) is
    retried with growing delays for about an hour. The message (its links carry tokens) is
    never logged.
    """
    deliver(subject, sender, recipient, body, html)
{%- endif %}
