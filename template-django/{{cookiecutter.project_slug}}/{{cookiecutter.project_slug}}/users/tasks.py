"""Background tasks of the accounts, run by the Celery worker."""

from smtplib import SMTPException

from celery import shared_task
from django.core.mail import EmailMultiAlternatives


# The arguments hold links with tokens: the caller hides them from Celery's logs
# (kwargsrepr), and no log line here shows them.
@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=True, retry_jitter=True, max_retries=6)
def send_email(subject: str, body: str, from_email: str, to: list[str], alternatives: list[list[str]]) -> None:
    """Send one email; retried with growing delays (about an hour in all) while the server fails."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    message.send()
