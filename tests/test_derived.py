"""Derived values: one definition (rules.DERIVED), the same in cookiecutter's context, in Python and in manifests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config

from generator import contract, rules

ROOT = Path(__file__).resolve().parent.parent


def cookiecutter_context(answers: dict[str, Any]) -> dict[str, Any]:
    """What cookiecutter itself renders for these answers (cookiecutter.json, extension and all)."""
    words = {key: rules.say(value) for key, value in answers.items()}
    context = generate_context(str(ROOT / "cookiecutter.json"), extra_context=words)
    return dict(prompt_for_config(context, no_input=True))


@pytest.mark.parametrize("combo", rules.valid_combinations(), ids=lambda c: "-".join(rules.say(v) for v in c.values()))
def test_cookiecutter_renders_the_derived_values_rules_computes(combo: dict[str, Any], monkeypatch: Any) -> None:
    monkeypatch.syspath_prepend(str(ROOT))
    answers = rules.complete({**combo, "use_celery": combo["use_api"]})
    rendered = cookiecutter_context(answers)
    expected = rules.template_context(answers)
    assert {key: rendered[key] for key in rules.DERIVED_KEYS} == {key: expected[key] for key in rules.DERIVED_KEYS}


def test_every_derived_value_is_in_cookiecutter_json_and_nothing_else() -> None:
    private = [key for key in contract.cookiecutter_context() if key.startswith("__") and key != "__prompts__"]
    assert private == list(rules.DERIVED_KEYS)


@pytest.mark.parametrize(
    ("given", "database", "server", "services"),
    [
        ({"use_orm": False, "use_admin": False, "use_auth": False, "database": "postgresql"}, "none", "", ()),
        ({"database": "sqlite"}, "sqlite", "", ("mailpit",)),
        (
            {"database": "postgresql", "use_celery": True},
            "postgresql",
            "postgresql",
            ("postgresql", "mailpit", "redis"),
        ),
        ({"database": "mysql", "use_auth": False, "use_admin": False}, "mysql", "mysql", ("mysql",)),
    ],
)
def test_derived_values(given: dict[str, Any], database: str, server: str, services: tuple[str, ...]) -> None:
    derived = rules.derive(rules.complete(given))
    assert (derived["__database"], derived["__db_server"], derived["__services"]) == (database, server, services)


def test_manifest_conditions_test_derived_values() -> None:
    answers = rules.complete({"database": "postgresql", "use_celery": True})
    assert rules.matches({"__db_server": ("postgresql", "mysql")}, answers)
    assert rules.matches({"__services": ("redis",)}, answers)
    assert not rules.matches({"__services": ("mysql",)}, answers)
    assert not rules.matches({"__database": ("none",)}, answers)
