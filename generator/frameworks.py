"""The framework registry: what startwise knows of each framework, keyed by its name.

A framework is one layer (``template-<name>/``) plus one entry here: its label, the
needs that pull towards it (points and the reason shown), the tie-break, and the
commands its next steps fall back to. The recommendation (:mod:`generator.rules`),
the wizard, the CLI, the next steps and the tests loop over :data:`REGISTRY`;
nothing else names a framework, except the consistency rules that concern one.
Standard library only: the cookiecutter hooks import it through ``rules``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Condition = Mapping[str, tuple[Any, ...]]


@dataclass(frozen=True)
class Pull:
    """A need that pulls towards one framework: when it holds, the points, why, and what going against it costs."""

    when: Condition
    points: int
    reason: str
    cost: str  # what taking another framework costs for this need (a phrase: "the admin to build ...")


@dataclass(frozen=True)
class Framework:
    """One framework startwise renders."""

    name: str
    label: str
    pulls: tuple[Pull, ...]
    # What it brings whatever the needs: shown beside the recommendation, so each side is heard.
    gains: str
    # On equal scores, the first framework (in registry order) whose condition holds.
    tie: Condition
    # Next steps when the README has none: ``{slug}`` is the package name.
    migrate: str
    serve: str


REGISTRY: dict[str, Framework] = {
    framework.name: framework
    for framework in (
        Framework(
            "django",
            "Django",
            (
                Pull(
                    {"use_orm": (True,)},
                    3,
                    "Relational data: Django ships its ORM and migrations, and its forms, admin and generic "
                    "views build on them; Flask needs SQLAlchemy, Flask-SQLAlchemy and Flask-Migrate wired by the "
                    "project.",
                    "SQLAlchemy, Flask-SQLAlchemy and Flask-Migrate to wire and keep in step",
                ),
                Pull(
                    {"use_admin": (True,)},
                    3,
                    "Admin back-office: Django's admin is built in, with per-user permissions, a few lines per "
                    "model; Flask-Admin needs real configuration and care to keep it behind a login.",
                    "an admin to configure with Flask-Admin and keep behind a login",
                ),
                Pull(
                    {"use_auth": (True,)},
                    2,
                    "User accounts: Django has users, permissions, password hashing and login views built in; "
                    "Flask assembles them from extensions (Flask-Security-Too over Flask-Login, a mail and a "
                    "rate-limit extension), each one more for the project to configure, secure and upgrade.",
                    "accounts assembled from Flask-Security-Too and the extensions it needs",
                ),
                Pull(
                    {"use_async": (True,)},
                    2,
                    "Async views: Django serves them natively over ASGI; Flask runs each async view inside a "
                    "synchronous worker, and its own docs point async-first code to Quart.",
                    "async views that each hold a worker while they wait",
                ),
                Pull(
                    {"use_api": (True,), "use_orm": (True,)},
                    1,
                    "REST API over relational data: Django REST Framework builds it from the same models, "
                    "with auth and permissions included.",
                    "an API written without Django REST Framework's model serializers and permissions",
                ),
            ),
            gains="Batteries that fit together: the ORM, admin, accounts, forms and security middleware are "
            "released, documented and upgraded as one, and most Python web developers know them.",
            tie={"use_orm": (True,)},
            migrate="python manage.py migrate",
            serve="python manage.py runserver",
        ),
        Framework(
            "flask",
            "Flask",
            (
                Pull(
                    {"use_orm": (False,)},
                    3,
                    "No relational database: Django's deepest integration (ORM, admin, auth) would go unused, "
                    "while Flask stays small and adds nothing you do not need.",
                    "Django's ORM, admin and accounts installed but unused",
                ),
                Pull(
                    {"use_api": (True,), "use_orm": (False,)},
                    2,
                    "Lean API without relational data: Flask with an API extension stays small and fast to "
                    "change, a good fit for a microservice.",
                    "a larger stack than a small API needs",
                ),
                Pull(
                    {"use_admin": (False,), "use_auth": (False,)},
                    1,
                    "No admin and no accounts: nothing here needs Django's batteries, and Flask's explicit, "
                    "small core is easier to read and to bend.",
                    "batteries to learn and upgrade that the project does not use",
                ),
            ),
            gains="Fewer moving parts and a smaller surface: a core you can read in a day, and only the "
            "extensions you add, so less to learn, secure and upgrade for what the project does not use.",
            tie={"use_orm": (False,)},
            migrate="flask --app {slug} db upgrade",
            serve="flask --app {slug} run --debug",
        ),
    )
}
FRAMEWORKS: tuple[str, ...] = tuple(REGISTRY)
LABELS: dict[str, str] = {name: framework.label for name, framework in REGISTRY.items()}
