"""The database models, in SQLAlchemy 2.0 typed style.

After changing them, write a migration, read it, and apply it::

    flask --app {{ cookiecutter.project_slug }} db migrate -m "what changed"
    flask --app {{ cookiecutter.project_slug }} db upgrade
"""

from __future__ import annotations

from datetime import UTC, datetime

{% if cookiecutter.use_auth %}from flask import current_app
from flask_login import UserMixin
{% endif %}from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column
{% if cookiecutter.use_auth %}from werkzeug.security import check_password_hash, generate_password_hash
{% endif %}
from .extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


class Note(db.Model):
    """The example model: a short note with a title and a text."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<Note {self.id} {self.title!r}>"
{%- if cookiecutter.use_auth %}


class User(UserMixin, db.Model):
    """An account; the password is stored only as a salted hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
{%- if cookiecutter.use_admin %}
    is_admin: Mapped[bool] = mapped_column(default=False)
{%- endif %}
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def set_password(self, password: str) -> None:
        method = current_app.config["PASSWORD_HASH_METHOD"]
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email}>"
{%- endif %}
