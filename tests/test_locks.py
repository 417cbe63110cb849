"""The lock files of generated projects (generator/locks.py), checked by uv itself, offline.

Each framework's superset lock must be current with the template's requirements, and the
lock pruned from it for every distinct set of requirements a project can declare must be
one uv accepts as up to date (offline, with an empty cache: uv cannot re-resolve), byte
for byte, with pip exports equal to ``uv export``'s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from generator import locks, rules
from tests.helpers import project_python

ROOT = Path(__file__).resolve().parent.parent
UV = Path(sys.executable).with_name("uv")
FRAMEWORKS = rules.FRAMEWORKS


def uv(args: list[str], cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UV_") and k != "VIRTUAL_ENV"}
    # Offline through the environment: uv export writes its command line into the file.
    env |= {"UV_CACHE_DIR": str(cache), "UV_OFFLINE": "1", "UV_PYTHON_DOWNLOADS": "never", "UV_NO_CONFIG": "1"}
    project = Path(args[args.index("--project") + 1]) if "--project" in args else cwd
    env["UV_PYTHON"] = project_python(project)
    return subprocess.run([str(UV), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


def distinct_projects(framework: str) -> list[tuple[dict[str, Any], str]]:
    """One (answers, rendered pyproject.toml) per distinct set of declared requirements."""
    seen: dict[str, tuple[dict[str, Any], str]] = {}
    template = locks._pyproject_template(framework, ROOT)
    for answers in locks._variants(framework):
        text = template.render(cookiecutter=rules.template_context(answers))
        project = tomllib.loads(text)["project"]
        key = json.dumps([project.get("dependencies"), project.get("optional-dependencies")], sort_keys=True)
        seen.setdefault(key, (answers, text))
    return list(seen.values())


FRAMEWORK_TRACKS = [(framework, track) for framework in FRAMEWORKS for track in locks.tracks(framework)]


@pytest.mark.parametrize(("framework", "track"), FRAMEWORK_TRACKS)
def test_superset_lock_is_current(framework: str, track: str | None, tmp_path: Path) -> None:
    folder = locks.superset_folder(framework, track, ROOT)
    assert locks.superset_folders(ROOT / f"template-{framework}")[track] == folder
    written = (folder / "pyproject.toml").read_text(encoding="utf-8")
    assert written == locks.superset_pyproject(framework, track=track), (
        f"template-{framework}'s requirements changed: run `python -m generator.locks` (needs the network)"
    )
    result = uv(["lock", "--check", "--project", str(folder)], folder, tmp_path / "cache")
    assert result.returncode == 0, result.stderr


def test_each_django_track_has_its_own_lock() -> None:
    """django_release=current is Django 6.1, lts 5.2: one superset lock each (one lock cannot hold both)."""
    versions = {
        track: next(p.data["version"] for p in locks.superset_lock(ROOT / "template-django", track).packages
                    if p.name == "django")
        for track in locks.tracks("django")
    }  # fmt: skip
    assert versions["current"].startswith("6.1.") and versions["lts"].startswith("5.2."), versions


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_pruned_lock_is_accepted_by_uv_as_is(framework: str, tmp_path: Path) -> None:
    layer = ROOT / f"template-{framework}"
    projects = distinct_projects(framework)
    assert len(projects) > 10  # the options do change the requirements
    cache = tmp_path / "empty-cache"

    def check(index: int, text: str) -> list[str]:
        folder = tmp_path / f"p{index}"
        folder.mkdir()
        (folder / "pyproject.toml").write_text(text, encoding="utf-8")
        made = {name: (folder / name).read_text(encoding="utf-8") for name in locks.write_project_files(folder, layer)}
        problems = []
        # Offline with an empty cache: uv can only accept the lock as it is, or fail.
        result = uv(["lock", "--project", str(folder)], folder, cache)
        if result.returncode or (folder / locks.LOCK).read_text(encoding="utf-8") != made[locks.LOCK]:
            problems.append(f"p{index}: uv lock rejected or rewrote uv.lock: {result.stderr[-2000:]}")
        for name, extras in ((locks.REQUIREMENTS, []), (locks.REQUIREMENTS_DEV, [locks.DEV])):
            command = locks.export_command(name, extras).split()[1:]
            result = uv(command, folder, cache)
            if result.returncode or (folder / name).read_text(encoding="utf-8") != made[name]:
                problems.append(f"p{index}: uv export wrote another {name}: {result.stderr[-2000:]}")
        return problems

    with ThreadPoolExecutor(max_workers=4) as pool:
        found = pool.map(check, range(len(projects)), [text for _, text in projects])
        problems = [problem for problems in found for problem in problems]
    assert problems == []


def test_a_project_gets_only_what_it_reaches(tmp_path: Path) -> None:
    superset = locks.superset_lock(ROOT / "template-flask")
    _, text = next(
        (a, t) for a, t in distinct_projects("flask") if not a["use_celery"] and not a["use_async"] and a["use_orm"]
    )
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    locks.write_project_files(tmp_path, ROOT / "template-flask")
    lock = locks.Lock.parse((tmp_path / locks.LOCK).read_text(encoding="utf-8"))
    names = {p.name for p in lock.packages}
    assert {"celery", "kombu", "asgiref"} <= {p.name for p in superset.packages}
    assert not names & {"celery", "kombu", "asgiref"}  # celery's and Flask[async]'s, not chosen
    flask = next(p for p in lock.packages if p.name == "flask")
    assert "async" not in flask.data.get("optional-dependencies", {})
    assert "[package.optional-dependencies]" not in flask.text
    runtime = (tmp_path / locks.REQUIREMENTS).read_text(encoding="utf-8")
    dev = (tmp_path / locks.REQUIREMENTS_DEV).read_text(encoding="utf-8")
    assert "\nflask==" in runtime and "\npytest==" not in runtime and "\npytest==" in dev
    assert all(line.strip().startswith(("--hash=sha256:", "#")) or "==" in line for line in runtime.splitlines())


def test_a_stale_superset_is_refused(tmp_path: Path) -> None:
    _, text = distinct_projects("django")[0]
    for changed in (
        text.replace('"Django>=6.1,<6.2"', '"Django>=6.1.1,<6.2"'),
        text.replace('"pytest>=8.3,<10.0",', '"pytest>=8.3,<10.0",\n    "hypothesis>=6",'),
    ):
        assert changed != text
        (tmp_path / "pyproject.toml").write_text(changed, encoding="utf-8")
        with pytest.raises(locks.LockError, match=r"python -m generator\.locks"):
            locks.write_project_files(tmp_path, ROOT / "template-django")


def test_complementary_python_bounds_cancel_as_uv_simplifies_them() -> None:
    below = frozenset({frozenset({"python_full_version < '3.12'"})})
    above = frozenset({frozenset({"python_full_version >= '3.12'"})})
    assert locks._marker_text(locks._or(below, above)) == ""
    # With a shared condition, only the condition is left.
    linux = "sys_platform == 'linux'"
    both = locks._or(locks._and(below, linux), locks._and(above, linux))
    assert locks._marker_text(both) == linux
    # Bounds at different versions do not cancel.
    other = frozenset({frozenset({"python_full_version >= '3.13'"})})
    assert locks._marker_text(locks._or(below, other)) != ""


def test_reserved_package_names_follow_the_locks() -> None:
    """rules.DEPENDENCY_NAMES is written from the superset locks: a lock change without a rerun fails here."""
    assert locks.NAMES_MODULE.read_text(encoding="utf-8") == locks.dependency_names_module(ROOT)
    for distribution in locks.locked_distributions(ROOT):
        assert set(locks.import_names(distribution)) <= rules.DEPENDENCY_NAMES
    assert {"django", "flask", "rest_framework", "allauth", "flask_security", "yaml"} <= rules.DEPENDENCY_NAMES
    assert "ninja" not in rules.DEPENDENCY_NAMES  # no template uses it
