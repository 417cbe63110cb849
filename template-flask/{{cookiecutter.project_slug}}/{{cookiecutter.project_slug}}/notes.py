"""The example blueprint: notes stored with the ORM.
{%- if cookiecutter.use_auth %}

Each note belongs to an account and is shown only to it
{%- if cookiecutter.use_admin %}; the admin sees them all{% endif %}.
{%- endif %}
{%- if cookiecutter.use_api %}
The API (api.py) serves the same notes.
{%- endif %}
{%- if cookiecutter.frontend == "htmx" %}
With htmx, the list pages and the forms show their errors in place, with partial templates
(notes/_list.html, notes/_form.html); without JavaScript, the same views serve whole pages.
{%- endif %}
{%- if cookiecutter.use_auth or cookiecutter.use_api or cookiecutter.frontend == "htmx" %}
{% endif %}"""
{%- set hx = cookiecutter.frontend == "htmx" %}

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
{% if cookiecutter.use_auth %}from flask_security import auth_required, current_user
{% endif %}from flask_wtf import FlaskForm
from sqlalchemy import {% if cookiecutter.use_auth %}Select, {% endif %}select
from werkzeug.wrappers import Response
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp

{% if hx %}from . import htmx
{% endif %}from .extensions import db
from .models import Note

bp = Blueprint("notes", __name__, url_prefix="/notes")
{%- if hx %}
bp.after_request(htmx.vary)

# The element of the list page that htmx swaps when it pages (id="note-list"): asked for by
# that target, the list view answers with the list alone.
LIST_TARGET = "note-list"
{%- endif %}

PER_PAGE = 20


# Some databases cannot store NUL characters: refuse them with a message, not a server error.
NO_NUL = Regexp(r"^[^\x00]*$", message="Text cannot contain NUL characters.")


class NoteForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=200), NO_NUL])
    body = TextAreaField("Text", validators=[NO_NUL])


class DeleteForm(FlaskForm):
    """An empty form: deleting is a POST that carries the CSRF token."""
{%- if cookiecutter.use_auth %}


def my_notes() -> Select[Note]:
    """The signed-in user's notes: every query of the pages starts here."""
    return select(Note).where(Note.owner_id == current_user.id)


def get_my_note(note_id: int) -> Note:
    """One of the user's notes; another user's note is 404, as if it did not exist."""
    note: Note = db.first_or_404(my_notes().where(Note.id == note_id))
    return note
{%- endif %}


@bp.get("/")
{% if cookiecutter.use_auth %}@auth_required("session")
{% endif %}def index() -> str:
{%- if cookiecutter.use_auth %}
    query = my_notes().order_by(Note.created_at.desc(), Note.id.desc())
{%- else %}
    query = select(Note).order_by(Note.created_at.desc(), Note.id.desc())
{%- endif %}
    page = db.paginate(query, page=request.args.get("page", 1, type=int), per_page=PER_PAGE)
{%- if hx %}
    template = "notes/_list.html" if htmx.is_htmx(target=LIST_TARGET) else "notes/index.html"
    return render_template(template, page=page)
{%- else %}
    return render_template("notes/index.html", page=page)
{%- endif %}


@bp.route("/new", methods=["GET", "POST"])
{% if cookiecutter.use_auth %}@auth_required("session")
{% endif %}def create() -> str | Response:
    form = NoteForm()
    if form.validate_on_submit():
        note = Note(title=form.title.data, body=form.body.data or ""{% if cookiecutter.use_auth %}, owner=current_user{% endif %})
        db.session.add(note)
        db.session.commit()
        flash("Note saved.", "success")
{%- if hx %}
        if htmx.is_htmx():
            return htmx.location(url_for("notes.index"))
{%- endif %}
        return redirect(url_for("notes.index"))
{%- if hx %}
    if htmx.is_htmx():
        # The form alone, its errors beside the fields: htmx swaps it for the one posted.
        return render_template("notes/_form.html", form=form)
{%- endif %}
    return render_template("notes/form.html", form=form)


@bp.route("/<int(max=2147483647):note_id>/edit", methods=["GET", "POST"])
{% if cookiecutter.use_auth %}@auth_required("session")
{% endif %}def edit(note_id: int) -> str | Response:
{%- if cookiecutter.use_auth %}
    note = get_my_note(note_id)
{%- else %}
    note = db.get_or_404(Note, note_id)
{%- endif %}
    # The same form as for a new note, filled from the note until the user posts theirs.
    form = NoteForm(obj=note)
    if form.validate_on_submit():
        note.title = form.title.data
        note.body = form.body.data or ""
        db.session.commit()
        flash("Note saved.", "success")
{%- if hx %}
        if htmx.is_htmx():
            return htmx.location(url_for("notes.index"))
{%- endif %}
        return redirect(url_for("notes.index"))
{%- if hx %}
    if htmx.is_htmx():
        # The form alone, its errors beside the fields: htmx swaps it for the one posted.
        return render_template("notes/_form.html", form=form, note=note)
{%- endif %}
    return render_template("notes/form.html", form=form, note=note)


@bp.route("/<int(max=2147483647):note_id>/delete", methods=["GET", "POST"])
{% if cookiecutter.use_auth %}@auth_required("session")
{% endif %}def delete(note_id: int) -> str | Response:
    """The confirmation page, whose form posts back here to delete the note."""
    form = DeleteForm()
{%- if cookiecutter.use_auth %}
    note = get_my_note(note_id)
{%- else %}
    note = db.get_or_404(Note, note_id)
{%- endif %}
    if request.method == "GET":
        return render_template("notes/delete.html", form=form, note=note)
    if form.validate_on_submit():
        db.session.delete(note)
        db.session.commit()
{%- if hx %}
        if htmx.is_htmx():
            # The list's Delete button asked first (hx-confirm); htmx swaps its card for nothing.
            return Response()
{%- endif %}
        flash("Note deleted.", "success")
    return redirect(url_for("notes.index"))
