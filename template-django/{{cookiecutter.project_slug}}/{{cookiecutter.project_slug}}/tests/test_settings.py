"""The production settings: complete, and safe by Django's deployment checklist."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "{{ cookiecutter.project_slug }}.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "www.example.com",
{%- if cookiecutter.use_orm %}
    "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:///production-check.sqlite3"),
{%- endif %}
{%- if cookiecutter.use_auth %}
    "DJANGO_EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.com:587",
{%- endif %}
{%- if cookiecutter.use_celery %}
    "CELERY_BROKER_URL": "redis://redis.example.com:6379/0",
{%- endif %}
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={**os.environ, **PRODUCTION_ENV})

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_require_the_secret_key():
    env = {**os.environ, **PRODUCTION_ENV}
    del env["DJANGO_SECRET_KEY"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
