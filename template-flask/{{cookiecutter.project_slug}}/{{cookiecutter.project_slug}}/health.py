"""Health endpoints for load balancers, orchestrators and uptime checks.

- ``/health/live/`` (liveness): the process answers; it checks nothing else, so a
  database outage does not get every instance restarted.
{%- if cookiecutter.use_orm or cookiecutter.__jobs == "celery" %}
- ``/health/`` (readiness): the process and what it needs to serve a request
  ({% if cookiecutter.use_orm %}the database{% endif %}{% if cookiecutter.use_orm and cookiecutter.__jobs == "celery" %}, {% endif %}{% if cookiecutter.__jobs == "celery" %}Redis, Celery's broker{% endif %}) answer; 503 otherwise, naming what failed.
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

import logging
{%- if cookiecutter.use_orm or cookiecutter.__jobs == "celery" %}
from collections.abc import Callable
{%- endif %}

from flask import Blueprint{% if cookiecutter.__jobs == "celery" %}, current_app{% endif %}
{%- if cookiecutter.__jobs == "celery" %}
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
{%- if cookiecutter.__jobs == "celery" %}


def check_redis() -> None:
    url = current_app.config["CELERY"]["broker_url"]
    with Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2) as client:
        client.ping()
{%- endif %}
{%- if cookiecutter.use_orm or cookiecutter.__jobs == "celery" %}


CHECKS: dict[str, Callable[[], None]] = {
{%- if cookiecutter.use_orm %}
    "database": check_database,
{%- endif %}
{%- if cookiecutter.__jobs == "celery" %}
    "redis": check_redis,
{%- endif %}
}
FAILURES = ({% if cookiecutter.use_orm %}SQLAlchemyError, {% endif %}{% if cookiecutter.__jobs == "celery" %}RedisError, {% endif %}OSError)
{%- endif %}


@bp.get("/", strict_slashes=False)
@talisman(force_https=False)
def ready() -> tuple[dict[str, str], int]:
    """200 when the application{% if cookiecutter.use_orm or cookiecutter.__jobs == "celery" %} and every service it needs answer, 503 otherwise{% else %} answers (it needs no other service){% endif %}."""
{%- if cookiecutter.use_orm or cookiecutter.__jobs == "celery" %}
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
{%- else %}
    return {"status": "ok"}, 200
{%- endif %}


@bp.get("/live/", strict_slashes=False)
@talisman(force_https=False)
def live() -> tuple[dict[str, str], int]:
    """200 while the process answers requests."""
    return {"status": "ok"}, 200
