"""Every door says the same thing: ``startwise new``, cookiecutter's command line, the hooks.

Issue 9: the same answers get the same refusal, word for word, whichever way they
come in; the README shows what the CLI prints; the plain cookiecutter door ends
on startwise's message, not on a traceback.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cookiecutter.exceptions import FailedHookException
from cookiecutter.hooks import run_script_with_context
from cookiecutter.main import cookiecutter

from generator import rules
from tests.helpers import ROOT
from tests.helpers import run_cli as run
from tests.test_rules import INVALID

COOKIECUTTER = str(Path(sys.executable).with_name("cookiecutter"))
# Every needs x framework combination the rules refuse (the database changes no error).
REFUSED = [combo for combo in INVALID if combo["database"] == "sqlite"]


def words(answers: dict[str, Any]) -> list[str]:
    return [f"{key}={rules.yes_no(v) if isinstance(v, bool) else v}" for key, v in answers.items()]


def combo_id(combo: dict[str, Any]) -> str:
    flags = "".join(letter for letter, key in zip("oausp", rules.NEEDS[:1] + rules.NEEDS[2:], strict=False)
                    if combo[key])  # fmt: skip
    return f"{combo['framework']}-{flags or 'none'}"


@pytest.mark.parametrize("combo", REFUSED, ids=combo_id)
def test_cli_extension_and_hook_refuse_in_the_same_words(
    combo: dict[str, Any], tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    expected = rules.report(rules.refusals(combo))
    # startwise new
    sets = [item for word in words(combo) for item in ("--set", word)]
    code, out, err = run(capfd, "new", "--no-input", "-o", tmp_path / "cli", *sets)
    assert (code, out, err) == (1, "", expected + "\n")
    # plain cookiecutter: the Jinja extension refuses while the context is built
    with pytest.raises(FailedHookException) as refused:
        cookiecutter(str(ROOT), no_input=True, extra_context=dict(w.split("=", 1) for w in words(combo)),
                     output_dir=str(tmp_path / "cookiecutter"), default_config=True)  # fmt: skip
    assert str(refused.value) == expected
    # the post-generation hook, on a replayed context (cookiecutter.json's check skipped)
    extensions = json.loads((ROOT / "cookiecutter.json").read_text(encoding="utf-8"))["_extensions"]
    context = {"cookiecutter": {**combo, "__framework": "django", "_repo_dir": str(ROOT), "_extensions": extensions}}
    capfd.readouterr()
    with pytest.raises(FailedHookException):
        run_script_with_context(str(ROOT / "hooks" / "post_gen_project.py"), str(tmp_path), context)
    assert capfd.readouterr().err == expected + "\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def readme_example() -> tuple[list[str], str]:
    """The README's example refusal: the command, and what it prints."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```\n\$ (startwise new [^\n]*)\n(.*?)```", readme, re.DOTALL)
    assert block, "the README shows a refused startwise new"
    return shlex.split(block.group(1))[1:], block.group(2)


def test_the_readme_shows_what_the_cli_prints(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args, printed = readme_example()
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *args)
    assert code == 1
    assert out + err == printed
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_refused_before_anything_is_printed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "my_site").mkdir()
    code, out, err = run(capsys, "new", "--no-input", "-o", tmp_path)
    assert code == 1
    assert out == ""  # no recommendation first
    assert err == (
        f"Error: {tmp_path / 'my_site'} already exists: startwise does not write into an existing folder. "
        "Choose another folder (-o DIR) or another project_slug, or use 'startwise update' in that project.\n"
    )


# ------------------------------------------------ the real cookiecutter command


def cookiecutter_cli(*args: str, cwd: Path) -> str:
    """Run cookiecutter's command; everything it printed, in order (stderr into stdout)."""
    result = subprocess.run([COOKIECUTTER, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, timeout=120, check=False)  # fmt: skip
    assert result.returncode == 1, result.stdout
    return result.stdout


@pytest.fixture(scope="module")
def git_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tests.helpers import clone_template  # noqa: PLC0415

    return f"git+file://{clone_template(tmp_path_factory.mktemp('doors') / 'startwise')}"


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (["use_orm=no", "framework=django", "use_auth=no"], "use_admin=yes needs use_orm=yes"),
        (["project_slug=class"], "project_slug='class' is a Python keyword"),
        (["use_apii=yes"], "'use_apii' is not a startwise question"),  # cookiecutter itself drops it
    ],
    ids=["rule", "slug", "unknown-key"],
)
def test_cookiecutter_ends_on_startwises_message(git_url: str, tmp_path: Path, extra: list[str], problem: str) -> None:
    printed = cookiecutter_cli("--no-input", git_url, "-o", str(tmp_path / "out"), *extra, cwd=tmp_path)
    assert "Traceback" not in printed
    assert printed.startswith(f"Error: {rules.REFUSED}\n  - ")
    assert problem in printed.splitlines()[-1]
    assert not (tmp_path / "out").exists()


def test_cookiecutter_refuses_a_config_files_bad_value(git_url: str, tmp_path: Path) -> None:
    config = tmp_path / "team.yaml"
    config.write_text("default_context:\n  database: oracle\n  full_name: Someone (another template's key)\n")
    printed = cookiecutter_cli("--no-input", "--config-file", str(config), git_url, "-o", str(tmp_path / "out"),
                               cwd=tmp_path)  # fmt: skip
    assert "database='oracle' is not one of the choices" in printed.splitlines()[-1]
    assert "full_name" not in printed.splitlines()[-1]
    assert not (tmp_path / "out").exists()


def test_a_failing_hook_ends_on_its_own_message(git_url: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    subprocess.run(["git", "clone", "--quiet", git_url.removeprefix("git+file://"), str(broken)], check=True)
    manifest = broken / "template-django" / "layer.json"
    layer = json.loads(manifest.read_text(encoding="utf-8"))
    layer["required"].append("NOT-THERE.md")
    manifest.write_text(json.dumps(layer), encoding="utf-8")
    printed = cookiecutter_cli("--no-input", str(broken), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert "Traceback" not in printed
    assert "FailedHookException" not in printed
    tail = printed.rstrip().splitlines()[-3:]
    assert tail == [
        "startwise: the rendered project is incomplete (it was removed):",
        "  - missing NOT-THERE.md (every project has it)",
        "Hook script failed (exit status: 1)",  # cookiecutter's own last word
    ]
    assert list((tmp_path / "out").iterdir()) == []


def test_what_only_startwise_catches_an_out_of_list_choice(git_url: str, tmp_path: Path) -> None:
    """cookiecutter raises before any template code runs: the README says so, and startwise catches it."""
    printed = cookiecutter_cli("--no-input", git_url, "-o", str(tmp_path / "out"), "database=oracle", cwd=tmp_path)
    assert "ValueError: oracle provided for choice variable database" in printed
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "ValueError" in readme


def test_a_template_that_refuses_what_startwise_accepted_says_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, template: Path
) -> None:
    """Another template version may have other rules: its refusal reaches the user, word for word."""
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "--quiet", str(template), str(other)], check=True)
    names_file = other / "generator" / "dependency_names.py"  # the reserved names rules.check_slug reads
    names_file.write_text(names_file.read_text(encoding="utf-8").replace('"alembic",', '"alembic",\n        "my_site",'),
                          encoding="utf-8")  # fmt: skip
    code, _, err = run(capsys, "new", "--no-input", "--template", other, "-o", tmp_path / "out")
    assert code == 1
    assert "project_slug='my_site' conflicts with the name of a dependency of the generated project" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_cookiecutter_prints_the_next_steps_of_the_readme(git_url: str, tmp_path: Path) -> None:
    """Plain cookiecutter users get the same next steps as startwise's, for their machine (issue 20 point 4)."""
    from generator.nextsteps import for_machine, probe  # noqa: PLC0415

    result = subprocess.run([COOKIECUTTER, "--no-input", git_url, "-o", str(tmp_path), "database=postgresql"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    project = tmp_path / "my_site"
    machine = probe()
    printed = result.stdout.split("Next steps", 1)[1].splitlines()
    assert printed[0] == f" for this machine ({machine.describe()}; README.md says more):"
    assert f"  cd {project}" in printed
    steps = for_machine((project / "README.md").read_text(encoding="utf-8"), machine)
    start = printed.index("  # run") + 1
    assert printed[start : start + len(steps.steps["run"])] == [f"  {command}" for command in steps.steps["run"]]
    assert steps.other_paths in printed
