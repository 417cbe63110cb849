"""The combination matrix: which projects to generate, and the checks each must pass.

Used by tests/test_matrix.py. Every valid needs x framework x database combination
(``rules.valid_combinations()``) is rendered; the extras (use_celery, use_docker,
ci, license) are spread over them so that every pair of extra values, and every
extra value with each framework, occurs at least once.

Generated projects share a package name, so each one's tools run in a subprocess,
in one virtualenv per framework that holds the union of the dependencies the
full-option projects declare (built once, reused across runs while they stay
the same).
"""

from __future__ import annotations

import ast
import fcntl
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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cookiecutter.main import cookiecutter

from generator import locks, rules
from generator.render import extra_context

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "matrix"
EXTRAS = {
    "use_celery": (True, False),
    "use_docker": (True, False),
    "ci": rules.BY_KEY["ci"].choices,
    "license": rules.BY_KEY["license"].choices,
}


# --------------------------------------------------------------- combinations


def pairwise_rows(params: Mapping[str, tuple[Any, ...]]) -> list[dict[str, Any]]:
    """A small set of rows covering every pair of values of every two parameters.

    Greedy: from the full product, keep taking the row that covers the most pairs
    not yet covered.
    """
    names = list(params)
    uncovered = {
        ((a, va), (b, vb)) for a, b in itertools.combinations(names, 2) for va in params[a] for vb in params[b]
    }
    candidates = [dict(zip(names, values, strict=True)) for values in itertools.product(*params.values())]
    rows: list[dict[str, Any]] = []

    def pairs(row: dict[str, Any]) -> set[tuple[tuple[str, Any], tuple[str, Any]]]:
        return {((a, row[a]), (b, row[b])) for a, b in itertools.combinations(names, 2)}

    while uncovered:
        best = max(candidates, key=lambda row: len(pairs(row) & uncovered))
        rows.append(best)
        uncovered -= pairs(best)
    return rows


def combinations() -> list[dict[str, Any]]:
    """Every valid needs x framework x database combination, with extras spread pairwise."""
    rows = pairwise_rows(EXTRAS)
    combos: list[dict[str, Any]] = []
    for framework in rules.FRAMEWORKS:
        for index, combo in enumerate(rules.valid_combinations([framework])):
            combos.append({**combo, **rows[index % len(rows)]})
        # Free text that needs quoting in Python, TOML, HTML and templates, and the longest package name.
        combos.append({**full_option(framework, "sqlite"), **AWKWARD_IDENTITY})
    return combos


AWKWARD_IDENTITY = {
    "project_name": 'O\'Brien "Q" & Co {{ x }} {% if %} \\ \u00d7',
    "project_slug": "a" * (rules.MAX_SLUG - 5) + "_site",
    "description": 'Say "hi" \\o/ <b>bold</b> {# not a comment #} """',
    "author_name": "Zoë O'Brien \\ {{",
    "author_email": 'zoë."q\\{{"@example.com',
    "license": "Apache-2.0",
}


def combo_id(combo: Mapping[str, Any]) -> str:
    """A short readable test id: framework-database-needs-extras."""
    flags = "".join(
        letter if combo[key] else "-"
        for key, letter in (("use_orm", "o"), ("use_admin", "a"), ("use_auth", "u"), ("use_async", "s"),
                            ("use_api", "p"), ("use_celery", "c"), ("use_docker", "d"))
    )  # fmt: skip
    name = "" if combo["project_slug"] == "my_site" else "-awkward-identity"
    return f"{combo['framework']}-{combo['database'] if combo['use_orm'] else 'nodb'}-{flags}-{combo['ci']}{name}"


def full_option(framework: str, database: str) -> dict[str, Any]:
    """Every need and extra switched on."""
    needs = {key: True for key in ("use_orm", "use_admin", "use_auth", "use_async", "use_api")}
    return rules.complete(
        {**needs, "use_celery": True, "use_docker": True, "framework": framework, "database": database}
    )


# ------------------------------------------------------------------ rendering


def render(answers: Mapping[str, Any], output_dir: Path) -> Path:
    """Render one project through cookiecutter (the one rendering path), free text kept as text."""
    context = {key: rules.yes_no(v) if isinstance(v, bool) else v for key, v in extra_context(answers).items()}
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
        "MYPY_CACHE_DIR": str(CACHE / f"mypy-{os.environ.get('PYTEST_XDIST_WORKER', 'gw0')}"),
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


def build_env(framework: str, scratch: Path) -> Env:
    """The shared venv for ``framework``: built on first use, reused while its requirements hold.

    It holds every package of the framework's superset lock at its locked version (hash-checked):
    each generated project's uv.lock is a part of that lock, so the matrix tests what users get.
    """
    text = locks.superset_export(ROOT / f"template-{framework}")
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    venv = CACHE / f"venv-{framework}-{digest}"
    with locked(CACHE / f"venv-{framework}.lock"):
        if not (venv / "ready").exists():
            shutil.rmtree(venv, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
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
    ("use_celery", (False,), r"celery", r"celery"),
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
