"""The example blueprint: notes stored with the ORM
{%- if cookiecutter.use_admin %}, edited in the admin{% endif %}
{%- if cookiecutter.use_api %}, served by the API{% endif %}."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
{% if cookiecutter.use_auth %}from flask_login import login_required
{% endif %}from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from .extensions import db
from .models import Note

bp = Blueprint("notes", __name__, url_prefix="/notes")


class NoteForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    body = TextAreaField("Text")


class DeleteForm(FlaskForm):
    """An empty form: deleting is a POST that carries the CSRF token."""


@bp.get("/")
def index() -> str:
    query = db.select(Note).order_by(Note.created_at.desc(), Note.id.desc())
    notes = db.session.execute(query).scalars().all()
    return render_template("notes/index.html", notes=notes, delete_form=DeleteForm())


@bp.route("/new", methods=["GET", "POST"])
{% if cookiecutter.use_auth %}@login_required
{% endif %}def create() -> str | Response:
    form = NoteForm()
    if form.validate_on_submit():
        note = Note(title=form.title.data, body=form.body.data or "")
        db.session.add(note)
        db.session.commit()
        flash("Note saved.", "success")
        return redirect(url_for("notes.index"))
    return render_template("notes/form.html", form=form)


@bp.post("/<int:note_id>/delete")
{% if cookiecutter.use_auth %}@login_required
{% endif %}def delete(note_id: int) -> Response:
    form = DeleteForm()
    note = db.get_or_404(Note, note_id)
    if form.validate_on_submit():
        db.session.delete(note)
        db.session.commit()
        flash("Note deleted.", "success")
    return redirect(url_for("notes.index"))
