"""``/health``: a JSON answer for load balancers and uptime checks."""

from __future__ import annotations

from flask import Blueprint
{%- if cookiecutter.use_orm %}
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .extensions import db
{%- endif %}

bp = Blueprint("health", __name__)


@bp.get("/health")
def health() -> tuple[dict[str, str], int]:
{%- if cookiecutter.use_orm %}
    """Answer 200 when the application and its database respond, 503 otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "error", "database": "unavailable"}, 503
    return {"status": "ok", "database": "ok"}, 200
{%- else %}
    """Answer 200 while the application responds."""
    return {"status": "ok"}, 200
{%- endif %}
