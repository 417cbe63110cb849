"""The generated CI's startwise check runs only the startwise that made the project (issue 19).

A project made from a wheel records ``_template: "startwise==0.1.0"``; the CI used to fall
through to ``pip install startwise``, so whoever publishes that name on the index ran code in
the project's CI. The script is run here as CI runs it, with ``pip`` and ``startwise`` replaced
by stubs that log their arguments, against each form of record.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from cookiecutter.main import cookiecutter

from tests.helpers import ROOT

COMMIT = "0123456789abcdef0123456789abcdef01234567"
URL = "git+https://github.com/startwise/startwise"


def ci_script(project: Path, ci: str) -> str:
    """The shell script of the startwise-check job, as the CI service would run it."""
    if ci == "github":
        steps = yaml.safe_load((project / ".github/workflows/ci.yml").read_text(encoding="utf-8"))["jobs"][
            "startwise-check"
        ]["steps"]
        return "\n".join(step["run"] for step in steps if "run" in step)
    job = yaml.safe_load((project / ".gitlab-ci.yml").read_text(encoding="utf-8"))["startwise-check"]
    return "\n".join(job["script"])


def run_ci(project: Path, script: str, record: dict[str, object], tmp_path: Path) -> tuple[str, list[list[str]]]:
    """Run the script on a record holding ``record``'s identity keys; what it printed and what it ran."""
    lines = [line for line in (project / ".startwise.yml").read_text(encoding="utf-8").splitlines()
             if not line.startswith(("_template:", "_commit:", "_package:"))]  # fmt: skip
    lines[3:3] = [f"{key}: {json.dumps(value)}" for key, value in record.items()]
    (project / ".startwise.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stubs, log = tmp_path / "bin", tmp_path / "ran.jsonl"
    stubs.mkdir(exist_ok=True)
    log.unlink(missing_ok=True)
    for name in ("python", "pip", "startwise"):
        stub = stubs / name
        stub.write_text(
            f'#!/bin/sh\nprintf \'["{name}"%s]\\n\' "$(printf \', "%s"\' "$@")" >> {log}\n', encoding="utf-8"
        )
        stub.chmod(0o755)
    done = subprocess.run(["bash", "-e", "-c", script], cwd=project, capture_output=True, text=True, check=False,
                          env={**os.environ, "PATH": f"{stubs}:{os.environ['PATH']}"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    ran = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    return done.stdout, ran


@pytest.mark.parametrize(("framework", "ci"), [("django", "github"), ("flask", "gitlab")])
def test_ci_installs_the_recorded_commit_or_nothing(framework: str, ci: str, tmp_path: Path) -> None:
    project = Path(cookiecutter(str(ROOT), no_input=True, output_dir=str(tmp_path / "out"),
                                extra_context={"framework": framework, "ci": ci}))  # fmt: skip
    script = ci_script(project, ci)

    # Made from a git URL: that URL at that commit, then compared with the URL's newest commit.
    _, ran = run_ci(project, script, {"_template": URL, "_commit": COMMIT}, tmp_path)
    assert ran == [["python", "-m", "pip", "install", "--quiet", f"{URL}@{COMMIT}"],
                   ["startwise", "check", "--template", URL]]  # fmt: skip

    # Made from a wheel (no git URL known), from a local folder, or without a commit: skipped, said so.
    for record in (
        {"_template": "startwise==0.1.0", "_commit": COMMIT, "_package": "startwise==0.1.0"},
        {"_template": "/home/me/startwise", "_commit": COMMIT},
        {"_template": "git+file:///home/me/startwise", "_commit": COMMIT},
        {"_template": URL, "_commit": None},
    ):
        printed, ran = run_ci(project, script, record, tmp_path)
        assert ran == [], record  # nothing installed: above all not `pip install startwise`
        assert "startwise check skipped" in printed
