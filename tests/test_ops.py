"""What the shared operations fragments give a project: the dev profile, the server, the CI."""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from cookiecutter.main import cookiecutter

ROOT = Path(__file__).resolve().parent.parent
DB_IMAGE = {"postgresql": "postgres:", "mysql": "mariadb:"}


def render(out: Path, **answers: str) -> Path:
    return Path(cookiecutter(str(ROOT), no_input=True, output_dir=str(out), extra_context=answers))


def load(project: Path, name: str) -> Any:
    return yaml.safe_load((project / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("framework", ["django", "flask"])
@pytest.mark.parametrize("database", ["postgresql", "mysql", "sqlite"])
def test_the_dev_profile_runs_what_was_chosen_on_loopback(tmp_path: Path, framework: str, database: str) -> None:
    project = render(tmp_path, framework=framework, database=database, use_celery="yes", use_auth="yes")
    services = load(project, "compose.yaml")["services"]
    dev = services["dev"]
    assert dev["profiles"] == ["dev"]
    assert ".:/app" in dev["volumes"]  # the working copy, reloaded on save
    assert all(str(port).startswith("127.0.0.1:") for service in services.values() for port in service.get("ports", ()))
    assert {"redis", "mailpit"} <= set(services)
    if database == "sqlite":
        assert "db" not in services
        assert "DATABASE_URL" not in dev["environment"] or "sqlite" in dev["environment"]["DATABASE_URL"]
    else:
        assert services["db"]["image"].startswith(DB_IMAGE[database])
        assert "@db:" in dev["environment"]["DATABASE_URL"]
        assert "db" in dev["depends_on"]


@pytest.mark.parametrize(("framework", "use_async"), [("django", "no"), ("flask", "no"), ("flask", "yes")])
def test_gunicorn_trusts_forwarded_headers_from_the_configured_list_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, framework: str, use_async: str
) -> None:
    project = render(tmp_path, framework=framework, use_async=use_async)
    assert '"*"' not in (project / "Dockerfile").read_text(encoding="utf-8")
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    settings = runpy.run_path(str(project / "gunicorn.conf.py"))
    assert settings["forwarded_allow_ips"] == "127.0.0.1"
    assert settings["timeout"] == 30
    assert settings["graceful_timeout"] == 30
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.2")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "60")
    settings = runpy.run_path(str(project / "gunicorn.conf.py"))
    assert (settings["forwarded_allow_ips"], settings["timeout"]) == ("10.0.0.2", 60)


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_gunicorn_neither_recycles_workers_nor_logs_requests_unless_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, framework: str
) -> None:
    # Both cost CPU on every request (issue 19, docs/benchmarks.md): a recycled worker pays its
    # first request again, an access line duplicates the proxy's.
    project = render(tmp_path, framework=framework)
    for name in ("GUNICORN_MAX_REQUESTS", "GUNICORN_ACCESS_LOG"):
        monkeypatch.delenv(name, raising=False)
    settings = runpy.run_path(str(project / "gunicorn.conf.py"))
    assert (settings["max_requests"], settings["accesslog"], settings["preload_app"]) == (0, None, True)
    monkeypatch.setenv("GUNICORN_MAX_REQUESTS", "1000")
    monkeypatch.setenv("GUNICORN_ACCESS_LOG", "-")
    settings = runpy.run_path(str(project / "gunicorn.conf.py"))
    assert (settings["max_requests"], settings["max_requests_jitter"], settings["accesslog"]) == (1000, 100, "-")


def test_django_lts_runs_on_python_3_11_to_3_13(tmp_path: Path) -> None:
    project = render(tmp_path, framework="django", django_release="lts", ci="github")
    jobs = load(project, ".github/workflows/ci.yml")["jobs"]
    assert jobs["test"]["strategy"]["matrix"]["python-version"] == ["3.11", "3.12", "3.13"]
    assert 'requires-python = ">=3.11"' in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert "FROM python:3.12-slim" in (project / "Dockerfile").read_text(encoding="utf-8")


def test_django_asgi_runs_uvicorn_with_limits(tmp_path: Path) -> None:
    project = render(tmp_path, framework="django", use_async="yes")
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    command = next(line for line in dockerfile.splitlines() if line.startswith("CMD"))
    for option in ("--timeout-graceful-shutdown", "--timeout-worker-healthcheck", "--proxy-headers"):
        assert option in command
    assert "forwarded-allow-ips" not in command  # uvicorn reads FORWARDED_ALLOW_IPS (default 127.0.0.1)
    assert not (project / "gunicorn.conf.py").exists()


@pytest.mark.parametrize("framework", ["django", "flask"])
@pytest.mark.parametrize("use_docker", ["yes", "no"])
def test_ci_runs_every_supported_python_and_checks_the_image(tmp_path: Path, framework: str, use_docker: str) -> None:
    github = render(tmp_path / "github", framework=framework, use_docker=use_docker, ci="github")
    jobs = load(github, ".github/workflows/ci.yml")["jobs"]
    # Django 6.1 (the default release) runs on 3.13 (django-guid allows Django 6 only there).
    pythons = ["3.13"] if framework == "django" else ["3.11", "3.12", "3.13"]
    assert jobs["test"]["strategy"]["matrix"]["python-version"] == pythons
    assert any("mypy" in step.get("run", "") for step in jobs["test"]["steps"]) is (framework == "django")
    assert any("uv sync --locked" in step.get("run", "") for step in jobs["test"]["steps"])
    assert jobs["startwise-check"]["continue-on-error"] is True
    gitlab = render(tmp_path / "gitlab", framework=framework, use_docker=use_docker, ci="gitlab")
    pipeline = load(gitlab, ".gitlab-ci.yml")
    assert pipeline["test"]["parallel"]["matrix"] == [{"PYTHON_VERSION": pythons}]
    if use_docker == "yes":
        steps = " ".join(step.get("run", "") for step in jobs["docker"]["steps"])
        assert "docker build" in steps
        assert "/health/live/" in steps
        assert "/health/live/" in " ".join(pipeline["container"]["script"])
    else:
        assert "docker" not in jobs
        assert "container" not in pipeline


def dotenv(project: Path) -> dict[str, str]:
    lines = (project / ".env").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


@pytest.mark.parametrize("framework", ["django", "flask"])
@pytest.mark.parametrize("database", ["postgresql", "mysql", "sqlite"])
@pytest.mark.parametrize("use_celery", ["no", "yes"])
def test_development_uses_the_database_compose_runs(
    tmp_path: Path, framework: str, database: str, use_celery: str
) -> None:
    """.env names the compose db service's database; "Run it" starts it, and Redis with Celery, before migrating."""
    from generator.nextsteps import from_readme  # noqa: PLC0415

    answers = {"framework": framework, "database": database, "use_celery": use_celery, "project_name": "Shop Front"}
    project = render(tmp_path, **answers)
    run = from_readme((project / "README.md").read_text(encoding="utf-8"))["run"]
    services = load(project, "compose.yaml")["services"]
    wanted = (["db"] if database != "sqlite" else []) + (["redis"] if use_celery == "yes" else [])
    starts = [index for index, line in enumerate(run) if line.startswith("docker compose up -d --wait")]
    migrate = next(index for index, line in enumerate(run) if "migrate" in line or "db upgrade" in line)
    if wanted:
        assert len(starts) == 1 and starts[0] < migrate, run
        assert run[starts[0]].split("#")[0].split()[5:] == wanted
        assert set(wanted) <= set(services)
    else:
        assert starts == [], run
    if database == "sqlite":
        assert "DATABASE_URL" not in dotenv(project)
        assert "db" not in services
        return
    url = urlsplit(dotenv(project)["DATABASE_URL"])
    # POSTGRES_USER, POSTGRES_DB... or MARIADB_USER, MARIADB_DATABASE...
    settings = {
        key.split("_", 1)[1].replace("DATABASE", "DB"): value for key, value in services["db"]["environment"].items()
    }
    # The password is .env's own, random, which compose reads for the ${...} (issue 18: it was the slug).
    assert settings["PASSWORD"] == "${DATABASE_PASSWORD:?set it in .env}"
    password = dotenv(project)["DATABASE_PASSWORD"]
    assert len(password) >= 20 and password.isalnum() and "shop" not in password.lower()
    assert (url.username, url.password, url.path.lstrip("/")) == (settings["USER"], password, settings["DB"])
    assert services["web"]["environment"]["DATABASE_URL"].replace("${DATABASE_PASSWORD}", password) == (
        dotenv(project)["DATABASE_URL"].replace("127.0.0.1", "db")
    )
    assert (url.hostname, url.port) == ("127.0.0.1", int(services["db"]["ports"][0].rsplit(":", 1)[1]))
    if database == "mysql" and framework == "django":
        # The compose user may create and drop Django's test database too.
        grant = load(project, "compose.yaml")["configs"]["test-database"]["content"]
        assert f"GRANT ALL ON `test_{settings['DB']}`.* TO `{settings['USER']}`@`%`" in grant


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_compose_finds_what_it_requires_in_the_generated_env(tmp_path: Path, framework: str) -> None:
    """docker compose up --build on a fresh project: each ${NAME:?...} of compose.yaml is in .env."""
    project = render(tmp_path, framework=framework, use_auth="yes", jobs="celery")
    required = set(re.findall(r"\$\{(\w+):\?", (project / "compose.yaml").read_text(encoding="utf-8")))
    lines = (project / ".env").read_text(encoding="utf-8").splitlines()
    env = {line.split("=", 1)[0] for line in lines if "=" in line and not line.startswith("#")}
    assert required
    assert required <= env
