"""Shared fixtures: keep every test away from the real user's config and folders."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# pytest-cookies renders the context outside cookiecutter's sys.path patch, and
# cookiecutter.json loads a Jinja extension from generator/: make it importable.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# A shell that runs a command in the background (as CI may) starts it with SIGINT
# ignored, and every child inherits that: the Ctrl-C tests would wait forever.
# Python code gets KeyboardInterrupt again, and commands run from here the default.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_configure(config: pytest.Config) -> None:
    """Bake this repository whatever folder pytest runs from; show the matrix's progress."""
    if getattr(config.option, "template", ".") == ".":
        config.option.template = str(ROOT)
    if not hasattr(config, "workerinput"):  # the process that reports: not an xdist worker
        from tests.progress import Progress  # noqa: PLC0415

        matrix = Progress(
            config,
            lambda nodeid: (
                "test_matrix.py::test_generated_project[" in nodeid
                or "test_matrix.py::test_rendered_project[" in nodeid
            ),
        )
        config.pluginmanager.register(matrix, "startwise-matrix-progress")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME (and cookiecutter's config) at a fresh folder for each test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("COOKIECUTTER_CONFIG", raising=False)
    return home


@pytest.fixture
def template_root() -> Path:
    """The repository root, which is the cookiecutter template."""
    return ROOT


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git clone of the template's last commit: stable while the work tree changes."""
    from tests.helpers import clone_template  # noqa: PLC0415 - imports the CLI, only for the tests that need it

    return clone_template(tmp_path_factory.mktemp("template") / "startwise")


@pytest.fixture
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """A git identity for the commits the tests make (the isolated HOME has none)."""
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Tester")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "tester@example.com")
