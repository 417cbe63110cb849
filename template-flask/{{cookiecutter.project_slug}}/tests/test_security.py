"""The production configuration, and the attacks it must turn away."""

from __future__ import annotations

import logging
import re
{%- if cookiecutter.deploy == "kubernetes" and (cookiecutter.use_auth or cookiecutter.use_api) %}
import uuid
{%- endif %}
{%- if cookiecutter.use_auth %}
from datetime import timedelta
{%- endif %}
from pathlib import Path

import pytest
from flask import Flask, request

from {{ cookiecutter.project_slug }} import config, create_app
{%- if cookiecutter.use_orm and (cookiecutter.use_auth or cookiecutter.use_api) %}
from {{ cookiecutter.project_slug }}.extensions import db
{%- endif %}

from .conftest import HTTPS, PRODUCTION_ENV{% if cookiecutter.__db_server %}, SECRET{% endif %}


def test_production_sends_the_security_headers(production: Flask) -> None:
    response = production.test_client().get("/", headers={**HTTPS, "Host": "example.com"})
    assert response.status_code == 200
    headers = response.headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert "http" not in csp  # no other origin is allowed


def test_production_cookies_are_secure(production: Flask) -> None:
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["SESSION_COOKIE_HTTPONLY"] is True
    assert production.config["SESSION_COOKIE_SAMESITE"] == "Lax"
{%- if cookiecutter.use_auth %}
    assert production.config["REMEMBER_COOKIE_SECURE"] is True
    response = production.test_client().get("/auth/login", headers={**HTTPS, "Host": "example.com"})
    cookie = response.headers["Set-Cookie"]
    for flag in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert flag in cookie
{%- endif %}


def test_production_redirects_plain_http_to_https(production: Flask) -> None:
    response = production.test_client().get("/", headers={"Host": "example.com"})
    assert response.status_code in (301, 302)
    assert response.headers["Location"].startswith("https://example.com/")


def test_forged_host_is_refused(production: Flask) -> None:
    client = production.test_client()
    assert client.get("/", headers={**HTTPS, "Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={**HTTPS, "Host": "www.example.com"}).status_code == 200


def test_health_answers_a_probe_by_ip_over_http(production: Flask, caplog: pytest.LogCaptureFixture) -> None:
    """Load balancers probe by address and over plain HTTP: no 400, no HTTPS redirect."""
    client = production.test_client()
    for url in ("/health/live/", "/health/live"):
        response = client.get(url, headers={"Host": "10.0.0.7:8000"})
        assert response.status_code == 200, url
        assert response.json == {"status": "ok"}
    for url in ("/health/", "/health"):
        response = client.get(url, headers={"Host": "10.0.0.7:8000"})
{%- if cookiecutter.__jobs == "celery" %}
        # 503 if Redis is down here: answered either way, neither refused nor redirected.
        assert response.status_code in (200, 503), url
{%- else %}
        assert response.status_code == 200, url
{%- endif %}
        assert response.json is not None
        assert response.json["status"] in ("ok", "error"), url
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    # Only the health endpoints: the rest of the site still refuses the address.
    assert client.get("/", headers={**HTTPS, "Host": "10.0.0.7"}).status_code == 400
    assert client.get("/health/x", headers={**HTTPS, "Host": "10.0.0.7"}).status_code == 400


def test_proxy_headers_are_trusted_from_the_configured_proxies(production: Flask) -> None:
    response = production.test_client().get(
        "/", headers={**HTTPS, "Host": "example.com", "X-Forwarded-For": "203.0.113.9"}
    )
    assert response.status_code == 200  # X-Forwarded-Proto made it HTTPS: no redirect


def test_hostile_json_nesting_is_a_bad_request(production: Flask) -> None:
    @production.post("/parse")
    def parse() -> str:
        return str(type(request.get_json()))
{%- if cookiecutter.use_orm and not cookiecutter.use_auth %}

    production.config["WTF_CSRF_CHECK_DEFAULT"] = False  # this test endpoint has no form
{%- endif %}

    client = production.test_client()
    headers = {**HTTPS, "Host": "example.com"}
    # Attack: JSON nested 100,000 deep (200 kB) makes the parser recurse past Python's limit.
    hostile = "[" * 100_000 + "]" * 100_000
    for url in ("/parse",{% if cookiecutter.use_auth %} "/auth/login"{% endif %}):
        response = client.post(url, data=hostile, content_type="application/json", headers=headers)
        assert response.status_code == 400, url
    assert client.post("/parse", json=[[1]], headers=headers).text == "<class 'list'>"


{%- if cookiecutter.use_auth or cookiecutter.use_api %}


{% if cookiecutter.use_orm %}def test_a_new_x_forwarded_for_each_request_does_not_reset_the_limits(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:{% else %}def test_a_new_x_forwarded_for_each_request_does_not_reset_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:{% endif %}
    """No proxy trusted by default: the limits count the connection's address, not a header."""
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("FLASK_PROXIES")
{%- if cookiecutter.use_orm %}
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'limits.sqlite3'}")
{%- endif %}
{%- if cookiecutter.deploy == "kubernetes" %}
    monkeypatch.setenv("FLASK_RATELIMIT_KEY_PREFIX", uuid.uuid4().hex)
{%- endif %}
    app = create_app({% raw %}{{% endraw %}{% if cookiecutter.use_auth %}"LOGIN_LIMIT_PER_ADDRESS": "2 per 15 minutes"{% endif %}{% if cookiecutter.use_auth and cookiecutter.use_api %}, {% endif %}{% if cookiecutter.use_api %}"API_RATE_LIMIT": "2 per minute"{% endif %}{% raw %}}{% endraw %})
{%- if cookiecutter.use_orm %}
    with app.app_context():
        db.create_all()
{%- endif %}
    client = app.test_client()
    attempts = [
{%- if cookiecutter.use_auth %}
        ("POST", "/auth/login"),
{%- endif %}
{%- if cookiecutter.use_api %}
        ("GET", "{% if cookiecutter.use_orm %}/api/notes/{% else %}/api/info{% endif %}"),
{%- endif %}
    ]
    for method, url in attempts:
        codes = []
        for n in range(3):
            # Attack: another forged client address with every request.
            client.environ_base["HTTP_X_FORWARDED_FOR"] = f"203.0.113.{n}"
            data = {"email": "x@example.com", "password": "guess"} if method == "POST" else None
            codes.append(client.open(url, method=method, data=data, base_url="https://example.com").status_code)
        assert codes[2] == 429, (url, codes)
{%- endif %}


def test_large_bodies_are_refused(production: Flask) -> None:
    @production.post("/upload")
    def upload() -> str:
        return str(len(request.get_data()))
{%- if cookiecutter.use_orm and not cookiecutter.use_auth %}

    production.config["WTF_CSRF_CHECK_DEFAULT"] = False  # this test endpoint has no form
{%- endif %}

    client = production.test_client()
    headers = {**HTTPS, "Host": "example.com"}
    assert client.post("/upload", data=b"x" * 1024, headers=headers).text == "1024"
    assert client.post("/upload", data=b"x" * (1024 * 1024 + 1), headers=headers).status_code == 413


@pytest.mark.parametrize(
    "path",
    [
        "/",
{%- if cookiecutter.use_auth %}
        "/auth/login",
        "/auth/register",
{%- endif %}
{%- if cookiecutter.use_api %}
        "/api/docs",
{%- endif %}
    ],
)
def test_no_page_loads_from_another_origin(production: Flask, path: str) -> None:
    response = production.test_client().get(path, headers={**HTTPS, "Host": "example.com"})
    assert response.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]*)"', response.text)
    assert urls
    for url in urls:
        assert not re.match(r"(https?:)?//", url), url
    # Inline scripts run only with this response's nonce.
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text)
    if inline:
        assert nonce
    for script in inline:
        assert f'nonce="{nonce.group(1)}"' in script


@pytest.mark.parametrize("key", [None, "dev", config.PLACEHOLDER_SECRET, "short-key"])
@pytest.mark.parametrize("debug", [None, "1"])
def test_weak_secret_keys_are_refused(monkeypatch: pytest.MonkeyPatch, key: str | None, debug: str | None) -> None:
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    if key is None:
        monkeypatch.delenv("FLASK_SECRET_KEY")
    else:
        monkeypatch.setenv("FLASK_SECRET_KEY", key)
    if debug is None:
        monkeypatch.delenv("FLASK_DEBUG", raising=False)
    else:
        monkeypatch.setenv("FLASK_DEBUG", debug)
    with pytest.raises(RuntimeError, match="FLASK_SECRET_KEY"):
        create_app()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("FLASK_TRUSTED_HOSTS", "FLASK_TRUSTED_HOSTS"),
{%- if cookiecutter.use_auth %}
        ("FLASK_MAIL_SERVER", "FLASK_MAIL_SERVER"),
        ("FLASK_MAIL_DEFAULT_SENDER", "FLASK_MAIL_DEFAULT_SENDER"),
        ("FLASK_SECURITY_PASSWORD_SALT", "FLASK_SECURITY_PASSWORD_SALT"),
{%- endif %}
    ],
)
def test_production_refuses_to_start_without(monkeypatch: pytest.MonkeyPatch, name: str, message: str) -> None:
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    for key, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv(name)
    with pytest.raises(RuntimeError, match=message):
        create_app()


def test_env_example_names_only_real_settings() -> None:
    """Every FLASK_* variable .env.example documents is a setting of config.Config."""
    text = (Path(__file__).resolve().parent.parent / ".env.example").read_text(encoding="utf-8")
    names = re.findall(r"^#? ?FLASK_([A-Z_]+)=", text, flags=re.MULTILINE)
    assert "SECRET_KEY" in names
    for name in names:
        assert name == "DEBUG" or hasattr(config.Config, name), name


def test_environment_values_keep_their_type(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "FLASK_PRODUCTION": "false",
        "FLASK_SECRET_KEY": "12345678901234567890123456789012345",
        "FLASK_PROXIES": "2",
        "FLASK_FORCE_HTTPS": "0",
        "FLASK_TRUSTED_HOSTS": "a.example, b.example",
        "FLASK_LOG_LEVEL": "warning",
{%- if cookiecutter.use_auth %}
        "FLASK_MAIL_PASSWORD": "123456",
        "FLASK_MAIL_PORT": "465",
        "FLASK_SECURITY_RESET_PASSWORD_WITHIN": "7200",
{%- endif %}
    }.items():
        monkeypatch.setenv(name, value)
    app = create_app()
    assert app.config["SECRET_KEY"] == "12345678901234567890123456789012345"
    assert app.config["PROXIES"] == 2
    assert not app.config["FORCE_HTTPS"]
    assert app.config["TRUSTED_HOSTS"] == ["a.example", "b.example"]
    assert app.config["LOG_LEVEL"] == "WARNING"
{%- if cookiecutter.use_auth %}
    assert app.config["MAIL_PASSWORD"] == "123456"  # a numeric password stays a string
    assert app.config["MAIL_PORT"] == 465
    assert app.config["SECURITY_RESET_PASSWORD_WITHIN"] == timedelta(hours=2)
{%- endif %}


def test_production_is_the_default_and_refuses_debug_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Production is an explicit setting: FLASK_DEBUG alone does not turn its checks off."""
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    assert create_app().config["PRODUCTION"] is True
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(RuntimeError, match="FLASK_DEBUG"):
        create_app()


def test_hsts_is_one_year_with_subdomains(production: Flask) -> None:
    response = production.test_client().get("/", headers={**HTTPS, "Host": "example.com"})
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_no_proxy_is_trusted_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("FLASK_PROXIES")
    app = create_app()
    assert app.config["PROXIES"] == 0

    @app.get("/address")
    def address() -> str:
        return f"{request.remote_addr} {request.scheme}"

    response = app.test_client().get(
        "/address",
        base_url="https://example.com",
        headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "http"},
        environ_base={"REMOTE_ADDR": "198.51.100.1"},
    )
    assert response.text == "198.51.100.1 https"
{%- if cookiecutter.use_orm %}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
{%- if cookiecutter.database == "postgresql" %}
        ("postgres://u:p@db:5432/site", "postgresql+psycopg://u:p@db:5432/site"),
        ("postgresql://u:p@db/site", "postgresql+psycopg://u:p@db/site"),
        ("postgresql+psycopg://u:p@db/site", "postgresql+psycopg://u:p@db/site"),
{%- elif cookiecutter.database == "mysql" %}
        ("mysql://u:p@db:3306/site", "mysql+pymysql://u:p@db:3306/site?charset=utf8mb4"),
        ("mariadb://u:p@db/site", "mysql+pymysql://u:p@db/site?charset=utf8mb4"),
        (
            "mysql+pymysql://u:p@db/site?charset=utf8mb4",
            "mysql+pymysql://u:p@db/site?charset=utf8mb4",
        ),
{%- endif %}
        ("sqlite:////var/lib/site/db.sqlite3", "sqlite:////var/lib/site/db.sqlite3"),
        ("sqlite:///relative.sqlite3", "sqlite:///relative.sqlite3"),
    ],
)
def test_database_url_forms(url: str, expected: str) -> None:
    assert config.database_url(url) == expected
{%- if cookiecutter.database != "sqlite" %}


def test_database_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
{%- if cookiecutter.database == "postgresql" %}
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/site")
    expected = "postgresql+psycopg://"
{%- else %}
    monkeypatch.setenv("DATABASE_URL", "mysql://u:p@db:3306/site")
    expected = "mysql+pymysql://"
{%- endif %}
    app = create_app({"TESTING": True, "PRODUCTION": False, "SECRET_KEY": SECRET})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith(expected)
{%- endif %}
{%- endif %}
{%- if cookiecutter.deploy == "kubernetes" %}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
{%- if cookiecutter.use_auth or cookiecutter.use_api %}
        ("FLASK_RATELIMIT_STORAGE_URI", "memory://", "FLASK_RATELIMIT_STORAGE_URI"),
{%- endif %}
        ("FLASK_CACHE_TYPE", "SimpleCache", "FLASK_CACHE_TYPE"),
{%- if cookiecutter.use_orm %}
        ("DATABASE_URL", "", "DATABASE_URL"),
{%- endif %}
    ],
)
def test_kubernetes_production_refuses_per_process_state(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    """Many replicas (deploy/): rate limits and the cache per process would not hold."""
    for key, setting in PRODUCTION_ENV.items():
        monkeypatch.setenv(key, setting)
{%- if cookiecutter.use_orm %}
    monkeypatch.setenv("DATABASE_URL", "{{ "postgresql+psycopg" if cookiecutter.database == "postgresql" else "mysql+pymysql" }}://u:p@db/site")
{%- endif %}
    create_app()  # as deploy/ configures it
    monkeypatch.setenv(name, value)
    with pytest.raises(RuntimeError, match=message):
        create_app()
{%- endif %}
