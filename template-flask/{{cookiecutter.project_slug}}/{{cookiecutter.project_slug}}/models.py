"""The database models, in SQLAlchemy 2.0 typed style.

After changing them, write a migration, read it, and apply it::

    flask --app {{ cookiecutter.project_slug }} db migrate -m "what changed"
    flask --app {{ cookiecutter.project_slug }} db upgrade
"""

from __future__ import annotations

from datetime import UTC, datetime

{% if cookiecutter.use_auth %}from flask_security import RoleMixin, UserMixin
from sqlalchemy import Column, DateTime, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
{% else %}from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column
{% endif %}
from .extensions import {% if cookiecutter.use_auth %}Model, db{% else %}Model{% endif %}


def utcnow() -> datetime:
    return datetime.now(UTC)
{%- if cookiecutter.use_auth %}


roles_users = Table(
    "roles_users",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("role_id", ForeignKey("roles.id", ondelete="CASCADE"), primary_key=True),
)


class Role(Model, RoleMixin):
    """A named group of accounts{% if cookiecutter.use_admin %}, such as "admin"{% endif %}."""

    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str | None] = mapped_column(String(255))
    # Flask-Security types it as a list; this column keeps its text form (comma-separated).
    permissions: Mapped[str | None] = mapped_column(Text)  # type: ignore[assignment]

    def __str__(self) -> str:  # how the admin's lists and forms show a role
        return self.name

    def __repr__(self) -> str:
        return f"<Role {self.name}>"


class User(Model, UserMixin):
    """An account (Flask-Security-Too); the password is stored only as a salted hash.

    ``fs_uniquifier`` names the account in session and remember-me cookies and in API
    tokens: changing or resetting the password replaces it, which ends every other session
    and token.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    fs_uniquifier: Mapped[str] = mapped_column(String(64), unique=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Flask-Security types it as list[RoleMixin]; Role is one, but list is invariant.
    roles: Mapped[list[Role]] = relationship(secondary=roles_users, backref="users")  # type: ignore[assignment]
{%- if cookiecutter.use_admin %}

    @property
    def is_admin(self) -> bool:
        return self.has_role("admin")
{%- endif %}

    def __str__(self) -> str:  # how the admin shows a note's owner
        return self.email

    def __repr__(self) -> str:
        return f"<User {self.email}>"
{%- endif %}


class Note(Model):
    """The example model: a short note with a title and a text{% if cookiecutter.use_auth %}, owned by an account{% endif %}."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
{%- if cookiecutter.use_auth %}
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    owner: Mapped[User] = relationship()
{%- endif %}

    def __repr__(self) -> str:
        return f"<Note {self.id} {self.title!r}>"
