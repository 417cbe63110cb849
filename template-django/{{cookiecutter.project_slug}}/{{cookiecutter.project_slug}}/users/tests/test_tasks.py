{%- import "django.jinja" as dj with context -%}
{%- if cookiecutter.__jobs == "celery" -%}
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
        mock.patch(
            "{{ cookiecutter.project_slug }}.users.tasks.EmailMultiAlternatives.send",
            side_effect=SMTPServerDisconnected("down"),
        ),
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
{%- else -%}
"""Account emails go through a background task, sent by the real worker, with retries."""

from datetime import timedelta
from smtplib import SMTPServerDisconnected
from unittest import mock
{% if cookiecutter.use_admin %}
from django.contrib.auth.models import Permission
{%- endif %}
from django.core import mail
from django.core.mail import EmailMultiAlternatives
{%- if not dj.tasks_backport %}
from django.tasks import TaskResultStatus
{%- endif %}
{%- if cookiecutter.use_admin %}
from django.test import Client
from django.urls import reverse
{%- endif %}
from django.utils import timezone
{%- if dj.tasks_backport %}
from django_tasks import TaskResultStatus
{%- endif %}
from django_tasks_db.models import DBTaskResult

from {{ cookiecutter.project_slug }}.users.tasks import MAX_RETRIES, send_email
{%- if cookiecutter.use_admin %}
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory
{%- endif %}

SIGN_UP = {"email": "grace@example.com", "password1": "correct-horse-battery", "password2": "correct-horse-battery"}


def test_send_email():
    send_email.call("Hello", "A link: https://www.example.com/x", "noreply@example.com", ["ada@example.com"], [])

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.com"]


def test_the_worker_sends_the_confirmation_mail(client, run_worker):
    client.post("/accounts/signup/", SIGN_UP)
    assert mail.outbox == []  # queued in the database, not sent by the request

    run_worker()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["grace@example.com"]
    assert "https://www.example.com/accounts/confirm-email/" in mail.outbox[0].body
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_mail_server_failure_is_sent_again_later(client, run_worker):
    client.post("/accounts/signup/", SIGN_UP)
    with mock.patch.object(EmailMultiAlternatives, "send", side_effect=SMTPServerDisconnected("down")):
        run_worker()

    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == TaskResultStatus.FAILED
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["kwargs"]["retries"] == 1
    assert retry.run_after <= timezone.now() + timedelta(seconds=1)
    assert mail.outbox == []

    # The server is back once the retry is due.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()

    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.get(pk=retry.pk).status == TaskResultStatus.SUCCESSFUL


def test_the_last_retry_gives_up(run_worker):
    send_email.enqueue("Hello", "body", "noreply@example.com", ["ada@example.com"], [], retries=MAX_RETRIES)
    with mock.patch.object(EmailMultiAlternatives, "send", side_effect=SMTPServerDisconnected("down")):
        run_worker()

    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
{%- if cookiecutter.use_admin %}


def test_the_admin_shows_no_link_of_a_task(run_worker):
    """A staff member who may view the tasks must not read the links in their arguments."""
    staff = UserFactory.create(email="staff@example.com", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_dbtaskresult"))
    send_email.enqueue("Reset", "https://www.example.com/accounts/password/reset/key/1-secret/", "a@b.c", ["x@y.z"], [])
    client = Client()
    client.force_login(staff)
    task = DBTaskResult.objects.get()

    response = client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[task.pk]))

    assert response.status_code == 200
    assert b"{{ cookiecutter.project_slug }}.users.tasks.send_email" in response.content
    assert b"1-secret" not in response.content
{%- endif %}
{%- endif %}
