"""The answers contract, its consistency rules and the framework recommendation.

This module is the single source of truth for what startwise asks and what it
accepts. It imports only the standard library, so that the cookiecutter hooks can
import it straight from the template checkout (``_repo_dir``) and every entry point
-- plain cookiecutter, the wizard, answers files -- applies the same table.
"""

from __future__ import annotations

import difflib
import functools
import json
import keyword
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations, product
from pathlib import Path
from typing import Any

from generator import dependency_names, frameworks
from generator.errors import headline
from generator.frameworks import REGISTRY

FRAMEWORKS = frameworks.FRAMEWORKS

BOOLEAN = "bool"
CHOICE = "choice"
TEXT = "text"

TRUE_WORDS = frozenset({"yes", "y", "true", "t", "1", "on"})
FALSE_WORDS = frozenset({"no", "n", "false", "f", "0", "off"})


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
    # When the question applies (asked by the wizard and by update); where it does not,
    # its answer is ignored, and a given value other than the default draws the notice
    # ``<key> is ignored with <...>: <ignored>``. Which answers *imply* a yes/no answer
    # is not declared here but read from the error rules (:func:`implied`).
    applies: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    ignored: str = ""
    # The answer that projects recorded before this question existed get: a record
    # (``.startwise.yml``) without the key reads as this value, not as the default
    # (``startwise update`` and ``startwise new --answers .startwise.yml``). None: the default.
    earlier: Any = None
    # An older key of the contract, still read from every door but never asked by startwise:
    # yes means (key, value) of the question that replaced it (``use_celery=yes`` is ``jobs=celery``).
    superseded_by: tuple[str, Any] | tuple[()] = ()
    # The question's name for people (the wizard's summary: "Database: PostgreSQL"), and one line
    # of help the wizard shows with it: what the option is for, what it costs.
    label: str = ""
    help: str = ""

    @property
    def values(self) -> tuple[Any, ...]:
        """Every value the question takes (free text: none listed)."""
        return (True, False) if self.kind == BOOLEAN else self.choices

    @property
    def cookiecutter_prompt(self) -> str:
        """The prompt plain cookiecutter shows: it asks every question, so it says when one is ignored."""
        if not self.applies:
            return self.prompt
        return f"{self.prompt} (ignored unless {say_condition(self.applies)})"

    def say(self, value: Any) -> str:
        """``value`` in people's words: a choice's label up to its explanation in brackets, yes or no."""
        if self.kind == CHOICE and value in self.labels:
            return str(self.labels[value]).split(" (", 1)[0]
        return say(value)


QUESTIONS: tuple[Question, ...] = (
    # identity
    Question("project_name", TEXT, "My Site", "Project name (human-readable)", "identity", label="Project name"),
    Question(
        "project_slug",
        TEXT,
        "{{ startwise_slug(cookiecutter.project_name) }}",
        "Python package name (a valid identifier)",
        "identity",
        label="Package name",
    ),
    Question("description", TEXT, "", "One-line description", "identity", label="Description"),
    Question("author_name", TEXT, "", "Author name", "identity", label="Author"),
    Question("author_email", TEXT, "", "Author email", "identity", label="Author's email"),
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
        label="License",
    ),
    # needs
    Question(
        "use_orm",
        BOOLEAN,
        True,
        "Does it need a relational database with an ORM and migrations?",
        "needs",
        label="Relational database",
        help="Data kept in tables with relations (users, orders, notes), its schema changed by migrations; "
        "no for a service that only calls other APIs.",
    ),
    Question(
        "database",
        CHOICE,
        "sqlite",
        "Which database in production?",
        "needs",
        ("sqlite", "postgresql", "mysql"),
        {
            "sqlite": "SQLite (a file, nothing to run)",
            "postgresql": "PostgreSQL",
            "mysql": "MySQL / MariaDB",
        },
        applies={"use_orm": (True,)},
        ignored="the project has no database. Set use_orm=yes to use one, or leave database=sqlite.",
        label="Database",
        help="SQLite needs no server and suits small sites; PostgreSQL is the usual choice in production.",
    ),
    Question(
        "use_admin",
        BOOLEAN,
        True,
        "Does it need an admin back-office over the data?",
        "needs",
        label="Admin back-office",
        help="Pages for staff to browse and edit every table: built into Django; in Flask, Flask-Admin to "
        "configure and keep behind a login.",
    ),
    Question(
        "use_auth",
        BOOLEAN,
        True,
        "Does it need user accounts (sign up, log in, password reset)?",
        "needs",
        label="User accounts",
        help="Sign-up with a confirmed email, sign-in with limited attempts, password reset; no for an "
        "internal tool behind another login, or a public read-only site.",
    ),
    Question(
        "use_async",
        BOOLEAN,
        False,
        "Does it need async views?",
        "needs",
        label="Async views",
        help="For views that spend their time waiting on other services (many outside API calls, long "
        "polling); most sites, busy ones too, do not need them.",
    ),
    Question(
        "use_api",
        BOOLEAN,
        False,
        "Does it need a REST API with an OpenAPI schema?",
        "needs",
        label="REST API",
        help="JSON endpoints with a schema and interactive docs, for a mobile app, a JavaScript front end "
        "or other services.",
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
        label="Framework",
    ),
    Question(
        "django_release",
        CHOICE,
        "current",
        "Which Django release?",
        "framework",
        ("current", "lts"),
        {
            "current": "Django 6.1 (the current release, Python 3.13 or newer)",
            "lts": "Django 5.2 LTS (security fixes until April 2028)",
        },
        applies={"framework": ("django",)},
        ignored="only a Django project has a Django release.",
        earlier="lts",
        label="Django release",
        help="6.1 has the newest features and asks for an upgrade every eight months; 5.2 LTS gets security "
        "fixes until April 2028.",
    ),
    # extras
    Question(
        "jobs",
        CHOICE,
        "none",
        "Background jobs (sending mail, periodic work)?",
        "extras",
        ("none", "celery", "tasks"),
        {
            "none": "None (everything runs in the request)",
            "celery": "Celery (a worker and a scheduler, with Redis)",
            "tasks": "Django's tasks framework (kept in the database, no broker)",
        },
        label="Background jobs",
        help="Work that should not hold a request: sending mail, reports, periodic clean-ups.",
    ),
    Question(
        "use_docker",
        BOOLEAN,
        True,
        "A Dockerfile and a compose file?",
        "extras",
        label="Docker",
        help="A Dockerfile for production, and a compose file that runs the database and Redis for development.",
    ),
    Question(
        "ci",
        CHOICE,
        "github",
        "Which continuous integration service?",
        "extras",
        ("github", "gitlab", "none"),
        {"github": "GitHub Actions", "gitlab": "GitLab CI", "none": "None"},
        label="Continuous integration",
        help="Lint, type-check and test every push, and build the Docker image.",
    ),
    Question(
        "frontend",
        CHOICE,
        "plain",
        "How do the pages work?",
        "extras",
        ("plain", "htmx"),
        {
            "plain": "Server-rendered pages",
            "htmx": "htmx (server-rendered pages that update in place)",
        },
        label="Pages",
        help="htmx swaps parts of a page for HTML the server renders: interactive, with no JavaScript build.",
    ),
    Question(
        "deploy",
        CHOICE,
        "compose",
        "Where does it run in production?",
        "extras",
        ("compose", "kubernetes"),
        {
            "compose": "One machine (Docker Compose, or the image alone)",
            "kubernetes": "Kubernetes (Kustomize manifests for a cluster)",
        },
        label="Production",
        help="Kubernetes adds manifests for several replicas, which share the database server and Redis.",
    ),
    # Read from every door, never asked by startwise: plain cookiecutter asks it last.
    Question(
        "use_celery",
        BOOLEAN,
        False,
        "Background tasks with Celery and Redis? (the older form of jobs=celery: answer no and use jobs)",
        "extras",
        superseded_by=("jobs", "celery"),
        label="Celery (the older form of jobs=celery)",
    ),
)

BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}
KEYS: tuple[str, ...] = tuple(BY_KEY)
# The questions startwise asks (the wizard, update): all but the superseded ones.
ASKED: tuple[Question, ...] = tuple(q for q in QUESTIONS if not q.superseded_by)
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(q.group for q in QUESTIONS))
NEEDS: tuple[str, ...] = tuple(q.key for q in QUESTIONS if q.group == "needs")

# Import names a project package must not shadow, on top of the standard library: every
# package a generated project can install (generator/dependency_names.py, written from the
# layers' superset locks by ``python -m generator.locks``), and the tools that render it.
DEPENDENCY_NAMES = dependency_names.NAMES | {"cookiecutter", "startwise"}

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
    # An error's ways out: each a set of changes after which no consistency rule fails.
    fixes: tuple[Mapping[str, Any], ...] = ()

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
    hint = did_you_mean(word, ("yes", "no", "true", "false"), cutoff=0.6)  # short words: one letter weighs more
    raise AnswerError(f"{key}={value!r} is not a yes/no answer.{hint} Use yes or no (or y/n, true/false, 1/0).")


def yes_no(value: bool) -> str:
    """Write a boolean the way the contract spells it."""
    return "yes" if value else "no"


def say(value: Any) -> str:
    """An answer as the user types it: yes/no for a boolean, else its text (every display uses this)."""
    return yes_no(value) if isinstance(value, bool) else str(value)


def say_condition(condition: Mapping[str, tuple[Any, ...]]) -> str:
    """``use_orm=yes and ci=github/gitlab``: a condition as the user would set it."""
    return " and ".join(f"{key}={'/'.join(map(say, values))}" for key, values in condition.items())


def did_you_mean(typed: str, valid: Iterable[str], cutoff: float = 0.75) -> str:
    """`` Did you mean use_api?``: the valid word closest to a mistyped one (case aside), or nothing."""
    by_lower = {word.lower(): word for word in valid}
    close = difflib.get_close_matches(str(typed).strip().lower(), by_lower, n=1, cutoff=cutoff)
    return f" Did you mean {by_lower[close[0]]}?" if close else ""


def coerce(key: str, value: Any) -> Any:
    """Check one answer against the contract and return it in its canonical type."""
    question = BY_KEY.get(key)
    if question is None:
        raise AnswerError(
            f"{key!r} is not a startwise question.{did_you_mean(key, KEYS)} Valid keys: {', '.join(KEYS)}."
        )
    if question.kind == BOOLEAN:
        return to_bool(value, key)
    if question.kind == CHOICE:
        text = str(value).strip()
        if text not in question.choices:
            raise AnswerError(
                f"{key}={value!r} is not one of the choices.{did_you_mean(text, question.choices)} "
                f"Use one of: {', '.join(question.choices)}."
            )
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
    return read_superseded(values), errors


def read_superseded(values: Mapping[str, Any]) -> dict[str, Any]:
    """Coerced answers with each superseded key read as the question that replaced it.

    ``use_celery=yes`` becomes ``jobs=celery`` unless jobs was given another value than its
    default (then both stay, and the consistency rule between them says what to drop);
    ``use_celery=no`` says nothing that ``jobs`` does not.
    """
    result = dict(values)
    for question in QUESTIONS:
        if not question.superseded_by or question.key not in result:
            continue
        target, meaning = question.superseded_by
        if result[question.key] is not True:
            del result[question.key]
        elif result.get(target, BY_KEY[target].default) in (BY_KEY[target].default, meaning):
            del result[question.key]
            result[target] = meaning
    return result


def from_context(context: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The complete, coerced answers in a cookiecutter context, and what does not fit."""
    values, problems = coerce_all({key: context[key] for key in KEYS if key in context})
    return complete(values), problems


def slugify(name: str, framework: str | None = None) -> str:
    """The package name proposed for a project name: the one slug function of every door.

    The name is transliterated by python-slugify (cookiecutter's own dependency, present
    wherever a project is rendered: "Café" gives "cafe"; imported when called so that this
    module imports only the standard library), then made to pass :func:`check_slug`:
    leading digits move to the end ("123 Shop" gives ``shop_123``), a name taken by Python,
    a dependency or the layers gets ``my_`` ("JSON" gives ``my_json``), a long one is cut at a
    word. cookiecutter.json's default calls it too (``startwise_slug``).
    """
    base = _transliterate(name) or "project"
    digits = re.match(r"^(\d+)_?(.*)$", base)
    if digits:
        base = f"{digits.group(2) or 'site'}_{digits.group(1)}"
    for candidate in (_shorten(base), _shorten(f"my_{base}")):
        if _slug_problem(candidate, framework) is None:
            return candidate
    return "my_site"


def _transliterate(text: str) -> str:
    """``text`` in lowercase ASCII letters, digits and underscores."""
    try:
        from slugify import slugify as transliterate  # noqa: PLC0415
    except ImportError:  # pragma: no cover - cookiecutter is not installed
        ascii_name = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^0-9a-zA-Z]+", "_", ascii_name).strip("_").lower()
    return str(transliterate(text, separator="_"))


def _shorten(slug: str) -> str:
    """``slug`` cut to :data:`MAX_SLUG` characters, at a word where it can."""
    if len(slug) <= MAX_SLUG:
        return slug
    cut = slug[:MAX_SLUG]
    return cut.rsplit("_", 1)[0] if "_" in cut.strip("_") else cut


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


def earlier_answers(recorded: Mapping[str, Any]) -> dict[str, Any]:
    """What a record written before some questions existed says of them: their ``earlier`` value.

    A project recorded without ``django_release`` was made on Django 5.2: it reads as ``lts``,
    not as today's default.
    """
    return {q.key: q.earlier for q in QUESTIONS if q.earlier is not None and q.key not in recorded}


# ------------------------------------------------------------------ field checks


# Where the layers are: a checkout (and a template unpacked from a wheel) has them beside
# generator/; an installed wheel, in generator/_template/.
_TEMPLATE_ROOTS = (Path(__file__).resolve().parent / "_template", Path(__file__).resolve().parent.parent)
_PROJECT_TREE = "{{cookiecutter.project_slug}}"


@functools.cache
def layer_paths() -> dict[str, dict[str, str]]:
    """Framework -> {name: path}: what its layers write at the project root under a name a package could take.

    Read from the layer trees (``layer.json``'s stack, each ``{{cookiecutter.project_slug}}/``
    folder): every folder (``notes/``, ``migrations/``, ``docs/``) and every module
    (``manage.py``) at the root of the project, whatever the options. A package of that
    name would merge into the folder, or shadow the module. Standard library only, for
    the hooks; a template without its layers (none found) reserves nothing.
    """
    root = next((path for path in _TEMPLATE_ROOTS if (path / "layer.json").is_file()), None)
    if root is None:
        return {name: {} for name in FRAMEWORKS}
    stack = json.loads((root / "layer.json").read_text(encoding="utf-8")).get("stack", [])
    found: dict[str, dict[str, str]] = {}
    for name in FRAMEWORKS:
        layers = [root] + [
            root / item["layer"]
            for item in stack
            if name in item.get("when", {}).get("__framework", [name])  # a layer of every framework has no condition
        ]
        paths: dict[str, str] = {}
        for layer in layers:
            tree = layer / _PROJECT_TREE
            for entry in sorted(tree.iterdir()) if tree.is_dir() else []:
                stem = entry.name if entry.is_dir() else entry.name.removesuffix(".py")
                if stem.isidentifier() and (entry.is_dir() or entry.suffix == ".py"):
                    paths.setdefault(stem.lower(), entry.name + ("/" if entry.is_dir() else ""))
        found[name] = paths
    return found


def check_slug(slug: str, framework: str | None = None) -> str | None:
    """Return why ``slug`` cannot be the project's package name, with a name that can, or None.

    ``framework``: the framework rendered; None (not known yet, as when the wizard asks
    the slug) checks the names every framework's layers write.
    """
    problem = _slug_problem(slug, framework)
    if problem is None:
        return None
    return f"project_slug={slug!r} {problem}, such as {slugify(slug, framework)}."


def _slug_problem(slug: str, framework: str | None) -> str | None:
    """What is wrong with ``slug``, ending with what to choose instead (the example follows), or None."""
    if not slug.isidentifier() or not slug.isascii():
        return (
            "is not a valid Python identifier. Choose a lowercase name of letters, digits and underscores, "
            "starting with a letter"
        )
    if len(slug) > MAX_SLUG:
        return f"has {len(slug)} characters. Choose one of at most {MAX_SLUG}"
    if keyword.iskeyword(slug):
        return "is a Python keyword. Choose another name"
    conflict = _conflict(slug, framework)
    return f"conflicts with {conflict}. Choose another name" if conflict else None


def _conflict(slug: str, framework: str | None) -> str | None:
    """What the package ``slug`` would shadow or merge into, or None."""
    if slug in sys.stdlib_module_names:
        return "the name of a standard library module"
    if slug.lower() in DEPENDENCY_NAMES:
        return "the name of a dependency of the generated project"
    for name in [framework] if framework in FRAMEWORKS else FRAMEWORKS:
        path = layer_paths()[name].get(slug.lower())
        if path:
            return f"{path}, which a {REGISTRY[name].label} project has at its root"
    return None


def check_name(name: str) -> str | None:
    """Return why ``name`` cannot be the project's name (as typed in the wizard), or None."""
    return None if name.strip() else "project_name is empty. Choose a name for the project, such as My Site."


def check_email(email: str) -> str | None:
    """Return why ``email`` is not an address (empty means not given), or None."""
    if email and not _EMAIL.match(email):
        return f"author_email={email!r} does not look like an email address. Use name@example.com, or leave it empty."
    return None


# What the wizard checks as each answer is typed.
AS_TYPED: Mapping[str, Callable[[str], str | None]] = {
    "project_name": check_name,
    "project_slug": check_slug,
    "author_email": check_email,
}

# ---------------------------------------------------------- consistency rules

# A condition maps keys to the values that trigger it; ``framework`` is the
# resolved framework (what ``auto`` became), never ``auto`` itself.
Condition = frameworks.Condition


@dataclass(frozen=True)
class Rule:
    """One line of the consistency table.

    ``fixes`` are the changes that lift an error, one key each, in the order they
    are offered; :func:`fixes_for` completes each into a set of changes after which
    no rule fails, and the message ends with those.
    """

    level: str
    when: Condition
    message: str
    fixes: tuple[tuple[str, Any], ...] = ()
    label: str = ""  # a few words, where the wizard says why an answer was implied

    def applies(self, answers: Mapping[str, Any]) -> bool:
        """True when every key of the condition holds one of its values."""
        return matches(self.when, answers)


def matches(condition: Condition, answers: Mapping[str, Any]) -> bool:
    """True when every key of ``condition`` holds one of its listed values.

    A derived key (``__database``, see :data:`DERIVED`) is computed from the
    answers; a list-valued one (``__services``) holds when one of its items is listed.
    A derived key the answers already carry (a rendered cookiecutter context) is read as given,
    a list-valued one as its space-separated words.
    """
    missing = any(key in DERIVED_KEYS and key not in answers for key in condition)
    derived = derive(answers) if missing else {}
    for key, values in condition.items():
        value = answers[key] if key in answers else derived.get(key)
        if key in LIST_DERIVED and isinstance(value, str):
            value = tuple(value.split())
        if not (set(value) & set(values) if isinstance(value, tuple) else value in values):
            return False
    return True


RULES: tuple[Rule, ...] = (
    Rule(
        "error",
        {"use_admin": (True,), "use_orm": (False,)},
        "use_admin=yes needs use_orm=yes: the admin back-office works over the ORM's models.",
        (("use_orm", True), ("use_admin", False)),
        "no ORM",
    ),
    Rule(
        "error",
        {"use_auth": (True,), "use_orm": (False,)},
        "use_auth=yes needs use_orm=yes: user accounts are stored in the database.",
        (("use_orm", True), ("use_auth", False)),
        "no ORM",
    ),
    Rule(
        "error",
        {"framework": ("flask",), "use_admin": (True,), "use_auth": (False,)},
        "framework=flask with use_admin=yes needs use_auth=yes: Flask-Admin must sit behind a login, "
        "not open to the world.",
        (("use_auth", True), ("use_admin", False), ("framework", "django")),
        "Flask admin",
    ),
    Rule(
        "error",
        {"jobs": ("tasks",), "framework": ("flask",)},
        "jobs=tasks is Django's tasks framework: Flask has none of its own. Use Celery with Flask "
        "(jobs=celery), or Django.",
        (("jobs", "celery"), ("jobs", "none"), ("framework", "django")),
        "Django's tasks",
    ),
    Rule(
        "error",
        {"jobs": ("tasks",), "use_orm": (False,)},
        "jobs=tasks needs use_orm=yes: the tasks wait in the database until a worker runs them.",
        (("use_orm", True), ("jobs", "none")),
        "tasks in the database",
    ),
    Rule(
        "error",
        {"use_celery": (True,), "jobs": ("tasks",)},
        "use_celery=yes (the older form of jobs=celery) contradicts jobs=tasks.",
        (("use_celery", False), ("jobs", "celery")),
        "one job backend",
    ),
    Rule(
        "error",
        {"deploy": ("kubernetes",), "use_docker": (False,)},
        "deploy=kubernetes needs use_docker=yes: the cluster runs the project's image, built by its Dockerfile.",
        (("use_docker", True), ("deploy", "compose")),
        "an image to deploy",
    ),
    Rule(
        "error",
        {"deploy": ("kubernetes",), "use_orm": (True,), "database": ("sqlite",)},
        "deploy=kubernetes with database=sqlite: each replica would write a SQLite file of its own. "
        "Use a database server.",
        (("database", "postgresql"), ("database", "mysql"), ("deploy", "compose")),
        "a shared database",
    ),
    Rule(
        "warning",
        {"framework": ("flask",), "use_async": (True,)},
        "framework=flask with use_async=yes: Flask runs each async view inside a worker, one request "
        "per worker at a time, and its docs point async-first code to Quart. Django serves async views "
        "natively over ASGI (framework=django).",
    ),
)


def _not(key: str, values: tuple[Any, ...]) -> tuple[Any, ...]:
    # A rule sees the framework resolved, never auto.
    return tuple(value for value in BY_KEY[key].values if value not in values and (key, value) != ("framework", "auto"))


# A question that does not apply, given a value other than its default: a notice.
RULES += tuple(
    Rule(
        "notice",
        {key: _not(key, values), question.key: _not(question.key, (question.default,))},
        f"{question.key} is ignored with {key}={say(_not(key, values)[0])}: {question.ignored}",
    )
    for question in QUESTIONS
    if question.ignored
    for key, values in question.applies.items()
)

# Every change the table offers as a fix: what a fix may add to its own change.
MOVES: tuple[tuple[str, Any], ...] = tuple(dict.fromkeys(move for rule in RULES for move in rule.fixes))
MAX_ADDED_MOVES = 2


def rule_errors(answers: Mapping[str, Any]) -> list[Rule]:
    """The error rules of the table that fail for ``answers`` (framework resolved first)."""
    resolved = dict(answers, framework=resolve_framework(answers))
    return [rule for rule in RULES if rule.level == "error" and rule.applies(resolved)]


def fixes_for(rule: Rule, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ways out of ``rule``'s error after which no rule of the table fails.

    Each way starts from one of the rule's own fixes and adds the fewest other
    fixes of the table that the change still needs (accounts turned on without an
    ORM need the ORM too; with framework=auto a change may move the
    recommendation). A way that holds another is dropped. Applying any of them and
    checking again finds no consistency error (tests/test_rules.py applies every
    fix of every invalid combination).
    """
    found: list[dict[str, Any]] = []
    for first in rule.fixes:
        if answers.get(first[0]) == first[1]:
            continue
        others = [move for move in MOVES if move[0] != first[0] and answers.get(move[0]) != move[1]]
        for size in range(MAX_ADDED_MOVES + 1):
            ways = (
                dict([first, *added]) for added in combinations(others, size) if len({key for key, _ in added}) == size
            )
            valid = [way for way in ways if not rule_errors({**answers, **way})]
            if valid:
                found += valid
                break
    minimal: list[dict[str, Any]] = []
    for way in found:
        if way not in minimal and not any(other.items() < way.items() for other in found):
            minimal.append(way)
    return minimal


def _say(way: Mapping[str, Any]) -> str:
    return " and ".join(f"{key}={say(value)}" for key, value in way.items())


def fix_sentence(ways: Iterable[Mapping[str, Any]]) -> str:
    """``Set a=x, or b=y.``: the ways out, in the order offered."""
    ways = list(ways)
    texts = [_say(way) for way in ways]
    if not texts:
        return ""
    separator = "; " if any(len(way) > 1 for way in ways) else ", "
    body = texts[0] if len(texts) == 1 else separator.join(texts[:-1]) + f"{separator}or {texts[-1]}"
    return f"Set {body}."


def applies(key: str, known: Mapping[str, Any]) -> bool:
    """True when question ``key`` applies given the answers ``known`` (its ``applies`` condition).

    A condition on ``framework`` is on the framework rendered (``auto`` resolved), as in the rules.
    """
    condition = BY_KEY[key].applies
    if "framework" in condition:
        known = {**known, "framework": resolve_framework(known)}
    return matches(condition, known)


def ruled_out(key: str, known: Mapping[str, Any]) -> dict[Any, Rule]:
    """The values of ``key`` an error rule rules out given ``known``, each with the first such rule.

    A rule counts when its other keys are all known and hold. ``framework`` counts once it
    is decided: chosen, or ``auto`` with every need known (the recommendation moves with
    the needs still to come, and no longer after).
    """
    decided = dict(known)
    if known.get("framework") == "auto" and all(need in known for need in NEEDS):
        decided["framework"] = resolve_framework(known)
    found: dict[Any, Rule] = {}
    for rule in RULES:
        if rule.level != "error" or key not in rule.when:
            continue
        others = {k: v for k, v in rule.when.items() if k != key}
        if all(k in decided and (k != "framework" or decided[k] in FRAMEWORKS) for k in others) and matches(
            others, decided
        ):
            for value in rule.when[key]:
                found.setdefault(value, rule)
    return found


def implied(key: str, known: Mapping[str, Any]) -> tuple[Any, Rule] | None:
    """The only answer to ``key`` the error rules leave, given ``known``, and the rule that says so.

    None when more than one value is left (:func:`ruled_out` says which are not).
    """
    out = ruled_out(key, known)
    left = [value for value in BY_KEY[key].values if value not in out]
    if len(left) == 1 and out:
        return left[0], next(iter(out.values()))
    return None


def why_not(rule: Rule, key: str, known: Mapping[str, Any]) -> str:
    """``not with Framework: Flask``: the answers that rule a value of ``key`` out, in people's words."""
    decided = dict(known)
    if known.get("framework") == "auto":
        decided["framework"] = resolve_framework(known)
    causes = [k for k in rule.when if k != key and k in decided]
    # A yes that only sets the scene (use_orm=yes beside database=sqlite) is left unsaid.
    shown = [k for k in causes if decided[k] is not True] or causes
    return "not with " + " and ".join(f"{BY_KEY[k].label}: {BY_KEY[k].say(decided[k])}" for k in shown)


def check(answers: Mapping[str, Any]) -> list[Problem]:
    """Every problem with a complete, coerced set of answers, errors first.

    Field checks (slug, email) come first, then the consistency table, evaluated
    against the framework that will actually be used. Each error of the table ends
    with its fixes (:func:`fixes_for`), every one of which passes all the rules.
    """
    problems: list[Problem] = []
    resolved = dict(answers)
    resolved["framework"] = resolve_framework(answers)
    for key, message in (
        ("project_name", check_name(str(answers.get("project_name", "")))),
        ("project_slug", check_slug(str(answers.get("project_slug", "")), resolved["framework"])),
        ("author_email", check_email(str(answers.get("author_email", "")))),
    ):
        if message:
            problems.append(Problem("error", (key,), message))
    for rule in RULES:
        if rule.applies(resolved):
            message = rule.message
            ways = fixes_for(rule, answers) if rule.level == "error" else []
            if ways:
                message = f"{message} {fix_sentence(ways)}"
            if answers.get("framework") == "auto" and "framework" in rule.when:
                message = f"(framework=auto chose {resolved['framework']}) {message}"
            problems.append(Problem(rule.level, tuple(rule.when), message, tuple(ways)))
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


REFUSED = headline("These answers cannot make a project")


def refusals(given: Mapping[str, Any]) -> list[str]:
    """Why these answers cannot make a project, each with its fix; empty when they can.

    The one check behind every door: ``startwise new`` (answers.require_valid),
    cookiecutter's context (the Jinja extension) and the pre-generation hook.
    Keys and values that do not fit the contract come first (private keys, starting
    with ``_``, are skipped); when all fit, the errors of the completed answers.
    """
    values, problems = coerce_all(given)
    if problems:
        return problems
    return [problem.message for problem in errors(complete(values))]


def report(problems: Iterable[str], head: str = REFUSED) -> str:
    """The text every door prints for refused answers: a head line, then one problem a line."""
    return "\n".join([f"Error: {head}", *(f"  - {problem}" for problem in problems)])


# ------------------------------------------------------------- recommendation


@dataclass(frozen=True)
class Recommendation:
    """The framework the needs point to, the score, and the reasons.

    ``reasons`` are the needs that pull towards it, ``counterpoints`` those that pull
    towards another; ``brings`` says, for every framework, what it brings for these needs
    (its pulls that hold, then what it brings whatever the needs), so each side is heard;
    ``costs`` what taking each other framework instead costs (the recommended one's pulls).
    """

    framework: str
    scores: Mapping[str, int]
    reasons: tuple[str, ...]
    counterpoints: tuple[str, ...]
    brings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    costs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def recommend(answers: Mapping[str, Any]) -> Recommendation:
    """Score the needs against the trade-offs table and pick a framework.

    Missing needs take their defaults; values may be raw (``"no"``) or coerced.
    Each framework's pulls (:data:`frameworks.REGISTRY`) add its score. On a tie the
    first framework whose ``tie`` condition holds wins: with relational data Django
    (practitioners lean to it for user-facing products), without, Flask.
    """
    needs: dict[str, Any] = {}
    for key in NEEDS:
        value = answers.get(key, BY_KEY[key].default)
        try:
            needs[key] = coerce(key, value)
        except AnswerError:
            needs[key] = BY_KEY[key].default
    scores = dict.fromkeys(FRAMEWORKS, 0)
    pulls: dict[str, list[frameworks.Pull]] = {name: [] for name in FRAMEWORKS}
    for name, framework in REGISTRY.items():
        for pull in framework.pulls:
            if matches(pull.when, needs):
                scores[name] += pull.points
                pulls[name].append(pull)
    best = max(scores.values())
    leaders = [name for name in FRAMEWORKS if scores[name] == best]
    chosen = next((name for name in leaders if matches(REGISTRY[name].tie, needs)), leaders[0])

    def ranked(items: list[frameworks.Pull]) -> list[frameworks.Pull]:
        return sorted(items, key=lambda pull: -pull.points)

    others = [pull for name in FRAMEWORKS if name != chosen for pull in pulls[name]]
    return Recommendation(
        chosen,
        scores,
        tuple(pull.reason for pull in ranked(pulls[chosen])),
        tuple(pull.reason for pull in ranked(others)),
        {name: (*(pull.reason for pull in ranked(pulls[name])), REGISTRY[name].gains) for name in FRAMEWORKS},
        {name: tuple(pull.cost for pull in ranked(pulls[chosen])) for name in FRAMEWORKS if name != chosen},
    )


def resolve_framework(answers: Mapping[str, Any]) -> str:
    """The framework that will be rendered: the explicit choice, or the recommendation."""
    chosen = str(answers.get("framework", "auto"))
    return chosen if chosen in FRAMEWORKS else recommend(answers).framework


def choice_cost(answers: Mapping[str, Any]) -> str:
    """One line on what taking another framework than the recommended one costs; empty when it was taken.

    The wizard says it when the user picks the other framework, and the project's
    decision record keeps it.
    """
    rec = recommend(answers)
    chosen = resolve_framework(answers)
    if chosen == rec.framework:
        return ""
    label, other = REGISTRY[chosen].label, REGISTRY[rec.framework].label
    costs = rec.costs.get(chosen, ())
    if not costs:
        return f"Choosing {label} over {other} costs nothing these needs ask for."
    return f"Choosing {label} over {other} costs: {'; '.join(costs)}."


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
    cost = choice_cost(answers)
    if cost:
        lines.append(f"  {cost}")
    return "\n".join(lines)


# ------------------------------------------------------------- derived values

# Facts that follow from the answers, computed here once. Templates read them as
# ``cookiecutter.__<key>`` (cookiecutter.json renders each through the Jinja
# extension, as it does ``__framework``) and layer manifests test them in their
# conditions (``{"__db_server": ["postgresql"]}``, see :func:`matches`). In a
# template every derived value is text (cookiecutter renders them as strings): a
# list is its words joined by spaces, and "" means none, so ``{% if
# cookiecutter.__db_server %}`` reads "a database server runs".

# The services a project runs beside itself (compose, CI), in this order.
SERVICE_ORDER = ("postgresql", "mysql", "mailpit", "redis")


@dataclass(frozen=True)
class Derived:
    """One fact computed from the complete, coerced answers."""

    key: str  # the template sees cookiecutter.__<key>
    meaning: str
    compute: Callable[[Mapping[str, Any]], str | tuple[str, ...]]


def _database(answers: Mapping[str, Any]) -> str:
    return str(answers["database"]) if answers["use_orm"] else "none"


def _jobs(answers: Mapping[str, Any]) -> str:
    if answers["jobs"] == "none" and answers.get("use_celery") is True:
        return "celery"  # a context that kept the older key (read_superseded has not run on it)
    return str(answers["jobs"])


def _services(answers: Mapping[str, Any]) -> tuple[str, ...]:
    # Redis: Celery's broker, and with Kubernetes the store many replicas share (rate limits, cache).
    redis = _jobs(answers) == "celery" or answers["deploy"] == "kubernetes"
    wanted = {_database(answers), "mailpit" if answers["use_auth"] else "", "redis" if redis else ""}
    return tuple(name for name in SERVICE_ORDER if name in wanted)


DERIVED: tuple[Derived, ...] = (
    Derived(
        "framework",
        "the framework rendered: framework, or the recommendation when it is auto",
        resolve_framework,
    ),
    Derived("database", "the database actually used: sqlite, postgresql, mysql; none without an ORM", _database),
    Derived(
        "db_server",
        "the database server the project runs: postgresql or mysql; empty for SQLite or no database",
        lambda a: _database(a) if _database(a) in ("postgresql", "mysql") else "",
    ),
    Derived("jobs", "the background jobs backend: none, celery or tasks (use_celery=yes reads as celery)", _jobs),
    Derived(
        "services",
        "the services the project runs beside itself: its database server, mailpit (catches the "
        "account emails, with use_auth), redis (Celery's broker with jobs=celery; the replicas' shared "
        "store with deploy=kubernetes)",
        _services,
    ),
)
DERIVED_KEYS: tuple[str, ...] = tuple(f"__{d.key}" for d in DERIVED)
LIST_DERIVED = frozenset({"__services"})


def derive(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Every derived value (``__key`` -> value) for complete, coerced answers."""
    return {f"__{d.key}": d.compute(answers) for d in DERIVED}


def as_text(value: Any) -> str:
    """A derived value as a template sees it: a list is its words joined by spaces."""
    return " ".join(value) if isinstance(value, tuple) else str(value)


def template_context(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers and the derived values, as cookiecutter's context holds them."""
    return {**answers, **{key: as_text(value) for key, value in derive(answers).items()}}


# ----------------------------------------------------------------- combinations


def valid_combinations(frameworks: Iterable[str] = FRAMEWORKS) -> list[dict[str, Any]]:
    """Every needs x framework x database combination that passes the rules.

    A choice question that does not apply (the database without an ORM) keeps its default.
    """
    combos: list[dict[str, Any]] = []
    flags = [key for key in NEEDS if BY_KEY[key].kind == BOOLEAN]
    choices = [key for key in NEEDS if BY_KEY[key].kind == CHOICE]
    for framework in frameworks:
        for values in product((True, False), repeat=len(flags)):
            needs = dict(zip(flags, values, strict=True))
            # a choice that does not apply keeps its default: its other values are ignored
            options = [BY_KEY[k].choices if applies(k, needs) else (BY_KEY[k].default,) for k in choices]
            for picked in product(*options):
                answers = complete({**needs, **dict(zip(choices, picked, strict=True)), "framework": framework})
                if not errors(answers):
                    combos.append(answers)
    return combos
