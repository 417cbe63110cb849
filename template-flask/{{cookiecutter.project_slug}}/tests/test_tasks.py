"""The Celery tasks, run directly and through a real worker on Redis.

The worker tests skip when Redis does not answer, except in CI (the CI variable is set),
where they fail: CI must run them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
{%- if cookiecutter.use_auth %}
from unittest import mock
{%- endif %}

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from flask import Flask
{%- if cookiecutter.use_auth %}
from flask.testing import FlaskClient
{%- endif %}

from {{ cookiecutter.project_slug }}.tasks import add
{%- if cookiecutter.use_orm %}, count_notes{% endif %}
{%- if cookiecutter.use_auth %}, send_mail{% endif %}
{%- if cookiecutter.use_auth or cookiecutter.use_orm %}
{# a blank line before the local imports #}
{%- endif %}
{%- if cookiecutter.use_auth %}
from .conftest import AuthActions, post_form
{%- endif %}
{%- if cookiecutter.use_orm %}
from .test_notes import add_note
{%- endif %}


def test_tasks_run_in_the_app_context(app: Flask{% if cookiecutter.use_auth %}, auth: AuthActions{% endif %}) -> None:
    assert add(2, 3) == 5
{%- if cookiecutter.use_orm %}
{%- if cookiecutter.use_auth %}
    auth.create_user()
{%- endif %}
    add_note(app)
    assert count_notes() == 1
{%- endif %}


@pytest.fixture
def worker(app: Flask, redis_up: None) -> Iterator[str]:
    """A real worker consuming a queue of its own; yields the queue's name.

    Its own queue: no other worker on the same Redis takes this test's tasks.
    """
    celery_app: Celery = app.extensions["celery"]
    # One result backend for this thread and the worker's, so that it can be closed below.
    celery_app.conf.result_backend_thread_safe = True
    celery_app.conf.task_always_eager = False
    queue = f"test-{uuid.uuid4().hex}"
    with start_worker(celery_app, perform_ping_check=False, loglevel="WARNING", queues=[queue]):
        yield queue
    with celery_app.connection_for_write() as connection:
        # Declared on this channel first, so that it knows the bindings to delete with it.
        test_queue = celery_app.amqp.queues[queue].bind(connection.default_channel)
        test_queue.declare()
        test_queue.delete()
    # Close the connections to Redis now rather than leave them to the garbage collector.
    celery_app.backend.result_consumer.stop()
    celery_app.backend.client.connection_pool.disconnect()


def test_task_through_a_worker(worker: str) -> None:
    assert add.apply_async((2, 3), queue=worker).get(timeout=10) == 5
{%- if cookiecutter.use_auth %}


def test_account_mail_goes_through_a_task_with_retries(
    client: FlaskClient, auth: AuthActions, outbox: list[object]
) -> None:
    assert send_mail.autoretry_for == (OSError,)
    assert send_mail.max_retries is not None
    assert send_mail.max_retries > 1
    auth.create_user()
    with mock.patch("{{ cookiecutter.project_slug }}.tasks.send_mail") as task:
        post_form(client, "/auth/reset", {"email": "ada@example.com"})
    task.delay.assert_called_once()
    assert task.delay.call_args.kwargs["recipient"] == "ada@example.com"
    assert outbox == []  # queued, not sent by the request
    send_mail.apply(kwargs=task.delay.call_args.kwargs)
    assert len(outbox) == 1


def test_development_sends_account_mail_without_a_worker(
    app: Flask, client: FlaskClient, auth: AuthActions, outbox: list[object]
) -> None:
    app.config["MAIL_BY_WORKER"] = False
    auth.create_user()
    with mock.patch("{{ cookiecutter.project_slug }}.tasks.send_mail") as task:
        post_form(client, "/auth/reset", {"email": "ada@example.com"})
    task.delay.assert_not_called()
    assert len(outbox) == 1
{%- endif %}
{%- if cookiecutter.use_orm %}


def test_database_task_through_a_worker(app: Flask, worker: str{% if cookiecutter.use_auth %}, auth: AuthActions{% endif %}) -> None:
{%- if cookiecutter.use_auth %}
    auth.create_user()
{%- endif %}
    add_note(app)
    add_note(app, "Second")
    assert count_notes.apply_async(queue=worker).get(timeout=10) == 2
{%- endif %}
