"""The example task, called directly and run by a real Celery worker on Redis."""

import os

import pytest
from celery.contrib.testing.worker import start_worker

from pages.tasks import count_words

app = count_words.app  # the project's Celery app ({{ cookiecutter.project_slug }}/celery.py)


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
def celery_worker():
    if not broker_answers():
        reason = f"Redis does not answer at {app.conf.broker_url}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must provide it.")
        pytest.skip(f"{reason}: start it to run this test.")
    with start_worker(app, pool="solo", perform_ping_check=False) as worker:
        yield worker


def test_count_words_through_a_worker(celery_worker):
    result = count_words.delay("one two three")

    assert result.get(timeout=10) == 3
