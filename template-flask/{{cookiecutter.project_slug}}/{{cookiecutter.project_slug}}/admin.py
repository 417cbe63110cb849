"""The admin back-office at /admin/, open only to accounts flagged as admins.

Anonymous visitors are sent to the login page; logged-in users who are not admins get 403.
Make an admin with ``flask --app {{ cookiecutter.project_slug }} create-admin EMAIL``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, redirect, request, url_for
from flask_admin import AdminIndexView
from flask_admin.contrib.sqla import ModelView
from flask_security import current_user
from flask_wtf import FlaskForm

from .extensions import admin, db
from .models import Note, User


def is_admin() -> bool:
    return bool(current_user.is_authenticated and current_user.is_admin)


def deny() -> Any:
    if not current_user.is_authenticated:
        target = request.full_path if request.query_string else request.path
        return redirect(url_for("security.login", next=target))
    abort(403)


class AdminHomeView(AdminIndexView):
    def is_accessible(self) -> bool:
        return is_admin()

    def inaccessible_callback(self, name: str, **kwargs: Any) -> Any:
        return deny()


class AdminModelView(ModelView):
    # Flask-WTF's form base class: admin forms carry the same CSRF token as the site's.
    form_base_class = FlaskForm

    def is_accessible(self) -> bool:
        return is_admin()

    def inaccessible_callback(self, name: str, **kwargs: Any) -> Any:
        return deny()


class UserAdmin(AdminModelView):
    column_list = ("email", "active", "confirmed_at", "roles", "created_at")
    column_searchable_list = ("email",)
    # Roles are given with create-admin; the admin edits the rest.
    form_columns = ("email", "active", "confirmed_at")
    can_create = False  # accounts are made by signing up or with create-admin


class NoteAdmin(AdminModelView):
    """The admin sees and edits every account's notes."""

    column_list = ("title", "owner", "created_at")
    column_searchable_list = ("title", "body")
    form_columns = ("title", "body")

    def on_model_change(self, form: Any, model: Note, is_created: bool) -> None:
        if is_created:
            model.owner = current_user  # a note written in the admin is the admin's


admin.add_view(NoteAdmin(Note, db, name="Notes"))
admin.add_view(UserAdmin(User, db, name="Users"))


def init_app(app: Flask) -> None:
    admin.init_app(app, index_view=AdminHomeView())
