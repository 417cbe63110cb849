{% import "ops/stack.jinja" as ops with context %}{% import "django.jinja" as dj with context -%}
"""The production settings: complete, and safe by Django's deployment checklist."""

import json
import os
import secrets
import subprocess
import sys
from typing import Any

{% if cookiecutter.use_auth or cookiecutter.use_orm or cookiecutter.deploy == "kubernetes" -%}
import pytest
{% endif -%}
from django.conf import settings
{%- if cookiecutter.use_orm %}

from {{ cookiecutter.project_slug }}.settings.base import database
{%- endif %}

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "{{ cookiecutter.project_slug }}.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "www.example.com",
{%- if cookiecutter.use_orm %}
    "DATABASE_URL": os.environ.get("DATABASE_URL", "{{ ops.database_url("127.0.0.1") if cookiecutter.deploy == "kubernetes" else "sqlite://:memory:" }}"),
{%- endif %}
{%- if cookiecutter.use_auth %}
    "DJANGO_EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.com:587",
    "DJANGO_DEFAULT_FROM_EMAIL": "noreply@example.com",
    "DJANGO_SITE_URL": "https://www.example.com",
{%- endif %}
{%- if ops.celery %}
    "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"),
{%- endif %}
{%- if ops.redis %}
    "DJANGO_CACHE_URL": "redis://127.0.0.1:6379/1",
{%- endif %}
}


def production(expression: str, **extra_env: str) -> Any:
    """The value of a Python expression once the production settings are loaded (in a process of their own)."""
    script = f"import django, json; django.setup(); from django.conf import settings; print(json.dumps({expression}))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**os.environ, **PRODUCTION_ENV, **extra_env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


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


def test_production_sends_hsts_for_a_year_with_subdomains_without_preload():
    """HSTS as the shared convention says: a year, subdomains included, no preload unless chosen."""
    hsts = production(
        "[settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD]"
    )

    assert hsts == [365 * 24 * 60 * 60, True, False]


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


def test_the_servers_entry_points_load_in_production():
    package = "{{ cookiecutter.project_slug }}"
    modules = [f"{package}.wsgi", f"{package}.asgi"]
    handlers = production(f"[type(__import__(m, fromlist=['application']).application).__name__ for m in {modules!r}]")

    assert handlers == ["WSGIHandler", "ASGIHandler"]


def test_the_development_settings_load():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "{{ cookiecutter.project_slug }}.settings.local"}

    result = manage("check", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
{%- if cookiecutter.use_auth %}


def development(expression: str, **extra_env: str) -> Any:
    """The value of a Python expression once the development settings are loaded (in a process of their own)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    script = f"import django, json; django.setup(); from django.conf import settings; print(json.dumps({expression}))"
    env |= {"DJANGO_SETTINGS_MODULE": "{{ cookiecutter.project_slug }}.settings.local", **extra_env}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_development_prints_and_keeps_emails_with_links_to_the_server_it_runs_on():
{%- if dj.current %}
    expression = "[settings.MAILERS['default']['BACKEND'], str(settings.MAILERS['default']['OPTIONS']['file_path'])]"
{%- else %}
    expression = "[settings.EMAIL_BACKEND, str(settings.EMAIL_FILE_PATH)]"
{%- endif %}
    backend, folder = development(expression)

    assert backend == "{{ cookiecutter.project_slug }}.mail.EmailBackend"
    assert folder == str(settings.BASE_DIR / "tmp" / "mail")
    assert development(expression, DJANGO_EMAIL_FILE_PATH="/tmp/mail")[1] == "/tmp/mail"  # compose's dev service
    assert development("settings.SITE_URL") == ""  # the request's address (users/adapter.py)
{%- if cookiecutter.__jobs != "none" %}
    assert development("settings.ACCOUNT_EMAILS_BY_WORKER") is False
{%- endif %}
{%- endif %}


# Whether Sentry reports, and with which integrations.
SENTRY = "(lambda client: [client.is_active(), sorted(client.integrations)])(__import__('sentry_sdk').get_client())"


def test_error_reporting_is_off_without_sentry_dsn():
    active, _ = production(SENTRY, SENTRY_DSN="")

    assert not active


def test_error_reporting_turns_on_with_sentry_dsn():
    active, integrations = production(SENTRY, SENTRY_DSN="https://public@sentry.example.com/1")

    assert active
    assert {{ '{"django", "celery", "redis"}' if cookiecutter.__jobs == "celery" else '{"django"}' }} <= set(integrations)


def test_production_cache():
    cache = production("settings.CACHES['default']")

{%- if ops.redis %}
    # Redis is in the stack: one cache shared by every process.
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == PRODUCTION_ENV["DJANGO_CACHE_URL"]
    # It answers: a value stored is read back (a key of this run's own).
    key = f"test-{secrets.token_hex(8)}"
    stored = production(
        f"(lambda cache: [cache.set('{key}', 42, timeout=5), cache.get('{key}')][1])"
        "(__import__('django.core.cache', fromlist=['cache']).cache)"
    )
    assert stored == 42
{%- else %}
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
{%- endif %}
{%- if cookiecutter.__jobs == "celery" %}


def test_production_requires_the_cache_url():
    env = {**os.environ, **PRODUCTION_ENV}
    del env["DJANGO_CACHE_URL"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "DJANGO_CACHE_URL" in result.stderr
{%- endif %}
{%- if cookiecutter.use_async and cookiecutter.__database == "postgresql" %}


def test_production_pools_database_connections():
    """Under ASGI: psycopg's pool, with CONN_MAX_AGE 0 as Django requires."""
    database = production("settings.DATABASES['default']")

    assert database["CONN_MAX_AGE"] == 0
    assert database["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 10, "timeout": 10}


@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="needs DATABASE_URL (a PostgreSQL server)")
def test_production_connections_come_from_the_pool():
    in_use = production(
        "(lambda c: [c.ensure_connection(), type(c.pool).__name__, c.pool.get_stats()['pool_size']])"
        "(__import__('django.db', fromlist=['connection']).connection)[1:]",
        DJANGO_DB_POOL_MIN_SIZE="1",
    )

    assert in_use[0] == "ConnectionPool"
    assert in_use[1] >= 1
{%- endif %}
{%- if cookiecutter.deploy == "kubernetes" %}


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DJANGO_CACHE_URL", "locmemcache://"),
        ("DJANGO_CACHE_URL", "dummycache://"),
        ("DJANGO_CACHE_URL", "filecache:///tmp/cache"),
{%- if cookiecutter.use_orm %}
        ("DATABASE_URL", "sqlite:////tmp/db.sqlite3"),
{%- endif %}
    ],
)
def test_production_with_replicas_refuses_state_kept_per_process(variable, value):
    """deploy/ runs several replicas: a per-process cache (and its rate limits){% if cookiecutter.use_orm %} or SQLite{% endif %} would split them."""
    result = manage("check", env={**os.environ, **PRODUCTION_ENV, variable: value})

    assert result.returncode != 0
    assert f"{variable} must name" in result.stderr
{%- endif %}
