{% from "django.jinja" import version with context -%}
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    """Users are made from an email address: create_user(email, password)."""

    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        """A superuser (manage.py createsuperuser asks for the email address and the password)."""
        fields.update(is_staff=True, is_superuser=True)
        user = self._create(email, password, **fields)
{%- if cookiecutter.use_auth %}
        # Made by the operator, who knows the address: it counts as verified, so the
        # admin's sign-in (allauth's, which asks for a verified address) lets them in at once.
        from allauth.account.models import EmailAddress  # noqa: PLC0415 - an app's models, loaded after this one

        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"primary": True, "verified": True})
{%- endif %}
        return user

    def _create(self, email: str, password: str | None, **fields: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user


class User(AbstractUser):
    """The project's user: Django's own without a username, identified by the email address.

    The sign-in form, the admin's and createsuperuser all take the email address. Fields
    added here later need only a migration; swapping the user model of a project that
    already has data is a painful one.
    https://docs.djangoproject.com/en/{{ version }}/topics/auth/customizing/#using-a-custom-user-model-when-starting-a-project
    """

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]
