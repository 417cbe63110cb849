"""The answers contract, its consistency rules and the framework recommendation.

This module is the single source of truth for what startwise asks and what it
accepts. It imports only the standard library, so that the cookiecutter hooks can
import it straight from the template checkout (``_repo_dir``) and every entry point
-- plain cookiecutter, the wizard, answers files -- applies the same table.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import product
from typing import Any

BOOLEAN = "bool"
CHOICE = "choice"
TEXT = "text"

TRUE_WORDS = frozenset({"yes", "y", "true", "t", "1", "on"})
FALSE_WORDS = frozenset({"no", "n", "false", "f", "0", "off"})

FRAMEWORKS = ("django", "flask")


@dataclass(frozen=True)
class Question:
    """One key of the answers contract."""

    key: str
    kind: str
    default: Any
    prompt: str
    group: str
    choices: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)


QUESTIONS: tuple[Question, ...] = (
    # identity
    Question("project_name", TEXT, "My Site", "Project name (human-readable)", "identity"),
    Question(
        "project_slug",
        TEXT,
        "{{ cookiecutter.project_name|slugify(separator='_') }}",
        "Python package name (a valid identifier)",
        "identity",
    ),
    Question("description", TEXT, "", "One-line description", "identity"),
    Question("author_name", TEXT, "", "Author name", "identity"),
    Question("author_email", TEXT, "", "Author email", "identity"),
    Question(
        "license",
        CHOICE,
        "MIT",
        "Which license?",
        "identity",
        ("MIT", "BSD-3-Clause", "Apache-2.0", "GPL-3.0-or-later", "Proprietary"),
        {
            "MIT": "MIT (permissive)",
            "BSD-3-Clause": "BSD 3-Clause (permissive)",
            "Apache-2.0": "Apache 2.0 (permissive, with a patent grant)",
            "GPL-3.0-or-later": "GPL 3.0 or later (copyleft)",
            "Proprietary": "Proprietary (all rights reserved)",
        },
    ),
    # needs
    Question(
        "use_orm",
        BOOLEAN,
        True,
        "Does it need a relational database with an ORM and migrations?",
        "needs",
    ),
    Question(
        "database",
        CHOICE,
        "sqlite",
        "Which database in production? (ignored without an ORM)",
        "needs",
        ("sqlite", "postgresql", "mysql"),
        {
            "sqlite": "SQLite (a file, nothing to run)",
            "postgresql": "PostgreSQL",
            "mysql": "MySQL / MariaDB",
        },
    ),
    Question("use_admin", BOOLEAN, True, "Does it need an admin back-office over the data?", "needs"),
    Question(
        "use_auth",
        BOOLEAN,
        True,
        "Does it need user accounts (sign up, log in, password reset)?",
        "needs",
    ),
    Question("use_async", BOOLEAN, False, "Does it need async views?", "needs"),
    Question(
        "use_api",
        BOOLEAN,
        False,
        "Does it need a REST API with an OpenAPI schema?",
        "needs",
    ),
    # framework
    Question(
        "framework",
        CHOICE,
        "auto",
        "Which framework?",
        "framework",
        ("auto", "django", "flask"),
        {
            "auto": "Recommend one from my needs",
            "django": "Django",
            "flask": "Flask",
        },
    ),
    # extras
    Question("use_celery", BOOLEAN, False, "Background tasks with Celery and Redis?", "extras"),
    Question("use_docker", BOOLEAN, True, "A Dockerfile and a compose file?", "extras"),
    Question(
        "ci",
        CHOICE,
        "github",
        "Which continuous integration service?",
        "extras",
        ("github", "gitlab", "none"),
        {"github": "GitHub Actions", "gitlab": "GitLab CI", "none": "None"},
    ),
)

BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}
KEYS: tuple[str, ...] = tuple(BY_KEY)
NEEDS: tuple[str, ...] = tuple(q.key for q in QUESTIONS if q.group == "needs")

# Import names a project package must not shadow: the generated projects' own
# dependencies (and the tools around them), on top of the standard library.
DEPENDENCY_NAMES = frozenset(
    {
        "alembic",
        "asgiref",
        "celery",
        "click",
        "cookiecutter",
        "corsheaders",
        "dj_database_url",
        "django",
        "django_extensions",
        "dotenv",
        "drf_spectacular",
        "environ",
        "flask",
        "flask_admin",
        "flask_login",
        "flask_migrate",
        "flask_smorest",
        "flask_sqlalchemy",
        "flask_wtf",
        "gunicorn",
        "itsdangerous",
        "jinja2",
        "kombu",
        "marshmallow",
        "markupsafe",
        "mypy",
        "ninja",
        "psycopg",
        "psycopg2",
        "pydantic",
        "pymysql",
        "pytest",
        "pytest_django",
        "redis",
        "rest_framework",
        "ruff",
        "sqlalchemy",
        "startwise",
        "uvicorn",
        "werkzeug",
        "whitenoise",
        "wtforms",
        "yaml",
    }
)

# Longer package names push generated lines past the projects' own line length.
MAX_SLUG = 40
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


class AnswerError(ValueError):
    """A value that does not fit its key."""


@dataclass(frozen=True)
class Problem:
    """What is wrong (or worth knowing) about a set of answers."""

    level: str  # "error", "warning" or "notice"
    keys: tuple[str, ...]
    message: str

    def __str__(self) -> str:
        return self.message


# --------------------------------------------------------------------------- values


def to_bool(value: Any, key: str = "value") -> bool:
    """Read a yes/no answer given as a bool or as yes/no/y/n/true/false/1/0."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise AnswerError(f"{key}={value!r} is not a yes/no answer. Use yes or no (or y/n, true/false, 1/0).")


def yes_no(value: bool) -> str:
    """Write a boolean the way the contract spells it."""
    return "yes" if value else "no"


def coerce(key: str, value: Any) -> Any:
    """Check one answer against the contract and return it in its canonical type."""
    question = BY_KEY.get(key)
    if question is None:
        raise AnswerError(f"{key!r} is not a startwise question. Valid keys: {', '.join(KEYS)}.")
    if question.kind == BOOLEAN:
        return to_bool(value, key)
    if question.kind == CHOICE:
        text = str(value).strip()
        if text not in question.choices:
            raise AnswerError(f"{key}={value!r} is not one of the choices. Use one of: {', '.join(question.choices)}.")
        return text
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise AnswerError(f"{key} must be text, got {type(value).__name__} {value!r}.")
    return str(value)


def coerce_all(raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Coerce every contract key found in ``raw``; return the values and the errors.

    Keys that are not in the contract are reported, except the private ones
    (starting with ``_``) that cookiecutter adds to its context.
    """
    values: dict[str, Any] = {}
    errors: list[str] = []
    for key, value in raw.items():
        if key.startswith("_"):
            continue
        try:
            values[key] = coerce(key, value)
        except AnswerError as err:
            errors.append(str(err))
    return values, errors


def from_context(context: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The complete, coerced answers in a cookiecutter context, and what does not fit."""
    values, problems = coerce_all({key: context[key] for key in KEYS if key in context})
    return complete(values), problems


def slugify(name: str) -> str:
    """Derive a package name from a project name (as the template's default does)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^0-9a-zA-Z]+", "_", ascii_name).strip("_").lower()
    return slug or "project"


def defaults() -> dict[str, Any]:
    """Every answer at its default (project_slug derived from project_name)."""
    values = {q.key: q.default for q in QUESTIONS}
    values["project_slug"] = slugify(values["project_name"])
    return values


def complete(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Fill the missing keys with defaults; answers must already be coerced."""
    values = defaults()
    values.update(answers)
    if "project_slug" not in answers:
        values["project_slug"] = slugify(str(values["project_name"]))
    return values


# ------------------------------------------------------------------ field checks


def check_slug(slug: str) -> str | None:
    """Return why ``slug`` cannot be the project's package name, or None."""
    fix = "Choose a lowercase name of letters, digits and underscores, such as my_site."
    if not slug.isidentifier() or not slug.isascii():
        return f"project_slug={slug!r} is not a valid Python identifier. {fix}"
    if len(slug) > MAX_SLUG:
        return f"project_slug={slug!r} has {len(slug)} characters. Choose one of at most {MAX_SLUG}, such as my_site."
    if keyword.iskeyword(slug):
        return f"project_slug={slug!r} is a Python keyword. {fix}"
    if slug in sys.stdlib_module_names:
        return (
            f"project_slug={slug!r} conflicts with the name of a standard library module. "
            f"Choose another name, such as my_{slug}."
        )
    if slug.lower() in DEPENDENCY_NAMES:
        return (
            f"project_slug={slug!r} conflicts with the name of a dependency of the generated project. "
            f"Choose another name, such as my_{slug.lower()}."
        )
    return None


def check_email(email: str) -> str | None:
    """Return why ``email`` is not an address (empty means not given), or None."""
    if email and not _EMAIL.match(email):
        return f"author_email={email!r} does not look like an email address. Use name@example.com, or leave it empty."
    return None


# ---------------------------------------------------------- consistency rules

# A condition maps keys to the values that trigger it; ``framework`` is the
# resolved framework (what ``auto`` became), never ``auto`` itself.
Condition = Mapping[str, tuple[Any, ...]]


@dataclass(frozen=True)
class Rule:
    """One line of the consistency table."""

    level: str
    when: Condition
    message: str

    def applies(self, answers: Mapping[str, Any]) -> bool:
        """True when every key of the condition holds one of its values."""
        return matches(self.when, answers)


def matches(condition: Condition, answers: Mapping[str, Any]) -> bool:
    """True when every key of ``condition`` holds one of its listed values."""
    return all(answers.get(key) in values for key, values in condition.items())


RULES: tuple[Rule, ...] = (
    Rule(
        "error",
        {"use_admin": (True,), "use_orm": (False,)},
        "use_admin=yes needs use_orm=yes: the admin back-office works over the ORM's models. "
        "Set use_orm=yes, or use_admin=no.",
    ),
    Rule(
        "error",
        {"use_auth": (True,), "use_orm": (False,)},
        "use_auth=yes needs use_orm=yes: user accounts are stored in the database. Set use_orm=yes, or use_auth=no.",
    ),
    Rule(
        "error",
        {"framework": ("flask",), "use_admin": (True,), "use_auth": (False,)},
        "framework=flask with use_admin=yes needs use_auth=yes: Flask-Admin must sit behind a login, "
        "not open to the world. Set use_auth=yes, use_admin=no, or framework=django.",
    ),
    Rule(
        "notice",
        {"use_orm": (False,), "database": ("postgresql", "mysql")},
        "database is ignored with use_orm=no: the project has no database. "
        "Set use_orm=yes to use one, or leave database=sqlite.",
    ),
    Rule(
        "warning",
        {"framework": ("flask",), "use_async": (True,)},
        "framework=flask with use_async=yes: Flask runs each async view inside a worker, one request "
        "per worker at a time, and its docs point async-first code to Quart. Django serves async views "
        "natively over ASGI (framework=django).",
    ),
)


def check(answers: Mapping[str, Any]) -> list[Problem]:
    """Every problem with a complete, coerced set of answers, errors first.

    Field checks (slug, email) come first, then the consistency table, evaluated
    against the framework that will actually be used.
    """
    problems: list[Problem] = []
    for key, checker in (("project_slug", check_slug), ("author_email", check_email)):
        message = checker(str(answers.get(key, "")))
        if message:
            problems.append(Problem("error", (key,), message))
    resolved = dict(answers)
    resolved["framework"] = resolve_framework(answers)
    for rule in RULES:
        if rule.applies(resolved):
            message = rule.message
            if answers.get("framework") == "auto" and "framework" in rule.when:
                message = f"(framework=auto chose {resolved['framework']}) {message}"
            problems.append(Problem(rule.level, tuple(rule.when), message))
    order = {"error": 0, "warning": 1, "notice": 2}
    return sorted(problems, key=lambda p: order[p.level])


def defaults_given(given: Mapping[str, Any]) -> dict[str, Any]:
    """Every key's default, turned off where, with the answers given, it could only fail.

    A feature that is on by default yields to the consistency table: with use_orm=no
    given, use_admin and use_auth default to no; with Flask and no accounts, the admin
    does. Only yes/no keys that were not given change, and only from yes to no.
    """
    values = {**defaults(), **given}
    changed = True
    while changed:
        changed = False
        resolved = dict(values, framework=resolve_framework(values))
        for rule in RULES:
            if rule.level != "error" or not rule.applies(resolved):
                continue
            for key in rule.when:
                if key not in given and BY_KEY[key].kind == BOOLEAN and values[key] is True:
                    values[key] = False
                    changed = True
                    break
    result = defaults()
    result.update({key: value for key, value in values.items() if key not in given})
    return result


def errors(answers: Mapping[str, Any]) -> list[Problem]:
    """Only the problems that stop generation."""
    return [p for p in check(answers) if p.level == "error"]


# ------------------------------------------------------------- recommendation


@dataclass(frozen=True)
class Weight:
    """How much one answered need pulls towards each framework, and why."""

    when: Condition
    django: int
    flask: int
    reason: str


WEIGHTS: tuple[Weight, ...] = (
    Weight(
        {"use_orm": (True,)},
        3,
        0,
        "Relational data: Django ships its ORM and migrations, and its forms, admin and generic "
        "views build on them; Flask needs SQLAlchemy, Flask-SQLAlchemy and Flask-Migrate wired by the project.",
    ),
    Weight(
        {"use_orm": (False,)},
        0,
        3,
        "No relational database: Django's deepest integration (ORM, admin, auth) would go unused, "
        "while Flask stays small and adds nothing you do not need.",
    ),
    Weight(
        {"use_admin": (True,)},
        3,
        0,
        "Admin back-office: Django's admin is built in, with per-user permissions, and takes about a day; "
        "Flask-Admin needs real configuration and care to keep it behind a login.",
    ),
    Weight(
        {"use_auth": (True,)},
        2,
        0,
        "User accounts: Django has users, permissions, password hashing and login views built in; "
        "Flask needs Flask-Login plus forms, a user model and hashing chosen and wired by the project.",
    ),
    Weight(
        {"use_async": (True,)},
        2,
        0,
        "Async views: Django serves them natively over ASGI; Flask runs each async view inside a "
        "synchronous worker, and its own docs point async-first code to Quart.",
    ),
    Weight(
        {"use_api": (True,), "use_orm": (True,)},
        1,
        0,
        "REST API over relational data: Django REST Framework builds it from the same models, "
        "with auth and permissions included.",
    ),
    Weight(
        {"use_api": (True,), "use_orm": (False,)},
        0,
        2,
        "Lean API without relational data: Flask with an API extension stays small and fast to change, "
        "a good fit for a microservice.",
    ),
    Weight(
        {"use_admin": (False,), "use_auth": (False,)},
        0,
        1,
        "No admin and no accounts: nothing here needs Django's batteries, and Flask's explicit, "
        "small core is easier to read and to bend.",
    ),
)


@dataclass(frozen=True)
class Recommendation:
    """The framework the needs point to, the score, and the reasons."""

    framework: str
    scores: Mapping[str, int]
    reasons: tuple[str, ...]
    counterpoints: tuple[str, ...]


def recommend(answers: Mapping[str, Any]) -> Recommendation:
    """Score the needs against the trade-offs table and pick a framework.

    Missing needs take their defaults; values may be raw (``"no"``) or coerced.
    On a tie the needs decide: with relational data Django (practitioners lean to
    it for user-facing products), without, Flask.
    """
    needs: dict[str, Any] = {}
    for key in NEEDS:
        value = answers.get(key, BY_KEY[key].default)
        try:
            needs[key] = coerce(key, value)
        except AnswerError:
            needs[key] = BY_KEY[key].default
    scores = {"django": 0, "flask": 0}
    pulls: dict[str, list[tuple[int, str]]] = {"django": [], "flask": []}
    for weight in WEIGHTS:
        if matches(weight.when, needs):
            scores["django"] += weight.django
            scores["flask"] += weight.flask
            side = "django" if weight.django >= weight.flask else "flask"
            pulls[side].append((abs(weight.django - weight.flask), weight.reason))
    if scores["django"] != scores["flask"]:
        framework = max(scores, key=lambda name: scores[name])
    else:
        framework = "django" if needs["use_orm"] else "flask"
    other = "flask" if framework == "django" else "django"

    def ranked(items: list[tuple[int, str]]) -> tuple[str, ...]:
        return tuple(reason for _, reason in sorted(items, key=lambda item: -item[0]))

    return Recommendation(framework, scores, ranked(pulls[framework]), ranked(pulls[other]))


def resolve_framework(answers: Mapping[str, Any]) -> str:
    """The framework that will be rendered: the explicit choice, or the recommendation."""
    chosen = str(answers.get("framework", "auto"))
    return chosen if chosen in FRAMEWORKS else recommend(answers).framework


def explain(answers: Mapping[str, Any]) -> str:
    """A short text naming the framework used and why, for the terminal."""
    rec = recommend(answers)
    chosen = resolve_framework(answers)
    if answers.get("framework", "auto") == "auto":
        head = f"Framework: {chosen} (recommended from your needs)"
    elif chosen == rec.framework:
        head = f"Framework: {chosen} (your choice, and the recommendation)"
    else:
        head = f"Framework: {chosen} (your choice; the needs point to {rec.framework})"
    lines = [head]
    lines += [f"  + {reason}" for reason in rec.reasons]
    lines += [f"  - {reason}" for reason in rec.counterpoints]
    return "\n".join(lines)


# ----------------------------------------------------------------- combinations


def valid_combinations(frameworks: Iterable[str] = FRAMEWORKS) -> list[dict[str, Any]]:
    """Every needs x framework x database combination that passes the rules.

    Without an ORM the database question does not apply, so only sqlite is kept.
    """
    combos: list[dict[str, Any]] = []
    databases = BY_KEY["database"].choices
    for framework in frameworks:
        for flags in product((True, False), repeat=5):
            needs = dict(zip(("use_orm", "use_admin", "use_auth", "use_async", "use_api"), flags, strict=True))
            for database in databases if needs["use_orm"] else ("sqlite",):
                answers = complete({**needs, "database": database, "framework": framework})
                if not errors(answers):
                    combos.append(answers)
    return combos
