import pytest
{%- if cookiecutter.use_auth %}
from allauth.account.models import EmailAddress
{%- endif %}
from django.contrib.auth import get_user_model
from django.db import IntegrityError

from {{ cookiecutter.project_slug }}.users.models import User

pytestmark = pytest.mark.django_db


def test_the_project_uses_its_own_user_model():
    assert get_user_model() is User


def test_create_user():
    user = User.objects.create_user(email="Ada@EXAMPLE.com", password="s3cret-pass")

    assert user.check_password("s3cret-pass")
    assert not user.is_staff
    assert str(user) == "Ada@example.com"  # the domain in lower case, as Django normalizes it


def test_create_superuser():
    admin = User.objects.create_superuser(email="root@example.com", password="s3cret-pass")

    assert admin.is_staff
    assert admin.is_superuser
{%- if cookiecutter.use_auth %}
    # allauth lets them sign in at once: their address counts as verified.
    address = EmailAddress.objects.get(user=admin)
    assert (address.email, address.primary, address.verified) == ("root@example.com", True, True)
{%- endif %}


def test_users_are_identified_by_their_email_address():
    """Unique in the database itself, whatever form or API created the accounts."""
    User.objects.create_user(email="ada@example.com")

    with pytest.raises(IntegrityError):
        User.objects.create_user(email="ada@example.com")
    with pytest.raises(ValueError, match="email address is required"):
        User.objects.create_user(email="")
