{% import "django.jinja" as dj with context -%}
"""Development settings: manage.py's default."""

from .base import *  # noqa: F403
from .base import env

# SECURITY WARNING: keep the secret key used in production secret!
# .env holds a fresh key for this machine; the fallback is for development only.
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="django-insecure-{{ random_ascii_string(50) }}",
)

# SECURITY WARNING: don't run with debug turned on in production!
DEBUG = env.bool("DJANGO_DEBUG", default=True)

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
{%- if cookiecutter.use_auth %}

# Emails (address verification, password resets) are printed to the console
# instead of being sent: development only (production refuses this backend).
{%- if dj.current %}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
{%- else %}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
{%- endif %}
{%- endif %}
