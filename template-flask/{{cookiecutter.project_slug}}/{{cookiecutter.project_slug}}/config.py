"""Settings from the environment, and the checks production must pass before it starts.

Every setting the application reads from the environment is listed in ``SETTINGS`` with
its type, so a value always arrives as what it is: a numeric password stays a string.
``.env.example`` documents each one.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from flask import Flask
{%- if cookiecutter.use_orm %}
from sqlalchemy.engine import make_url
{%- endif %}

# The placeholder that .env.example shows; never a real key.
PLACEHOLDER_SECRET = "change-me"
MIN_SECRET_LENGTH = 32


def to_bool(value: str) -> bool:
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected a yes/no value such as 1 or 0, got {value!r}")


def to_timedelta(value: str) -> timedelta:
    return timedelta(seconds=int(value))


def to_log_level(value: str) -> str:
    level = value.strip().upper()
    if level not in logging.getLevelNamesMapping():
        raise ValueError(f"expected DEBUG, INFO, WARNING, ERROR or CRITICAL, got {value!r}")
    return level


def to_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


# Environment variable FLASK_<NAME> -> app.config[NAME], converted by the function.
SETTINGS: dict[str, Callable[[str], Any]] = {
    "SECRET_KEY": str,
    "TRUSTED_HOSTS": to_list,
    "PROXIES": int,
    "FORCE_HTTPS": to_bool,
    "MAX_CONTENT_LENGTH": int,
    "LOG_LEVEL": to_log_level,
{%- if cookiecutter.use_auth or cookiecutter.use_api %}
    "RATELIMIT_STORAGE_URI": str,
{%- endif %}
{%- if cookiecutter.use_api %}
    "API_RATE_LIMIT": str,
{%- endif %}
{%- if cookiecutter.use_auth %}
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_USE_TLS": to_bool,
    "MAIL_USE_SSL": to_bool,
    "MAIL_DEFAULT_SENDER": str,
    "LOGIN_LIMIT_PER_ACCOUNT": str,
    "LOGIN_LIMIT_PER_ADDRESS": str,
    "SECURITY_PASSWORD_HASH": str,
    "SECURITY_PASSWORD_SALT": str,
    "SECURITY_CONFIRMABLE": to_bool,
    "SECURITY_RESET_PASSWORD_WITHIN": to_timedelta,
    "SECURITY_TOKEN_MAX_AGE": int,
{%- endif %}
}


def from_environment(app: Flask, environ: dict[str, str] | None = None) -> None:
    """Read the FLASK_* settings of ``SETTINGS`` from the environment, each with its type."""
    environ = dict(os.environ) if environ is None else environ
    for name, convert in SETTINGS.items():
        raw = environ.get(f"FLASK_{name}")
        if raw is None:
            continue
        try:
            app.config[name] = convert(raw)
        except ValueError as err:
            raise RuntimeError(f"FLASK_{name} is not valid: {err}.") from err
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
    request to request{% if cookiecutter.use_async %}; async views run inside the worker's request too, so they
    take their connections from the same pool{% endif %}. ``pool_pre_ping`` replaces a connection the
    server closed (a restart, a failover) before a request gets it.
{%- if cookiecutter.database == "mysql" %}
    MySQL and MariaDB close connections idle longer than ``wait_timeout`` (8 hours by
    default, often less on hosted servers): ``pool_recycle`` renews them after 30 minutes.
{%- endif %}
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


def is_development(app: Flask) -> bool:
    """Local development (``--debug``) and the test suite; everything else is production."""
    return bool(app.debug or app.testing)


def check_secret_key(app: Flask) -> None:
    """Refuse a missing, placeholder or short secret key, in debug mode too.

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
    if is_development(app):
        return
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
