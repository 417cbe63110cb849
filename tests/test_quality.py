"""The generator's own code is lint-clean, formatted and type-checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
        [sys.executable, "-m", "generator.contract", "--check"],
    ],
    ids=["ruff-check", "ruff-format", "mypy", "cookiecutter-json-current"],
)
def test_quality_gate(command: list[str]) -> None:
    program = command[0] if command[0] == sys.executable else str(BIN / command[0])
    result = subprocess.run([program, *command[1:]], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
