from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's user: Django's own, as a custom model from the first migration.

    Fields added here later need only a migration; swapping the user model of a
    project that already has data is a painful one.
    https://docs.djangoproject.com/en/5.2/topics/auth/customizing/#using-a-custom-user-model-when-starting-a-project
    """
