"""cookiecutter-django, the peer the benchmarks set beside startwise: rendered from a checkout given by path.

Nothing of cookiecutter-django is part of this repository: check it out anywhere
(the figures in docs/benchmarks.md name the release) and pass its path to the scripts.

Rendering (:func:`render`): ``cookiecutter --no-input`` with :data:`COMPARABLE` (the options
closest to startwise's default Django project) or :data:`FULL_LIKE` (celery, DRF, async,
Sentry), hooks on: its post-generation hook removes the files of the options not chosen
and writes the local secrets, then, as its last step, runs ``uv add`` to move
``requirements/*.txt`` into ``pyproject.toml`` and lock them. That step resolves for the
Python its ``pyproject.toml`` requires (3.14 from release 2026.8.18 on), which uv would
download from GitHub, out of this machine's reach. So the hook runs with a ``uv`` of
ours first on its PATH that refuses (exit 1), and the project is kept as the hook leaves
it (``--keep-project-on-failure``): every file step done, ``requirements/`` in place of
the dependency list that step would have written into ``pyproject.toml``.

Installing (:func:`venv`): ``requirements/production.txt`` (pinned, and including
``base.txt``) into a virtualenv of its own under ``.cache/benchmarks/``, with uv (from
PyPI; ``psycopg[c]`` is compiled, so gcc and libpq-dev are needed, about 80 s once),
for the Python given (3.13 in the recorded figures: Django 6.0 supports it).
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "benchmarks"
BIN = Path(sys.executable).parent  # the test venv: cookiecutter and uv

# Closest to startwise's default Django project (`startwise new --no-input`, served on PostgreSQL).
COMPARABLE = {
    "project_name": "My Site",  # startwise's default name: the same package, my_site
    "username_type": "email",  # startwise's accounts sign in with their email address
    "use_docker": "n",  # no Docker engine here (its hook builds an image with it)
    "use_whitenoise": "y",  # static files served by WhiteNoise, as startwise does; no cloud storage
    "cloud_provider": "None",
    "mail_service": "Other SMTP",  # plain SMTP, as startwise's DJANGO_EMAIL_URL
    "ci_tool": "Github",  # startwise's default CI
    "keep_local_envs_in_vcs": "n",  # its .envs/ serve Docker and Heroku only (its hook says so)
    "postgresql_version": "15",  # the server on this machine
}
# Closest to startwise's full-option Django project (every need, jobs=celery; Docker apart).
FULL_LIKE = COMPARABLE | {"rest_api": "DRF", "use_celery": "y", "use_async": "y", "use_sentry": "y"}

REFUSING_UV = """#!/bin/sh
echo "benchmarks/cookiecutter_django.py: uv add skipped (it locks for a Python this machine lacks)" >&2
exit 1
"""


def describe(options: dict[str, str]) -> str:
    """The options as cookiecutter's command line takes them (for the printed figures)."""
    return " ".join(f"{key}={value!r}" if " " in value else f"{key}={value}" for key, value in options.items())


def release(checkout: Path) -> str:
    """The checkout's commit and subject, e.g. ``2d3b880 Release 2026.8.18`` (or its path, outside git)."""
    out = subprocess.run(
        ["git", "-C", str(checkout), "log", "-1", "--format=%h %s"], capture_output=True, text=True, check=False
    )
    return out.stdout.strip() or str(checkout)


def render(checkout: Path, options: dict[str, str], out: Path) -> Path:
    """Render the checkout into ``out`` with ``options``; the project folder (see the module's doc)."""
    shim, home, rendered = out / "bin", out / "home", out / "rendered"
    for folder in (shim, home, rendered):
        folder.mkdir(parents=True)
    (shim / "uv").write_text(REFUSING_UV)
    (shim / "uv").chmod(stat.S_IRWXU)
    env = {"HOME": str(home), "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}"}
    command = [str(BIN / "cookiecutter"), "--no-input", "--keep-project-on-failure", "-o", str(rendered), str(checkout)]
    result = subprocess.run(
        [*command, *(f"{key}={value}" for key, value in options.items())],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    output = result.stdout + result.stderr
    projects = list(rendered.iterdir())
    project = projects[0] if len(projects) == 1 else rendered
    if not (project / "requirements" / "production.txt").exists() or "uv add skipped" not in output:
        sys.exit(f"cookiecutter-django did not render as expected (exit {result.returncode}):\n{output[-4000:]}")
    return project


def venv(project: Path, python: Path) -> Path:
    """A virtualenv holding the project's production requirements, built once per requirements and Python."""
    requirements = project / "requirements"
    version = subprocess.run(
        [str(python), "-c", "import sys; print(sys.version)"], capture_output=True, text=True, check=True
    ).stdout
    texts = [version, *((requirements / name).read_text() for name in ("base.txt", "production.txt"))]
    digest = hashlib.sha256("\0".join(texts).encode()).hexdigest()[:12]
    path = CACHE / f"venv-cookiecutter-django-{digest}"
    if not (path / "ready").exists():
        env = os.environ | {"UV_CACHE_DIR": str(CACHE / "uv")}
        create = ["venv", "-q", "--clear", "--python", str(python), str(path)]
        subprocess.run([str(BIN / "uv"), *create], check=True, env=env)
        install = ["pip", "install", "-q", "--python", str(path / "bin" / "python")]
        subprocess.run([str(BIN / "uv"), *install, "-r", str(requirements / "production.txt")], check=True, env=env)
        (path / "ready").write_text(digest)
    return path
