"""Test data factories (factory-boy) for the notes app."""

import factory
from factory.django import DjangoModelFactory

from {{ cookiecutter.project_slug }}.notes.models import Note
{%- if cookiecutter.use_auth %}
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory
{%- endif %}


class NoteFactory(DjangoModelFactory[Note]):
    """A note{{ " (of a new user unless owner= is given)" if cookiecutter.use_auth }}: NoteFactory.create(title="Groceries")."""

    class Meta:
        model = Note
{% if cookiecutter.use_auth %}
    owner = factory.SubFactory(UserFactory)
{%- endif %}
    title = factory.Sequence(lambda n: f"Note {n}")
    body = ""
