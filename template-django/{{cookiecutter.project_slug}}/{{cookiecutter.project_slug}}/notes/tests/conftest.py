import pytest

from {{ cookiecutter.project_slug }}.notes.models import Note
from {{ cookiecutter.project_slug }}.notes.tests.factories import NoteFactory
{%- if cookiecutter.use_auth %}
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory
{%- endif %}
{%- if cookiecutter.use_auth %}


@pytest.fixture
def user(db):
    """Ada, the signed-in user of the notes tests."""
    return UserFactory.create(username="ada")
{%- endif %}


@pytest.fixture
def make_note(db):
    """Create notes{{ " (owned by one user)" if cookiecutter.use_auth }}: make_note(title="Groceries")."""
{%- if cookiecutter.use_auth %}
    owner = UserFactory.create(username="owner")

    def make(**fields) -> Note:
        return NoteFactory.create(owner=owner, **fields)
{%- else %}

    def make(**fields) -> Note:
        return NoteFactory.create(**fields)
{%- endif %}

    return make
