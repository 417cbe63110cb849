"""Fixtures for every test of the project."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache{% if cookiecutter.use_auth or cookiecutter.use_api %}: the rate limits count there{% endif %}."""
    cache.clear()
    yield
    cache.clear()
