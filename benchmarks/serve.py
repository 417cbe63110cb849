"""Requests per second: each framework's default project beside a minimal app of the same framework.

For Django and Flask, the default project (``startwise new --no-input``, with
``--set framework=flask``) runs with its production settings on SQLite, migrated,
under gunicorn with 2 sync workers. Beside it, in the same run and under the same
server, a minimal app of the same framework serves the same HTML (the project's home
page, captured and rendered as a template) and the same health answer (a ``SELECT 1``
on the same database):

- Django: one module, ``startproject``'s middleware and apps, DEBUG off;
- Flask: one module, the HTML rendered by ``render_template``, the health check
  through Flask-SQLAlchemy as the project does it.

ApacheBench (``ab``, Debian's apache2-utils) makes the load: 8 concurrent clients,
``--requests`` per round; rounds alternate between the two apps, and the median of
``--rounds`` is printed with the ratio project / reference (goal: >= 0.9).

Run: python benchmarks/serve.py [--rounds 3] [--requests 3000] [django|flask ...]
"""

from __future__ import annotations

import argparse
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import rules  # noqa: E402
from tests import matrix  # noqa: E402
from tests.e2e.conftest import free_port  # noqa: E402

HEADERS = {"X-Forwarded-Proto": "https", "Host": "localhost"}  # the TLS-terminating proxy's request
PATHS = {"django": ("/", "/health/"), "flask": ("/", "/health")}

DJANGO_REFERENCE = '''
"""A minimal Django app: startproject's middleware and apps, one template, one health view."""
from pathlib import Path

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path

HERE = Path(__file__).resolve().parent
DEBUG = False
SECRET_KEY = "reference-only-" + "x" * 50
ALLOWED_HOSTS = ["localhost"]
ROOT_URLCONF = "reference"
USE_X_FORWARDED_HOST = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [HERE / "templates"],
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(HERE / "db.sqlite3")}}


def home(request):
    return render(request, "home.html")


def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": "ok"})


urlpatterns = [path("", home), path("health/", health)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
'''

FLASK_REFERENCE = '''
"""A minimal Flask app: one template, one health view through Flask-SQLAlchemy."""
from pathlib import Path

from flask import Flask, render_template
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text

HERE = Path(__file__).resolve().parent
app = Flask(__name__, template_folder=str(HERE / "templates"))
app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{HERE / 'db.sqlite3'}"
db = SQLAlchemy(app)


@app.get("/")
def home():
    return render_template("home.html")


@app.get("/health")
def health():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok", "database": "ok"}
'''


def fetch(url: str) -> bytes:
    """GET a page as the proxy would send it; its body (200 only)."""
    request = urllib.request.Request(url, headers=HEADERS)
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200, (url, response.status)
        return response.read()


@contextmanager
def gunicorn(app: str, cwd: Path, env: dict[str, str]) -> Iterator[str]:
    """Run gunicorn with 2 workers; yield; its base URL once it answers."""
    port = free_port()
    log = (cwd / "gunicorn.log").open("w")
    server = subprocess.Popen(
        ["gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(base + "/")
                break
            except (OSError, urllib.error.URLError):
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"{app} did not start:\n{(cwd / 'gunicorn.log').read_text()[-3000:]}")
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def ab(url: str, requests: int) -> float:
    """Requests per second that ab measures with 8 concurrent clients."""
    headers = [arg for name, value in HEADERS.items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(
        ["ab", "-q", "-n", str(requests), "-c", "8", *headers, url], capture_output=True, text=True, check=True
    ).stdout
    failed = re.search(r"Failed requests:\s+(\d+)", out)
    non_2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    assert failed and failed.group(1) == "0" and not non_2xx, out
    found = re.search(r"Requests per second:\s+([\d.]+)", out)
    assert found, out
    return float(found.group(1))


def production_env(framework: str, project: Path, env: dict[str, str]) -> dict[str, str]:
    """The environment the project's production settings require."""
    env = env | {"DATABASE_URL": f"sqlite:///{project / 'db.sqlite3'}"}
    env.pop("FLASK_DEBUG", None)
    if framework == "django":
        return env | {
            "DJANGO_SETTINGS_MODULE": f"{project.name}.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "localhost",
            "DJANGO_EMAIL_URL": "smtp://127.0.0.1:25",
            "DJANGO_DEFAULT_FROM_EMAIL": "noreply@mysite.test",
            "DJANGO_SITE_URL": "https://localhost",
        }
    return env | {
        "FLASK_SECRET_KEY": secrets.token_hex(),
        "FLASK_TRUSTED_HOSTS": "localhost",
        "FLASK_PROXIES": "1",
        "FLASK_SECURITY_PASSWORD_SALT": secrets.token_hex(16),
        "FLASK_MAIL_SERVER": "127.0.0.1",
        "FLASK_MAIL_DEFAULT_SENDER": "noreply@mysite.test",
    }


def measure(framework: str, rounds: int, requests: int, tmp: Path) -> None:
    """Print the figures for one framework."""
    project = matrix.render(rules.complete({"framework": framework}), tmp / "project")
    venv = matrix.build_env(framework, tmp)
    env = production_env(framework, project, venv.environ(tmp))
    if framework == "django":
        matrix.check_run(["python", "manage.py", "migrate", "--noinput"], project, env)
        matrix.check_run(["python", "manage.py", "collectstatic", "--noinput"], project, env)
        app = f"{project.name}.wsgi:application"
    else:
        matrix.check_run(["flask", "--app", project.name, "db", "upgrade"], project, env)
        app = f"{project.name}:create_app()"
    reference = tmp / "reference"
    (reference / "templates").mkdir(parents=True)
    home, health = PATHS[framework]
    with gunicorn(app, project, env) as base:
        html = fetch(base + home)
        (reference / "templates" / "home.html").write_bytes(html)
        figures = {(name, path): [] for name in ("project", "reference") for path in (home, health)}
        ref_env = venv.environ(tmp) | {"PYTHONPATH": str(reference)}
        ref_env.pop("FLASK_DEBUG", None)
        if framework == "django":
            (reference / "reference.py").write_text(textwrap.dedent(DJANGO_REFERENCE))
            ref_env["DJANGO_SETTINGS_MODULE"] = "reference"
            ref_app = "reference:application"
        else:
            (reference / "reference.py").write_text(textwrap.dedent(FLASK_REFERENCE))
            ref_app = "reference:app"
        with gunicorn(ref_app, reference, ref_env) as ref_base:
            assert fetch(ref_base + home) == html, "the reference serves the same HTML"
            for path in (home, health):
                ab(base + path, requests // 4)  # warm both
                ab(ref_base + path, requests // 4)
            for _ in range(rounds):
                for path in (home, health):
                    figures["project", path].append(ab(base + path, requests))
                    figures["reference", path].append(ab(ref_base + path, requests))
    for path in (home, health):
        mine = statistics.median(figures["project", path])
        ref = statistics.median(figures["reference", path])
        print(
            f"{framework:6} {path:9} project {mine:7.0f} req/s | minimal {framework} app {ref:7.0f} req/s "
            f"| ratio {mine / ref:.2f}x   (rounds: {', '.join(f'{v:.0f}' for v in figures['project', path])} "
            f"/ {', '.join(f'{v:.0f}' for v in figures['reference', path])})",
            flush=True,
        )


def main() -> None:
    """Measure each framework named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("frameworks", nargs="*", default=["django", "flask"], metavar="django|flask")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=3000)
    args = parser.parse_args()
    if not shutil.which("ab"):
        sys.exit("ab (ApacheBench) is missing: apt-get install apache2-utils")
    for framework in args.frameworks:
        with tempfile.TemporaryDirectory() as folder:
            measure(framework, args.rounds, args.requests, Path(folder))


if __name__ == "__main__":
    main()
