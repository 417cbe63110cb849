"""
Settings shared by every environment of {{ cookiecutter.project_name|pydoc }}.

The environment modules (local, test, production) start from these and change
what differs. Values that vary between deployments come from environment
variables (read with django-environ); in development a git-ignored ``.env``
file in the project folder provides them. .env.example documents each one.

For the full list of settings and their values, see
https://docs.djangoproject.com/en/5.2/ref/settings/
"""

import os
from pathlib import Path

import environ
{%- if cookiecutter.use_orm and cookiecutter.database == "mysql" %}
import pymysql

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
    # WhiteNoise serves the static files under runserver too, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
{%- if cookiecutter.use_api %}
    "rest_framework",
    "drf_spectacular",
{%- endif %}
{%- if cookiecutter.use_orm %}
    "users",
    "notes",
{%- endif %}
    "pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
{%- if cookiecutter.use_orm %}
    "django.contrib.sessions.middleware.SessionMiddleware",
{%- endif %}
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
{%- if cookiecutter.use_orm %}
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
{%- endif %}
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
{%- if cookiecutter.use_orm %}
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
{%- endif %}
            ],
        },
    },
]

WSGI_APPLICATION = "{{ cookiecutter.project_slug }}.wsgi.application"
{%- if cookiecutter.use_orm %}


# Database
# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
# One URL names the engine, server and database; tests use "test_" + its name.
# SQLite in the project folder unless DATABASE_URL says otherwise.

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}

# A custom user model from the first migration: changing it later is painful.
# https://docs.djangoproject.com/en/5.2/topics/auth/customizing/#using-a-custom-user-model-when-starting-a-project
AUTH_USER_MODEL = "users.User"


# Password validation
# https://docs.djangoproject.com/en/5.2/ref/settings/#auth-password-validators

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
{%- else %}


# No database: the project stores nothing, so it has no ORM models, no auth,
# admin or contenttypes apps, and no sessions (CSRF uses its own cookie).

DATABASES: dict[str, dict[str, str]] = {}
{%- endif %}
{%- if cookiecutter.use_auth %}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "pages:home"

# Password reset emails come from this address.
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="webmaster@localhost")
{%- endif %}


# Internationalization
# https://docs.djangoproject.com/en/5.2/topics/i18n/

LANGUAGE_CODE = "en-us"

TIME_ZONE = "UTC"

USE_I18N = True

USE_TZ = True


# Static files (CSS, JavaScript, Images)
# https://docs.djangoproject.com/en/5.2/howto/static-files/

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# collectstatic gathers them here; WhiteNoise serves them from here in production.
STATIC_ROOT = BASE_DIR / "staticfiles"
{%- if cookiecutter.use_orm %}

# Default primary key field type
# https://docs.djangoproject.com/en/5.2/ref/settings/#default-auto-field

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
{%- endif %}


# Logging: everything to the console, where the process manager collects it.
# https://docs.djangoproject.com/en/5.2/topics/logging/

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Django's loggers report through the root logger's handler, not also through
    # their default ones (which would print each error twice under DEBUG).
    "loggers": {"django": {"handlers": [], "level": "INFO"}},
}
{%- if cookiecutter.use_api %}


# Django REST Framework
# https://www.django-rest-framework.org/api-guide/settings/

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
{%- if cookiecutter.use_orm %}
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
{%- endif %}
{%- if cookiecutter.use_auth %}
    # Anyone may read; signed-in users (session or HTTP Basic over HTTPS) may write.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
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

# The OpenAPI document (/api/openapi.json) and its interactive docs (/api/docs/)
# https://drf-spectacular.readthedocs.io/en/latest/settings.html
SPECTACULAR_SETTINGS = {
    "TITLE": {{ pystr(cookiecutter.project_name ~ " API") }},
    "DESCRIPTION": {{ pystr(cookiecutter.description) }},
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
}
{%- endif %}
{%- if cookiecutter.use_celery %}


# Celery: every CELERY_* setting, read by {{ cookiecutter.project_slug }}/celery.py
# https://docs.celeryq.dev/en/stable/userguide/configuration.html

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_RESULT_EXPIRES = 24 * 60 * 60
{%- endif %}
