{% from "django.jinja" import version with context -%}
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The project's user: Django's own, as a custom model from the first migration.

    Fields added here later need only a migration; swapping the user model of a
    project that already has data is a painful one.
    https://docs.djangoproject.com/en/{{ version }}/topics/auth/customizing/#using-a-custom-user-model-when-starting-a-project
    """

    # One account per address, held by the database too (not only by the forms):
    # two requests racing to sign up the same address cannot both win.
    email = models.EmailField(_("email address"), unique=True)
