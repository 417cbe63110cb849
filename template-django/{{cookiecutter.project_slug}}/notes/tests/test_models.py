import pytest

from notes.models import Note

pytestmark = pytest.mark.django_db


def test_str_is_the_title():
    assert str(Note(title="Groceries")) == "Groceries"


def test_newest_first():
    first = Note.objects.create(title="First")
    second = Note.objects.create(title="Second")

    assert list(Note.objects.all()) == [second, first]


def test_absolute_url():
    note = Note.objects.create(title="Groceries")

    assert note.get_absolute_url() == f"/notes/{note.pk}/"
