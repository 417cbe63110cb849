"""Error pages: every HTTP error of the site in its layout (templates/errors.html).

One handler for every ``HTTPException``: Flask also calls it for an unhandled exception
(as 500), Flask-Limiter's 429 and{% if cookiecutter.use_orm %} Flask-WTF's CSRF failure (400) and{% endif %} the rest are
subclasses. The page shows the request id, so a user's report leads to the log lines.
{%- if cookiecutter.use_api %}
Under ``/api/`` the errors stay JSON (flask-smorest's format).
{%- endif %}
"""

from __future__ import annotations

import logging

from flask import Flask, render_template{% if cookiecutter.use_api %}, request{% endif %}
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, SecurityError
{%- if cookiecutter.use_api %}

from .extensions import api
{%- endif %}

log = logging.getLogger(__name__)


def error_page(error: HTTPException) -> ResponseReturnValue:
    if error.code is None or error.code < 400:
        return error
    if isinstance(error, SecurityError):
        # A Host outside TRUSTED_HOSTS: no URL of the site can be built for it.
        return error
{%- if cookiecutter.use_api %}
    if request.path.startswith("/api/"):
        json_error: ResponseReturnValue = api.handle_http_exception(error)
        return json_error
{%- endif %}
    response = error.get_response()
    try:
        page = render_template("errors.html", error=error)
    except Exception:
        if error.code < 500:
            raise
        # The layout needs what failed (the database, say): Werkzeug's plain page, logged.
        log.exception("The error page could not be rendered")
        return response
    response.set_data(page)
    response.mimetype = "text/html"
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, error_page)
