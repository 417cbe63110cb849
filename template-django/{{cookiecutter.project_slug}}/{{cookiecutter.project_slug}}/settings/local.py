{% import "django.jinja" as dj with context -%}
"""Development settings: manage.py's default."""

from .base import *  # noqa: F403
from .base import {{ "BASE_DIR, " if cookiecutter.use_auth }}env

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

# Emails (address verification, password resets, admin notices) are printed to the
# console and kept in tmp/mail/ (DJANGO_EMAIL_FILE_PATH) instead of being sent:
# development only (production refuses this backend).
{%- if dj.current %}
MAILERS = {
    "default": {
        "BACKEND": "{{ cookiecutter.project_slug }}.mail.EmailBackend",
        "OPTIONS": {"file_path": env.path("DJANGO_EMAIL_FILE_PATH", default=BASE_DIR / "tmp" / "mail")},
    },
}
{%- else %}
EMAIL_BACKEND = "{{ cookiecutter.project_slug }}.mail.EmailBackend"
EMAIL_FILE_PATH = env.path("DJANGO_EMAIL_FILE_PATH", default=BASE_DIR / "tmp" / "mail")
{%- endif %}
# Links in emails point at the address the development server answers on (the request's,
# which ALLOWED_HOSTS above checks), unless DJANGO_SITE_URL names one.
SITE_URL = env("DJANGO_SITE_URL", default="")
{%- if cookiecutter.__jobs != "none" %}
# Account emails are sent by the request itself, not by a background task: they reach the
# console at once, whether or not a worker runs (production keeps them on the worker).
ACCOUNT_EMAILS_BY_WORKER = False
{%- endif %}
{%- endif %}
