import pytest

from notes.models import Note
{%- if cookiecutter.use_auth %}


@pytest.fixture
def user(django_user_model):
    """Ada, the signed-in user of the notes tests."""
    return django_user_model.objects.create_user(username="ada", email="ada@example.com", password="s3cret-pass")
{%- endif %}


@pytest.fixture
def make_note(db{{ ", django_user_model" if cookiecutter.use_auth }}):
    """Create notes{{ " (owned by one user)" if cookiecutter.use_auth }}: make_note(title="Groceries")."""
{%- if cookiecutter.use_auth %}
    owner = django_user_model.objects.create_user(username="owner", email="owner@example.com", password="s3cret-pass")

    def make(**fields) -> Note:
        return Note.objects.create(owner=owner, **fields)
{%- else %}

    def make(**fields) -> Note:
        return Note.objects.create(**fields)
{%- endif %}

    return make
