"""Render every valid combination, then lint, migrate and test each generated project.

Run just this with ``pytest -m matrix``; skip it with ``-m "not matrix"``. The
PostgreSQL and MySQL rows use the real local servers, each run in a database
of its own; without the server they skip, except in CI (``CI`` set), where
they fail.
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from generator import locks, rules
from generator.nextsteps import from_readme
from tests import matrix

pytestmark = pytest.mark.matrix

COMBOS = list(matrix.full_rows())
RENDERED = list(matrix.rendered_rows())
# No Docker engine or CI runner here: the files are checked against their official
# schemas (vendored by check-jsonschema, so offline).
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
SCHEMAS = {
    "compose.yaml": "vendor.compose-spec",
    ".github/workflows/ci.yml": "vendor.github-workflows",
    ".gitlab-ci.yml": "vendor.gitlab-ci",
    ".github/dependabot.yml": "vendor.dependabot",
    "renovate.json": "vendor.renovate",
}
IN_CI = bool(os.environ.get("CI"))
UV = Path(sys.executable).with_name("uv")


@pytest.fixture(scope="session")
def envs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, matrix.Env]:
    """One shared virtualenv per framework and release track."""
    return matrix.build_all_envs(tmp_path_factory.mktemp("envs"))


def need_service(name: str) -> None:
    if matrix.service_answers(name):
        return
    message = f"{name} does not answer on 127.0.0.1 (see ../shared/services.md to start it)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def test_reserved_names_hold_every_installed_module(envs: dict[str, matrix.Env]) -> None:
    """The superset venvs install every locked package: each top-level module it brings is a reserved slug."""

    def normal(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    locked = {normal(name) for name in locks.locked_distributions(matrix.ROOT)}
    for env in envs.values():
        for module, distributions in env.modules.items():
            if not module.startswith("_") and module.isidentifier() and {normal(d) for d in distributions} & locked:
                assert module in rules.DEPENDENCY_NAMES, (module, distributions, "add it to locks.IMPORT_NAMES")


def test_every_needs_combination_is_rendered() -> None:
    rendered = {tuple(row[key] for key in matrix.NEEDS) for row in RENDERED}
    expected = {tuple(row[key] for key in matrix.NEEDS) for row in rules.valid_combinations()}
    assert rendered == expected


def test_every_row_is_a_valid_project() -> None:
    for row in (*RENDERED, *COMBOS):
        assert rules.errors(row) == [], matrix.combo_id(row)


def held(rows: list[dict[str, Any]], size: int, keys: list[str]) -> set[tuple[tuple[str, Any], ...]]:
    return {tuple((key, row[key]) for key in group) for row in rows for group in itertools.combinations(keys, size)}


def test_rendered_projects_meet_every_three_values_a_project_can_hold() -> None:
    others = [key for key in matrix.DIMENSIONS if key != "license"]
    possible = matrix.unique(matrix.valid_rows(), others)
    assert held(possible, 3, others) <= held(list(RENDERED), 3, others)
    licenses = {(row["license"], key, row[key]) for row in RENDERED for key in others}
    values = {(key, row[key]) for row in possible for key in others}
    assert licenses == {(license_, *value) for license_ in matrix.DIMENSIONS["license"] for value in values}


def test_full_projects_meet_every_two_values_of_each_framework() -> None:
    keys = [key for key in matrix.DIMENSIONS if key not in (*matrix.FILES_ONLY, "framework")]
    for framework in rules.FRAMEWORKS:
        possible = [row for row in matrix.valid_rows() if row["framework"] == framework]
        tested = [row for row in COMBOS if row["framework"] == framework]
        assert held(possible, 2, keys) <= held(tested, 2, keys), framework
        assert rules.complete({"framework": framework}) in tested  # what most users get


def test_both_django_release_tracks_are_generated_and_tested() -> None:
    """Django 6.1 (current, the default) and 5.2 LTS: each track's projects run in its own venv."""
    full = [row for row in matrix.full_rows() if row["framework"] == "django"]
    assert {row["django_release"] for row in full} == {"current", "lts"}
    assert {matrix.env_key("django", matrix.track_of(row)) for row in full} == {"django-current", "django-lts"}


def start_services(combo: dict[str, Any]) -> None:
    if combo["use_orm"] and combo["database"] != "sqlite":
        need_service(combo["database"])
    if "redis" in rules.derive(combo)["__services"]:
        need_service("redis")


@pytest.mark.parametrize("combo", RENDERED, ids=matrix.combo_id)
def test_rendered_project(combo: dict[str, Any], envs: dict[str, matrix.Env], tmp_path: Path) -> None:
    """Rendered and checked without running it: what it holds, ruff, its lock, its CI and compose files."""
    project = matrix.render(combo, tmp_path)
    assert matrix.leftovers_of_unchosen_options(project, combo) == []
    assert matrix.undeclared_imports(project, matrix.env_for(envs, combo)) == []
    env = matrix.env_for(envs, combo).environ(tmp_path)
    matrix.check_run(["ruff", "check", "."], project, env)
    matrix.check_run(["ruff", "format", "--check", "."], project, env)
    matrix.check_run([str(UV), "lock", "--check", "--offline"], project, env)
    for name, schema in SCHEMAS.items():
        if (project / name).exists():
            matrix.check_run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, name], project, env)


@pytest.mark.parametrize("combo", COMBOS, ids=matrix.combo_id)
def test_generated_project(combo: dict[str, Any], envs: dict[str, matrix.Env], tmp_path: Path) -> None:
    """Linted, pre-commit'ed, locked, migrated and tested on the real database servers."""
    framework, database = combo["framework"], combo["database"]
    start_services(combo)
    env_for = matrix.env_for(envs, combo)
    project = matrix.render(combo, tmp_path)

    assert matrix.leftovers_of_unchosen_options(project, combo) == []
    assert matrix.undeclared_imports(project, env_for) == []

    slug = combo["project_slug"]
    with matrix.fresh_database(framework, database if combo["use_orm"] else "sqlite") as url:
        extra = {"DATABASE_URL": url, "TEST_DATABASE_URL": url} if url else {}
        env = env_for.environ(tmp_path, **extra)
        matrix.check_run(["ruff", "check", "."], project, env)
        matrix.check_run(["ruff", "format", "--check", "."], project, env)
        matrix.check_run(["pre-commit", "validate-config", ".pre-commit-config.yaml"], project, env)
        # The hooks run the tools of the project's .venv (here the shared venv), offline.
        (project / ".venv").symlink_to(env_for.path)
        matrix.check_run(["git", "init", "-q"], project, env)
        matrix.check_run(["git", "add", "-A", "--", ".", ":!.venv"], project, env)
        matrix.check_run(["pre-commit", "run", "--all-files"], project, env)
        (project / ".venv").unlink()
        # uv accepts the project's lock as it is, without the network.
        matrix.check_run([str(UV), "lock", "--check", "--offline"], project, env)
        for name, schema in SCHEMAS.items():
            if (project / name).exists():
                matrix.check_run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, name], project, env)
        if combo["use_orm"]:
            if framework == "django":
                matrix.check_run(["python", "manage.py", "makemigrations", "--check", "--dry-run"], project, env)
                matrix.check_run(["python", "manage.py", "migrate", "--noinput"], project, env)
            else:
                matrix.check_run(["flask", "--app", slug, "db", "upgrade"], project, env)
                matrix.check_run(["flask", "--app", slug, "db", "check"], project, env)
        matrix.check_run(["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"], project, env)


# The administrator's client and how it lists a database's tables, per server.
ADMIN = {
    "postgresql": (
        {"PGHOST": "127.0.0.1"},
        lambda name: ["psql", "-U", "postgres", "-d", name, "-tAc",
                      "select table_name from information_schema.tables where table_schema = 'public'"],
        lambda name: [["psql", "-U", "postgres", "-c", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)']
                      for db in (name, f"test_{name}")] + [["psql", "-U", "postgres", "-c", f'DROP ROLE IF EXISTS "{name}"']],
    ),
    "mysql": (
        {"MYSQL_HOST": "127.0.0.1"},
        lambda name: ["mysql", "-uroot", "-N", "-e", f"SHOW TABLES FROM `{name}`"],
        lambda name: [["mysql", "-uroot", "-e", f"DROP DATABASE IF EXISTS `{db}`"] for db in (name, f"test_{name}")]
        + [["mysql", "-uroot", "-e", f"DROP USER IF EXISTS `{name}`@`127.0.0.1`"]],
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("framework", "database", "use_docker"),
    [
        ("django", "postgresql", False),
        ("django", "mysql", True),
        ("flask", "postgresql", True),
        ("flask", "mysql", False),
    ],
)
def test_development_runs_on_the_chosen_database(
    framework: str, database: str, use_docker: bool, envs: dict[str, matrix.Env], tmp_path: Path
) -> None:
    """On a server of one's own, the README's command creates the database .env names, and the project runs on it.

    Without Docker the command is in "Run it" (so in the next steps); with Docker, beside the compose
    db service in the database section. It runs as written (the administrator's client reaches the
    local server through PGHOST/MYSQL_HOST); the project's commands get no DATABASE_URL but .env's.
    """
    need_service(database)
    slug = f"Dev_{uuid.uuid4().hex[:10]}"  # upper case too: PostgreSQL folds unquoted names
    answers = rules.complete(
        {"framework": framework, "database": database, "use_docker": use_docker, "project_slug": slug}
    )
    project = matrix.render(answers, tmp_path)
    name = slug.lower()
    admin_env, tables, drops = ADMIN[database]
    env = {k: v for k, v in matrix.env_for(envs, answers).environ(tmp_path).items() if not k.endswith("DATABASE_URL")}
    readme = (project / "README.md").read_text(encoding="utf-8")
    run = from_readme(readme)["run"]
    creates = sorted({line for line in readme.splitlines() if line.startswith(("psql -U postgres ", "mysql -uroot "))})
    assert len(creates) == 1, readme
    assert (creates[0] in run) is not use_docker
    assert f"/{name}" in (project / ".env").read_text(encoding="utf-8")
    try:
        matrix.check_run(["sh", "-c", creates[0]], project, env | admin_env)
        if framework == "django":
            matrix.check_run(["python", "manage.py", "migrate", "--noinput"], project, env)
            expected = {"django_migrations", "notes_note"}
        else:
            matrix.check_run(["flask", "--app", slug, "db", "upgrade"], project, env)
            expected = {"alembic_version", "notes"}
        assert expected <= set(matrix.check_run(tables(name), project, env | admin_env).split())
        if framework == "django":
            # The project's tests make and drop test_<name> with the project's own (unprivileged) user.
            matrix.check_run(["python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x"], project, env)
    finally:
        for drop in drops(name):
            subprocess.run(drop, env=env | admin_env, capture_output=True, check=False, timeout=60)
