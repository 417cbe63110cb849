"""Bakes of the root template through pytest-cookies and the real cookiecutter CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import rules

COOKIECUTTER = str(Path(sys.executable).with_name("cookiecutter"))


def bake_ok(cookies: Any, **context: str) -> Path:
    result = cookies.bake(extra_context=context)
    assert result.exception is None, result.exception
    assert result.exit_code == 0
    return Path(result.project_path)


def leftovers(tmpdir: Any) -> list[Path]:
    """Whatever the bakes left in pytest-cookies' output folders (tmpdir/cookies/bakeNN)."""
    return [path for bake in (Path(str(tmpdir)) / "cookies").iterdir() for path in bake.iterdir()]


def recorded(project: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((project / ".startwise.yml").read_text(encoding="utf-8"))
    return data


# ------------------------------------------------------------------- good bakes


def test_defaults_give_django_with_the_common_files(cookies: Any, capfd: pytest.CaptureFixture[str]) -> None:
    project = bake_ok(cookies)
    out = capfd.readouterr().out
    assert project.name == "my_site"
    assert "Framework: django (recommended from your needs)" in out
    assert "Relational data" in out
    for name in ("LICENSE", ".gitignore", ".editorconfig", "README.md", "docs/decisions/0001-framework.md"):
        assert (project / name).is_file(), name
    assert recorded(project)["framework"] == "auto"
    assert "We use **Django**" in (project / "docs/decisions/0001-framework.md").read_text()


def test_no_orm_no_admin_no_accounts_gives_flask(cookies: Any, capfd: pytest.CaptureFixture[str]) -> None:
    project = bake_ok(cookies, use_orm="no", use_admin="no", use_auth="no")
    out = capfd.readouterr().out
    assert "Framework: flask (recommended from your needs)" in out
    decision = (project / "docs/decisions/0001-framework.md").read_text()
    assert "We use **Flask**" in decision
    assert "| a relational database with an ORM and migrations | no |" in decision


@pytest.mark.parametrize("framework", rules.FRAMEWORKS)
def test_explicit_framework_wins(cookies: Any, capfd: pytest.CaptureFixture[str], framework: str) -> None:
    project = bake_ok(cookies, framework=framework, use_orm="n", use_admin="0", use_auth="false")
    assert f"Framework: {framework} (your choice" in capfd.readouterr().out
    answers = recorded(project)
    assert answers["framework"] == framework
    assert answers["use_orm"] is False and answers["use_admin"] is False


def test_record_holds_every_key_and_reproduces_the_answers(cookies: Any) -> None:
    project = bake_ok(cookies, project_name="Acme Shop", use_api="y", database="postgresql", ci="gitlab")
    answers = recorded(project)
    # Every question startwise asks; use_celery (superseded) is recorded as jobs.
    assert tuple(k for k in answers if not k.startswith("_")) == tuple(q.key for q in rules.ASKED)
    values, problems = rules.coerce_all(answers)
    assert problems == []
    assert values["project_slug"] == "acme_shop"
    assert values["use_api"] is True and values["database"] == "postgresql" and values["ci"] == "gitlab"
    assert answers["_version"]


@pytest.mark.parametrize(
    ("license_name", "first_words"),
    [
        ("MIT", "MIT License"),
        ("BSD-3-Clause", "BSD 3-Clause License"),
        ("Apache-2.0", "Apache License"),
        ("GPL-3.0-or-later", "GNU GENERAL PUBLIC LICENSE"),
        ("Proprietary", "Copyright (c)"),
    ],
)
def test_each_license_renders_its_text(cookies: Any, license_name: str, first_words: str) -> None:
    project = bake_ok(cookies, license=license_name, author_name="Ada Lovelace")
    text = (project / "LICENSE").read_text()
    assert text.lstrip().startswith(first_words)
    if license_name in ("MIT", "BSD-3-Clause", "Proprietary"):
        assert "Ada Lovelace" in text


# ------------------------------------------------------------------- rejections


@pytest.mark.parametrize(
    ("context", "fragment"),
    [
        ({"project_slug": "class"}, "project_slug='class' is a Python keyword"),
        ({"project_slug": "json"}, "project_slug='json' conflicts with the name of a standard library module"),
        ({"project_slug": "os"}, "project_slug='os' conflicts with the name of a standard library module"),
        ({"project_slug": "django"}, "project_slug='django' conflicts with the name of a dependency"),
        ({"project_slug": "flask"}, "project_slug='flask' conflicts with the name of a dependency"),
        ({"project_slug": "my-site"}, "project_slug='my-site' is not a valid Python identifier"),
        ({"project_slug": "9lives"}, "project_slug='9lives' is not a valid Python identifier"),
        ({"project_name": ""}, "project_name is empty. Choose a name for the project"),
        ({"author_email": "ada-at-example"}, "author_email='ada-at-example' does not look like an email address"),
        (
            {"framework": "django", "use_orm": "no", "use_auth": "no"},
            "use_admin=yes needs use_orm=yes",
        ),
        (
            {"framework": "django", "use_orm": "no", "use_admin": "no"},
            "use_auth=yes needs use_orm=yes",
        ),
        (
            {"framework": "flask", "use_auth": "no"},
            "framework=flask with use_admin=yes needs use_auth=yes",
        ),
    ],
)
def test_rejections_explain_and_leave_nothing(
    cookies: Any, tmpdir: Any, capfd: pytest.CaptureFixture[str], context: dict[str, str], fragment: str
) -> None:
    result = cookies.bake(extra_context=context)
    assert result.exit_code != 0
    assert result.exception is not None
    err = capfd.readouterr().err + str(result.exception)  # refused while cookiecutter builds the context
    assert "nothing was written" in err
    assert fragment in err
    assert any(word in err for word in ("Set ", "Choose", "Use ")), "the message says how to fix it"
    assert leftovers(tmpdir) == []


def test_the_slug_cookiecutter_proposes_passes(cookies: Any) -> None:
    """cookiecutter's default slug is startwise's: "9 Lives" gave 9_lives, then refused it (issue 20)."""
    result = cookies.bake(extra_context={"project_name": "9 Lives"})
    assert result.exit_code == 0, result.exception
    assert result.project_path.name == "lives_9"


def test_out_of_list_choice_fails_before_writing(cookies: Any) -> None:
    result = cookies.bake(extra_context={"database": "oracle"})
    assert result.exit_code != 0
    assert "oracle" in str(result.exception)
    assert result.project_path is None


# ------------------------------------------------- the post-generation check


@pytest.fixture
def template_copy(tmp_path: Path, template_root: Path) -> Path:
    """A copy of the template to break on purpose."""
    copy = tmp_path / "template"
    ignore = shutil.ignore_patterns(".git", ".venv", ".cache", "__pycache__", "*.pyc", ".*_cache")
    shutil.copytree(template_root, copy, ignore=ignore)
    return copy


@pytest.mark.parametrize(
    ("filename", "content", "fragment"),
    [
        ("broken.py", "def oops(:\n", "broken.py:1: does not compile"),
        (
            "notes.txt",
            "{% raw %}{{ cookiecutter.project_name }}{% endraw %}\n",
            "notes.txt: unrendered template marker",
        ),
    ],
)
def test_failed_verification_removes_the_project(
    cookies: Any,
    tmpdir: Any,
    capfd: pytest.CaptureFixture[str],
    template_copy: Path,
    filename: str,
    content: str,
    fragment: str,
) -> None:
    layer = template_copy / "template-django" / "{{cookiecutter.project_slug}}"
    (layer / filename).write_text(content)
    result = cookies.bake(template=str(template_copy))
    assert result.exit_code != 0
    err = capfd.readouterr().err
    assert "the rendered project is incomplete (it was removed)" in err
    assert fragment in err
    assert leftovers(tmpdir) == []


def test_a_missing_required_file_fails_the_generation(
    cookies: Any, capfd: pytest.CaptureFixture[str], template_copy: Path
) -> None:
    manifest = template_copy / "template-flask" / "layer.json"
    manifest.write_text(manifest.read_text().replace('"required": [', '"required": ["NOT-THERE.txt", ', 1))
    result = cookies.bake(template=str(template_copy), extra_context={"framework": "flask"})
    assert result.exit_code != 0
    assert "missing NOT-THERE.txt (every project has it)" in capfd.readouterr().err


# ---------------------------------------------------- the real cookiecutter CLI


@pytest.fixture(scope="session")
def git_clone(template: Path) -> str:
    """A git URL of the committed template (what `cookiecutter <git URL>` clones)."""
    return f"git+file://{template}"


def run_cookiecutter(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([COOKIECUTTER, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("framework", rules.FRAMEWORKS)
def test_git_url_no_input_with_extra_context(git_clone: str, tmp_path: Path, framework: str) -> None:
    result = run_cookiecutter("--no-input", git_clone, "-o", str(tmp_path), f"framework={framework}", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    answers = recorded(tmp_path / "my_site")
    assert answers["framework"] == framework
    assert answers["_template"] == git_clone
    assert len(answers["_commit"]) == 40


def test_git_url_with_a_config_file(git_clone: str, tmp_path: Path) -> None:
    config = tmp_path / "team.yaml"
    config.write_text(
        yaml.safe_dump(
            {"default_context": {"project_name": "Team Hub", "use_api": "yes", "framework": "flask", "ci": "none"}}
        )
    )
    result = run_cookiecutter("--no-input", "--config-file", str(config), git_clone, "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    answers = recorded(tmp_path / "team_hub")
    assert (answers["framework"], answers["use_api"], answers["ci"]) == ("flask", True, "none")


def test_git_url_rejection_leaves_nothing(git_clone: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = run_cookiecutter("--no-input", git_clone, "-o", str(out), "project_slug=class", cwd=tmp_path)
    assert result.returncode != 0
    assert "project_slug='class' is a Python keyword" in result.stdout  # cookiecutter prints it, with no traceback
    assert "Traceback" not in result.stdout + result.stderr
    assert list(out.iterdir()) == []
