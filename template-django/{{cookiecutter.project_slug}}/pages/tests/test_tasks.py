{%- import "django.jinja" as dj with context -%}
{%- if cookiecutter.__jobs == "celery" -%}
"""The example task, called directly and run by a real Celery worker on Redis.

The worker test skips when Redis does not answer, except in CI (the CI variable
is set), where it fails: CI must run it.
"""

import os
import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from pages.tasks import count_words

# The project's Celery app, from {{ cookiecutter.project_slug }}/celery.py.
app = count_words.app


def test_count_words():
    assert count_words("the quick brown fox") == 4


def broker_answers() -> bool:
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # kombu wraps each transport's errors in its own OperationalError
        return False
    return True


@pytest.fixture(scope="module")
def worker_queue():
    """A worker consuming a queue of its own, so that it takes only this test's tasks
    (and no other worker on the same Redis takes them)."""
    if not broker_answers():
        reason = f"Redis does not answer at {app.conf.broker_url}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must provide it.")
        pytest.skip(f"{reason}: start it to run this test.")
    queue = f"test-{uuid.uuid4().hex}"
    # The test settings run tasks in place; this test sends them to a real worker.
    app.conf.task_always_eager = False
    # One result backend shared by this thread and the worker's, closed below.
    app.conf.result_backend_thread_safe = True
    with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue]):
        yield queue
    with app.connection_for_write() as connection:
        # Declared on this channel first, so that it knows the bindings to delete with it.
        test_queue = app.amqp.queues[queue].bind(connection.default_channel)
        test_queue.declare()
        test_queue.delete()
    # Close the connections to Redis now rather than leave them to the garbage collector.
    app.backend.result_consumer.stop()
    app.backend.client.connection_pool.disconnect()
    app.close()
    app.conf.task_always_eager = True


def test_count_words_through_a_worker(worker_queue):
    result = count_words.apply_async(["one two three"], queue=worker_queue)

    assert result.get(timeout=10) == 3
{%- else -%}
"""The example task, called directly and run by the real database worker."""

from {{ dj.tasks_module }} import TaskResultStatus

from pages.tasks import count_words


def test_count_words():
    assert count_words.call("the quick brown fox") == 4


def test_count_words_through_the_worker(run_worker):
    result = count_words.enqueue("one two three")
    assert result.status == TaskResultStatus.READY

    run_worker()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 3
{%- endif %}
