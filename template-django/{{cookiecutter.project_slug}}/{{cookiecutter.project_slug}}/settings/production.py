{% from "django.jinja" import version with context %}{% import "django.jinja" as dj with context %}{% import "ops/stack.jinja" as ops with context %}"""
Production settings: DJANGO_SETTINGS_MODULE={{ cookiecutter.project_slug }}.settings.production.

Every secret and host comes from the environment; a missing required variable
stops the start-up with ImproperlyConfigured. They pass
``manage.py check --deploy --fail-level WARNING`` with nothing silenced.
https://docs.djangoproject.com/en/{{ version }}/howto/deployment/checklist/
"""

import sentry_sdk
{%- if cookiecutter.use_auth or cookiecutter.deploy == "kubernetes" %}
from django.core.exceptions import ImproperlyConfigured
{%- endif %}
{%- if cookiecutter.__jobs == "celery" %}
from sentry_sdk.integrations.celery import CeleryIntegration
{%- endif %}
from sentry_sdk.integrations.django import DjangoIntegration
{%- if cookiecutter.__jobs == "celery" %}
from sentry_sdk.integrations.redis import RedisIntegration
{%- endif %}

from .base import *  # noqa: F403
from .base import {{ "LOGGING, database, env" if cookiecutter.use_orm else "LOGGING, env" }}

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = env("DJANGO_SECRET_KEY")

# SECURITY WARNING: don't run with debug turned on in production!
DEBUG = False

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# Scheme and host of each origin allowed to POST forms, e.g. https://www.example.com
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
{%- if cookiecutter.use_orm %}


# Database: DATABASE_URL is required here (no fallback to the development database).

DATABASES = {
    "default": database(env("DATABASE_URL")),
}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
{%- if cookiecutter.use_async and cookiecutter.__database == "postgresql" %}
# A pool of connections (psycopg's, Django 5.1+) shared by the requests' threads: a
# request borrows one and gives it back, nothing reconnects. Django requires
# CONN_MAX_AGE=0 with it (so DJANGO_CONN_MAX_AGE is not read).
# https://docs.djangoproject.com/en/{{ version }}/ref/databases/#connection-pool
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["OPTIONS"] = {
    **DATABASES["default"].get("OPTIONS", {}),
    "pool": {
        "min_size": env.int("DJANGO_DB_POOL_MIN_SIZE", default=2),
        "max_size": env.int("DJANGO_DB_POOL_MAX_SIZE", default=10),
        # Seconds a request waits for a free connection before failing.
        "timeout": env.int("DJANGO_DB_POOL_TIMEOUT", default=10),
    },
}
{%- else %}
{%- if cookiecutter.use_async %}
# Under ASGI Django advises against persistent connections: 0 closes each one after use.
{%- else %}
# Reuse each connection for up to a minute.
{%- endif %}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default={{ 0 if cookiecutter.use_async else 60 }})
{%- endif %}
{%- endif %}


# HTTPS
# The site runs behind a proxy or load balancer that terminates TLS and sets
# X-Forwarded-Proto (overwriting any value the client sent).
if env.bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Load balancers probe /health/ over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^health/live/$"]
{%- if cookiecutter.use_auth or cookiecutter.use_api or cookiecutter.use_admin %}
# The client's address, for the {% if cookiecutter.use_auth or cookiecutter.use_admin %}log-in limits{% endif %}{% if (cookiecutter.use_auth or cookiecutter.use_admin) and cookiecutter.use_api %} and the {% endif %}{% if cookiecutter.use_api %}API's throttles{% endif %}: the connection's
# own (REMOTE_ADDR) unless DJANGO_TRUSTED_PROXY_COUNT says how many proxies of yours stand
# in front, each appending to X-Forwarded-For (README.md, "Behind a proxy"). Trusting a
# proxy that is not there would let each request choose its own address, and so escape
# every per-address limit.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
{%- if cookiecutter.use_auth %}
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
{%- endif %}
{%- if cookiecutter.use_api %}
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT  # noqa: F405
{%- endif %}
{%- endif %}
{%- if cookiecutter.use_orm %}
SESSION_COOKIE_SECURE = True
{%- endif %}
CSRF_COOKIE_SECURE = True
# HSTS: browsers keep to HTTPS for a year, on every subdomain too (lower it while a
# subdomain still serves plain HTTP). Preloading is a choice to make on purpose, later:
# leaving the browsers' preload list takes months.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
{%- if cookiecutter.__database == "mysql" and cookiecutter.use_auth %}
# Two checks silenced, on purpose: "preload is off", a choice made above; and allauth's
# unique constraint on verified addresses, which MariaDB and MySQL cannot hold (a constraint
# with a condition): there the user table's unique email column keeps addresses apart.
SILENCED_SYSTEM_CHECKS = ["security.W021", "models.W036"]
{%- else %}
# The one deployment check silenced: "preload is off", a choice made above on purpose.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
{%- endif %}


{%- if cookiecutter.use_async %}
# Static files: compressed, with content hashes in their names, served by ServeStatic
# from the event loop.
# https://archmonger.github.io/ServeStatic/latest/django-settings/
{%- else %}
# Static files: compressed, with content hashes in their names, served by WhiteNoise.
# https://whitenoise.readthedocs.io/en/stable/django.html
{%- endif %}

STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
    },
    "staticfiles": {
        "BACKEND": "{{ "servestatic" if cookiecutter.use_async else "whitenoise" }}.storage.CompressedManifestStaticFilesStorage",
    },
}


# Logging: one JSON object per line, for the log collector.

LOGGING["handlers"]["console"]["formatter"] = "json"


# Error reporting: Sentry, on when SENTRY_DSN is set (off otherwise), with the
# integrations of Django{% if cookiecutter.__jobs == "celery" %}, Celery and Redis{% endif %}. No personal data is sent.
# https://docs.sentry.io/platforms/python/integrations/django/

SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        integrations=[
            DjangoIntegration(),
{%- if cookiecutter.__jobs == "celery" %}
            CeleryIntegration(),
            RedisIntegration(),
{%- endif %}
        ],
        # Share of requests traced for performance (0 to 1); errors are always sent.
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )
{%- if cookiecutter.use_auth %}


# Email (address verification, password resets): a real server and sender are
# required, e.g. smtp+tls://user:password@smtp.example.com:587
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url

email = env.email_url("DJANGO_EMAIL_URL")
if email["EMAIL_BACKEND"] != "django.core.mail.backends.smtp.EmailBackend" or not email["EMAIL_HOST"]:
    # The console, file and memory backends would write the links (and their tokens)
    # to the logs or lose them.
    raise ImproperlyConfigured("DJANGO_EMAIL_URL must name an SMTP server, e.g. smtp+tls://user:password@host:587")
{%- if dj.current %}
# https://docs.djangoproject.com/en/{{ version }}/topics/email/#mailers
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": email["EMAIL_HOST"],
            "port": email["EMAIL_PORT"],
            "username": email["EMAIL_HOST_USER"],
            "password": email["EMAIL_HOST_PASSWORD"],
            "use_tls": email.get("EMAIL_USE_TLS", False),
            "use_ssl": email.get("EMAIL_USE_SSL", False),
            # Seconds: a server that stops answering fails the send instead of holding it.
            "timeout": 10,
        },
    },
}
{%- else %}
EMAIL_HOST = email["EMAIL_HOST"]
EMAIL_PORT = email["EMAIL_PORT"]
EMAIL_HOST_USER = email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = email.get("EMAIL_USE_SSL", False)
# Seconds: a server that stops answering fails the send instead of holding it.
EMAIL_TIMEOUT = 10
{%- endif %}
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL")
if DEFAULT_FROM_EMAIL.endswith("@localhost") or "@" not in DEFAULT_FROM_EMAIL:
    raise ImproperlyConfigured("DJANGO_DEFAULT_FROM_EMAIL must be a real address of the site, e.g. noreply@example.com")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The public address of the site (links in emails), e.g. https://www.example.com
SITE_URL = env("DJANGO_SITE_URL")
if not SITE_URL.startswith("https://" if SECURE_SSL_REDIRECT else ("https://", "http://")):
    raise ImproperlyConfigured("DJANGO_SITE_URL must be the site's https:// address, e.g. https://www.example.com")
{%- endif %}
{%- if ops.redis %}


# {% if ops.celery %}Celery and the cache{% else %}The cache{% endif %}: no fallback to a local Redis.
{%- if ops.celery %}

CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
{%- endif %}
CACHES = {"default": env.cache("DJANGO_CACHE_URL")}
{%- endif %}
{%- if cookiecutter.deploy == "kubernetes" %}


# Several replicas (deploy/): what one counts or caches, every other must see, and every
# one must reach the same database.
if CACHES["default"]["BACKEND"] != "django.core.cache.backends.redis.RedisCache":
    raise ImproperlyConfigured(
        "DJANGO_CACHE_URL must name the shared Redis, e.g. redis://redis:6379/{{ ops.redis_dbs.cache }}: "
        "with a cache per process each replica keeps its own rate limits."
    )
{%- if cookiecutter.use_orm %}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    raise ImproperlyConfigured(
        "DATABASE_URL must name the database server: SQLite is one file, on one machine, for one replica."
    )
{%- endif %}
{%- endif %}
