"""Nothing lost, ever: startwise never writes into an existing folder, and a failed run
removes exactly what it created (issue 9)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from generator import rules
from generator.errors import UserError
from generator.render import render
from tests.helpers import run_cli as run


@pytest.fixture
def broken(tmp_path: Path, template: Path) -> Path:
    """A template whose post-generation check fails (a required file that no layer makes)."""
    copy = tmp_path / "broken"
    subprocess.run(["git", "clone", "--quiet", str(template), str(copy)], check=True)
    manifest = copy / "template-flask" / "layer.json"
    layer = json.loads(manifest.read_text(encoding="utf-8"))
    layer["required"].append("NOT-THERE.md")
    manifest.write_text(json.dumps(layer), encoding="utf-8")
    return copy


def test_a_failed_render_removes_the_folders_it_created(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, broken: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "mine.txt").write_text("mine", encoding="utf-8")
    out = tmp_path / "a" / "b" / "c"  # a exists (and holds a file), b and c do not
    code, _, err = run(capsys, "new", "--no-input", "--template", broken, "-o", out, "--set", "framework=flask")
    assert code == 1
    assert "missing NOT-THERE.md" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "broken"]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["mine.txt"]  # b and c are gone, a is kept


def test_a_folder_that_appears_during_the_render_is_left_alone(tmp_path: Path, template: Path) -> None:
    target = tmp_path / "out" / "my_site"

    def meanwhile(_: Path) -> None:  # someone makes the folder while startwise renders
        target.mkdir()
        (target / "theirs.txt").write_text("theirs", encoding="utf-8")

    with pytest.raises(UserError, match="already exists: startwise does not write into an existing folder"):
        render(rules.complete({}), tmp_path / "out", template, finish=meanwhile)
    assert [p.name for p in target.iterdir()] == ["theirs.txt"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["my_site"]  # no staging folder left


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_an_output_folder_that_cannot_be_written_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    if os.geteuid() == 0:  # root may write anywhere but in /sys
        if not Path("/sys/kernel").is_dir():
            pytest.skip("no folder that root cannot write to")
        out = Path("/sys/startwise-test/out")
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        out = locked / "out"
    code, stdout, err = run(capsys, "new", "--no-input", "-o", out)
    assert code == 1
    assert stdout == ""
    assert err.startswith(f"Error: Cannot create the project in {out}: ")
    assert err.rstrip().endswith("Choose a folder you can write to (-o DIR).")
    assert "Traceback" not in err


def test_an_output_path_through_a_file_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "new", "--no-input", "-o", tmp_path / "notes.txt" / "out")
    assert code == 1
    assert err == (
        f"Error: Cannot create the project in {tmp_path / 'notes.txt' / 'out'}: {tmp_path / 'notes.txt'} is not a "
        "folder. Choose a folder you can write to (-o DIR).\n"
    )
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
