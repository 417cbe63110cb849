import pytest

from {{ cookiecutter.project_slug }}.notes.models import Note

pytestmark = pytest.mark.django_db


def test_str_is_the_title():
    assert str(Note(title="Groceries")) == "Groceries"


def test_newest_first(make_note):
    first = make_note(title="First")
    second = make_note(title="Second")

    assert list(Note.objects.all()) == [second, first]


def test_absolute_url(make_note):
    note = make_note(title="Groceries")

    assert note.get_absolute_url() == f"/notes/{note.pk}/"
