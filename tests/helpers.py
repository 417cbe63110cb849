"""Helpers shared by the tests of the startwise command."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
# random_ascii_string(50): the development secret keys and database passwords, different in every render.
SECRET = re.compile(rb"[A-Za-z]{50}")


def clone_template(destination: Path) -> Path:
    """A git clone of this repository's last commit: what `cookiecutter <git URL>` fetches."""
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(destination)], check=True)
    return destination


def run_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run ``startwise ARGS`` in this process: exit code, standard output, standard error."""
    with pytest.raises(SystemExit) as exited:
        main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return int(exited.value.code or 0), captured.out, captured.err


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:2])


@functools.cache
def python_at_least(minimum: str) -> str:
    """An interpreter of Python ``minimum`` or newer on this machine, for uv (UV_PYTHON): never a download.

    This one, else the oldest fitting one of pyenv's versions (uv looks on PATH, where pyenv
    has only shims of the global version), else the bare version for uv to find itself.
    """
    if sys.version_info[:2] >= _version(minimum):
        return sys.executable
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = sorted(
        (_version(path.parent.parent.name), str(path))
        for path in root.glob("*/bin/python3")
        if re.fullmatch(r"\d+\.\d+\.\d+", path.parent.parent.name)
    )
    return next((path for version, path in found if version >= _version(minimum)), minimum)


def project_python(project: Path) -> str:
    """The interpreter for a project folder's ``requires-python = ">=X.Y"`` (see :func:`python_at_least`)."""
    requires = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    return python_at_least(requires.removeprefix(">="))
