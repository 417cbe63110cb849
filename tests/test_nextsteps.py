"""The next steps fit the machine (issue 20 point 4): the README's path that works here, the others named.

The README keeps every path; startwise probes the machine (uv on PATH, a Docker engine
that answers) and prints the one that works there. tests/test_first_hour.py runs what is
printed, in order, on this machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cookiecutter.main import cookiecutter

from generator import nextsteps
from generator.nextsteps import Machine, for_machine, from_readme, probe
from tests.helpers import ROOT

README = """# Shop

## Run it

```sh
uv sync
docker compose up -d --wait db redis   # the services
uv run manage.py migrate
uv run manage.py runserver
```

Open http://127.0.0.1:8000/.

### Without Docker

In place of the `docker compose` line:

```sh
psql -U postgres -c "CREATE ROLE shop"
redis-cli ping
```

### Or with pip

```sh
python -m venv .venv
. .venv/bin/activate
pip install -r requirements-dev.txt
docker compose up -d --wait db redis
python manage.py migrate
python manage.py runserver
```

A second block under the same heading is not another path:

```sh
uv run celery -A shop worker
```

## Test

```sh
uv run pytest
```

### Or with pip

```sh
. .venv/bin/activate
python -m pytest
```

## Develop with compose

```sh
docker compose --profile dev up
```
"""
UV = ["uv sync", "uv run manage.py migrate", "uv run manage.py runserver"]
PIP = ["python -m venv .venv", ". .venv/bin/activate", "pip install -r requirements-dev.txt"]
PIP_RUN = ["python manage.py migrate", "python manage.py runserver"]
OWN = ['psql -U postgres -c "CREATE ROLE shop"', "redis-cli ping"]
COMPOSE = "docker compose up -d --wait db redis   # the services"


def machine(uv: bool, docker: bool) -> Machine:
    return Machine({"uv": uv, "docker": docker})


def test_a_machine_with_everything_gets_the_first_block() -> None:
    steps = for_machine(README, machine(uv=True, docker=True))
    assert steps.steps == {"run": [UV[0], COMPOSE, *UV[1:]], "test": ["uv run pytest"]}
    assert steps.other_paths == (
        'On another machine: without uv, README.md "Or with pip"; without Docker, README.md "Without Docker".'
    )
    assert from_readme(README) == steps.steps  # what the README says first: the path of a machine with every tool


def test_without_docker_the_services_line_is_replaced_in_place() -> None:
    steps = for_machine(README, machine(uv=True, docker=False))
    assert steps.steps["run"] == [UV[0], *OWN, *UV[1:]]
    assert steps.other_paths == (
        'On another machine: without uv, README.md "Or with pip"; '
        "with Docker, `docker compose up -d --wait db redis` instead of the psql and redis-cli lines."
    )


def test_without_uv_the_pip_block() -> None:
    steps = for_machine(README, machine(uv=False, docker=True))
    assert steps.steps == {"run": [*PIP, "docker compose up -d --wait db redis", *PIP_RUN],
                           "test": [". .venv/bin/activate", "python -m pytest"]}  # fmt: skip
    assert steps.other_paths == (
        'On another machine: with uv, README.md "Run it" and "Test"; without Docker, README.md "Without Docker".'
    )


def test_without_uv_or_docker_both() -> None:
    steps = for_machine(README, machine(uv=False, docker=False))
    assert steps.steps["run"] == [*PIP, *OWN, *PIP_RUN]
    assert "with uv" in steps.other_paths
    assert "with Docker, `docker compose up -d --wait db redis` instead of" in steps.other_paths


def test_a_readme_with_one_path_names_no_other() -> None:
    text = "# Shop\n\n## Run it\n\n```sh\n$ pip install -e .\n# a comment\nflask run\n```\n\n## Tests\n\n```\npytest\n```\n"
    steps = for_machine(text, machine(uv=False, docker=False))
    assert steps.steps == {"run": ["pip install -e .", "flask run"], "test": ["pytest"]}
    assert steps.other_paths == ""


def test_programs_are_the_first_word_of_each_chained_command() -> None:
    assert nextsteps.programs("git init --quiet && uv run pre-commit install   # a comment") == {"git", "uv"}
    assert nextsteps.programs("DJANGO_SETTINGS_MODULE=x.local uvicorn x.asgi:application") == {"uvicorn"}
    assert nextsteps.programs("psql -c 'a; b' | cat") == {"psql", "cat"}


def test_probe_counts_a_docker_client_without_an_engine_as_no_docker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A docker client on PATH whose engine does not answer (this machine's case) is no Docker; uv: on PATH or not."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, status in (("docker", 1), ("uv", 0)):
        (bin_dir / name).write_text(f"#!/bin/sh\nexit {status}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    assert probe() == machine(uv=True, docker=False)
    (bin_dir / "docker").write_text('#!/bin/sh\n[ "$1" = info ] && exit 0\nexit 1\n', encoding="utf-8")
    (bin_dir / "uv").unlink()
    assert probe() == machine(uv=False, docker=True)
    assert probe().describe() == "no uv, a Docker engine"


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_the_generated_readmes_hold_every_path(tmp_path: Path, framework: str) -> None:
    """Each machine gets a path from the rendered README, with no docker line left where no engine answers."""
    project = Path(cookiecutter(str(ROOT), no_input=True, output_dir=str(tmp_path), extra_context={
        "framework": framework, "database": "postgresql", "jobs": "celery"}))  # fmt: skip
    text = (project / "README.md").read_text(encoding="utf-8")
    for uv in (True, False):
        for docker in (True, False):
            steps = for_machine(text, machine(uv=uv, docker=docker)).steps
            commands = [*steps["run"], *steps["test"]]
            ran = set().union(*map(nextsteps.programs, commands))
            assert ("uv" in ran) is uv, commands
            assert ("docker" in ran) is docker, commands
            assert any(command.startswith("psql ") for command in commands) is not docker
            assert any(command.startswith("redis-cli ping") for command in commands) is not docker


def test_the_hook_prints_what_startwise_prints(tmp_path: Path) -> None:
    """Plain cookiecutter's post-generation hook and `startwise new` print the same steps for this machine."""
    done = subprocess.run([sys.executable, "-m", "generator", "new", "--no-input", "-o", str(tmp_path), "--set",
                           "database=postgresql"], capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    steps = for_machine((tmp_path / "my_site" / "README.md").read_text(encoding="utf-8"), probe())
    printed = [line.strip() for line in done.stdout.splitlines()]
    for command in steps.steps["run"]:
        assert command in printed
    assert f"Next steps (for this machine: {probe().describe()})" in printed
    assert steps.other_paths in " ".join(printed)
