"""Test data factories (factory-boy) for the users app."""

import factory
from factory.django import DjangoModelFactory, Password

from {{ cookiecutter.project_slug }}.users.models import User

# The password of every factory-made user (settings.test hashes it fast).
PASSWORD = "s3cret-pass"


class UserFactory(DjangoModelFactory[User]):
    """A user: UserFactory.create(username="ada") gives ada, ada@example.com, PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = Password(PASSWORD)
