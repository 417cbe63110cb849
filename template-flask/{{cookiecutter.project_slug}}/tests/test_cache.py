{%- import "ops/stack.jinja" as ops with context -%}
"""The cache (Flask-Caching): {% if ops.redis %}in Redis, so every worker process shares it{% else %}in each process's memory{% endif %}."""

from __future__ import annotations

import uuid
{%- if cookiecutter.use_orm %}
from pathlib import Path
{%- endif %}

{% if ops.redis %}import pytest
{% endif %}from flask import Flask

from {{ cookiecutter.project_slug }}.extensions import cache

from .conftest import make_app


{% if ops.redis %}@pytest.mark.usefixtures("redis_up")
{% endif %}def test_cache_{% if ops.redis %}is_shared_between_processes{% else %}keeps_values_per_process{% endif %}(app: Flask{% if cookiecutter.use_orm %}, tmp_path: Path{% endif %}) -> None:
    key = f"test-{uuid.uuid4().hex}"
    with app.app_context():
        assert cache.get(key) is None
        cache.set(key, {"answer": 42}, timeout=60)
        assert cache.get(key) == {"answer": 42}
    # Another worker process: an application of its own, with its own cache client.
    other = make_app({% if cookiecutter.use_orm %}tmp_path{% endif %})
    with other.app_context():
{%- if ops.redis %}
        assert type(other.extensions["cache"][cache]).__name__ == "RedisCache"
        assert cache.get(key) == {"answer": 42}
        cache.delete(key)
    with app.app_context():
        assert cache.get(key) is None
{%- else %}
        assert type(other.extensions["cache"][cache]).__name__ == "SimpleCache"
        assert cache.get(key) is None
{%- endif %}
