"""The combination matrix: which projects to generate, and the checks each must pass.

Used by tests/test_matrix.py. The options multiply (about 31,000 valid answer sets, free
text aside), so the matrix covers the space in two tiers, both computed from the contract
(every non-text question startwise asks is a dimension, so a new option joins by itself):

- **rendered** (:func:`rendered_rows`): every valid needs x framework x database combination,
  each given the values of the other options that meet the most combinations not met yet,
  and more rows until every three option values that a valid project can hold together
  meet in at least one project (every pair, for the license). Each is rendered and checked
  statically: leftovers of unchosen options, undeclared imports, ruff, the lock, the
  schemas of its CI and compose files.
- **full** (:func:`full_rows`): for each framework, projects in which every two values of the
  options that change what the project's own tools run meet at least once (the license
  and the CI service only change files the rendered tier checks), plus each framework's
  defaults and its full-option project with free text that needs quoting everywhere. Each
  is linted, pre-commit'ed, migrated and tested, on the real database servers.

Generated projects share a package name, so each one's tools run in a subprocess,
in one virtualenv per framework that holds the union of the dependencies the
full-option projects declare (built once, reused across runs while they stay
the same).
"""

from __future__ import annotations

import ast
import fcntl
import functools
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cookiecutter.main import cookiecutter

from generator import locks, rules
from generator.render import extra_context
from tests.helpers import project_python

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "matrix"

# --------------------------------------------------------------- combinations

# Every yes/no or choice question startwise asks, with the values a project can hold.
DIMENSIONS: dict[str, tuple[Any, ...]] = {
    q.key: tuple(rules.FRAMEWORKS if q.key == "framework" else q.values) for q in rules.ASKED if q.kind != rules.TEXT
}
NEEDS = ("framework", *rules.NEEDS)
# Options that only change files the rendered tier checks in full (LICENSE, the CI file).
FILES_ONLY = ("license", "ci")
Row = dict[str, Any]


def normal(row: Mapping[str, Any]) -> Row:
    """A row with every question that does not apply at its default (it changes nothing then)."""
    result = dict(row)
    for key in DIMENSIONS:
        if rules.BY_KEY[key].applies and not rules.applies(key, result):
            result[key] = rules.BY_KEY[key].default
    return result


@functools.cache
def valid_rows() -> tuple[Row, ...]:
    """Every valid combination of the dimensions' values, each once (questions that do not apply at default)."""
    free = {key: DIMENSIONS[key] for key in FILES_ONLY}  # no rule reads them
    shaped = [key for key in DIMENSIONS if key not in free]
    seen: set[tuple[Any, ...]] = set()
    rows: list[Row] = []
    for values in itertools.product(*(DIMENSIONS[key] for key in shaped)):
        row = normal(dict(zip(shaped, values, strict=True)))
        marker = tuple(row.values())
        if marker in seen or rules.rule_errors(rules.complete(row)):
            continue
        seen.add(marker)
        for extra in itertools.product(*free.values()):
            rows.append({**row, **dict(zip(free, extra, strict=True))})
    return tuple(rows)


def targets(rows: Iterable[Row], groups: Iterable[Sequence[str]]) -> set[tuple[tuple[str, Any], ...]]:
    """The value combinations of each group of dimensions that some row holds."""
    groups = list(groups)
    return {tuple((key, row[key]) for key in group) for row in rows for group in groups}


def cover(rows: Sequence[Row], groups: Sequence[Sequence[str]], forced: Iterable[Sequence[int]] = ()) -> list[Row]:
    """Rows that together hold every value combination of every group that any of ``rows`` holds.

    Greedy: first the best row of each ``forced`` set of candidate indexes (every set
    gets one row), then the row that holds the most combinations not yet held, until
    none is left. Each row's combinations are the bits of an int (a combination's bit:
    its group's offset plus the values' mixed-radix index), so a step is a few thousand ANDs.
    """
    keys = list(DIMENSIONS)
    terms: list[tuple[int, list[tuple[int, int]]]] = []  # per group: offset, (dimension, weight) pairs
    position = 0
    for group in groups:
        sizes = [len(DIMENSIONS[key]) for key in group]
        weights = [functools.reduce(int.__mul__, sizes[i + 1 :], 1) for i in range(len(group))]
        terms.append((position, [(keys.index(key), w) for key, w in zip(group, weights, strict=True)]))
        position += functools.reduce(int.__mul__, sizes, 1)

    def bits(row: Row) -> int:
        code = [DIMENSIONS[key].index(row[key]) for key in keys]
        return sum({1 << (offset + sum(code[d] * w for d, w in pairs)) for offset, pairs in terms})

    masks = [bits(row) for row in rows]
    open_bits = functools.reduce(int.__or__, masks, 0)
    chosen: list[int] = []

    def take(candidates: Iterable[int]) -> None:
        nonlocal open_bits
        best = max(candidates, key=lambda i: (masks[i] & open_bits).bit_count())
        chosen.append(best)
        open_bits &= ~masks[best]

    for candidates in forced:
        take(candidates)
    while open_bits:
        take(range(len(rows)))
    return [rows[i] for i in chosen]


def rendered_groups() -> list[tuple[str, ...]]:
    """Every three dimensions but the license."""
    return list(itertools.combinations([key for key in DIMENSIONS if key != "license"], 3))


def full_groups() -> list[tuple[str, ...]]:
    """Every two dimensions that change what a project's own tools run, the framework apart."""
    keys = [key for key in DIMENSIONS if key not in (*FILES_ONLY, "framework")]
    return list(itertools.combinations(keys, 2))


def unique(rows: Iterable[Row], keys: Iterable[str]) -> list[Row]:
    """The first row of each distinct combination of ``keys``' values."""
    keys = list(keys)
    found: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        found.setdefault(tuple(row[key] for key in keys), row)
    return list(found.values())


@functools.cache
def rendered_rows() -> tuple[Row, ...]:
    """Every needs x framework x database combination, and every three values together (see the module).

    The license, which changes one file, is then given to each row so that every license meets
    every value of every other option (a copy of a row with another license where the rows run out).
    """
    others = [key for key in DIMENSIONS if key != "license"]
    rows = unique(valid_rows(), others)
    by_needs: dict[tuple[Any, ...], list[int]] = {}
    for i, row in enumerate(rows):
        by_needs.setdefault(tuple(row[key] for key in NEEDS), []).append(i)
    chosen = cover(rows, rendered_groups(), by_needs.values())
    wanted = {(license_, key, row[key]) for row in chosen for key in others for license_ in DIMENSIONS["license"]}

    def met(license_: str, row: Row) -> set[tuple[str, str, Any]]:
        return {(license_, key, row[key]) for key in others} & wanted

    result: list[Row] = []
    for row in chosen:
        best = max(DIMENSIONS["license"], key=lambda license_: len(met(license_, row)))
        wanted -= met(best, row)
        result.append({**row, "license": best})
    while wanted:
        license_, key, value = min(wanted, key=str)
        row = next(row for row in chosen if row[key] == value)
        wanted -= met(license_, row)
        result.append({**row, "license": license_})
    return tuple(rules.complete(row) for row in result)


@functools.cache
def full_rows() -> tuple[Row, ...]:
    """For each framework, every two values together; its defaults; its full-option awkward project."""
    result: list[Row] = []
    for framework in rules.FRAMEWORKS:
        rows = unique((row for row in valid_rows() if row["framework"] == framework), full_groups_keys())
        spread = itertools.cycle(itertools.product(*(DIMENSIONS[key] for key in FILES_ONLY)))
        for row in cover(rows, full_groups()):
            result.append(rules.complete({**row, **dict(zip(FILES_ONLY, next(spread), strict=True))}))
        result.append(rules.complete({"framework": framework}))
        # Free text that needs quoting in Python, TOML, HTML and templates, and the longest package name.
        result.append({**full_option(framework, "sqlite"), **AWKWARD_IDENTITY})
    return tuple(result)


def full_groups_keys() -> list[str]:
    """The dimensions the full tier covers (with the framework)."""
    return [key for key in DIMENSIONS if key not in FILES_ONLY]


AWKWARD_IDENTITY = {
    "project_name": 'O\'Brien "Q" & Co {{ x }} {% if %} \\ \u00d7',
    "project_slug": "a" * (rules.MAX_SLUG - 5) + "_site",
    "description": 'Say "hi" \\o/ <b>bold</b> {# not a comment #} """',
    "author_name": "Zoë O'Brien \\ {{",
    "author_email": 'zoë."q\\{{"@example.com',
    "license": "Apache-2.0",
}

FLAGS = (("use_orm", "o"), ("use_admin", "a"), ("use_auth", "u"), ("use_async", "s"), ("use_api", "p"),
         ("use_docker", "d"))  # fmt: skip


def combo_id(combo: Mapping[str, Any]) -> str:
    """A short readable test id: framework[-lts]-database-needs-jobs-frontend-deploy-ci-license."""
    flags = "".join(letter if combo[key] else "-" for key, letter in FLAGS)
    release = "-lts" if combo["framework"] == "django" and combo["django_release"] == "lts" else ""
    name = "" if combo["project_slug"] == "my_site" else "-awkward-identity"
    database = combo["database"] if combo["use_orm"] else "nodb"
    return (
        f"{combo['framework']}{release}-{database}-{flags}-{combo['jobs']}-{combo['frontend']}-{combo['deploy']}"
        f"-{combo['ci']}-{combo['license']}{name}"
    )


def full_option(framework: str, database: str) -> dict[str, Any]:
    """Every need and extra switched on."""
    needs = {key: True for key in rules.NEEDS if rules.BY_KEY[key].kind == rules.BOOLEAN}
    return rules.complete({**needs, "jobs": "celery", "use_docker": True, "framework": framework, "database": database})


# ------------------------------------------------------------------ rendering


def render(answers: Mapping[str, Any], output_dir: Path) -> Path:
    """Render one project through cookiecutter (the one rendering path), free text kept as text."""
    context = {key: rules.say(v) if isinstance(v, bool) else v for key, v in extra_context(answers).items()}
    config = output_dir / "cookiecutter-config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        f"cookiecutters_dir: {json.dumps(str(output_dir / 'cc'))}\nreplay_dir: {json.dumps(str(output_dir / 'replay'))}\n"
    )
    return Path(
        cookiecutter(
            str(ROOT),
            no_input=True,
            extra_context=context,
            output_dir=str(output_dir),
            config_file=str(config),
        )
    )


def pyproject(project: Path) -> dict[str, Any]:
    """The generated project's parsed pyproject.toml."""
    data: dict[str, Any] = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    return data


def requirement_name(requirement: str) -> str:
    """The normalised distribution name of a PEP 508 requirement."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, f"unreadable requirement {requirement!r}"
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def declared(project: Path) -> tuple[list[str], list[str]]:
    """The runtime dependencies and the ``dev`` extra, as requirement strings."""
    meta = pyproject(project)["project"]
    return list(meta.get("dependencies", [])), list(meta.get("optional-dependencies", {}).get("dev", []))


# --------------------------------------------------------------- environments


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (so parallel workers build a venv once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Env:
    """A virtualenv holding what every generated project of one framework needs."""

    path: Path
    modules: Mapping[str, list[str]]  # import name -> distributions providing it

    @property
    def bin(self) -> Path:
        return self.path / "bin"

    def environ(self, scratch: Path, **extra: str) -> dict[str, str]:
        """The environment a generated project's commands run in with this venv."""
        return project_environ(self.path, scratch, **extra)


def project_environ(venv: Path, scratch: Path, **extra: str) -> dict[str, str]:
    """os.environ for a generated project's commands: ``venv`` first on PATH, nothing of ours leaking in.

    pip uses the suite's cache; Celery a Redis database of this worker's; pytest a temp
    root under ``scratch`` (concurrent sessions sharing one race in its clean-up).
    """
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE"}}
    temproot = scratch / "temproot"
    temproot.mkdir(parents=True, exist_ok=True)
    env |= {
        "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        "VIRTUAL_ENV": str(venv),
        "PIP_CACHE_DIR": str(CACHE / "pip"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "CELERY_BROKER_URL": redis_url(),
        "CELERY_RESULT_BACKEND": redis_url(),
        "PYTEST_DEBUG_TEMPROOT": str(temproot),
        # mypy's cache of the stubs, shared by the projects one worker checks with this venv.
        "MYPY_CACHE_DIR": str(CACHE / "mypy" / f"{venv.name}-{os.environ.get('PYTEST_XDIST_WORKER', 'gw0')}"),
    }
    return env | extra


def check_run(args: list[str], cwd: Path, env: Mapping[str, str], timeout: int = 900) -> str:
    """Run a command of a generated project; its output, or an AssertionError that shows it."""
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, (
        f"`{' '.join(args)}` failed in {cwd.name} ({result.returncode}):\n"
        f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    )
    return result.stdout


def track_of(combo: Mapping[str, Any]) -> str | None:
    """The release track of a row (its superset lock), or None for a framework without tracks."""
    framework = combo["framework"]
    return str(combo[locks.TRACKS[framework]]) if framework in locks.TRACKS else None


def env_key(framework: str, track: str | None) -> str:
    """The name of a shared venv: ``django-current``, ``django-lts``, ``flask``."""
    return f"{framework}-{track}" if track else framework


def env_for(envs: Mapping[str, Env], combo: Mapping[str, Any]) -> Env:
    """The shared venv a row's project runs in."""
    return envs[env_key(combo["framework"], track_of(combo))]


def build_all_envs(scratch: Path) -> dict[str, Env]:
    """One shared venv per framework and release track."""
    return {
        env_key(framework, track): build_env(framework, scratch, track)
        for framework in rules.FRAMEWORKS
        for track in locks.tracks(framework)
    }


def build_env(framework: str, scratch: Path, track: str | None = None) -> Env:
    """The shared venv for ``framework`` (and ``track``): built on first use, reused while its requirements hold.

    It holds every package of the superset lock at its locked version (hash-checked), on the
    oldest Python of this machine that the lock's requires-python allows: each generated
    project's uv.lock is a part of that lock, so the matrix tests what users get.
    """
    layer = ROOT / f"template-{framework}"
    text = locks.superset_export(layer, track)
    python = project_python(locks.superset_folders(layer)[track])
    digest = hashlib.sha256((python + text).encode()).hexdigest()[:12]
    name = env_key(framework, track)
    venv = CACHE / f"venv-{name}-{digest}"
    with locked(CACHE / f"venv-{name}.lock"):
        if not (venv / "ready").exists():
            shutil.rmtree(venv, ignore_errors=True)
            subprocess.run([python, "-m", "venv", str(venv)], check=True)
            (venv / "requirements.txt").write_text(text)
            pip_env = {**os.environ, "PIP_CACHE_DIR": str(CACHE / "pip"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
            install = ["install", "-q", "--require-hashes", "--no-deps", "-r", str(venv / "requirements.txt")]
            subprocess.run(
                [str(venv / "bin" / "python"), "-m", "pip", *install],
                check=True,
                env=pip_env,
            )
            (venv / "ready").write_text(digest)
    script = "import importlib.metadata as m, json; print(json.dumps(m.packages_distributions()))"
    out = subprocess.run([str(venv / "bin" / "python"), "-c", script], check=True, capture_output=True, text=True)
    modules = json.loads(out.stdout)
    return Env(venv, modules)


# ------------------------------------------------------------- static checks


def local_modules(project: Path) -> set[str]:
    """Top-level modules and packages that belong to the project itself."""
    names = {p.stem for p in project.glob("*.py")}
    names |= {p.parent.name for p in project.glob("*/__init__.py")}
    names |= {p.name for p in project.iterdir() if p.is_dir() and any(p.rglob("*.py"))}
    return names


def is_test_file(path: Path) -> bool:
    """Test code may import the dev extra; everything else only runtime dependencies."""
    return "tests" in path.parts or path.name == "conftest.py" or path.name.startswith("test_")


def undeclared_imports(project: Path, env: Env) -> list[str]:
    """Third-party imports that no declared dependency provides."""
    runtime, dev = declared(project)
    runtime_names = {requirement_name(r) for r in runtime}
    dev_names = runtime_names | {requirement_name(r) for r in dev}
    local = local_modules(project)
    problems: list[str] = []
    for path in sorted(project.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        allowed = dev_names if is_test_file(path.relative_to(project)) else runtime_names
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in local or top == "__future__":
                    continue
                providers = {re.sub(r"[-_.]+", "-", d).lower() for d in env.modules.get(top, [])}
                if not providers & allowed:
                    where = path.relative_to(project)
                    kind = "dev extra or dependencies" if allowed is dev_names else "dependencies"
                    problems.append(f"{where}: imports {top} (from {sorted(providers) or 'nothing installed'}) "
                                    f"not declared in [project] {kind}")  # fmt: skip
    return problems


# What must not appear when an option is off: (key, values that mean "off",
# pattern on paths, pattern on contents). Checked by content, independently of
# the layer manifests. Markdown and the answers record name every option by design.
UNCHOSEN: tuple[tuple[str, tuple[Any, ...], str | None, str | None], ...] = (
    ("jobs", ("none", "tasks"), r"celery", r"celery"),
    ("use_docker", (False,), r"docker|compose\.ya?ml", r"docker"),
    ("ci", ("gitlab", "none"), r"^\.github(/|$)", None),
    ("ci", ("github", "none"), r"^\.gitlab-ci\.yml$", None),
    ("use_api", (False,), None, r"rest_framework|ninja|spectacular|smorest|marshmallow|openapi"),
    ("use_async", (False,), None, r"async def|uvicorn"),
    ("use_auth", (False,), None, r"signup|sign_up|password_reset|flask_login|flask_security|allauth|flask_mailman"),
    ("use_admin", (False,), None, r"django\.contrib\.admin|admin\.site|flask_admin"),
    ("use_orm", (False,), r"(^|/)migrations(/|$)", r"sqlalchemy|database_url|models\.Model"),
    ("database", ("sqlite", "mysql"), None, r"psycopg|postgres"),
    ("database", ("sqlite", "postgresql"), None, r"pymysql|mysqlclient|mysql|mariadb"),
)
NOT_SCANNED = re.compile(r"(\.md|^\.startwise\.yml|^LICENSE)$")


def leftovers_of_unchosen_options(project: Path, answers: Mapping[str, Any]) -> list[str]:
    """Files or texts that belong to options the answers did not choose."""
    problems: list[str] = []
    files = [p for p in sorted(project.rglob("*")) if p.is_file()]
    for key, off_values, path_pattern, text_pattern in UNCHOSEN:
        if answers[key] not in off_values:
            continue
        if key == "database" and not answers["use_orm"]:
            continue
        for path in files:
            relative = path.relative_to(project).as_posix()
            if path_pattern and re.search(path_pattern, relative, re.IGNORECASE):
                problems.append(f"{relative}: present with {key}={answers[key]}")
                continue
            if not text_pattern or NOT_SCANNED.search(relative):
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            found = re.search(text_pattern, text, re.IGNORECASE)
            if found:
                line = text.count("\n", 0, found.start()) + 1
                problems.append(f"{relative}:{line}: mentions {found.group(0)!r} with {key}={answers[key]}")
    return problems


# ---------------------------------------------------------------- services


def _run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False, **kwargs)


def service_answers(database: str) -> bool:
    """True when the local server for ``database`` accepts a trivial query."""
    if database == "postgresql":
        return _run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "select 1"]).returncode == 0
    if database == "mysql":
        return _run(["mariadb", "-h", "127.0.0.1", "-uroot", "-e", "select 1"]).returncode == 0
    if database == "redis":
        return _run(["redis-cli", "-h", "127.0.0.1", "ping"]).stdout.strip() == "PONG"
    return True


# The URL form each framework's projects take in DATABASE_URL.
URL_SCHEMES = {
    ("django", "postgresql"): "postgres://postgres@127.0.0.1:5432/{name}",
    ("django", "mysql"): "mysql://root@127.0.0.1:3306/{name}",
    # The plain forms hosting platforms hand out; the project names its own driver.
    ("flask", "postgresql"): "postgres://postgres@127.0.0.1:5432/{name}",
    ("flask", "mysql"): "mysql://root@127.0.0.1:3306/{name}",
}


@contextmanager
def fresh_database(framework: str, database: str) -> Iterator[str | None]:
    """Create a database of its own for one run, yield its URL, drop it after."""
    if database == "sqlite":
        yield None
        return
    name = f"sw_{uuid.uuid4().hex[:12]}"
    if database == "postgresql":
        create = ["createdb", "-h", "127.0.0.1", "-U", "postgres", name]
        drop = ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", name]
        drop_test = ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", f"test_{name}"]
    else:
        sql = f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        create = ["mariadb", "-h", "127.0.0.1", "-uroot", "-e", sql]
        drop = ["mariadb", "-h", "127.0.0.1", "-uroot", "-e", f"DROP DATABASE IF EXISTS {name}"]
        drop_test = ["mariadb", "-h", "127.0.0.1", "-uroot", "-e", f"DROP DATABASE IF EXISTS test_{name}"]
    result = _run(create)
    assert result.returncode == 0, f"could not create database {name}: {result.stderr}"
    try:
        yield URL_SCHEMES[framework, database].format(name=name)
    finally:
        _run(drop)
        _run(drop_test)


def redis_url() -> str:
    """A Redis database of its own for each parallel test worker (1..15)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = int(re.sub(r"\D", "", worker) or 0) % 15 + 1
    return f"redis://127.0.0.1:6379/{index}"
