"""The startwise command without a terminal: recommend, new --no-input, answers files, errors."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from generator import rules
from generator import template as template_module
from generator.errors import UserError
from generator.nextsteps import from_readme
from tests.helpers import ROOT, SECRET
from tests.helpers import run_cli as run


def tree(root: Path) -> dict[str, bytes]:
    """Every file of a project, secrets masked."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and ".git" not in path.parts:
            relative = path.relative_to(root).as_posix()
            files[relative] = SECRET.sub(b"<secret>", path.read_bytes())
    return files


def test_help_and_module_entry_point() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=True)
    for command in ("new", "recommend", "update"):
        assert command in result.stdout


def test_recommend_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "recommend", "--set", "use_orm=no", "--set", "use_admin=no", "--set", "use_auth=no",
                       "--set", "use_api=yes", "--json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["framework"] == "flask"
    assert data["reasons"] == list(rules.recommend({"use_orm": False, "use_admin": False, "use_auth": False,
                                                    "use_api": True}).reasons)  # fmt: skip
    assert all(isinstance(reason, str) for reason in data["reasons"])


def test_recommend_text_and_bad_value(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "recommend")
    assert code == 0
    assert out.startswith("django")
    assert "Relational data" in out
    code, _, err = run(capsys, "recommend", "--set", "use_orm=perhaps")
    assert code == 1
    assert "use_orm='perhaps' is not a yes/no answer" in err
    assert "Traceback" not in err


def test_new_without_a_terminal_says_how_to_run_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "new", "-o", tmp_path)
    assert code == 2
    assert "--no-input" in err
    assert "(or --answers team.yml)" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("git_identity")
def test_without_a_terminal_the_suggestion_keeps_the_answers_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path
) -> None:
    team = tmp_path / "team.yml"
    team.write_text("ci: none\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "-o", tmp_path, "--answers", team, "--set", "project_name=My Shop")
    assert code == 2
    assert f"startwise new --no-input --answers {team} --set 'project_name=My Shop'" in err
    assert "team.yml)" not in err  # no --answers suggested: it was given
    code, _, err = run(capsys, "new", "--template", template, "-o", tmp_path, "--no-input", "--git")
    assert code == 0, err
    code, _, err = run(capsys, "update", tmp_path / "my_site", "--template", template, "--set", "use_celery=yes")
    assert code == 2
    assert "startwise update --no-input --set use_celery=yes" in err


def test_new_from_team_file_and_set(capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path) -> None:
    team = tmp_path / "team.yml"
    team.write_text("author_name: Team\nlicense: Apache-2.0\nuse_api: no\nci: none\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "new", "--template", template, "-o", out_dir, "--answers", team, "--no-input",
                         "--set", "project_name=Team Shop", "--set", "use_api=yes")  # fmt: skip
    assert code == 0, err
    project = out_dir / "team_shop"
    assert f"Created {project}" in out
    assert "Next steps" in out
    recorded = yaml.safe_load((project / ".startwise.yml").read_text(encoding="utf-8"))
    assert recorded["project_name"] == "Team Shop"
    assert recorded["author_name"] == "Team"
    assert recorded["license"] == "Apache-2.0"
    assert recorded["use_api"] is True  # --set wins over the file
    assert recorded["ci"] == "none"
    assert recorded["_template"] == f"git+{ROOT.as_uri()}"  # the clone's origin holds its commit: shareable
    assert (project / "docs/decisions/0001-framework.md").is_file()
    assert (project / "README.md").is_file()
    assert [p.name for p in out_dir.iterdir()] == ["team_shop"]  # no staging folder left


def test_recorded_answers_reproduce_the_project(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    code, _, err = run(capsys, "new", "--template", template, "-o", first, "--no-input",
                       "--set", "project_name=Again", "--set", "framework=flask", "--set", "use_admin=no",
                       "--set", "use_celery=yes")  # fmt: skip
    assert code == 0, err
    code, _, err = run(capsys, "new", "--template", template, "-o", second, "--no-input",
                       "--answers", first / "again" / ".startwise.yml")  # fmt: skip
    assert code == 0, err
    assert tree(first / "again") == tree(second / "again")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("colour: blue\n", ["'colour' is not a startwise question", "Valid keys:"]),
        ("database: oracle\n", ["database='oracle'", "sqlite, postgresql, mysql"]),
        ("use_orm: no\nuse_admin: yes\n", ["use_admin=yes needs use_orm=yes", "Set use_orm=yes, or use_admin=no"]),
        ("framework: flask\nuse_admin: yes\nuse_auth: no\n", ["framework=flask with use_admin=yes needs use_auth=yes"]),
        ("project_slug: json\n", ["conflicts with the name of a standard library module"]),
        ("author_email: nobody\n", ["author_email='nobody' does not look like an email address"]),
        ("use_api: yes\n  ci: [\n", ["not valid YAML", "line 2"]),
    ],
)
def test_bad_answers_file_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path, text: str, expected: list[str]
) -> None:
    team = tmp_path / "team.yml"
    team.write_text(text, encoding="utf-8")
    out_dir = tmp_path / "out"
    code, _, err = run(capsys, "new", "--template", template, "-o", out_dir, "--answers", team, "--no-input")
    assert code == 1
    for part in expected:
        assert part in err
    assert "Traceback" not in err
    assert not out_dir.exists()


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "new", "--no-input", "-o", tmp_path, "--set", "use_api")
    assert code == 2
    assert "Write it like --set use_api=yes" in err
    code, _, _ = run(capsys, "new", "--bogus")
    assert code == 2


def test_existing_folder_is_left_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path) -> None:
    (tmp_path / "my_site").mkdir()
    (tmp_path / "my_site" / "keep.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "new", "--template", template, "-o", tmp_path, "--no-input")
    assert code == 1
    assert "already exists" in err
    assert [p.name for p in (tmp_path / "my_site").iterdir()] == ["keep.txt"]


def test_failing_template_hook_is_reported_without_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path
) -> None:
    broken = tmp_path / "broken"
    subprocess.run(["git", "clone", "--quiet", str(template), str(broken)], check=True)
    manifest = broken / "template-django" / "layer.json"
    layer = json.loads(manifest.read_text(encoding="utf-8"))
    layer["required"].append("NOT-THERE.md")
    manifest.write_text(json.dumps(layer), encoding="utf-8")
    out_dir = tmp_path / "out"
    code, _, err = run(capsys, "new", "--template", broken, "-o", out_dir, "--no-input")
    assert code == 1
    assert "missing NOT-THERE.md" in err
    assert "Traceback" not in err
    assert not out_dir.exists()  # startwise made it, and removes it


def test_ctrl_c_during_the_render_leaves_nothing(tmp_path: Path, template: Path) -> None:
    slow = tmp_path / "slow"
    subprocess.run(["git", "clone", "--quiet", str(template), str(slow)], check=True)
    hook = slow / "hooks" / "post_gen_project.py"
    hook.write_text("import time\ntime.sleep(60)\n" + hook.read_text(encoding="utf-8"), encoding="utf-8")
    out_dir = tmp_path / "out" / "nested"  # neither exists yet: startwise makes both
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "new", "--template", str(slow), "-o", str(out_dir), "--no-input"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a command
    )
    deadline = time.monotonic() + 30
    while not any(out_dir.glob(".startwise-*/out/my_site/LICENSE")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Interrupted: nothing was written." in err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["slow"]  # the folders it made are gone too


def test_installed_template_bytecode_is_not_copied(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path
) -> None:
    """pip byte-compiles the template it installs in generator/_template: no __pycache__ in projects."""
    installed = tmp_path / "installed"
    subprocess.run(["git", "clone", "--quiet", str(template), str(installed)], check=True)
    cache = installed / "{{cookiecutter.project_slug}}" / "__pycache__"
    cache.mkdir()
    (cache / "stray.cpython-311.pyc").write_bytes(b"\x00\x01")
    code, _, err = run(capsys, "new", "--template", installed, "-o", tmp_path / "out", "--no-input")
    assert code == 0, err
    assert not list((tmp_path / "out").rglob("__pycache__"))


def test_next_steps_come_from_the_readme() -> None:
    readme = "# Shop\n\n## Run it\n\n```sh\n$ pip install -e .\n# a comment\nflask run\n```\n\n## Tests\n\n```\npytest\n```\n"
    assert from_readme(readme) == {"run": ["pip install -e .", "flask run"], "test": ["pytest"]}
    assert from_readme("# Shop\n\nNothing to run.\n") == {}


def test_git_option_starts_a_repository(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Team")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "team@example.com")
    code, out, err = run(capsys, "new", "--template", template, "-o", tmp_path, "--no-input", "--git")
    assert code == 0, err
    assert "Started a git repository with a first commit." in out
    log = subprocess.run(["git", "log", "--format=%s"], cwd=tmp_path / "my_site", capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert log.stdout == "Generated by startwise\n"


@pytest.fixture
def no_git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine where git knows no author: no environment, no system config, no guess from the host name."""
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")  # never guess an identity from the host name
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "user.useConfigOnly")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "true")


@pytest.mark.usefixtures("no_git_identity")
def test_without_a_git_identity_the_answers_author_commits(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path, _isolated_home: Path
) -> None:
    """Issue 20 point 5: the author of the answers, for this repository only (never the global configuration)."""
    author = ["--set", "author_name=Ada Lovelace", "--set", "author_email=ada@example.com"]
    code, out, err = run(capsys, "new", "--template", template, "-o", tmp_path, "--no-input", "--git", *author)
    assert code == 0, err
    assert "Started a git repository with a first commit by Ada Lovelace <ada@example.com>" in out
    project = tmp_path / "my_site"
    log = subprocess.run(["git", "log", "--format=%an <%ae>|%cn <%ce>|%s"], cwd=project, capture_output=True,
                         text=True, check=True)  # fmt: skip
    assert log.stdout == "Ada Lovelace <ada@example.com>|Ada Lovelace <ada@example.com>|Generated by startwise\n"
    local = subprocess.run(["git", "config", "--local", "--get", "user.email"], cwd=project, capture_output=True,
                           text=True, check=True)  # fmt: skip
    assert local.stdout == "ada@example.com\n"  # the next commits work too
    assert not (_isolated_home / ".gitconfig").exists()  # the user's own configuration is left alone
    assert not (_isolated_home / ".config" / "git").exists()


@pytest.mark.usefixtures("no_git_identity")
def test_without_a_git_identity_or_an_author_one_line_says_how_to_commit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path
) -> None:
    code, out, err = run(capsys, "new", "--template", template, "-o", tmp_path, "--no-input", "--git")
    assert code == 0, err
    said = [line for line in out.splitlines() if "git repository" in line]
    assert said == ["Started a git repository with the files staged; git knows no author on this machine. Commit "
                    'with: git -c user.name="Your Name" -c user.email=you@example.com commit -m "Generated by '
                    'startwise"']  # fmt: skip
    project = tmp_path / "my_site"
    staged = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=project, capture_output=True, text=True,
                            check=True)  # fmt: skip
    assert ".startwise.yml" in staged.stdout.splitlines()
    command = said[0].split("Commit with: ", 1)[1]  # the line works as printed
    subprocess.run(command, shell=True, cwd=project, check=True, capture_output=True)
    log = subprocess.run(["git", "log", "--format=%an|%s"], cwd=project, capture_output=True, text=True, check=True)
    assert log.stdout == "Your Name|Generated by startwise\n"


def test_template_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Source checkout: the repository root; wheel: generator/_template; neither: a clear error."""
    assert template_module.default_template() == ROOT
    package = tmp_path / "site-packages" / "generator"
    (package / "_template").mkdir(parents=True)
    (package / "_template" / "cookiecutter.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(template_module, "PACKAGE_DIR", package)
    assert template_module.default_template() == package / "_template"
    (package / "_template" / "cookiecutter.json").unlink()
    with pytest.raises(UserError, match="--template PATH_OR_GIT_URL"):
        template_module.default_template()


def test_nothing_written_to_the_users_cookiecutter_folders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path, _isolated_home: Path
) -> None:
    code, _, err = run(capsys, "new", "--template", template, "-o", tmp_path, "--no-input")
    assert code == 0, err
    assert not (_isolated_home / ".cookiecutter_replay").exists()


# ------------------------------------------------------------------ issue 9


def test_resume_command_names_each_key_once_and_quotes_it() -> None:
    from generator.cli import resume_command  # noqa: PLC0415

    resumed = ["new", "-o", "my projects", "--set", "project_name=Gone", "--set=use_api=yes", "--no-input"]
    given = {"project_name": "Gone", "use_api": True, "description": 'It\'s "quoted" $HOME; a | b', "use_orm": False}
    line = resume_command(resumed, given)
    assert "\n" not in line
    assert shlex.split(line) == [
        "startwise", "new", "-o", "my projects", "--no-input",
        "--set", "project_name=Gone", "--set", "description=It's \"quoted\" $HOME; a | b",
        "--set", "use_orm=no", "--set", "use_api=yes",
    ]  # fmt: skip


def test_ctrl_c_prints_one_line_to_paste_even_in_a_narrow_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.errors import Interrupted  # noqa: PLC0415
    from generator.wizard import Wizard  # noqa: PLC0415

    given = {"project_name": "A Rather Long Project Name", "project_slug": "long_one", "use_api": True}

    def interrupted(self: Wizard) -> None:
        raise Interrupted({**self.fixed, **given})

    monkeypatch.setattr(Wizard, "run", interrupted)
    monkeypatch.setattr(sys, "stdin", type("Tty", (), {"isatty": staticmethod(lambda: True)})())
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", "50")
    team = tmp_path / "team.yml"
    team.write_text("ci: gitlab\n", encoding="utf-8")
    args = ["new", "-o", tmp_path / "out", "--answers", team, "--set", "project_name=Old", "--set", "use_api=yes"]
    code, _, err = run(capsys, *args)
    assert code == 130
    lines = err.splitlines()
    command = lines[lines.index("To start again from the answers given so far:") + 1].strip()
    assert shlex.split(command) == [
        "startwise",
        "new",
        "-o",
        str(tmp_path / "out"),
        "--answers",
        str(team),
        "--set",
        "project_name=A Rather Long Project Name",
        "--set",
        "project_slug=long_one",
        "--set",
        "use_api=yes",
    ]  # fmt: skip  (ci stays in the answers file)


def test_mistyped_keys_and_values_get_did_you_mean_from_set_and_answers_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "new", "--no-input", "-o", tmp_path, "--set", "use_apii=yes")
    assert code == 1
    assert "'use_apii' is not a startwise question. Did you mean use_api?" in err
    team = tmp_path / "team.yml"
    team.write_text("database: postgres\nframwork: flask\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "--no-input", "-o", tmp_path, "--answers", team)
    assert code == 1
    assert "database='postgres' is not one of the choices. Did you mean postgresql?" in err
    assert "'framwork' is not a startwise question. Did you mean framework?" in err
    assert list(tmp_path.iterdir()) == [team]
