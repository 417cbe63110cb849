"""Helpers shared by the tests of the startwise command."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
# random_ascii_string(50): the development secret keys, different in every render.
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
