{%- import "django.jinja" as dj with context -%}
{%- if cookiecutter.__jobs == "celery" -%}
"""Background tasks of the accounts, run by the Celery worker."""

from smtplib import SMTPException

from celery import shared_task
from django.core.mail import EmailMultiAlternatives


# The arguments hold links with tokens: the caller hides them from Celery's logs
# (kwargsrepr), and no log line here shows them.
@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=True, retry_jitter=True, max_retries=6)
def send_email(subject: str, body: str, from_email: str, to: list[str], alternatives: list[list[str]]) -> None:
    """Send one email; retried six times while the server fails, after delays that double from a second."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    message.send()
{%- else -%}
"""Background tasks of the accounts, run by the database worker (``python manage.py db_worker``)."""

import random
from datetime import timedelta
from smtplib import SMTPException

from django.core.mail import EmailMultiAlternatives
{%- if not dj.tasks_backport %}
from django.tasks import task
{%- endif %}
from django.utils import timezone
{%- if dj.tasks_backport %}
from django_tasks import task
{%- endif %}

# A failing mail server: the email is sent again this many times, after delays that double
# from a second (each a random part of it, so that many retries do not arrive together).
MAX_RETRIES = 6


# The arguments hold links with tokens: the worker's log lines name the task and its id,
# never its arguments. The database keeps them until prune_db_task_results deletes them.
@task()
def send_email(
    subject: str, body: str, from_email: str, to: list[str], alternatives: list[list[str]], retries: int = 0
) -> None:
    """Send one email; on a mail server failure, queued again for later, up to MAX_RETRIES times."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    try:
        message.send()
    except (SMTPException, OSError):
        if retries >= MAX_RETRIES:
            raise
        delay = timedelta(seconds=random.uniform(0, 2**retries))
        send_email.using(run_after=timezone.now() + delay).enqueue(
            subject, body, from_email, to, alternatives, retries=retries + 1
        )
        # This attempt is recorded as failed, with the error; the next one waits in the queue.
        raise
{%- endif %}
