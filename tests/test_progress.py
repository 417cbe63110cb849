"""The full suite says which matrix combination ended and how many are left (issue 9)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

CONFTEST = """
from tests.progress import Progress


def pytest_configure(config):
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(Progress(config, lambda nodeid: "::test_combo[" in nodeid))
"""
TESTS = """
import pytest


@pytest.mark.parametrize("combo", ["django-a", "django-b", "flask-a", "flask-b", "flask-c"])
def test_combo(combo):
    if combo == "flask-b":
        pytest.skip("no server")
    assert combo != "flask-c"


def test_other():
    pass
"""
LINE = re.compile(r"^\[matrix (\d+)/5, (\d+) left\] (\S+) (passed|failed|skipped) \(\d+\.\d s\)$", re.MULTILINE)


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["plain", "xdist"])
def test_one_line_per_combination_with_the_count(tmp_path: Path, workers: list[str]) -> None:
    (tmp_path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (tmp_path / "test_fake_matrix.py").write_text(TESTS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *workers],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr  # flask-c fails on purpose
    lines = LINE.findall(result.stdout)
    assert [(int(done), int(left)) for done, left, _, _ in lines] == [(n, 5 - n) for n in range(1, 6)], result.stdout
    assert {name: outcome for _, _, name, outcome in lines} == {
        "django-a": "passed", "django-b": "passed", "flask-a": "passed", "flask-b": "skipped", "flask-c": "failed",
    }  # fmt: skip


def test_the_suite_registers_it_for_the_matrix_on_the_reporting_process() -> None:
    from types import SimpleNamespace  # noqa: PLC0415

    from tests import conftest  # noqa: PLC0415
    from tests.progress import Progress  # noqa: PLC0415

    registered: list[object] = []
    manager = SimpleNamespace(register=lambda plugin, name=None: registered.append(plugin))
    controller = SimpleNamespace(option=SimpleNamespace(template="x"), pluginmanager=manager)
    conftest.pytest_configure(controller)  # type: ignore[arg-type]
    [progress] = [plugin for plugin in registered if isinstance(plugin, Progress)]
    assert progress.match("tests/test_matrix.py::test_generated_project[django-sqlite-oau-----github]")
    assert not progress.match("tests/test_matrix.py::test_combinations_cover_the_extras_pairwise")
    assert not progress.match("tests/test_cli.py::test_help_and_module_entry_point")
    registered.clear()
    worker = SimpleNamespace(option=SimpleNamespace(template="x"), pluginmanager=manager, workerinput={})
    conftest.pytest_configure(worker)  # type: ignore[arg-type]
    assert registered == []  # an xdist worker's lines would go nowhere
