"""startwise check: each finding has its exit status bit, and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import __version__, check
from tests.helpers import run_cli as run
from tests.test_update import add_question, commit_all, files, new_project, publish
from tests.test_update import template as template  # noqa: PLC0414 - the fixture, shared

pytestmark = pytest.mark.usefixtures("git_identity")


def check_json(capsys: pytest.CaptureFixture[str], project: Path, template: Path) -> tuple[int, dict[str, object]]:
    code, out, err = run(capsys, "check", project, "--template", template, "--json")
    assert err == ""
    data = json.loads(out)
    assert data["status"] == code
    return code, data


def test_fresh_project_is_all_clear(capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path) -> None:
    project = new_project(capsys, template, tmp_path / "out")
    before = files(project)
    code, out, _ = run(capsys, "check", project, "--template", template)
    assert code == check.OK, out
    assert "answers: pass today's rules" in out
    assert f"template: up to date ({template} @ " in out  # the template named once, not "X -> X" (issue 20)
    assert "exit status 0 (all clear)" in out
    assert "edited" not in out.replace("0 edited", "")
    assert "required files: all present" in out
    assert files(project) == before
    code, data = check_json(capsys, project, template)
    assert code == 0
    assert data["files"]["edited"] == data["files"]["deleted"] == []  # type: ignore[index]
    assert "README.md" in data["files"]["untouched"]  # type: ignore[index]


def test_answers_that_fail_todays_rules_exit_4(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path
) -> None:
    project = new_project(capsys, template, tmp_path / "out")
    record = project / ".startwise.yml"
    text = record.read_text(encoding="utf-8").replace("use_orm: yes", "use_orm: no")
    record.write_text(text.replace("\nci:", "\nlegacy_flag: yes\nci:"), encoding="utf-8")
    code, data = check_json(capsys, project, template)
    assert code == check.ANSWERS
    errors = "\n".join(data["answers"]["errors"])  # type: ignore[index]
    assert "use_admin=yes needs use_orm=yes" in errors
    assert "legacy_flag" in errors


def test_newer_template_exits_8_and_says_how_far(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path
) -> None:
    project = new_project(capsys, template, tmp_path / "out")
    publish(template, {"CONTRIBUTING.md": None})
    publish(template, {"GUIDE.md": "\nMore.\n"})
    code, out, _ = run(capsys, "check", project, "--template", template)
    assert code == check.TEMPLATE, out
    assert "template: a newer template is available (2 commits)" in out
    assert "exit status 8 (a newer template)" in out
    add_question(template)
    code, data = check_json(capsys, project, template)
    assert code == check.TEMPLATE
    assert data["template"]["status"] == "newer"  # type: ignore[index]
    assert data["template"]["commits_behind"] == 3  # type: ignore[index]
    assert data["template"]["new_questions"] == ["use_sentry"]  # type: ignore[index]
    # a git URL: the history is fetched to count
    code, data = check_json(capsys, project, f"git+file://{template}")  # type: ignore[arg-type]
    assert data["template"]["commits_behind"] == 3  # type: ignore[index]


def test_edited_and_deleted_files_exit_16(capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path) -> None:
    project = new_project(capsys, template, tmp_path / "out")
    readme = project / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nOur notes.\n", encoding="utf-8")
    (project / "LICENSE").unlink()
    (project / "NOTES.md").write_text("ours\n", encoding="utf-8")  # not generated: not reported
    code, out, _ = run(capsys, "check", project, "--template", template)
    assert code == check.FILES, out
    assert "  edited: README.md" in out
    assert "  deleted: LICENSE" in out
    assert "NOTES.md" not in out
    assert "exit status 16 (generated files edited or deleted)" in out  # not "(16 files)"


def test_missing_required_files_exit_32(capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path) -> None:
    project = new_project(capsys, template, tmp_path / "out", "framework=django", "use_api=yes")
    (project / "shop" / "notes" / "api.py").unlink()  # use_api=yes requires it
    (project / "manage.py").unlink()  # every Django project has it
    commit_all(project, "Removed")
    code, data = check_json(capsys, project, template)
    assert code == check.FILES | check.MISSING
    assert data["missing"] == ["manage.py", "shop/notes/api.py"]
    assert sorted(data["files"]["deleted"]) == ["manage.py", "shop/notes/api.py"]  # type: ignore[index]
    assert ".env" not in data["missing"]  # type: ignore[operator]  # git-ignored: a clone has none


def test_findings_add_up_and_after_update_all_clear(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path
) -> None:
    project = new_project(capsys, template, tmp_path / "out")
    (project / "LICENSE").unlink()
    commit_all(project, "No license file")
    publish(template, {"CONTRIBUTING.md": None})
    code, out, _ = run(capsys, "check", project, "--template", template)
    assert code == check.TEMPLATE | check.FILES
    assert "a newer template is available (1 commit)" in out
    assert "exit status 24 = 8 (a newer template) + 16 (generated files edited or deleted)" in out
    code, out, err = run(capsys, "update", project, "--template", template, "--no-input")
    assert code == 0, err + out
    commit_all(project, "Template update")
    code, out, _ = run(capsys, "check", project, "--template", template)
    assert code == check.FILES, out  # the template is current; the deletion stays ours
    assert "  deleted: LICENSE" in out
    assert "CONTRIBUTING.md" not in out  # recorded as the update generated it


def test_not_a_project_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", tmp_path)
    assert code == 1
    assert "is not a startwise project" in err
    code, _, err = run(capsys, "check", tmp_path, "--bogus")
    assert code == 2


def test_a_template_is_named_by_its_url_or_version_never_an_installed_folder() -> None:
    from generator import record  # noqa: PLC0415

    installed = str(Path(record.__file__).resolve().parent / "_template")  # site-packages/generator/_template
    commit = "5bad8b8" * 5 + "12345"
    assert (
        record.template_name({"_template": installed, "_commit": commit}) == f"startwise {__version__} @ 5bad8b85bad8"
    )
    assert record.template_name({"_template": "startwise==0.1.0", "_commit": commit}).startswith("startwise 0.1.0 @ ")
    url = "git+https://github.com/startwise/startwise"
    assert record.template_name({"_template": url, "_commit": commit}) == f"{url} @ 5bad8b85bad8"
    assert record.template_name({"_version": "0.1.0"}) == "startwise 0.1.0"


def test_counts_are_singular_or_plural() -> None:
    from generator.errors import count  # noqa: PLC0415

    assert [count(n, "commit") for n in (0, 1, 2)] == ["0 commits", "1 commit", "2 commits"]
    assert count(1, "file differs", "files differ") == "1 file differs"
    assert count(3, "file differs", "files differ") == "3 files differ"
