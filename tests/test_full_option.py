"""The full-option project of each framework, as its users get it.

Installed with its own README's command into a fresh virtualenv, migrated, tested,
then served by the production server the project ships (uvicorn for Django with
async views, gunicorn for Flask) and asked for its pages over HTTP.
"""

from __future__ import annotations

import json
import re
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import matrix
from tests.helpers import project_python

pytestmark = pytest.mark.matrix


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def get(
    url: str, headers: dict[str, str] | None = None, data: bytes | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def post(url: str, data: bytes, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    return get(url, headers, data)


@contextmanager
def serving(args: list[str], cwd: Path, env: dict[str, str], port: int) -> Iterator[str]:
    log = cwd / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the server did not start:\n{log.read_text()[-4000:]}")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=15)


@pytest.fixture
def installed(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The full-option project, installed with `pip install -e ".[dev]"` in a fresh venv."""
    framework: str = request.param
    project = matrix.render(matrix.full_option(framework, "sqlite"), tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([project_python(project), "-m", "venv", str(venv)], check=True)  # Django 6.1: Python 3.13
    env = matrix.project_environ(venv, tmp_path)
    matrix.check_run(["python", "-m", "pip", "install", "-q", "-e", ".[dev]"], project, env)
    return project, env


@pytest.mark.parametrize("installed", ["django"], indirect=True)
def test_django_full_option_installs_tests_and_serves(installed: tuple[Path, dict[str, str]]) -> None:
    project, env = installed
    slug = project.name
    matrix.check_run(["python", "manage.py", "migrate", "--noinput"], project, env)
    matrix.check_run(["python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--cov"], project, env)

    production = env | {
        "DJANGO_SETTINGS_MODULE": f"{slug}.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{project / 'db.sqlite3'}",
        # Nothing is sent while it serves (the password reset below is refused first).
        "DJANGO_EMAIL_URL": "smtp://127.0.0.1:25",
        "DJANGO_DEFAULT_FROM_EMAIL": "noreply@example.com",
        "DJANGO_SITE_URL": "https://localhost",
        "DJANGO_CACHE_URL": matrix.redis_url(),
    }
    matrix.check_run(["python", "manage.py", "check", "--deploy", "--fail-level", "WARNING"], project, production)
    matrix.check_run(["python", "manage.py", "collectstatic", "--noinput"], project, production)
    port = free_port()
    server = ["uvicorn", f"{slug}.asgi:application", "--host", "127.0.0.1", "--port", str(port)]
    https = {"X-Forwarded-Proto": "https"}  # the TLS-terminating proxy's header
    # The readiness probe asks a Celery worker: one runs beside the server.
    worker = subprocess.Popen(
        ["celery", "-A", slug, "worker", "--pool", "solo", "--without-heartbeat", "--without-gossip"],
        cwd=project,
        env=production,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with serving(server, project, production, port) as base:
            json_https = https | {"Accept": "application/json"}
            deadline = time.monotonic() + 60
            while get(base + "/health/", json_https)[0] != 200 and time.monotonic() < deadline:
                time.sleep(1)
            for path in ("/", "/accounts/login/", "/accounts/signup/", "/api/docs/"):
                status, headers, body = get(base + path, https)
                assert status == 200, (path, status, body[:500])
                assert "script-src 'self'" in headers["content-security-policy"], path
                for url in re.findall(rb"<(?:script|link)\b[^>]*?\b(?:src|href)=[\"']([^\"']+)", body):
                    assert not urllib.parse.urlsplit(url.decode()).netloc, f"{path} loads {url!r} from another origin"
            # The admin's log-in is allauth's (rate-limited).
            status, headers, _ = get(base + "/admin/login/", https)
            assert status == 302 and headers["location"].startswith("/accounts/login/")
            # The attacks, against the served production project.
            status, _, _ = get(base + "/accounts/password/reset/", https | {"Host": "evil.example"})
            assert status == 400, "a forged Host is refused"
            for probe in ("/health/", "/health/live/"):
                status, _, body = get(base + probe, {"Host": "10.0.0.5", "Accept": "application/json"})
                assert status == 200, ("load balancers probe by address, over HTTP", probe, body[:500])
            status, headers, _ = get(base + "/", https)
            assert headers["strict-transport-security"].startswith("max-age=")
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["x-frame-options"] == "DENY"
            assert headers["referrer-policy"] == "same-origin"
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
            status, headers, _ = get(base + "/accounts/login/", https)
            assert "secure" in headers["set-cookie"].lower(), "the CSRF cookie is Secure"
            request = urllib.request.Request(
                base + "/api/notes/", data=b'{"title": "x"}', headers=https | {"Content-Type": "application/json"}
            )
            try:
                OPENER.open(request, timeout=10)
                pytest.fail("an anonymous write was accepted")
            except urllib.error.HTTPError as err:
                assert err.code == 401 and err.headers["WWW-Authenticate"] == "Token"
                assert json.loads(err.read()) == {"detail": "Authentication credentials were not provided."}
            status, headers, body = get(base + "/health/", json_https)
            checks = json.loads(body)
            assert status == 200 and set(checks.values()) == {"OK"}, checks
            assert {name.split("(")[0] for name in checks} == {"Database", "Cache"}
            status, _, body = get(base + "/api/openapi.json", https)
            assert status == 200 and "openapi" in json.loads(body)
            status, headers, _ = get(base + "/admin/", https)
            assert status == 302 and "/admin/login/" in headers["location"]
            status, _, css = get(base + "/static/css/site.css", https)
            assert status == 200 and css, "the collected static files are served"
            status, headers, _ = get(base + "/")
            assert status == 301 and headers["location"].startswith("https://"), "plain HTTP goes to HTTPS"
    finally:
        worker.terminate()
        worker.wait(timeout=15)


@pytest.mark.parametrize("installed", ["flask"], indirect=True)
def test_flask_full_option_installs_tests_and_serves(installed: tuple[Path, dict[str, str]]) -> None:
    project, env = installed
    slug = project.name
    matrix.check_run(["flask", "--app", slug, "db", "upgrade"], project, env)
    matrix.check_run(["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"], project, env)

    production = env | {
        "FLASK_SECRET_KEY": secrets.token_hex(),
        "FLASK_TRUSTED_HOSTS": "127.0.0.1,localhost",
        "FLASK_PROXIES": "1",
        "FLASK_SECURITY_PASSWORD_SALT": secrets.token_hex(16),
        # Never reached here: with Celery the account emails wait in the queue for a worker.
        "FLASK_MAIL_SERVER": "127.0.0.1",
        "FLASK_MAIL_DEFAULT_SENDER": "noreply@mysite.test",
    }
    production.pop("FLASK_DEBUG", None)
    production.pop("FLASK_PRODUCTION", None)
    port = free_port()
    server = ["gunicorn", f"{slug}:create_app()", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    https = {"X-Forwarded-Proto": "https"}  # the TLS-terminating proxy's header
    with serving(server, project, production, port) as base:
        for path in ("/", "/auth/login", "/auth/register", "/api/docs"):
            status, headers, body = get(base + path, https)
            assert status == 200, (path, status, body[:500])
            # The security headers, and nothing loaded from another origin.
            assert "max-age=" in headers["strict-transport-security"], path
            assert "frame-ancestors 'none'" in headers["content-security-policy"], path
            assert headers["x-frame-options"] == "DENY", path
            assert headers["x-content-type-options"] == "nosniff", path
            assert headers["referrer-policy"] == "same-origin", path
            assert not re.search(rb'(?:src|href)="(?:https?:)?//', body), path
        status, headers, _ = get(base + "/auth/login", https)
        assert "Secure" in headers["set-cookie"] and "HttpOnly" in headers["set-cookie"]
        for path in ("/health/", "/health/live/"):
            status, _, body = get(base + path, {"Host": "10.0.0.7"})
            assert status == 200 and json.loads(body)["status"] == "ok", f"a probe of {path} by address, over HTTP"
        status, headers, body = get(base + "/no-such-page", https | {"X-Request-ID": "probe-42"})
        assert status == 404 and b'class="site-brand"' in body, "the error page in the site's layout"
        assert headers["x-request-id"] == "probe-42" and b"probe-42" in body, "the request id, returned"
        status, _, _ = get(base + "/", https | {"Host": "evil.example"})
        assert status == 400, "a forged Host is refused"
        status, _, _ = post(base + "/auth/reset", b"email=ada%40example.com", https | {"Host": "evil.example"})
        assert status == 400, "no reset link is built on a forged Host"
        status, _, body = get(base + "/api/openapi.json", https)
        spec = json.loads(body)
        assert status == 200 and "token" in spec["components"]["securitySchemes"]
        status, _, body = post(base + "/api/notes/", b'{"title": "x"}', https | {"Content-Type": "application/json"})
        assert status == 401 and json.loads(body)["code"] == 401, "anonymous writes: 401 with CSRF on"
        status, _, _ = get(base + "/api/notes/3850022488018504384512", https)
        assert status == 404, "an id beyond the database's range"
        status, headers, _ = get(base + "/admin/", https)
        assert status in (302, 303) and "/auth/login" in headers["location"]
        status, headers, _ = get(base + "/")
        assert status in (301, 302) and headers["location"].startswith("https://"), "plain HTTP goes to HTTPS"

    for missing in ("FLASK_SECRET_KEY", "FLASK_TRUSTED_HOSTS", "FLASK_MAIL_SERVER"):
        refused = subprocess.run(
            ["python", "-c", f"import {slug}; {slug}.create_app()"],
            cwd=project,
            env={k: v for k, v in production.items() if k != missing},
            capture_output=True,
            text=True,
            check=False,
        )
        assert refused.returncode != 0 and missing in refused.stderr, (missing, refused.stderr[-2000:])
