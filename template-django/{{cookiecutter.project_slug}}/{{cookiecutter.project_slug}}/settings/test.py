{% import "django.jinja" as dj with context -%}
"""Settings for the test suite (pytest-django selects them in pyproject.toml)."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-not-for-any-real-deployment"

ALLOWED_HOSTS = ["testserver", "localhost"]
{%- if cookiecutter.use_orm %}

# A fast hash: the tests create users, they do not need to resist attacks.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
{%- endif %}

{%- if dj.current %}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
{%- else %}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
{%- endif %}
{%- if cookiecutter.use_auth %}
SITE_URL = "https://www.example.com"
DEFAULT_FROM_EMAIL = "noreply@example.com"
{%- endif %}
{%- if cookiecutter.__jobs == "celery" %}

# Each test run its own cache (conftest.py empties it around every test), not the
# Redis one that development and other runs share.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tasks run at once, in the test's process (mail lands in mail.outbox); the
# worker test turns this off to go through a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
{%- endif %}

# Static files straight from the apps' folders, as in development: no collectstatic needed.
{%- if cookiecutter.use_async %}
SERVESTATIC_USE_FINDERS = True
SERVESTATIC_AUTOREFRESH = True
{%- else %}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
{%- endif %}
