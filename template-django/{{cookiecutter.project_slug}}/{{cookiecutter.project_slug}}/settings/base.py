{% import "ops/stack.jinja" as ops with context %}{% import "django.jinja" as dj with context -%}
"""
Settings shared by every environment of {{ cookiecutter.project_name|pydoc }}.

The environment modules (local, test, production) start from these and change
what differs. Values that vary between deployments come from environment
variables (read with django-environ); in development a git-ignored ``.env``
file in the project folder provides them. .env.example documents each one.

For the full list of settings and their values, see
https://docs.djangoproject.com/en/{{ dj.version }}/ref/settings/
"""
{%- import "django.jinja" as dj with context %}

import os
{%- if (cookiecutter.use_admin and not cookiecutter.use_auth) or (cookiecutter.use_api and cookiecutter.use_auth) %}
from datetime import timedelta
{%- endif %}
from pathlib import Path
from typing import Any

import environ
{%- if cookiecutter.__database == "mysql" %}
import pymysql
{%- endif %}
{%- if dj.builtin_csp %}
from django.utils.csp import CSP
{%- else %}
from csp.constants import NONE, SELF
{%- endif %}
{%- if cookiecutter.__database == "mysql" %}

# Django's MySQL backend imports MySQLdb (mysqlclient, a C extension that needs the
# MySQL client headers to build). PyMySQL is pure Python and stands in for it.
pymysql.install_as_MySQLdb()
{%- endif %}

# Build paths inside the project like this: BASE_DIR / "subdir".
BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# Development and tests also read the git-ignored .env (variables already in the
# environment win); production takes its settings from the real environment only.
if not os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".production"):
    environ.Env.read_env(BASE_DIR / ".env")

# SECURITY WARNING: keep the secret key used in production secret!
# Each environment module sets SECRET_KEY.

# SECURITY WARNING: don't run with debug turned on in production!
DEBUG = False

ALLOWED_HOSTS: list[str] = []


# Application definition

INSTALLED_APPS = [
{%- if cookiecutter.use_admin %}
    "django.contrib.admin",
{%- endif %}
{%- if cookiecutter.use_orm %}
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
{%- endif %}
{%- if cookiecutter.use_async %}
    # ServeStatic serves the static files under runserver too, as in production.
    "servestatic.runserver_nostatic",
{%- else %}
    # WhiteNoise serves the static files under runserver too, as in production.
    "whitenoise.runserver_nostatic",
{%- endif %}
    "django.contrib.staticfiles",
{%- if cookiecutter.use_auth %}
    # Django's own form templates, found beside the project's (FORM_RENDERER below).
    "django.forms",
{%- endif %}
{%- if not dj.builtin_csp %}
    "csp",
{%- endif %}
{%- if cookiecutter.frontend == "htmx" %}
    "django_htmx",
{%- endif %}
    "django_guid",
    "health_check",
{%- if cookiecutter.__jobs == "tasks" %}
{%- if dj.tasks_backport %}
    # Django's tasks framework (django.tasks from Django 6.0), backported.
    "django_tasks",
{%- endif %}
    # The tasks' database backend: its table, its worker (manage.py db_worker).
    "django_tasks_db",
{%- endif %}
{%- if cookiecutter.use_auth %}
    "allauth",
    "allauth.account",
{%- elif cookiecutter.use_admin %}
    "axes",
{%- endif %}
{%- if cookiecutter.use_api %}
    "rest_framework",
{%- if cookiecutter.use_auth %}
    "knox",
{%- endif %}
    "drf_spectacular",
    "drf_spectacular_sidecar",
{%- endif %}
{%- if cookiecutter.use_orm %}
    "{{ cookiecutter.project_slug }}.users",
    "{{ cookiecutter.project_slug }}.notes",
{%- endif %}
    "pages",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id (X-Request-ID).
    "django_guid.middleware.guid_middleware",
    # /health/ answers before anything reads the Host header: load balancers probe by IP.
    "pages.middleware.health_check",
    "django.middleware.security.SecurityMiddleware",
{%- if dj.builtin_csp %}
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
{%- else %}
    "csp.middleware.CSPMiddleware",
{%- endif %}
{%- if cookiecutter.use_async %}
    # Async-native: static files stream from the event loop, no sync adaptation.
    "servestatic.middleware.ServeStaticMiddleware",
{%- else %}
    "whitenoise.middleware.WhiteNoiseMiddleware",
{%- endif %}
{%- if cookiecutter.use_orm %}
    "django.contrib.sessions.middleware.SessionMiddleware",
{%- endif %}
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
{%- if cookiecutter.use_orm %}
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
{%- endif %}
{%- if cookiecutter.use_auth %}
    "allauth.account.middleware.AccountMiddleware",
{%- endif %}
{%- if cookiecutter.frontend == "htmx" %}
    # request.htmx: whether htmx made the request, and for which element (HX-Target).
    "django_htmx.middleware.HtmxMiddleware",
{%- endif %}
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
{%- if cookiecutter.use_admin and not cookiecutter.use_auth %}
    # Last, as django-axes asks: answers a locked-out log in with 429.
    "axes.middleware.AxesMiddleware",
{%- endif %}
]

ROOT_URLCONF = "{{ cookiecutter.project_slug }}.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
{%- if dj.builtin_csp %}
                # csp_nonce: an inline <script> that carries it runs, no other does.
                "django.template.context_processors.csp",
{%- endif %}
{%- if cookiecutter.use_orm %}
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
{%- endif %}
            ],
        },
    },
]

{%- if cookiecutter.use_auth %}

# Forms render with the project's templates/django/forms/ (the error summary, each field's
# label, hint and error message), allauth's forms too.
# https://docs.djangoproject.com/en/{{ dj.version }}/topics/forms/#reusable-form-templates
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
{%- endif %}

WSGI_APPLICATION = "{{ cookiecutter.project_slug }}.wsgi.application"

# A form posted without its CSRF token gets the 403 page in the site's layout.
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"
{%- if cookiecutter.use_orm %}


# Database
# https://docs.djangoproject.com/en/{{ dj.version }}/ref/settings/#databases
# One URL names the engine, server and database; tests use "test_" + its name.
# SQLite in the project folder unless DATABASE_URL says otherwise.


def database(url: str) -> dict[str, Any]:
    """Django's DATABASES entry for a database URL.

    Accepts the plain forms that hosting platforms hand out and the SQLAlchemy
    ones that name a driver (``scheme+driver://``): Django picks its own driver,
    so the ``+driver`` part is dropped.
    """
    scheme, separator, rest = url.partition("://")
    return env.db_url_config(scheme.split("+")[0] + separator + rest)


DATABASES = {
    "default": database(env("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")),
}

# A custom user model from the first migration: changing it later is painful.
# https://docs.djangoproject.com/en/{{ dj.version }}/topics/auth/customizing/#using-a-custom-user-model-when-starting-a-project
AUTH_USER_MODEL = "users.User"


# Password validation
# https://docs.djangoproject.com/en/{{ dj.version }}/ref/settings/#auth-password-validators

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
    },
    {
        "NAME": "django.contrib.auth.password_validation.CommonPasswordValidator",
    },
    {
        "NAME": "django.contrib.auth.password_validation.NumericPasswordValidator",
    },
]
{%- if cookiecutter.use_admin and not cookiecutter.use_auth %}


# The admin's log in (the only one: no public accounts): django-axes limits failed
# attempts per account and per client address, and answers 429 once either is over.
# https://django-axes.readthedocs.io/en/latest/4_configuration.html

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
# The client's address: REMOTE_ADDR, or behind that many proxies of yours, the
# address the last of them saw (never a header the client wrote itself).
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "{{ cookiecutter.project_slug }}.users.client.address"
{%- endif %}
{%- else %}


# No database: the project stores nothing, so it has no ORM models, no auth,
# admin or contenttypes apps, and no sessions (CSRF uses its own cookie).

DATABASES: dict[str, dict[str, str]] = {}
{%- endif %}
{%- if cookiecutter.use_auth %}


# Accounts: django-allauth (sign up, email verification, log in, password reset)
# https://docs.allauth.org/en/latest/account/configuration.html

# allauth's backend only (it extends Django's, so the admin's permissions hold):
# every log in goes through its rate limits, the admin's too.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
ACCOUNT_ADAPTER = "{{ cookiecutter.project_slug }}.users.adapter.AccountAdapter"
# Resets go only to verified addresses; an unverified claim on an address does not stop
# its owner from signing up ({{ cookiecutter.project_slug }}/users/forms.py).
ACCOUNT_FORMS = {
    "signup": "{{ cookiecutter.project_slug }}.users.forms.SignupForm",
    "reset_password": "{{ cookiecutter.project_slug }}.users.forms.ResetPasswordForm",
}
# Accounts are email addresses: unique (case-insensitively) and verified before
# the first log in.
ACCOUNT_LOGIN_METHODS = {"email"}
# Users have no username: the email address is their identifier (users.User).
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# The same answer whether or not an account exists (sign up, password reset).
ACCOUNT_PREVENT_ENUMERATION = True
# Failed log ins: at most 10 a minute from one address, 5 per account in 5 minutes
# (counted in the cache: set DJANGO_CACHE_URL to a shared one with several workers).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# The client's address, for the limits per address: REMOTE_ADDR, or behind that many
# proxies of yours, the address the last of them saw (from X-Forwarded-For).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
# A password change or reset ends the user's other sessions (Django checks each
# session against the password hash); this one logs out after a reset.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Sensitive changes (adding, removing or choosing an email address{% if cookiecutter.use_api %}, creating or
# revoking an API token{% endif %}) ask for the password again unless the user signed in within
# the last 5 minutes: a stolen session alone cannot take the account over. Changing the
# password asks for the current one anyway.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = env.int("DJANGO_REAUTHENTICATION_TIMEOUT", default=5 * 60)
# Links in emails stop working after a while (seconds): a password reset after an hour,
# an address verification after two (Django's and allauth's defaults are 3 days).
PASSWORD_RESET_TIMEOUT = env.int("DJANGO_PASSWORD_RESET_TIMEOUT", default=60 * 60)
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = env.int("DJANGO_EMAIL_CONFIRMATION_TIMEOUT", default=2 * 60 * 60) / 86400
ACCOUNT_EMAIL_SUBJECT_PREFIX = {{ pystr("[" ~ cookiecutter.project_name ~ "] ") }}

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "pages:home"

# The site's public address: links in emails start with it, whatever Host a
# request carried.
SITE_URL = env("DJANGO_SITE_URL", default="http://127.0.0.1:8000")
{%- if cookiecutter.__jobs != "none" %}
# Account emails are handed to a background task, which retries while the mail server fails.
ACCOUNT_EMAILS_BY_WORKER = True
{%- endif %}

# Emails (address verification, password resets) come from this address.
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
{%- endif %}


{%- set counted = [] %}
{%- if cookiecutter.use_auth %}{% set _ = counted.append("the log-in rate limits") %}{% endif %}
{%- if cookiecutter.use_api %}{% set _ = counted.append("the API's throttles") %}{% endif %}
{%- if ops.redis %}
# Cache{% if counted %}: {{ counted|join(" and ") }} count in it{% endif %}. Redis is in the stack
# ({% if ops.celery %}Celery's broker{% else %}the store the replicas share{% endif %}): one cache shared by every worker{% if cookiecutter.deploy == "kubernetes" %} and replica{% endif %}, on Django's own Redis backend.
# https://docs.djangoproject.com/en/{{ dj.version }}/topics/cache/#redis

CACHES = {"default": env.cache("DJANGO_CACHE_URL", default="redis://127.0.0.1:6379/1")}
{%- else %}
# Cache{% if counted %}: {{ counted|join(" and ") }} count in it{% endif %}. Per process unless
# DJANGO_CACHE_URL names a shared one, e.g. redis://127.0.0.1:6379/1
# https://docs.djangoproject.com/en/{{ dj.version }}/topics/cache/

CACHES = {"default": env.cache("DJANGO_CACHE_URL", default="locmemcache://")}
{%- endif %}


# Internationalization
# https://docs.djangoproject.com/en/{{ dj.version }}/topics/i18n/

LANGUAGE_CODE = "en-us"

TIME_ZONE = "UTC"

USE_I18N = True

USE_TZ = True


# Static files (CSS, JavaScript, Images)
# https://docs.djangoproject.com/en/{{ dj.version }}/howto/static-files/

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# collectstatic gathers them here; {{ "ServeStatic" if cookiecutter.use_async else "WhiteNoise" }} serves them from here in production.
STATIC_ROOT = BASE_DIR / "staticfiles"
{%- if cookiecutter.use_orm %}

# Default primary key field type
# https://docs.djangoproject.com/en/{{ dj.version }}/ref/settings/#default-auto-field

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
{%- endif %}


# Logging: everything to the console, where the process manager collects it; one
# line per record, readable in development, JSON in production (settings.production).
# Each line carries the id of the request it belongs to (django-guid): the caller's
# X-Request-ID when it is a valid UUID (a client cannot write into the logs), else a
# new one, sent back in the answer's X-Request-ID header.
# https://docs.djangoproject.com/en/{{ dj.version }}/topics/logging/
# https://django-guid.readthedocs.io/en/latest/settings.html

DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
}

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId", "correlation_id_field": "request_id"},
        "health_probes": {"()": "pages.log_filters.HealthProbes"},
    },
    "formatters": {
        "plain": {"format": "{asctime} {levelname} [{request_id}] {name}: {message}", "style": "{"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "{asctime}{levelname}{request_id}{name}{message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's loggers report through the root logger's handler, not also through
        # their default ones (which would print each error twice under DEBUG).
        "django": {"handlers": [], "level": "INFO"},
        # A failing readiness probe answers 500: the health check already logged the
        # failing service as a warning, so Django's "Internal Server Error" is dropped.
        "django.request": {"filters": ["health_probes"]},
        # django-guid notes at INFO that a request came without an id: most do.
        "django_guid": {"level": "WARNING"},
    },
}


{%- if dj.builtin_csp %}
# Content Security Policy (Django's own): scripts, styles, images and frames from this
# site only; an inline script runs only with the request's nonce; no framing by other
# sites. The nonce is in the header only on pages that use it.
# https://docs.djangoproject.com/en/{{ dj.version }}/ref/csp/

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
{%- else %}
# Content Security Policy (django-csp; Django 5.2 has none of its own): scripts, styles,
# images and frames from this site only; no inline script, no framing by other sites.
# https://django-csp.readthedocs.io/en/latest/configuration.html

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
{%- endif %}
{%- if cookiecutter.use_api %}


# Django REST Framework
# https://www.django-rest-framework.org/api-guide/settings/

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON in, as the OpenAPI document says: one request format to validate (DRF's parser,
    # with hostile nesting answered 400 rather than 500).
    "DEFAULT_PARSER_CLASSES": ["{{ cookiecutter.project_slug }}.parsers.JSONParser"],
{%- if cookiecutter.use_orm %}
    "DEFAULT_PAGINATION_CLASS": "pages.pagination.StrictPageNumberPagination",
    "PAGE_SIZE": 20,
{%- endif %}
    # Requests per client: by address for anonymous ones, by account for users.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
{%- if cookiecutter.use_auth %}
        "rest_framework.throttling.UserRateThrottle",
{%- endif %}
    ],
    # The client's address behind the proxies (never a header the client wrote).
    "NUM_PROXIES": env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0),
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("DJANGO_API_ANON_RATE", default="100/minute"),
{%- if cookiecutter.use_auth %}
        "user": env("DJANGO_API_USER_RATE", default="1000/minute"),
{%- endif %}
    },
{%- if cookiecutter.use_auth %}
    # Scripts send "Authorization: Token <key>" (first, so that an anonymous request
    # is answered 401 with WWW-Authenticate); the browser its session, with CSRF.
    # Never HTTP Basic: it would send the account's password with every request.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly",
    ],
{%- elif cookiecutter.use_orm %}
    # No user accounts: the API is read-only (each view says so).
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.AllowAny",
    ],
{%- else %}
    # No database, hence no users: nothing to authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.AllowAny",
    ],
    "UNAUTHENTICATED_USER": None,
{%- endif %}
}

{%- if cookiecutter.use_auth %}

# API tokens (django-rest-knox): stored as SHA-512 digests, valid DJANGO_API_TOKEN_DAYS days,
# revoked with every password change; each user lists and revokes theirs ({{ cookiecutter.project_slug }}/users/tokens.py).
# https://jazzband.github.io/django-rest-knox/settings/
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("DJANGO_API_TOKEN_DAYS", default=30)),
    "TOKEN_LIMIT_PER_USER": 10,
    "AUTH_HEADER_PREFIX": "Token",
}
{%- endif %}

# The OpenAPI document (/api/openapi.json) and its interactive docs (/api/docs/)
# https://drf-spectacular.readthedocs.io/en/latest/settings.html
SPECTACULAR_SETTINGS = {
    "TITLE": {{ pystr(cookiecutter.project_name ~ " API") }},
    "DESCRIPTION": {{ pystr(cookiecutter.description) }},
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request bodies described apart from answers (no read-only fields, empty
    # strings refused where they are): the document states what the API validates.
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from this site's static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}
{%- endif %}
{%- if cookiecutter.__jobs == "celery" %}


# Celery: every CELERY_* setting, read by {{ cookiecutter.project_slug }}/celery.py
# https://docs.celeryq.dev/en/stable/userguide/configuration.html

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task running longer is killed (deploy/ waits this long for a stopping worker).
CELERY_TASK_TIME_LIMIT = {{ ops.task_time_limit }}
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_RESULT_EXPIRES = 24 * 60 * 60
{%- elif cookiecutter.__jobs == "tasks" %}


# Background tasks: Django's tasks framework, stored in the project's database until
# `python manage.py db_worker` runs them (django-tasks-db). No broker to run.
# https://docs.djangoproject.com/en/stable/topics/tasks/
# https://github.com/RealOrangeOne/django-tasks-db

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
{%- endif %}
