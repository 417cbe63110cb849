"""The configuration: defaults in ``Config``, then ``FLASK_*`` variables from the environment.

``create_app`` loads ``Config`` with ``app.config.from_object`` and then the environment with
``app.config.from_prefixed_env()``: ``FLASK_MAIL_PORT=465`` sets ``MAIL_PORT`` to 465
(each value is read as JSON where it parses, else kept as text). ``finish`` adds the few
settings that come from elsewhere, and ``check_production`` refuses settings that would leave
the site open. ``.env.example`` documents every variable.
"""

from __future__ import annotations
{%- import "ops/stack.jinja" as ops with context %}

import os
from collections.abc import Iterable
{%- if cookiecutter.use_auth %}
from datetime import timedelta
{%- endif %}
{%- if cookiecutter.use_orm %}
from typing import Any{% if cookiecutter.use_auth %}, ClassVar{% endif %}
{%- endif %}
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from flask import Flask
{%- if cookiecutter.use_orm %}
from sqlalchemy.engine import make_url
{%- endif %}

# The placeholder that .env.example shows; never a real key.
PLACEHOLDER_SECRET = "change-me"
MIN_SECRET_LENGTH = 32


class Config:
    """The defaults; every one can be set as ``FLASK_<NAME>`` (see .env.example)."""

    # Production unless told otherwise: .env (development) and the tests set it to false.
    # Production refuses to start without the settings check_production asks for.
    PRODUCTION = True
    # SECURITY WARNING: keep the key secret (FLASK_SECRET_KEY); nothing works without one.
    SECRET_KEY: str | None = None
    # Production answers only these hosts (FLASK_TRUSTED_HOSTS, separated by commas).
    TRUSTED_HOSTS: list[str] | None = None
    # How many reverse proxies stand in front and set X-Forwarded-For/-Proto; 0 trusts none.
    PROXIES = 0
    # Production redirects plain HTTP to HTTPS (FLASK_FORCE_HTTPS=0 stops it).
    FORCE_HTTPS = True
    # Strict-Transport-Security: one year, subdomains included (no preload: that is for ever).
    HSTS_SECONDS = 365 * 24 * 3600
    HSTS_INCLUDE_SUBDOMAINS = True
    # The largest request body accepted (bytes); larger ones get 413.
    MAX_CONTENT_LENGTH = 1024 * 1024
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    # The level of the log lines; debug mode adds the app's DEBUG lines.
    LOG_LEVEL = "INFO"
{%- if ops.redis %}
    # The cache (Flask-Caching), shared by every process in its own Redis database.
    CACHE_TYPE = "RedisCache"
    CACHE_REDIS_URL = "{{ ops.redis_url('cache', '127.0.0.1') }}"
{%- else %}
    # The cache (Flask-Caching), per process: a shared one needs a server such as Redis.
    CACHE_TYPE = "SimpleCache"
{%- endif %}
    CACHE_DEFAULT_TIMEOUT = 300
{%- if cookiecutter.use_auth or cookiecutter.use_api %}
    # Rate limit counters (Flask-Limiter): {% if ops.redis %}shared by every process in Redis{% else %}per process in memory{% endif %}.
    RATELIMIT_STORAGE_URI = "{{ ops.redis_url('limits', '127.0.0.1') if ops.redis else 'memory://' }}"
    RATELIMIT_HEADERS_ENABLED = True
{%- endif %}
{%- if cookiecutter.use_auth %}
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    # Outgoing mail (Flask-Mailman). Without MAIL_SERVER, development prints emails on the
    # console; production refuses to start. Account emails come from MAIL_DEFAULT_SENDER.
    MAIL_SERVER: str | None = None
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USE_SSL = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_DEFAULT_SENDER = "noreply@localhost"
    # Accounts (Flask-Security-Too): the pages live under /auth.
    SECURITY_URL_PREFIX = "/auth"
    SECURITY_POST_LOGIN_VIEW = "/"
    SECURITY_POST_LOGOUT_VIEW = "/"
    # Signing out is a POST with the CSRF token: another site cannot sign the user out.
    SECURITY_LOGOUT_METHODS: ClassVar[list[str]] = ["POST"]
    SECURITY_LOGOUT_CSRF = True
    SECURITY_REGISTERABLE = True
    SECURITY_RECOVERABLE = True
    SECURITY_CHANGEABLE = True
    # An address must be confirmed (by the emailed link) before it can sign in.
    SECURITY_CONFIRMABLE = True
    SECURITY_SEND_REGISTER_EMAIL = True
    # Syntax only: the confirmation email proves the address (no DNS query per sign-up).
    SECURITY_EMAIL_VALIDATOR_ARGS: ClassVar[dict[str, Any]] = {"check_deliverability": False}
    # The same answer whether an account exists or not (login, reset, confirm).
    SECURITY_RETURN_GENERIC_RESPONSES = True
    SECURITY_PASSWORD_HASH = "argon2"
    # SECURITY WARNING: the HMAC key passwords are hashed with (FLASK_SECURITY_PASSWORD_SALT),
    # kept out of the database. Required in production; never change it.
    SECURITY_PASSWORD_SALT: str | None = None
    SECURITY_PASSWORD_LENGTH_MIN = 10
    # Strength by zxcvbn (offline): common passwords, repeats, sequences, words and the
    # account's own email are refused below score 3 of 4.
    SECURITY_PASSWORD_COMPLEXITY_CHECKER = "zxcvbn"
    SECURITY_ZXCVBN_MINIMUM_SCORE = 3
    # The address hashed into reset and confirmation links (the link itself is signed with
    # the secret key): SHA-256, not Flask-Security's default sha256_crypt, whose 0.3 s per link
    # would tell a known address (a link made) from an unknown one on reset.
    SECURITY_HASHING_SCHEMES: ClassVar[list[str]] = ["hex_sha256"]
    SECURITY_DEPRECATED_HASHING_SCHEMES: ClassVar[list[str]] = []
    # Reset and confirmation links are valid this long (seconds in the environment).
    SECURITY_RESET_PASSWORD_WITHIN = timedelta(hours=1)
    SECURITY_CONFIRM_EMAIL_WITHIN = timedelta(hours=2)
    # Sensitive changes (making an API token) need a sign-in of the last 15 minutes, else the
    # password again (/auth/verify); changing the password asks for the current one anyway.
    SECURITY_FRESHNESS = timedelta(minutes=15)
    SECURITY_FRESHNESS_GRACE_PERIOD = timedelta(0)
    # API tokens (Authentication-Token header) live a week (seconds); a password change ends them.
    SECURITY_TOKEN_MAX_AGE = 7 * 24 * 3600
    # Forms check the CSRF token; API calls are checked by their auth decorator, so a
    # token-authenticated script needs none and an anonymous write gets 401, not 400.
    WTF_CSRF_CHECK_DEFAULT = False
    SECURITY_CSRF_PROTECT_MECHANISMS: ClassVar[list[str]] = ["session", "basic"]
    SECURITY_CSRF_IGNORE_UNAUTH_ENDPOINTS = False
    # Failed sign-ins allowed before 429 Too Many Requests (Flask-Limiter syntax).
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    LOGIN_LIMIT_PER_ADDRESS = "20 per 15 minutes"
{%- endif %}
{%- if cookiecutter.use_api %}
    API_TITLE = {{ pystr(cookiecutter.project_name ~ " API") }}
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "/docs"
    # Swagger UI's files come from the swagger-ui-bundle package, served by this app.
    OPENAPI_SWAGGER_UI_URL = "/api/docs/assets/"
    API_RATE_LIMIT = "120 per minute"
{%- if cookiecutter.use_orm and cookiecutter.use_auth %}
    API_SPEC_OPTIONS: ClassVar[dict[str, Any]] = {
        "components": {
            "securitySchemes": {
                "token": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authentication-Token",
                    "description": "A token from the account page (/auth/account).",
                },
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "session",
                    "description": "The browser's session; writes also need X-CSRFToken.",
                },
            }
        }
    }
{%- endif %}
{%- endif %}


# Settings that are text whatever they look like: from_prefixed_env would read a numeric
# password as a number.
TEXT_SETTINGS = ("SECRET_KEY",{% if cookiecutter.use_auth %} "MAIL_USERNAME", "MAIL_PASSWORD", "SECURITY_PASSWORD_SALT"{% endif %})


def keep_text(app: Flask) -> None:
    """Give the text settings back their text: ``FLASK_MAIL_PASSWORD=123456`` stays a string."""
    for name in TEXT_SETTINGS:
        if f"FLASK_{name}" in os.environ:
            app.config[name] = os.environ[f"FLASK_{name}"]


def finish(app: Flask) -> None:
    """Complete the configuration after ``from_prefixed_env``.

    Host lists may be written with commas{% if cookiecutter.use_auth %}, link lifetimes in seconds{% endif %}. The services'
    conventional variables are read here: {% if cookiecutter.use_orm %}DATABASE_URL, {% endif %}SENTRY_DSN{% if ops.celery %}, CELERY_BROKER_URL and
    CELERY_RESULT_BACKEND{% endif %}.
    """
    if isinstance(app.config["TRUSTED_HOSTS"], str):
        app.config["TRUSTED_HOSTS"] = [h.strip() for h in app.config["TRUSTED_HOSTS"].split(",") if h.strip()]
{%- if cookiecutter.use_auth %}
    for name in ("SECURITY_RESET_PASSWORD_WITHIN", "SECURITY_CONFIRM_EMAIL_WITHIN"):
        if isinstance(app.config[name], int):
            app.config[name] = timedelta(seconds=app.config[name])
{%- endif %}
    app.config["LOG_LEVEL"] = str(app.config["LOG_LEVEL"]).upper()
    app.config.setdefault("SENTRY_DSN", os.environ.get("SENTRY_DSN"))
{%- if cookiecutter.use_orm %}
    # SQLite in the instance folder unless DATABASE_URL points elsewhere.
    default_database = "sqlite:///" + os.path.join(app.instance_path, f"{app.name}.sqlite3")
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", database_url(os.environ.get("DATABASE_URL") or default_database))
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options())
{%- endif %}
{%- if ops.celery %}
    app.config.setdefault(
        "CELERY",
        {
            "broker_url": os.environ.get("CELERY_BROKER_URL", "{{ ops.redis_url('broker', '127.0.0.1') }}"),
            "result_backend": os.environ.get("CELERY_RESULT_BACKEND", "{{ ops.redis_url('results', '127.0.0.1') }}"),
            "task_ignore_result": True,
            # A task running longer is killed (the deployment waits this long for a stopping worker).
            "task_time_limit": {{ ops.task_time_limit }},
            "imports": ["{{ cookiecutter.project_slug }}.tasks"],
            "broker_connection_retry_on_startup": True,
            # The worker logs through log.py's configuration (with the others' format).
            "worker_hijack_root_logger": False,
        },
    )
{%- endif %}
{%- if cookiecutter.use_auth %}
    if not app.config["MAIL_SERVER"] and not app.config["PRODUCTION"]:
        # No mail server in development: emails go to the console (in tests, an outbox).
        app.config.setdefault("MAIL_BACKEND", "locmem" if app.testing else "console")
{%- endif %}
{%- if cookiecutter.use_orm %}


# The driver this project installs, for each form of URL that names none.
{%- if cookiecutter.database == "postgresql" %}
# Hosting platforms hand out postgres://, a name SQLAlchemy does not know, and
# postgresql:// would mean psycopg2: both become psycopg 3.
DRIVERS = {"postgres": "postgresql+psycopg", "postgresql": "postgresql+psycopg"}
{%- elif cookiecutter.database == "mysql" %}
# mysql:// would mean the mysqlclient driver: it becomes PyMySQL, with utf8mb4.
DRIVERS = {"mysql": "mysql+pymysql", "mariadb": "mysql+pymysql"}
{%- else %}
# None besides SQLite's: add the driver's form here with the driver (see README).
DRIVERS: dict[str, str] = {}
{%- endif %}


def database_url(url: str) -> str:
    """Accept every common form of DATABASE_URL and name the installed driver.

    A URL naming a driver explicitly (``scheme+driver://``) is kept as it is.
    """
    parsed = make_url(url)
    if "+" not in parsed.drivername and parsed.drivername in DRIVERS:
        parsed = parsed.set(drivername=DRIVERS[parsed.drivername])
{%- if cookiecutter.database == "mysql" %}
        if "charset" not in parsed.query:
            parsed = parsed.update_query_dict({"charset": "utf8mb4"})
{%- endif %}
    return parsed.render_as_string(hide_password=False)


def engine_options() -> dict[str, Any]:
    """SQLAlchemy's engine options: the connection pool of each worker process.

    Every worker keeps up to 5 open connections (10 more under load) and reuses them from
    request to request. ``pool_pre_ping`` replaces a connection the server closed (a restart,
    a failover) before a request gets it.
{%- if cookiecutter.database == "mysql" %}
    MySQL and MariaDB close connections idle longer than ``wait_timeout`` (8 hours by
    default, often less on hosted servers): ``pool_recycle`` renews them after 30 minutes.
{%- endif %}
    SQLite gets its own settings in extensions.py (WAL, a busy timeout).
    """
    return {
        "pool_pre_ping": True,
{%- if cookiecutter.database == "mysql" %}
        "pool_recycle": 1800,
{%- endif %}
    }
{%- endif %}


# No script, style, font or frame from another origin; inline scripts only with the
# per-request nonce (csp_nonce() in templates); no framing by other sites.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


# The health endpoints (health.py), with and without their trailing slash.
HEALTH_PATHS = frozenset({"/health", "/health/", "/health/live", "/health/live/"})


class HealthProbeHost:
    """Let load balancers probe the health endpoints by IP address or any Host header.

    Production refuses hosts outside TRUSTED_HOSTS with 400. Probes often use the
    instance's IP address, so for exactly the paths of ``HEALTH_PATHS`` the Host header is
    replaced by a trusted one before the application sees it; every other path is checked
    as usual.
    """

    def __init__(self, wsgi_app: WSGIApplication, host: str) -> None:
        self.wsgi_app = wsgi_app
        self.host = host.lstrip(".")

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") in HEALTH_PATHS:
            environ["HTTP_HOST"] = self.host
            environ.pop("HTTP_X_FORWARDED_HOST", None)
        return self.wsgi_app(environ, start_response)


def check_secret_key(app: Flask) -> None:
    """Refuse a missing, placeholder or short secret key, in development too.

    A development checkout has its own random key in .env, so there is no default key
    that could slip into production.
    """
    if app.testing:
        return
    key = app.config.get("SECRET_KEY") or ""
    if isinstance(key, bytes):
        key = key.decode(errors="replace")
    problem = None
    if not key:
        problem = "is not set"
    elif key in {"dev", PLACEHOLDER_SECRET} or len(key) < MIN_SECRET_LENGTH:
        problem = f"is a placeholder or shorter than {MIN_SECRET_LENGTH} characters"
    if problem:
        raise RuntimeError(
            f"FLASK_SECRET_KEY {problem}. Set FLASK_SECRET_KEY to a long random value "
            '(python -c "import secrets; print(secrets.token_hex())"); for development '
            "put it in .env (see .env.example)."
        )


def check_production(app: Flask) -> None:
    """Refuse to start in production with a setting that would leave the site open."""
    check_secret_key(app)
    if not app.config["PRODUCTION"]:
        return
    if app.debug:
        raise RuntimeError(
            "FLASK_DEBUG is on in production: its debugger runs any code a visitor sends. "
            "Unset FLASK_DEBUG, or set FLASK_PRODUCTION=false for development."
        )
    if not app.config.get("TRUSTED_HOSTS"):
        raise RuntimeError(
            "FLASK_TRUSTED_HOSTS is not set. List the host names the site answers to, "
            "separated by commas (for example: example.com,www.example.com)."
        )
{%- if cookiecutter.use_auth %}
    if not app.config.get("MAIL_SERVER"):
        raise RuntimeError(
            "FLASK_MAIL_SERVER is not set. Production sends account emails (confirmation, "
            "password reset) through an SMTP server: set FLASK_MAIL_SERVER and friends "
            "(see .env.example)."
        )
    if len(app.config.get("SECURITY_PASSWORD_SALT") or "") < 16:
        raise RuntimeError(
            "FLASK_SECURITY_PASSWORD_SALT is not set or shorter than 16 characters. Set it "
            "once to a long random value and keep it: every password hash depends on it."
        )
    sender = str(app.config.get("MAIL_DEFAULT_SENDER") or "")
    domain = sender.rpartition("@")[2].rstrip(">").lower()
    if not domain or domain in {"localhost", "example.com", "example.org", "example.net"}:
        raise RuntimeError(
            f"FLASK_MAIL_DEFAULT_SENDER is {sender!r}. Set it to a real address of the "
            "site's domain, such as noreply@your-domain."
        )
{%- endif %}
{%- if cookiecutter.deploy == "kubernetes" %}
    check_shared_state(app)


def check_shared_state(app: Flask) -> None:
    """Refuse what keeps state in one process: the deployment runs many (deploy/).

    Rate limits and the cache must live in Redis{% if cookiecutter.use_orm %}, and DATABASE_URL must name the database{% endif %}.
    """
{%- if cookiecutter.use_auth or cookiecutter.use_api %}
    if not str(app.config["RATELIMIT_STORAGE_URI"]).startswith(("redis://", "rediss://")):
        raise RuntimeError(
            "FLASK_RATELIMIT_STORAGE_URI is not a Redis URL: each replica would count rate limits "
            "on its own. Set it to redis://HOST:6379/{{ ops.redis_dbs['limits'] }} (see deploy/secrets.env.example)."
        )
{%- endif %}
    if app.config["CACHE_TYPE"] != "RedisCache":
        raise RuntimeError(
            "FLASK_CACHE_TYPE is not RedisCache: each replica would keep a cache of its own. "
            "Set FLASK_CACHE_TYPE=RedisCache and FLASK_CACHE_REDIS_URL (see deploy/secrets.env.example)."
        )
{%- if cookiecutter.use_orm %}
    if not os.environ.get("DATABASE_URL"):
        raise RuntimeError(
            "DATABASE_URL is not set: each replica would write a SQLite file of its own. "
            "Set DATABASE_URL to the database server (see deploy/secrets.env.example)."
        )
{%- endif %}
{%- endif %}
