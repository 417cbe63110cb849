"""The REST API, documented at /api/docs (OpenAPI document at /api/openapi.json).
{%- if cookiecutter.use_auth %}

Reading is open; writing needs a logged-in session and, as for every POST of the site,
the CSRF token (send it in the X-CSRFToken header).
{% endif %}"""

from __future__ import annotations
{%- if cookiecutter.use_orm %}
{%- if cookiecutter.use_auth %}

from collections.abc import Callable
from functools import wraps
from typing import Any
{%- endif %}

from flask.views import MethodView
{% if cookiecutter.use_auth %}from flask_login import current_user
{% endif %}from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate

from .extensions import db
from .models import Note

notes = Blueprint("notes_api", __name__, url_prefix="/api/notes", description="The example notes.")


class NoteSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    body = fields.String(load_default="")
    created_at = fields.DateTime(dump_only=True)


class NoteUpdateSchema(Schema):
    title = fields.String(validate=validate.Length(min=1, max=200))
    body = fields.String()
{%- if cookiecutter.use_auth %}


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Answer 401 in JSON, rather than redirect to the login page, to anonymous writers."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            abort(401, message="Log in to change notes.")
        return view(*args, **kwargs)

    return wrapper
{%- endif %}


@notes.route("/")
class Notes(MethodView):
    @notes.response(200, NoteSchema(many=True))
    def get(self) -> list[Note]:
        """List the notes, newest first."""
        query = db.select(Note).order_by(Note.created_at.desc(), Note.id.desc())
        return list(db.session.execute(query).scalars())
{% if cookiecutter.use_auth %}
    @login_required
    @notes.alt_response(401, description="Not logged in."){% endif %}
    @notes.arguments(NoteSchema)
    @notes.response(201, NoteSchema)
    def post(self, data: dict[str, str]) -> Note:
        """Create a note."""
        note = Note(**data)
        db.session.add(note)
        db.session.commit()
        return note


@notes.route("/<int:note_id>")
class NoteById(MethodView):
    @notes.response(200, NoteSchema)
    def get(self, note_id: int) -> Note:
        """Read one note."""
        return get_note(note_id)
{% if cookiecutter.use_auth %}
    @login_required
    @notes.alt_response(401, description="Not logged in."){% endif %}
    @notes.arguments(NoteUpdateSchema)
    @notes.response(200, NoteSchema)
    def patch(self, data: dict[str, str], note_id: int) -> Note:
        """Change a note's title or text."""
        note = get_note(note_id)
        for key, value in data.items():
            setattr(note, key, value)
        db.session.commit()
        return note
{% if cookiecutter.use_auth %}
    @login_required
    @notes.alt_response(401, description="Not logged in."){% endif %}
    @notes.response(204)
    def delete(self, note_id: int) -> None:
        """Delete a note."""
        db.session.delete(get_note(note_id))
        db.session.commit()


def get_note(note_id: int) -> Note:
    note = db.session.get(Note, note_id)
    if note is None:
        abort(404, message=f"Note {note_id} does not exist.")
    return note


blueprints = [notes]
{%- else %}

import platform
import statistics
from datetime import UTC, datetime
from importlib.metadata import version

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

tools = Blueprint(
    "tools_api", __name__, url_prefix="/api", description="Service information and statistics."
)


class InfoSchema(Schema):
    name = fields.String()
    version = fields.String()
    python = fields.String()
    flask = fields.String()
    time = fields.DateTime()


class NumbersSchema(Schema):
    numbers = fields.List(
        fields.Float(allow_nan=False),
        required=True,
        validate=validate.Length(min=1, max=10_000),
    )


class SummarySchema(Schema):
    count = fields.Integer()
    minimum = fields.Float()
    maximum = fields.Float()
    mean = fields.Float()
    median = fields.Float()


@tools.route("/info")
class Info(MethodView):
    @tools.response(200, InfoSchema)
    def get(self) -> dict[str, object]:
        """Describe the running service."""
        return {
            "name": current_app.config["API_TITLE"],
            "version": current_app.config["API_VERSION"],
            "python": platform.python_version(),
            "flask": version("flask"),
            "time": datetime.now(UTC),
        }


@tools.route("/summary")
class Summary(MethodView):
    @tools.arguments(NumbersSchema)
    @tools.response(200, SummarySchema)
    def post(self, data: dict[str, list[float]]) -> dict[str, float]:
        """Summarise a list of numbers: count, minimum, maximum, mean and median."""
        numbers = data["numbers"]
        return {
            "count": len(numbers),
            "minimum": min(numbers),
            "maximum": max(numbers),
            "mean": statistics.fmean(numbers),
            "median": statistics.median(numbers),
        }


blueprints = [tools]
{%- endif %}
