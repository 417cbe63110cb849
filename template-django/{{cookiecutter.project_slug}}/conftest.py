"""Fixtures for every test of the project."""
{%- if cookiecutter.__jobs == "tasks" %}

import signal
from collections.abc import Callable, Iterator
{%- endif %}

import pytest
from django.core.cache import cache
{%- if cookiecutter.__jobs == "tasks" %}
from django.core.management import call_command
{%- endif %}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache{% if cookiecutter.use_auth or cookiecutter.use_api %}: the rate limits count there{% endif %}."""
    cache.clear()
    yield
    cache.clear()
{%- if cookiecutter.__jobs == "tasks" %}


@pytest.fixture
def run_worker(settings, transactional_db) -> Iterator[Callable[[], None]]:
    """Tasks stored in the database, as in production; ``run_worker()`` runs the real worker
    (``manage.py db_worker``) over those that are due, then returns.

    The test's data is committed (transactional_db): the worker checks its database
    connection between tasks as a long-running process must, which would end a test's
    transaction.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker takes over the stop signals (it finishes its task first): pytest's back after.
    stop_signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = [signal.getsignal(number) for number in stop_signals]

    def run() -> None:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    yield run
    for number, handler in zip(stop_signals, handlers, strict=True):
        signal.signal(number, handler)
{%- endif %}
