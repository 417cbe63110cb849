"""Logging: one format for every line, each with the id of the request it belongs to.

``configure`` applies a ``logging.config.dictConfig`` to the root logger, so the
application's, Flask's{% if cookiecutter.__jobs == "celery" %}, Celery's{% endif %} and the libraries' records all go through one handler
whose filter adds ``request_id``. ``init_app`` gives every request an id: the incoming
``X-Request-ID`` when a proxy or client sent a sensible one, a new one otherwise; the
response carries it back in the same header, so a user's report or a proxy's log line
leads to the application's lines for that request.
"""

from __future__ import annotations

import logging
import logging.config
import re
import uuid
from typing import Any

from flask import Flask, Response, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
# An incoming id is kept only when it cannot forge or break a log line.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` to every record: the current request's id, or ``-`` outside one."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = g.get("request_id") if has_request_context() else None
        record.request_id = request_id or "-"
        return True


def logging_config(level: str, debug: bool, app_name: str) -> dict[str, Any]:
    """The dictConfig of the process: ``level`` for everything, DEBUG for the app in debug mode."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"line": {"format": FORMAT}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "line",
                "filters": ["request_id"],
            }
        },
        "root": {"level": level, "handlers": ["console"]},
        "loggers": {
            app_name: {"level": "DEBUG" if debug else level},
            # Alembic announces each of its plugins at INFO on every flask command: not news.
            "alembic.runtime.plugins": {"level": "WARNING"},
        },
    }


def configure(app: Flask) -> None:
    """Configure the process's logging, unless something else already did.

    The test suite keeps pytest's log capture (the tests of this module configure it on
    purpose){% if cookiecutter.__jobs == "celery" %}; the Celery worker keeps this configuration (worker_hijack_root_logger
    is off){% endif %}.
    """
    if app.testing or logging.getLogger().handlers:
        return
    logging.config.dictConfig(logging_config(app.config["LOG_LEVEL"], app.debug, app.name))


def assign_request_id() -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


def return_request_id(response: Response) -> Response:
    if "request_id" in g:
        response.headers[REQUEST_ID_HEADER] = g.request_id
    return response


def init_app(app: Flask) -> None:
    """Give each request an id; create_app calls it first, so its hook runs before the others."""
    app.before_request(assign_request_id)
    app.after_request(return_request_id)
