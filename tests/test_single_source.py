"""Each fact has one source: the contract (rules), the derived values, the framework registry.

Mutating the contract's table moves the wizard with it; the modules around the
contract do not spell out a question's key or a rule's text; every layer has its
registry entry; templates read the database through the derived values.
"""

from __future__ import annotations

import ast
import dataclasses
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from generator import frameworks, rules
from generator.wizard import Wizard

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
# The modules that ask, layer, record or merge answers: they read the contract, never restate it.
AROUND_THE_CONTRACT = ("wizard.py", "cli.py", "answers.py", "update.py", "record.py", "check.py", "render.py")
# Keys that name a part of the answers every module handles as such (the package name, the framework,
# the author git commits as when it knows none).
STRUCTURAL = {"project_slug", "project_name", "framework", "author_name", "author_email"}


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe_input:
        yield pipe_input


class Asked(Exception):  # noqa: N818 - the wizard reached a prompt
    """Raised where the wizard would prompt."""


def wizard(pipe: PipeInput, fixed: dict[str, Any], tmp_path: Path) -> Wizard:
    return Wizard(fixed, output_dir=tmp_path, console=Console(file=io.StringIO()), input=pipe, output=DummyOutput())


def no_prompt(question: Any) -> Any:
    raise Asked


def strings(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


@pytest.mark.parametrize("module", AROUND_THE_CONTRACT)
def test_no_question_key_is_spelled_outside_the_contract(module: str) -> None:
    spelled = {text for text in strings(GENERATOR / module) if text in rules.BY_KEY} - STRUCTURAL
    assert not spelled, f"{module} codes {sorted(spelled)}: read them from rules instead"


@pytest.mark.parametrize("module", sorted(p.name for p in GENERATOR.glob("*.py") if p.name != "rules.py"))
def test_no_rule_text_outside_rules(module: str) -> None:
    texts = [text for text in strings(GENERATOR / module) if len(text) > 15]
    for rule in rules.RULES:
        for part in re.split(r"[:.] ", rule.message):
            if len(part) > 20:
                assert not any(part in text for text in texts), (module, part)


def test_a_question_that_stops_applying_is_not_asked(
    pipe: PipeInput, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = rules.BY_KEY["use_api"]
    monkeypatch.setitem(rules.BY_KEY, "use_api", dataclasses.replace(question, applies={"use_orm": (True,)}))
    asking = wizard(pipe, {"use_orm": False}, tmp_path)
    monkeypatch.setattr(asking, "_ask", no_prompt)
    asking.ask("use_api")
    assert "use_api" not in asking.known
    pipe.send_text("y\r")  # y, then Enter: yes/no questions wait for it
    asking = wizard(pipe, {"use_orm": True}, tmp_path)
    asking.ask("use_api")
    assert asking.asked == {"use_api": True}


def test_a_new_error_rule_implies_the_answer(pipe: PipeInput, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rule = rules.Rule("error", {"use_celery": (True,), "use_docker": (False,)}, "Celery needs Docker here.", (), "test")
    monkeypatch.setattr(rules, "RULES", (*rules.RULES, rule))
    asking = wizard(pipe, {"use_docker": False}, tmp_path)
    monkeypatch.setattr(asking, "_ask", no_prompt)
    asking.ask("use_celery")
    assert (asking.asked, asking.implied) == ({"use_celery": False}, {"use_celery": "test"})
    monkeypatch.setattr(rules, "RULES", tuple(r for r in rules.RULES if r is not rule))
    asking = wizard(pipe, {"use_docker": False}, tmp_path)
    monkeypatch.setattr(asking, "_ask", no_prompt)
    with pytest.raises(Asked):  # without the rule, the question is asked
        asking.ask("use_celery")


def test_every_layer_has_a_registry_entry_and_back() -> None:
    layers = {path.name.removeprefix("template-") for path in ROOT.glob("template-*") if path.is_dir()}
    assert layers == set(frameworks.REGISTRY)
    assert set(rules.BY_KEY["framework"].choices) == {"auto", *frameworks.FRAMEWORKS}


def test_the_recommendation_scores_every_registered_framework() -> None:
    rec = rules.recommend({})
    assert set(rec.scores) == set(frameworks.REGISTRY)


def test_templates_read_the_database_actually_used_from_the_derived_values() -> None:
    spelled = set()
    for path in [
        *ROOT.glob("template-*/**/*"),
        *ROOT.glob("templates/**/*"),
        *ROOT.glob("{{cookiecutter.project_slug}}/**/*"),
    ]:
        if path.is_file() and "lock" not in path.relative_to(ROOT).parts[1:2]:
            text = path.read_text(encoding="utf-8", errors="replace")
            if re.search(r"use_orm and cookiecutter\.database|cookiecutter\.database if cookiecutter\.use_orm", text):
                spelled.add(path.relative_to(ROOT).as_posix())
    assert spelled == set()


@pytest.mark.parametrize("name", ["My Site", "Café Crème", "Straße 2", "Ærø-Ølstue", "hello.world!"])
def test_one_slug_function_for_every_door(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """cookiecutter's default slug (cookiecutter.json) and the CLI's (rules.slugify) agree."""
    from cookiecutter.generate import generate_context  # noqa: PLC0415
    from cookiecutter.prompt import prompt_for_config  # noqa: PLC0415

    monkeypatch.syspath_prepend(str(ROOT))
    context = generate_context(str(ROOT / "cookiecutter.json"), extra_context={"project_name": name})
    assert prompt_for_config(context, no_input=True)["project_slug"] == rules.slugify(name)
