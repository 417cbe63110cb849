"""The REST API, documented at /api/docs (OpenAPI document at /api/openapi.json).
{%- if cookiecutter.use_orm and cookiecutter.use_auth %}

Every call needs an account, and each account sees and changes only its own notes.
Scripts send an API token (made on the account page) in the Authentication-Token header;
the browser's session works too, and its writes carry the CSRF token (X-CSRFToken).
{% endif %}"""

from __future__ import annotations
{%- if cookiecutter.use_orm %}

from datetime import UTC, datetime
from typing import Any

from flask import current_app
from flask.views import MethodView
{% if cookiecutter.use_auth %}from flask_security import auth_required, current_user
{% endif %}from flask_smorest import Blueprint, abort
from flask_smorest.error_handler import ErrorSchema
from flask_smorest.pagination import PaginationParameters
from marshmallow import Schema, fields, validate
from sqlalchemy import Select, func, select

from .extensions import db
from .models import Note

notes = Blueprint("notes_api", __name__, url_prefix="/api/notes", description="The example notes.")
{%- if cookiecutter.use_auth %}

# Token for scripts, session for the browser (declared in API_SPEC_OPTIONS).
SECURITY: list[dict[str, list[str]]] = [{"token": []}, {"session": []}]
{%- endif %}


class UTCDateTime(fields.DateTime):
    """A date-time with its offset; SQLite hands back naive values, which are UTC here."""

    def _serialize(self, value: datetime | None, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


# No NUL character, which some databases cannot store (the OpenAPI document states the pattern).
NO_NUL = validate.Regexp(r"^[^\x00]*$", error="Text cannot contain NUL characters.")


class Text(fields.String):
    """A string every database can store: an unpaired surrogate (JSON allows "\\ud800", UTF-8
    has no form for it) becomes U+FFFD, the replacement character, as in any UTF-8 decoder."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


class NoteSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = Text(required=True, validate=[validate.Length(min=1, max=200), NO_NUL])
    body = Text(load_default="", validate=NO_NUL)
    created_at = UTCDateTime(dump_only=True)


class NoteUpdateSchema(Schema):
    title = Text(validate=[validate.Length(min=1, max=200), NO_NUL])
    body = Text(validate=NO_NUL)


def note_query() -> Select[Note]:
{%- if cookiecutter.use_auth %}
    """The caller's notes: every query of the API starts here."""
    return select(Note).where(Note.owner_id == current_user.id)
{%- else %}
    return select(Note)
{%- endif %}


def get_note(note_id: int) -> Note:
    """One note{% if cookiecutter.use_auth %} of the caller's; another account's note is 404, as if it did not exist{% endif %}."""
    note = db.session.execute(note_query().where(Note.id == note_id)).scalar_one_or_none()
    if note is None:
        abort(404, message=f"Note {note_id} does not exist.")
    assert note is not None  # abort() raised (flask-smorest has no types to say so)
    return note


def owned(view: Any) -> Any:
{%- if cookiecutter.use_auth %}
    """Require an account (token or session), answer 401 without one, and document both."""
    view = auth_required("token", "session")(view)
    view = notes.alt_response(401, schema=ErrorSchema, description="Not signed in.")(view)
    return notes.doc(security=SECURITY)(view)
{%- else %}
    """No accounts in this project: the notes are open to every caller."""
    return view
{%- endif %}


# Ids beyond the database's 32-bit integer range are no note: 404 before any query.
NOTE_ID = "<int(max=2147483647):note_id>"


@notes.route("/")
class Notes(MethodView):
    @owned
    @notes.response(200, NoteSchema(many=True))
    @notes.paginate()
    def get(self, pagination_parameters: PaginationParameters) -> list[Note]:
        """List the notes, newest first, a page at a time (page, page_size)."""
        query = note_query()
        total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        pagination_parameters.item_count = total
        if pagination_parameters.first_item >= total:
            return []
        query = query.order_by(Note.created_at.desc(), Note.id.desc())
        query = query.offset(pagination_parameters.first_item).limit(pagination_parameters.page_size)
        return list(db.session.execute(query).scalars())

    @owned
    @notes.arguments(NoteSchema)
    @notes.response(201, NoteSchema)
    def post(self, data: dict[str, str]) -> Note:
        """Create a note."""
        note = Note(**data{% if cookiecutter.use_auth %}, owner=current_user{% endif %})
        db.session.add(note)
        db.session.commit()
        return note


@notes.route(f"/{NOTE_ID}")
class NoteById(MethodView):
    @owned
    @notes.response(200, NoteSchema)
    @notes.alt_response(404, schema=ErrorSchema, description="No such note.")
    def get(self, note_id: int) -> Note:
        """Read one note."""
        return get_note(note_id)

    @owned
    @notes.arguments(NoteUpdateSchema)
    @notes.response(200, NoteSchema)
    @notes.alt_response(404, schema=ErrorSchema, description="No such note.")
    def patch(self, data: dict[str, str], note_id: int) -> Note:
        """Change a note's title or text."""
        note = get_note(note_id)
        for key, value in data.items():
            setattr(note, key, value)
        db.session.commit()
        return note

    @owned
    @notes.response(204)
    @notes.alt_response(404, schema=ErrorSchema, description="No such note.")
    def delete(self, note_id: int) -> None:
        """Delete a note."""
        db.session.delete(get_note(note_id))
        db.session.commit()


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

tools = Blueprint("tools_api", __name__, url_prefix="/api", description="Service information and statistics.")


class InfoSchema(Schema):
    name = fields.String()
    version = fields.String()
    python = fields.String()
    flask = fields.String()
    time = fields.DateTime()


class NumbersSchema(Schema):
    # Bounded so that the sum of 10,000 of them stays a finite float (stated in the document).
    numbers = fields.List(
        fields.Float(allow_nan=False, validate=validate.Range(min=-1e300, max=1e300)),
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


def api_rate_limit() -> str:
    """Requests allowed per client address (Flask-Limiter syntax), from API_RATE_LIMIT."""
    return str(current_app.config["API_RATE_LIMIT"])
