"""How the account emails of Flask-Security-Too are sent (see ``Security`` in extensions.py)."""

from __future__ import annotations

import sys
from typing import Any

from flask import current_app
from flask_mailman import EmailMultiAlternatives
from flask_mailman.backends import file
from flask_security import MailUtil


class ProjectMailUtil(MailUtil):
    """Send the account emails {% if cookiecutter.__jobs == "celery" %}through a Celery task (retried when the server fails){% else %}through Flask-Mailman{% endif %}.

    A failure is logged without the message, whose links carry tokens, and the visitor gets
    the same answer as for an address without an account.
    """

    def send_mail(
        self,
        template: str,
        subject: str,
        recipient: str | tuple[str, str],
        sender: str | tuple[str, str],
        body: str | None,
        html: str | None,
        **kwargs: Any,
    ) -> None:
        if isinstance(sender, tuple):
            sender = f"{sender[0]} <{sender[1]}>"
        message: dict[str, Any] = {
            "subject": str(subject),
            "sender": str(sender),
            "recipient": str(recipient),
            "body": body or "",
            "html": html,
        }
        try:
{%- if cookiecutter.__jobs == "celery" %}
            if current_app.config["MAIL_BY_WORKER"]:
                from .tasks import send_mail

                send_mail.delay(**message)
            else:  # development: at once, whether or not a worker runs
                deliver(**message)
{%- else %}
            deliver(**message)
{%- endif %}
        except Exception:  # any failure: log it, and answer as if nothing happened
            current_app.logger.exception("Could not send the %r email to %s.", template, recipient)


def deliver(subject: str, sender: str, recipient: str, body: str, html: str | None) -> None:
    """Send one email with Flask-Mailman (SMTP in production, the console in development)."""
    message = EmailMultiAlternatives(subject, body=body, from_email=sender, to=[recipient])
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


class DevelopmentEmailBackend(file.EmailBackend):
    """Development's backend: each email kept in MAIL_FILE_PATH (tmp/mail/) and printed.

    The file is there to open later; the console shows the message at once, as text (its
    links whole, to the address the server answers on). Production sends through
    FLASK_MAIL_SERVER.
    """

    def write_message(self, message: Any) -> None:
        super().write_message(message)  # to the file
        sys.stdout.write(
            f"Subject: {message.subject}\nFrom: {message.from_email}\n"
            f"To: {', '.join(message.to)}\n\n{message.body}\n{'-' * 79}\n"
        )
        sys.stdout.flush()
