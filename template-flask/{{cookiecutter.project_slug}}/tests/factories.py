"""Test data: a factory-boy factory for each example model.

Call them inside an application context: each object is added to ``db.session`` and
committed. Every field has a sensible default; a test states only what it is about::

    note = NoteFactory(title="Shopping"){% if cookiecutter.use_auth %}            # and an owner, made by UserFactory
    admin = UserFactory(is_admin=True){% endif %}
"""

from __future__ import annotations
{%- if cookiecutter.use_auth %}

import uuid
from datetime import UTC, datetime
{%- endif %}

import factory
from factory.alchemy import SQLAlchemyModelFactory
{%- if cookiecutter.use_auth %}
from flask_security import hash_password
{%- endif %}

{% if cookiecutter.use_admin %}from {{ cookiecutter.project_slug }}.auth import datastore
{% endif %}from {{ cookiecutter.project_slug }}.extensions import db
from {{ cookiecutter.project_slug }}.models import Note{% if cookiecutter.use_auth %}, User{% endif %}
{%- if cookiecutter.use_auth %}

# The password of every account the factories make (test accounts only).
PASSWORD = "correct horse battery"


class UserFactory(SQLAlchemyModelFactory):
    """A confirmed, active account whose password is PASSWORD."""

    class Meta:
        model = User
        sqlalchemy_session = db.session
        sqlalchemy_session_persistence = "commit"
{%- if cookiecutter.use_admin %}

    class Params:
        is_admin = factory.Trait(roles=factory.LazyFunction(lambda: [datastore.find_or_create_role("admin")]))
{%- endif %}

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password = factory.LazyFunction(lambda: hash_password(PASSWORD))
    active = True
    fs_uniquifier = factory.LazyFunction(lambda: uuid.uuid4().hex)
    confirmed_at = factory.LazyFunction(lambda: datetime.now(UTC))
{%- endif %}


class NoteFactory(SQLAlchemyModelFactory):
    """A note{% if cookiecutter.use_auth %} of a new account (pass owner= to choose it){% endif %}."""

    class Meta:
        model = Note
        sqlalchemy_session = db.session
        sqlalchemy_session_persistence = "commit"

    title = factory.Sequence(lambda n: f"Note {n}")
    body = factory.Faker("paragraph")
{%- if cookiecutter.use_auth %}
    owner = factory.SubFactory(UserFactory)
{%- endif %}
