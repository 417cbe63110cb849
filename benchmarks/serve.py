"""Requests per second: the default projects' home pages beside cookiecutter-django's and minimal apps.

Every app below is served at once, each by its own gunicorn with 2 workers
(``WEB_CONCURRENCY=2``, which both startwise's ``gunicorn.conf.py`` and gunicorn's
defaults read), on Python 3.13 (``--python``), with production settings, DEBUG off, on
a fresh PostgreSQL database of its own, migrated:

- startwise's default Django project and default Flask project (``startwise new
  --no-input`` with ``database=postgresql``, and ``framework=flask``), installed from
  their own lock without the dev tools (``uv sync --frozen --no-dev``), each served as
  its Dockerfile serves it (``CMD ["gunicorn", APP_MODULE]``) under its own
  ``gunicorn.conf.py``;
- cookiecutter-django's home page (``--cookiecutter-django PATH``, a checkout): rendered
  with the options closest to startwise's default (``benchmarks/cookiecutter_django.py``),
  its production settings and requirements (a virtualenv of its own), served as its
  production start script does (``gunicorn config.wsgi``: gunicorn's defaults, no
  configuration file);
- for each framework, a minimal app in the project's virtualenv, serving the same HTML
  (the project's home page, captured and rendered as a template) and the same health
  answer (a ``SELECT 1`` on the same database): for Django one module with
  ``startproject``'s middleware and apps, for Flask one module with ``render_template``
  and Flask-SQLAlchemy; both keep their database connections, as the projects do.

ApacheBench (``ab``, Debian's apache2-utils: ``apt-get install apache2-utils`` if it is
missing) makes the load: 8 concurrent clients, ``--requests`` per measurement. Each
round measures every app's home page in turn, then every health check, starting one
further each round, so that what is compared is measured close in time and the
machine's load falls on all alike. Each measurement gives requests per second, and the
CPU time the server (gunicorn's master and workers, from /proc) spent per request: on a
shared machine the first moves with the load, the second much less. The medians of
``--rounds`` are printed, then the ratios: startwise Django / cookiecutter-django home
(issue 19's goal: >= 1.2), startwise Flask / startwise Django home (>= 1.0), and each
project / its minimal app (issue 13's goal for the home page: >= 0.9), each as the ratio
of the median rates (the goals' measure), per round, and of the CPU per request. Before
the figures, the settings each app ran with (Python, settings module, DEBUG, middleware,
gunicorn's workers, recycling and preloading, as gunicorn itself reports them).

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, no password; its ``createdb`` and
``dropdb``), Redis on 127.0.0.1:6379 (cookiecutter-django's cache), the test venv
(cookiecutter, uv); installs go to ``.cache/benchmarks/`` (uv's cache, the peer's venv).

Run: python benchmarks/serve.py [--rounds 3] [--requests 3000] [--cookiecutter-django PATH]
     [--python PATH] [django|flask ...]
"""

from __future__ import annotations

import argparse
import json
import os
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
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import cookiecutter_django  # noqa: E402
from generator import rules  # noqa: E402
from tests import matrix  # noqa: E402
from tests.e2e.conftest import free_port  # noqa: E402

HEADERS = {"X-Forwarded-Proto": "https", "Host": "localhost"}  # the TLS-terminating proxy's request
PYTHON = Path.home() / ".pyenv" / "versions" / "3.13.0" / "bin" / "python"
UV = Path(sys.executable).parent / "uv"
UV_CACHE = ROOT / ".cache" / "benchmarks" / "uv"
POSTGRES = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]
PEER_REDIS = "redis://127.0.0.1:6379/14"

DJANGO_REFERENCE = '''
"""A minimal Django app: startproject's middleware and apps, one template, one health view."""
import os
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
DATABASES = {"default": {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": os.environ["REFERENCE_DATABASE"],
    "USER": "postgres",
    "HOST": "127.0.0.1",
    "PORT": "5432",
    "CONN_MAX_AGE": 60,
}}


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
import os
from pathlib import Path

from flask import Flask, render_template
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text

HERE = Path(__file__).resolve().parent
app = Flask(__name__, template_folder=str(HERE / "templates"))
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["REFERENCE_DATABASE_URL"]
db = SQLAlchemy(app)


@app.get("/")
def home():
    return render_template("home.html")


@app.get("/health")
def health():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok", "database": "ok"}
'''

# What each app runs with, printed before the figures: imported as gunicorn imports it.
PROBE = """
import importlib, importlib.metadata, json, platform, sys
module, _, expression = sys.argv[1].partition(":")
facts = {"Python": platform.python_version()}
if sys.argv[2] == "django":
    importlib.import_module(module)
    from django.conf import settings
    import django
    database = settings.DATABASES["default"]
    facts |= {
        "Django": django.get_version(), "settings": settings.SETTINGS_MODULE, "DEBUG": settings.DEBUG,
        "middleware": len(settings.MIDDLEWARE), "database": database["ENGINE"].rsplit(".", 1)[-1],
        "CONN_MAX_AGE": database.get("CONN_MAX_AGE", 0),
    }
else:
    app = eval(expression, vars(importlib.import_module(module)))
    wrappers, wsgi = [], app.wsgi_app
    while wsgi is not None and getattr(wsgi, "__self__", None) is not app:
        wrappers.append(type(wsgi).__name__)
        wsgi = getattr(wsgi, "app", None) or getattr(wsgi, "wsgi_app", None)
    hooks = [f for funcs in (*app.before_request_funcs.values(), *app.after_request_funcs.values()) for f in funcs]
    facts |= {
        "Flask": importlib.metadata.version("flask"),
        "DEBUG": app.debug, "WSGI middleware": " > ".join(wrappers) or "none", "before/after-request hooks": len(hooks),
        "database": app.config.get("SQLALCHEMY_DATABASE_URI", "").split(":", 1)[0],
    }
print(json.dumps(facts))
"""
GUNICORN_FACTS = ("workers", "worker_class", "threads", "max_requests", "preload_app", "accesslog")


@dataclass
class App:
    """One app under test: how gunicorn serves it, where, and what it serves."""

    name: str
    framework: str
    target: str  # gunicorn's APP_MODULE
    cwd: Path
    venv: Path
    env: dict[str, str]
    paths: tuple[str, ...]
    base: str = ""  # http://127.0.0.1:PORT once served
    pid: int = 0  # gunicorn's master process, once served
    facts: list[str] = field(default_factory=list)  # what it runs with (describe)


def fetch(url: str) -> bytes:
    """GET a page as the proxy would send it; its body (200 only)."""
    request = urllib.request.Request(url, headers=HEADERS)
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200, (url, response.status)
        body: bytes = response.read()
        return body


@contextmanager
def database(name: str) -> Iterator[str]:
    """A fresh PostgreSQL database; yields its URL; dropped afterwards."""
    drop = ["dropdb", *POSTGRES, "--if-exists", "--force", name]
    subprocess.run(drop, check=True, capture_output=True)
    subprocess.run(["createdb", *POSTGRES, name], check=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        subprocess.run(drop, check=False, capture_output=True)


@contextmanager
def quiet() -> Iterator[None]:
    """Send what child processes write on standard output (the generator's next steps) to /dev/null."""
    sys.stdout.flush()
    saved = os.dup(1)
    with Path(os.devnull).open("w") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def stat_fields(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name: [0] is field 3 (state), [n - 3] is field n."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (gunicorn's workers)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                found.append(int(stat.parent.name))
        except (OSError, IndexError):
            continue
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time of a gunicorn server so far: its master, its workers, and the workers it has reaped."""
    fields = stat_fields(pid)
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    for child in children(pid):
        try:
            ticks += sum(int(value) for value in stat_fields(child)[11:13])
        except OSError:
            continue  # exited meanwhile: counted in the master's cutime once reaped
    return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def gunicorn(app: App, logs: Path) -> Iterator[None]:
    """Serve ``app`` with gunicorn (its configuration, if any, from its folder); sets ``app.base``."""
    port = free_port()
    log_path = logs / f"{app.name.replace(' ', '-')}.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [str(app.venv / "bin" / "gunicorn"), app.target, "--bind", f"127.0.0.1:{port}"],
        cwd=app.cwd, env=app.env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    app.base, app.pid = f"http://127.0.0.1:{port}", server.pid
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                fetch(app.base + app.paths[0])
                break
            except (OSError, urllib.error.URLError):
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"{app.name} did not start:\n{log_path.read_text()[-3000:]}")
                time.sleep(0.3)
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def describe(app: App) -> None:
    """Record in ``app.facts`` the settings it runs with, as Python and gunicorn report them."""

    def output(*args: str) -> str:
        return matrix.check_run([str(app.venv / "bin" / args[0]), *args[1:]], app.cwd, app.env)

    facts = json.loads(output("python", "-c", PROBE, app.target, app.framework))
    version = output("gunicorn", "--version").split()[-1].strip("()")
    config = dict(re.findall(r"^(\w+)\s+= (.*)$", output("gunicorn", "--print-config", app.target), re.MULTILINE))
    conf_file = "./gunicorn.conf.py" if (app.cwd / "gunicorn.conf.py").exists() else "no configuration file"
    app.facts = [
        ", ".join(f"{key} {value}" for key, value in facts.items()),
        f"gunicorn {version}, {conf_file}: "
        + ", ".join(f"{key} {config.get(key, '?')}" for key in GUNICORN_FACTS)
        + f"; {len(children(app.pid))} workers running",
    ]


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


def production_env(framework: str, project: Path, env: dict[str, str], url: str) -> dict[str, str]:
    """The environment startwise's production settings require (follow them here when they change)."""
    env = env | {"DATABASE_URL": url, "WEB_CONCURRENCY": "2"}
    env.pop("FLASK_DEBUG", None)
    env.pop("FLASK_PRODUCTION", None)
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


def gunicorn_target(project: Path) -> str:
    """What the project's Dockerfile serves: the APP_MODULE of its ``CMD ["gunicorn", APP_MODULE]``."""
    found = re.search(r"^CMD (\[.*\])\s*$", (project / "Dockerfile").read_text(), re.MULTILINE)
    command = json.loads(found.group(1)) if found else []
    if len(command) != 2 or command[0] != "gunicorn":
        sys.exit(f'serve.py expects {project / "Dockerfile"} to end with CMD ["gunicorn", APP_MODULE]: {command}')
    target: str = command[1]
    return target


def startwise_app(framework: str, tmp: Path, python: Path, url: str) -> App:
    """The startwise default project of ``framework`` on PostgreSQL: rendered, installed, migrated."""
    with quiet():
        project = matrix.render(rules.complete({"framework": framework, "database": "postgresql"}), tmp / framework)
    venv = project / ".venv"
    env = matrix.project_environ(venv, tmp, UV_CACHE_DIR=str(UV_CACHE))
    matrix.check_run([str(UV), "sync", "--frozen", "--no-dev", "--python", str(python)], project, env)
    env = production_env(framework, project, env, url)
    if framework == "django":
        matrix.check_run(["python", "manage.py", "migrate", "--noinput"], project, env)
        matrix.check_run(["python", "manage.py", "collectstatic", "--noinput"], project, env)
        paths = ("/", "/health/")
    else:
        matrix.check_run(["flask", "--app", project.name, "db", "upgrade"], project, env)
        paths = ("/", "/health")
    return App(f"startwise {framework}", framework, gunicorn_target(project), project, venv, env, paths)


def minimal_app(project: App, tmp: Path, html: bytes, url: str) -> App:
    """The minimal app of the project's framework, in its virtualenv, serving ``html`` as its home page."""
    folder = tmp / f"minimal-{project.framework}"
    (folder / "templates").mkdir(parents=True)
    (folder / "templates" / "home.html").write_bytes(html)
    env = project.env | {"PYTHONPATH": str(folder)}
    for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL"):
        env.pop(key, None)
    if project.framework == "django":
        (folder / "reference.py").write_text(textwrap.dedent(DJANGO_REFERENCE))
        env |= {"DJANGO_SETTINGS_MODULE": "reference", "REFERENCE_DATABASE": url.rsplit("/", 1)[1]}
        target = "reference:application"
    else:
        (folder / "reference.py").write_text(textwrap.dedent(FLASK_REFERENCE))
        env["REFERENCE_DATABASE_URL"] = url.replace("postgresql://", "postgresql+psycopg://", 1)
        target = "reference:app"
    return App(f"minimal {project.framework} app", project.framework, target, folder, project.venv, env, project.paths)


def peer_app(checkout: Path, tmp: Path, python: Path, url: str) -> App:
    """cookiecutter-django's project, options comparable to startwise's default: rendered, installed, migrated."""
    project = cookiecutter_django.render(checkout, cookiecutter_django.COMPARABLE, tmp / "cookiecutter-django")
    venv = cookiecutter_django.venv(project, python)
    env = matrix.project_environ(venv, tmp) | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DJANGO_ADMIN_URL": f"admin-{secrets.token_hex(8)}/",
        "DATABASE_URL": url,
        "REDIS_URL": PEER_REDIS,
        "WEB_CONCURRENCY": "2",
    }
    matrix.check_run(["python", "manage.py", "migrate", "--noinput"], project, env)
    matrix.check_run(["python", "manage.py", "collectstatic", "--noinput"], project, env)
    return App("cookiecutter-django", "django", "config.wsgi", project, venv, env, ("/",))


@dataclass
class Figures:
    """What one app's path gave in each round: requests per second, and the server's CPU milliseconds per request."""

    rate: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def measure_once(app: App, path: str, requests: int, figures: Figures) -> None:
    """One ab run on ``path``, with the CPU time the server spent meanwhile."""
    before = cpu_seconds(app.pid)
    figures.rate.append(ab(app.base + path, requests))
    figures.cpu.append((cpu_seconds(app.pid) - before) * 1000 / requests)


def measure(args: argparse.Namespace) -> tuple[list[App], dict[tuple[str, str], Figures]]:
    """Serve every app at once and measure each path in alternating rounds; the apps and their figures."""
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        tmp = Path(folder)
        logs = tmp / "logs"
        logs.mkdir()
        apps: list[App] = []
        for framework in args.frameworks:
            url = stack.enter_context(database(f"bench_startwise_{framework}_{os.getpid()}"))
            project = startwise_app(framework, tmp, args.python, url)
            stack.enter_context(gunicorn(project, logs))
            html = fetch(project.base + "/")
            reference = minimal_app(project, tmp, html, url)
            stack.enter_context(gunicorn(reference, logs))
            assert fetch(reference.base + "/") == html, "the minimal app serves the same HTML"
            apps += [project, reference]
        if args.cookiecutter_django:
            url = stack.enter_context(database(f"bench_cookiecutter_django_{os.getpid()}"))
            peer = peer_app(args.cookiecutter_django, tmp, args.python, url)
            stack.enter_context(gunicorn(peer, logs))
            apps.append(peer)
        # The home pages first, then the health checks: what is compared is measured close in time.
        runs = sorted(((app, path) for app in apps for path in app.paths), key=lambda run: run[1] != "/")
        homes = sum(path == "/" for _, path in runs)
        for app, path in runs:  # warm every worker
            ab(app.base + path, args.requests // 4)
        for app in apps:
            describe(app)
        figures = {(app.name, path): Figures() for app, path in runs}
        for round_ in range(args.rounds):
            for group in (runs[:homes], runs[homes:]):
                start = round_ % len(group) if group else 0
                for app, path in group[start:] + group[:start]:
                    measure_once(app, path, args.requests, figures[app.name, path])
    return apps, figures


def ratio_line(label: str, mine: Figures, theirs: Figures, goal: float | None, source: str) -> str:
    """One printed comparison: the ratio of the median rates, per round, and of the CPU per request."""
    rate = statistics.median(mine.rate) / statistics.median(theirs.rate)
    rounds = ", ".join(f"{a / b:.2f}" for a, b in zip(mine.rate, theirs.rate, strict=True))
    cpu = statistics.median(theirs.cpu) / statistics.median(mine.cpu)
    verdict = f"   goal >= {goal} ({source}): {'met' if rate >= goal else 'missed'}" if goal else ""
    return f"  {label:<48} {rate:5.2f}x (rounds: {rounds}) | per CPU {cpu:4.2f}x{verdict}"


def report(args: argparse.Namespace, apps: list[App], figures: dict[tuple[str, str], Figures]) -> None:
    """Print what ran with which settings, the medians and the ratios."""
    for app in apps:
        print(f"{app.name}: {app.target}")
        for fact in app.facts:
            print(f"    {fact}")
    print("\nrequests per second (median, then each round) | server CPU per request (median, then each round)")
    for (name, path), found in figures.items():
        rates = ", ".join(f"{v:.0f}" for v in found.rate)
        cpu = ", ".join(f"{v:.2f}" for v in found.cpu)
        print(
            f"  {name:<20} {path:<9} {statistics.median(found.rate):6.0f} req/s ({rates})"
            f" | {statistics.median(found.cpu):5.2f} ms ({cpu})"
        )
    print("\nratios: of the median rates (and per round) | of the CPU per request (the load-independent figure)")
    for framework in args.frameworks:
        mine = f"startwise {framework}"
        for path in next(app.paths for app in apps if app.name == mine):
            goal = 0.9 if path == "/" else None
            print(ratio_line(f"{mine} / minimal {framework} app, {path}", figures[mine, path],
                             figures[f"minimal {framework} app", path], goal, "issue 13"))  # fmt: skip
    if args.cookiecutter_django and "django" in args.frameworks:
        print(ratio_line("startwise django / cookiecutter-django, /", figures["startwise django", "/"],
                         figures["cookiecutter-django", "/"], 1.2, "issue 19"))  # fmt: skip
    if {"django", "flask"} <= set(args.frameworks):
        print(ratio_line("startwise flask / startwise django, /", figures["startwise flask", "/"],
                         figures["startwise django", "/"], 1.0, "issue 19"))  # fmt: skip


def main() -> None:
    """Serve, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("frameworks", nargs="*", default=["django", "flask"], metavar="django|flask")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--cookiecutter-django", type=Path, help="a checkout of cookiecutter-django")
    parser.add_argument("--python", type=Path, default=PYTHON, help=f"the Python to serve with (default {PYTHON})")
    args = parser.parse_args()
    if not shutil.which("ab"):
        sys.exit("ab (ApacheBench) is missing: apt-get install apache2-utils")
    commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True,
                            text=True, check=False).stdout.strip()  # fmt: skip
    load_before = os.getloadavg()[0]
    apps, figures = measure(args)
    print(f"startwise {commit}", end="")
    if args.cookiecutter_django:
        print(f"; cookiecutter-django {cookiecutter_django.release(args.cookiecutter_django)}", end="")
        print(f" with {cookiecutter_django.describe(cookiecutter_django.COMPARABLE)}", end="")
    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after ({os.cpu_count()} CPUs)"
    print(f"\nab -c 8, {args.requests} requests per measurement, median of {args.rounds} alternating rounds; {load}\n")
    report(args, apps, figures)


if __name__ == "__main__":
    main()
