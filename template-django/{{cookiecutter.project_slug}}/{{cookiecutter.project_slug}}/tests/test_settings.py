"""The production settings: complete, and safe by Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
{% if cookiecutter.use_auth or cookiecutter.use_orm %}
import pytest
{%- endif %}
from django.conf import settings
{%- if cookiecutter.use_orm %}

from {{ cookiecutter.project_slug }}.settings.base import database
{%- endif %}

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "{{ cookiecutter.project_slug }}.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "www.example.com",
{%- if cookiecutter.use_orm %}
    "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite://:memory:"),
{%- endif %}
{%- if cookiecutter.use_auth %}
    "DJANGO_EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.com:587",
    "DJANGO_DEFAULT_FROM_EMAIL": "noreply@example.com",
    "DJANGO_SITE_URL": "https://www.example.com",
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
{%- if cookiecutter.use_auth %}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_EMAIL_URL", None),
        # The console backend would write the links, and their tokens, to the logs.
        ("DJANGO_EMAIL_URL", "consolemail://"),
        # Django's default sender.
        ("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost"),
        ("DJANGO_SITE_URL", "http://www.example.com"),
    ],
)
def test_production_refuses_to_start_without_real_mail_settings(name, value):
    env = {**os.environ, **PRODUCTION_ENV}
    if value is None:
        del env[name]
    else:
        env[name] = value

    result = manage("check", env=env)

    assert result.returncode != 0
    assert name in result.stderr
{%- endif %}
{%- if cookiecutter.use_orm %}


@pytest.mark.parametrize(
    "url",
    [
{%- if cookiecutter.database == "postgresql" %}
        "postgres://app:secret@db.example.com:5432/app",
        "postgresql://app:secret@db.example.com:5432/app",
        "postgresql+psycopg://app:secret@db.example.com:5432/app",
{%- elif cookiecutter.database == "mysql" %}
        "mysql://app:secret@db.example.com:3306/app",
        "mysql+pymysql://app:secret@db.example.com:3306/app",
{%- else %}
        "sqlite:///db.sqlite3",
        "sqlite+pysqlite:///db.sqlite3",
{%- endif %}
    ],
)
def test_database_url_forms(url):
    config = database(url)

{%- if cookiecutter.database == "postgresql" %}
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == ("db.example.com", 5432, "app", "app")
{%- elif cookiecutter.database == "mysql" %}
    assert config["ENGINE"] == "django.db.backends.mysql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == ("db.example.com", 3306, "app", "app")
{%- else %}
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "db.sqlite3"
{%- endif %}
{%- endif %}
