{%- import "ops/stack.jinja" as ops with context -%}
"""Health endpoints for load balancers, orchestrators and uptime checks.

- ``/health/live/`` (liveness): the process answers; it checks nothing else, so a
  database outage does not get every instance restarted.
{%- if cookiecutter.use_orm or ops.redis %}
- ``/health/`` (readiness): the process and what it needs to serve a request
  ({% if cookiecutter.use_orm %}the database{% endif %}{% if cookiecutter.use_orm and ops.redis %}, {% endif %}{% if ops.redis %}Redis, the cache and the rate limits{% endif %}) answer; 503 otherwise, naming what failed.
{%- else %}
- ``/health/`` (readiness): the process can serve a request; it needs no other service
  (a project with a database or Redis checks them here).
{%- endif %}

Both answer whatever the Host header (``config.HealthProbeHost``) and over plain HTTP
(probes do not follow the HTTPS redirect), and a failed check is logged as a WARNING,
not as an error with a traceback on every probe.

A small blueprint rather than a library: Flask has no maintained health-check extension
(py-healthcheck and flask-healthz have had no release for years and would only call
the same checks written here).
"""

from __future__ import annotations

{% if cookiecutter.use_async and (cookiecutter.use_orm or ops.redis) %}import asyncio
{% endif %}import logging
{%- if cookiecutter.use_orm or ops.redis %}
from collections.abc import Callable
{%- endif %}

from flask import Blueprint{% if ops.redis %}, current_app{% endif %}
{%- if ops.redis %}
from redis import Redis
from redis.exceptions import RedisError
{%- endif %}
{%- if cookiecutter.use_orm %}
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
{%- endif %}

from .extensions import {% if cookiecutter.use_orm %}db, {% endif %}talisman

bp = Blueprint("health", __name__, url_prefix="/health")
log = logging.getLogger(__name__)
{%- if cookiecutter.use_orm %}


def check_database() -> None:
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()
{%- endif %}
{%- if ops.redis %}


def check_redis() -> None:
    if current_app.config["CACHE_TYPE"] != "RedisCache":
        return
    url = current_app.config["CACHE_REDIS_URL"]
    with Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2) as client:
        client.ping()
{%- endif %}
{%- if cookiecutter.use_orm or ops.redis %}


CHECKS: dict[str, Callable[[], None]] = {
{%- if cookiecutter.use_orm %}
    "database": check_database,
{%- endif %}
{%- if ops.redis %}
    "redis": check_redis,
{%- endif %}
}
FAILURES = ({% if cookiecutter.use_orm %}SQLAlchemyError, {% endif %}{% if ops.redis %}RedisError, {% endif %}OSError)
{%- endif %}


@bp.get("/", strict_slashes=False)
@talisman(force_https=False)
{%- if cookiecutter.use_orm or ops.redis %}
{%- if cookiecutter.use_async %}
async def ready() -> tuple[dict[str, str], int]:
    """200 when the application and every service it needs answer, 503 otherwise.

    An async view: the checks wait on their services at the same time, each in a thread (the
    drivers block), so a probe takes as long as the slowest check, not their sum.
    """
    outcomes = await asyncio.gather(*(asyncio.to_thread(check) for check in CHECKS.values()), return_exceptions=True)
    answer = {"status": "ok"}
    for name, outcome in zip(CHECKS, outcomes, strict=True):
        if isinstance(outcome, FAILURES):
            log.warning("readiness: %s unavailable (%s: %s)", name, type(outcome).__name__, outcome)
            answer[name] = "unavailable"
            answer["status"] = "error"
        elif isinstance(outcome, BaseException):
            raise outcome
        else:
            answer[name] = "ok"
    return answer, 200 if answer["status"] == "ok" else 503
{%- else %}
def ready() -> tuple[dict[str, str], int]:
    """200 when the application and every service it needs answer, 503 otherwise."""
    answer = {"status": "ok"}
    for name, check in CHECKS.items():
        try:
            check()
        except FAILURES as err:
            log.warning("readiness: %s unavailable (%s: %s)", name, type(err).__name__, err)
            answer[name] = "unavailable"
            answer["status"] = "error"
        else:
            answer[name] = "ok"
    return answer, 200 if answer["status"] == "ok" else 503
{%- endif %}
{%- else %}
def ready() -> tuple[dict[str, str], int]:
    """200 when the application answers (it needs no other service)."""
    return {"status": "ok"}, 200
{%- endif %}


@bp.get("/live/", strict_slashes=False)
@talisman(force_https=False)
def live() -> tuple[dict[str, str], int]:
    """200 while the process answers requests."""
    return {"status": "ok"}, 200
