"""Same answers, same files: ``startwise new`` and plain ``cookiecutter <git URL>``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import rules
from generator.answers import defaults_for
from tests.helpers import SECRET

COOKIECUTTER = Path(sys.executable).with_name("cookiecutter")
TEMPLATE_LINE = re.compile(rb"^_template: .*$", re.MULTILINE)  # where it came from: a URL or a path
# The hashes of the files as generated: those of the files holding a secret differ (the files are compared).
FILE_HASH = re.compile(rb'^  "[^"]+": "[0-9a-f]{16}"$', re.MULTILINE)

CASES = [
    {"project_name": "Parity Django"},
    {"project_name": "Parity Flask", "framework": "flask", "database": "postgresql", "use_api": True, "ci": "gitlab"},
    {"project_name": "Parity Lean", "use_orm": False, "use_admin": False, "use_auth": False, "use_api": True,
     "use_docker": False, "ci": "none", "license": "Apache-2.0", "author_email": "a@example.com"},
    {"project_name": "Parité Café", "use_async": True, "use_celery": True, "database": "mysql"},
]  # fmt: skip


def files(root: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            text = SECRET.sub(b"<secret>", path.read_bytes())
            text = FILE_HASH.sub(b"  <hash>", TEMPLATE_LINE.sub(b"_template: <origin>", text))
            found[path.relative_to(root).as_posix()] = text
    return found


def words(answers: dict[str, object]) -> list[str]:
    return [f"{k}={rules.yes_no(v) if isinstance(v, bool) else v}" for k, v in answers.items()]


# Both ways cookiecutter is given a template: a git URL, and a folder (a template).
FORMS = ["git+file", "path", "git+file", "path"]


@pytest.mark.parametrize(
    ("case", "form"),
    list(zip(CASES, FORMS, strict=True)),
    ids=[f"{c['project_name']}-{f}" for c, f in zip(CASES, FORMS, strict=True)],
)
def test_startwise_new_and_cookiecutter_make_the_same_files(
    tmp_path: Path, template: Path, case: dict[str, object], form: str
) -> None:
    url = f"git+file://{template}" if form == "git+file" else str(template)
    by_cookiecutter, by_startwise = tmp_path / "cookiecutter", tmp_path / "startwise"
    subprocess.run(
        [str(COOKIECUTTER), url, "--no-input", "-o", str(by_cookiecutter), *words(case)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    sets = [item for word in words(case) for item in ("--set", word)]
    subprocess.run(
        [sys.executable, "-m", "generator", "new", "--template", url, "--no-input", "-o", str(by_startwise), *sets],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    slug = defaults_for({"project_name": case["project_name"]})["project_slug"]
    made_by_cookiecutter = files(by_cookiecutter / slug)
    assert "docs/decisions/0001-framework.md" in made_by_cookiecutter
    assert ".startwise.yml" in made_by_cookiecutter
    assert made_by_cookiecutter == files(by_startwise / slug)


def test_one_team_file_for_cookiecutter_and_startwise(tmp_path: Path, template: Path) -> None:
    """A cookiecutter config file (default_context) onboards the same way through both doors."""
    team = tmp_path / "team.yaml"
    team.write_text(
        "default_context:\n  project_name: Team Portal\n  database: postgresql\n  use_api: 'yes'\n  ci: gitlab\n",
        encoding="utf-8",
    )
    by_cookiecutter, by_startwise = tmp_path / "cookiecutter", tmp_path / "startwise"
    subprocess.run(
        [str(COOKIECUTTER), str(template), "--no-input", "--config-file", str(team), "-o", str(by_cookiecutter)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    subprocess.run(
        [sys.executable, "-m", "generator", "new", "--template", str(template), "--answers", str(team), "--no-input",
         "-o", str(by_startwise)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )  # fmt: skip
    assert files(by_cookiecutter / "team_portal") == files(by_startwise / "team_portal")
