"""Account emails go through a Celery task, with retries."""

from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail

from {{ cookiecutter.project_slug }}.users.tasks import send_email

pytestmark = pytest.mark.django_db


def test_send_email():
    send_email("Hello", "A link: https://www.example.com/x", "noreply@example.com", ["ada@example.com"], [])

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.com"]


def test_a_mail_server_failure_is_retried():
    with (
        mock.patch("{{ cookiecutter.project_slug }}.users.tasks.EmailMultiAlternatives.send", side_effect=SMTPServerDisconnected("down")),
        mock.patch.object(send_email, "retry", side_effect=Retry) as retry,
        pytest.raises(Retry),
    ):
        send_email.run("Hello", "body", "noreply@example.com", ["ada@example.com"], [])

    assert retry.called


def test_the_links_stay_out_of_celery_logs(client):
    """The task's arguments (the link and its token) are hidden from Celery's logs and events."""
    with mock.patch("{{ cookiecutter.project_slug }}.users.tasks.send_email.apply_async") as apply_async:
        client.post(
            "/accounts/signup/",
            {"email": "grace@example.com", "password1": "correct-horse-battery", "password2": "correct-horse-battery"},
        )

    assert apply_async.call_count == 1
    assert apply_async.call_args.kwargs["kwargsrepr"] == "{...}"
    assert "https://" in apply_async.call_args.kwargs["kwargs"]["body"]
