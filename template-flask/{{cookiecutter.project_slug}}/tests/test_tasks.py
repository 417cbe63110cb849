{%- import "ops/stack.jinja" as ops with context -%}
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
from celery import Celery, shared_task
from celery.contrib.testing.worker import start_worker
from flask import Flask, current_app
{%- if cookiecutter.use_auth %}
from flask.testing import FlaskClient
{%- endif %}

{%- if cookiecutter.use_auth %}

from {{ cookiecutter.project_slug }}.tasks import send_mail

from .conftest import AuthActions, post_form
{%- endif %}


@shared_task(ignore_result=False)
def app_name() -> str:
    """A task of the tests: it answers from the application context the worker provides."""
    return str(current_app.name)


def test_tasks_run_in_the_app_context(app: Flask) -> None:
    assert app_name() == app.name
    # A task running longer is killed: the deployment waits that long for a stopping worker.
    assert app.extensions["celery"].conf.task_time_limit == {{ ops.task_time_limit }}


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
    assert app_name.apply_async(queue=worker).get(timeout=10) == "{{ cookiecutter.project_slug }}"
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
{%- endif %}
