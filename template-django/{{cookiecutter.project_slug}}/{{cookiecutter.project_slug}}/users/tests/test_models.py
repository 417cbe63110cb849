import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError

from {{ cookiecutter.project_slug }}.users.models import User

pytestmark = pytest.mark.django_db


def test_the_project_uses_its_own_user_model():
    assert get_user_model() is User


def test_create_user():
    user = User.objects.create_user(username="ada", email="ada@example.com", password="s3cret-pass")

    assert user.check_password("s3cret-pass")
    assert not user.is_staff
    assert str(user) == "ada"


def test_create_superuser():
    admin = User.objects.create_superuser(username="root", email="root@example.com", password="s3cret-pass")

    assert admin.is_staff
    assert admin.is_superuser


def test_an_email_address_belongs_to_one_account_in_the_database():
    """Unique in the database itself, whatever form or API created the accounts."""
    User.objects.create_user(username="ada", email="ada@example.com", password="s3cret-pass")

    with pytest.raises(IntegrityError):
        User.objects.create_user(username="ada2", email="ada@example.com", password="s3cret-pass")
