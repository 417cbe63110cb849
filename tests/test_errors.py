"""One error boundary: file-system errors a user can cause end as one message with its fix, no traceback.

The permission cases run the command as an unprivileged user (root may write
anywhere): directly when the tests are not root, else through ``setpriv``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import errors
from tests.helpers import ROOT
from tests.helpers import run_cli as run

NOBODY = 65534
SETPRIV = shutil.which("setpriv")


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another user can reach (pytest's own are private to their owner)."""
    with tempfile.TemporaryDirectory(prefix="startwise-errors-") as folder:
        Path(folder).chmod(0o755)
        yield Path(folder)


def unprivileged(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    """``startwise ARGS`` as a user without root's right to write anywhere."""
    command = [sys.executable, "-m", "generator", *args]
    if os.geteuid() == 0:
        if SETPRIV is None:
            pytest.fail("the tests run as root and setpriv is missing: no way to drop the right to write anywhere")
        command = [SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    env = {**os.environ, "HOME": str(home), "PYTHONPATH": str(ROOT)}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=home, check=False)


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("Error: ")
    for word in words:
        assert word in result.stderr


def test_read_only_output_folder(shared_dir: Path) -> None:
    read_only = shared_dir / "ro"
    read_only.mkdir(mode=0o555)
    read_only.chmod(0o555)
    for target in (read_only, read_only / "sub" / "deeper"):
        result = unprivileged(["new", "--no-input", "-o", str(target)], shared_dir)
        refused(result, "Permission denied", "Choose a folder you can write to (-o DIR)")
    assert list(read_only.iterdir()) == []


def test_output_path_under_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "new", "--no-input", "-o", tmp_path / "afile" / "sub" / "deeper")
    assert (code, out) == (1, "")
    assert err.startswith("Error: Cannot create the project in") and "afile is not a folder" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_a_file_where_the_output_folder_should_be(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    code, _, err = run(capsys, "new", "--no-input", "-o", tmp_path / "afile")
    assert code == 2
    assert "is a file" in err and "Traceback" not in err


def test_an_unreadable_project_file_under_check(shared_dir: Path) -> None:
    template = ROOT  # readable by every user
    made = subprocess.run(
        [sys.executable, "-m", "generator", "new", "--no-input", "-o", str(shared_dir), "--template", str(template)],
        capture_output=True, text=True, check=False, env={**os.environ, "HOME": str(shared_dir)},
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    project = shared_dir / "my_site"
    for path in [project, *project.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (project / "README.md").chmod(0o000)
    result = unprivileged(["check", str(project), "--template", str(template)], shared_dir)
    refused(result, "README.md", "Permission denied", "may read and write it")


def test_os_errors_become_one_message_with_the_fix() -> None:
    error = errors.from_os_error(PermissionError(13, "Permission denied", "/srv/site"))
    assert error.message.startswith("/srv/site: Permission denied. Check that the path exists")
    assert error.details == ()
