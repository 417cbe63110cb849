"""Unit tests of the answers contract, the consistency rules and the recommendation."""

from __future__ import annotations

import json
import keyword
import re
import shutil
import sys
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import contract, rules
from tests.helpers import ROOT


def answers(**overrides: Any) -> dict[str, Any]:
    values, problems = rules.coerce_all(overrides)
    assert problems == []
    return rules.complete(values)


# ----------------------------------------------------------------- the contract


def test_contract_keys_in_order() -> None:
    assert rules.KEYS == (
        "project_name", "project_slug", "description", "author_name", "author_email", "license",
        "use_orm", "database", "use_admin", "use_auth", "use_async", "use_api",
        "framework", "django_release", "jobs", "use_docker", "ci", "frontend", "deploy", "use_celery",
    )  # fmt: skip


def test_cookiecutter_json_is_generated_from_the_contract(template_root: Any) -> None:
    on_disk = (template_root / "cookiecutter.json").read_text(encoding="utf-8")
    assert on_disk == contract.render(), "run: python -m generator.contract"


def test_cookiecutter_json_asks_every_key_with_a_human_prompt(template_root: Any) -> None:
    data = json.loads((template_root / "cookiecutter.json").read_text(encoding="utf-8"))
    asked = [key for key in data if not key.startswith("_")]
    assert tuple(asked) == rules.KEYS
    for key in asked:
        prompt = data["__prompts__"][key]
        text = prompt["__prompt__"] if isinstance(prompt, dict) else prompt
        assert text != key and " " in text, f"{key} needs a human-readable question"
        if isinstance(data[key], list):
            assert data[key][0] == rules.BY_KEY[key].default
            assert set(prompt) - {"__prompt__"} == set(data[key]), f"every option of {key} has a label"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("yes", True), ("Y", True), ("true", True), ("1", True), (1, True), (True, True), ("on", True),
     ("no", False), ("n", False), ("False", False), ("0", False), (0, False), (False, False)],
)  # fmt: skip
def test_booleans_accept_every_spelling(raw: Any, expected: bool) -> None:
    assert rules.coerce("use_orm", raw) is expected


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("use_orm", "maybe", "use_orm='maybe' is not a yes/no answer"),
        ("database", "oracle", "Use one of: sqlite, postgresql, mysql"),
        ("framework", "rails", "Use one of: auto, django, flask"),
        ("ci", "jenkins", "Use one of: github, gitlab, none"),
        ("license", "WTFPL", "Use one of: MIT, BSD-3-Clause"),
        ("colour", "blue", "'colour' is not a startwise question. Valid keys: project_name"),
    ],
)
def test_bad_values_name_key_value_and_the_valid_ones(key: str, value: str, fragment: str) -> None:
    with pytest.raises(rules.AnswerError, match=fragment.replace("(", r"\(")):
        rules.coerce(key, value)


def test_coerce_all_skips_private_keys_and_collects_every_error() -> None:
    values, problems = rules.coerce_all({"_template": "x", "use_api": "y", "database": "db2", "nope": 1})
    assert values == {"use_api": True}
    assert len(problems) == 2


def test_defaults_derive_the_slug_from_the_name() -> None:
    assert rules.complete({"project_name": "Acme Shop-Front"})["project_slug"] == "acme_shop_front"
    assert rules.complete({})["project_slug"] == "my_site"


# ----------------------------------------------------------------- field checks


@pytest.mark.parametrize(
    ("slug", "fragment"),
    [
        ("my-site", "not a valid Python identifier"),
        ("9lives", "not a valid Python identifier"),
        ("café", "not a valid Python identifier"),
        ("class", "is a Python keyword"),
        ("json", "standard library module"),
        ("os", "standard library module"),
        ("django", "dependency of the generated project"),
        ("flask", "dependency of the generated project"),
        ("celery", "dependency of the generated project"),
        ("a" * 41, "has 41 characters"),
    ],
)
def test_bad_slugs_are_rejected_with_the_fix(slug: str, fragment: str) -> None:
    message = rules.check_slug(slug)
    assert message is not None
    assert fragment in message
    assert f"project_slug={slug!r}" in message
    assert "Choose" in message


@pytest.mark.parametrize("slug", ["my_site", "shop", "acme2", "_private", "a" * 40])
def test_good_slugs_pass(slug: str) -> None:
    assert rules.check_slug(slug) is None


@pytest.mark.parametrize(
    ("framework", "name"), [(framework, name) for framework, paths in rules.layer_paths().items() for name in paths]
)
def test_a_slug_may_not_name_what_the_layers_write_at_the_project_root(framework: str, name: str) -> None:
    """Django's notes/pages/users, Flask's migrations (issue 19): refused by every door, before a file is written."""
    message = rules.check_slug(name, framework)
    assert message is not None
    assert f"which a {rules.REGISTRY[framework].label} project has at its root" in message
    assert rules.check_slug(name) is not None  # the framework not known yet: refused too
    assert any(message in refusal for refusal in rules.refusals({"project_slug": name, "framework": framework}))


def test_the_names_a_slug_may_not_take_come_from_the_layer_trees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's names are not spelled anywhere: a folder or module a layer adds at the root is reserved for its framework."""
    for framework in rules.FRAMEWORKS:  # every folder a framework's layer has at the project root, today
        tree = ROOT / f"template-{framework}" / rules._PROJECT_TREE
        folders = {path.name for path in tree.iterdir() if path.is_dir() and path.name.isidentifier()}
        assert folders <= set(rules.layer_paths()[framework]), framework
    root = tmp_path / "template"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".git", ".venv", "lock", "tests"))
    (root / "template-flask" / rules._PROJECT_TREE / "reports").mkdir()
    (root / "template-flask" / rules._PROJECT_TREE / "tasks.py").write_text("", encoding="utf-8")
    django_tree = root / "template-django" / rules._PROJECT_TREE
    # A folder only the Django layer has at the root (an app, static/...), removed: as the apps move into the package.
    gone = next(name for name, path in rules.layer_paths()["django"].items()
                if path.endswith("/") and name not in rules.layer_paths()["flask"])  # fmt: skip
    shutil.rmtree(django_tree / gone)
    monkeypatch.setattr(rules, "_TEMPLATE_ROOTS", (root,))
    rules.layer_paths.cache_clear()
    try:
        assert rules.layer_paths()["flask"]["reports"] == "reports/"
        assert rules.layer_paths()["flask"]["tasks"] == "tasks.py"
        assert "reports" not in rules.layer_paths()["django"]
        assert rules.check_slug(gone, "django") is None
        assert rules.check_slug("reports", "django") is None
        assert rules.check_slug("reports", "flask") is not None
        assert rules.check_slug("reports") is not None  # framework not known yet: any framework's names
    finally:
        rules.layer_paths.cache_clear()


def test_a_slug_a_framework_does_not_write_is_fine_for_it() -> None:
    assert rules.check_slug("notes", "flask") is None
    assert not rules.refusals({"project_slug": "notes", "framework": "flask"})
    assert rules.check_slug("migrations", "django") is None


@pytest.mark.parametrize("email", ["a@b", "nobody", "a b@c.org", "x@y.z"])
def test_bad_emails_are_rejected(email: str) -> None:
    message = rules.check_email(email)
    assert message is not None and "name@example.com" in message


@pytest.mark.parametrize("email", ["", "ada@example.com", "a.b+c@mail.example.org"])
def test_good_or_empty_emails_pass(email: str) -> None:
    assert rules.check_email(email) is None


# ------------------------------------------------------------ consistency table


@pytest.mark.parametrize(
    ("given", "level", "keys"),
    [
        ({"framework": "django", "use_orm": "no", "use_admin": "yes", "use_auth": "no"}, "error", ("use_admin", "use_orm")),
        ({"use_orm": "no", "use_admin": "no", "use_auth": "yes"}, "error", ("use_auth", "use_orm")),
        ({"framework": "flask", "use_admin": "yes", "use_auth": "no"}, "error", ("framework", "use_admin", "use_auth")),
        ({"use_orm": "no", "use_admin": "no", "use_auth": "no", "database": "mysql"}, "notice", ("use_orm", "database")),
        ({"framework": "flask", "use_async": "yes"}, "warning", ("framework", "use_async")),
    ],
)  # fmt: skip
def test_each_rule_fires_with_its_level(given: dict[str, str], level: str, keys: tuple[str, ...]) -> None:
    problems = [p for p in rules.check(answers(**given)) if p.level == level]
    assert [p.keys for p in problems] == [keys]
    message = problems[0].message
    for key in keys:
        assert key in message
    assert "Set " in message or "set " in message or "framework=django" in message


@pytest.mark.parametrize(
    "given",
    [
        {},
        {"framework": "flask"},
        {"framework": "django", "use_admin": "yes", "use_auth": "no"},
        {"use_orm": "no", "use_admin": "no", "use_auth": "no"},
        {"framework": "django", "use_async": "yes"},
    ],
)
def test_consistent_answers_have_no_errors(given: dict[str, str]) -> None:
    assert rules.errors(answers(**given)) == []


def test_auto_is_resolved_before_the_flask_rules_apply() -> None:
    # No ORM-free needs push auto to Flask, where async draws the warning.
    given = answers(use_orm="no", use_admin="no", use_auth="no", use_async="yes", framework="auto")
    assert rules.resolve_framework(given) == rules.recommend(given).framework
    warnings = [p for p in rules.check(given) if p.level == "warning"]
    if rules.resolve_framework(given) == "flask":
        assert warnings and warnings[0].message.startswith("(framework=auto chose flask)")
    else:
        assert warnings == []


@pytest.mark.parametrize(
    ("given", "turned_off"),
    [
        ({}, set()),
        ({"use_orm": False}, {"use_admin", "use_auth"}),
        ({"framework": "flask", "use_auth": False}, {"use_admin"}),
        ({"framework": "django", "use_auth": False}, set()),
        ({"use_orm": False, "use_admin": True}, {"use_auth"}),  # given answers never move
    ],
)
def test_defaults_yield_to_the_rules(given: dict[str, Any], turned_off: set[str]) -> None:
    values = rules.defaults_given(given)
    assert {key for key, value in values.items() if value != rules.defaults()[key]} == turned_off
    for key in given:
        assert values[key] == rules.defaults()[key]


# ---------------------------------------------------------------- recommendation


@pytest.mark.parametrize(
    ("needs", "framework"),
    [
        ({}, "django"),
        ({"use_orm": "no", "use_admin": "no", "use_auth": "no"}, "flask"),
        ({"use_orm": "no", "use_admin": "no", "use_auth": "no", "use_api": "yes"}, "flask"),
        ({"use_orm": "yes", "use_admin": "no", "use_auth": "no", "use_api": "yes"}, "django"),
        ({"use_orm": "yes", "use_admin": "no", "use_auth": "no"}, "django"),
        ({"use_orm": "no", "use_admin": "no", "use_auth": "no", "use_async": "yes"}, "flask"),
        ({"use_orm": "yes", "use_admin": "yes", "use_auth": "yes", "use_async": "yes", "use_api": "yes"}, "django"),
    ],
)  # fmt: skip
def test_recommendation_table(needs: dict[str, str], framework: str) -> None:
    rec = rules.recommend(needs)
    assert rec.framework == framework
    assert rec.reasons, "every recommendation gives its reasons"
    assert rec.scores[framework] >= rec.scores["flask" if framework == "django" else "django"]


def test_reasons_name_the_needs_they_come_from() -> None:
    rec = rules.recommend({"use_orm": "yes", "use_admin": "yes", "use_auth": "yes", "use_async": "yes"})
    joined = " ".join(rec.reasons)
    for need in ("Relational data", "Admin back-office", "User accounts", "Async views"):
        assert need in joined


def test_explicit_framework_always_wins_and_explain_says_so() -> None:
    given = answers(framework="flask")
    assert rules.resolve_framework(given) == "flask"
    assert "your choice; the needs point to django" in rules.explain(given)
    assert "recommended from your needs" in rules.explain(answers())


def test_recommend_tolerates_raw_and_missing_values() -> None:
    assert rules.recommend({"use_orm": "garbage"}).framework == "django"
    assert rules.recommend({}).framework == "django"


# ------------------------------------------------------------------ combinations


def test_valid_combinations_count_and_validity() -> None:
    combos = rules.valid_combinations()
    django = [c for c in combos if c["framework"] == "django"]
    flask = [c for c in combos if c["framework"] == "flask"]
    # Without an ORM: 4 (async x api), sqlite only. With: 16 x 3 databases,
    # less Flask's 4 x 3 admin-without-auth combinations.
    assert len(django) == 4 + 16 * 3
    assert len(flask) == 4 + 12 * 3
    assert all(rules.errors(c) == [] for c in combos)
    assert len({json.dumps(c, sort_keys=True) for c in combos}) == len(combos)


# ------------------------------------------------------------ suggested fixes


def invalid_combinations() -> list[dict[str, Any]]:
    """Every needs x framework (auto included) x database combination the rules refuse."""
    combos = []
    for framework in rules.BY_KEY["framework"].choices:
        flag_keys = [key for key in rules.NEEDS if rules.BY_KEY[key].kind == rules.BOOLEAN]
        for flags in product((True, False), repeat=len(flag_keys)):
            needs = dict(zip(flag_keys, flags, strict=True))
            for database in rules.BY_KEY["database"].choices:
                combo = rules.complete({**needs, "database": database, "framework": framework})
                if rules.errors(combo):
                    combos.append(combo)
    return combos


INVALID = invalid_combinations()


def test_there_are_invalid_combinations_of_every_framework() -> None:
    assert {combo["framework"] for combo in INVALID} == {"auto", "django", "flask"}
    assert len(INVALID) == 120  # 40 needs x framework, times 3 databases


@pytest.mark.parametrize(
    "combo", INVALID, ids=lambda c: "-".join(f"{k}={v}" for k, v in c.items() if k in rules.NEEDS or k == "framework")
)
def test_every_suggested_fix_passes_every_rule(combo: dict[str, Any]) -> None:
    for problem in rules.errors(combo):
        assert problem.fixes, f"no way out offered: {problem.message}"
        assert problem.message.endswith(rules.fix_sentence(problem.fixes))
        for fix in problem.fixes:
            fixed = {**combo, **fix}
            assert rules.errors(fixed) == [], f"{problem.message}\n  applying {fix} leaves {rules.errors(fixed)}"
            for key, value in fix.items():  # every change is a change, and is named in the message
                assert combo[key] != value
                assert f"{key}={rules.yes_no(value) if isinstance(value, bool) else value}" in problem.message


def test_the_fix_of_issue_9_no_longer_breaks_another_rule() -> None:
    given = rules.complete({"use_orm": False, "use_admin": True, "use_auth": False, "framework": "auto"})
    messages = [problem.message for problem in rules.errors(given)]
    assert "Set use_orm=yes, or use_admin=no." in messages[0]
    assert "Set use_auth=yes and use_orm=yes; use_admin=no; or framework=django and use_orm=yes." in messages[1]


SLUG_NAMES = sorted({*sys.stdlib_module_names, *rules.DEPENDENCY_NAMES, *keyword.kwlist,
                     *(name for paths in rules.layer_paths().values() for name in paths)})  # fmt: skip


def test_every_suggested_project_slug_is_valid() -> None:
    suggested = 0
    for name in SLUG_NAMES:
        message = rules.check_slug(name)
        if message is None:
            continue
        example = re.search(r"such as (\w+)\.$", message)
        assert example, message
        assert rules.check_slug(example.group(1)) is None, message
        suggested += 1
    assert suggested > 300


# ------------------------------------------------------------- issue 20 point 6


@pytest.mark.parametrize(
    ("name", "slug"),
    [("123 Shop", "shop_123"), ("123", "site_123"), ("Class", "my_class"), ("JSON", "my_json"), ("Django", "my_django"),
     ("Café Crème", "cafe_creme"), ("a" * 50, "a" * 40), ("My Site", "my_site")],
)  # fmt: skip
def test_the_proposed_slug_passes_every_rule(name: str, slug: str) -> None:
    """The slug proposed for "123 Shop" was 123_shop, refused a moment later."""
    assert rules.slugify(name) == slug
    assert rules.check_slug(slug) is None
    assert all(rules.check_slug(slug, framework) is None for framework in rules.FRAMEWORKS)
    assert not rules.refusals({"project_name": name})  # the slug derived in every door passes


@settings(max_examples=300, deadline=None)
@given(name=st.text())
def test_any_name_gets_a_slug_that_passes(name: str) -> None:
    slug = rules.slugify(name)
    assert rules.check_slug(slug) is None, (name, slug)


def test_every_slug_refusal_suggests_a_slug_that_passes() -> None:
    layers = [name for paths in rules.layer_paths().values() for name in paths]  # notes, migrations... today
    for slug in ["my-site", "9lives", "123_shop", "class", "json", *layers, "a" * 41, "café", ""]:
        message = rules.check_slug(slug)
        assert message is not None
        example = re.search(r"such as (\w+)\.$", message)
        assert example, message
        assert rules.check_slug(example.group(1)) is None, message


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_project_name_is_refused_by_every_door(name: str) -> None:
    assert rules.refusals({"project_name": name}) == [
        "project_name is empty. Choose a name for the project, such as My Site."
    ]


@pytest.mark.parametrize(
    ("key", "value", "hint"),
    [("use_apii", "yes", "Did you mean use_api?"), ("database", "postgres", "Did you mean postgresql?"),
     ("database", "PostgreSQL", "Did you mean postgresql?"), ("framework", "djnago", "Did you mean django?"),
     ("use_api", "yse", "Did you mean yes?")],
)  # fmt: skip
def test_a_mistyped_key_or_value_gets_did_you_mean(key: str, value: str, hint: str) -> None:
    (problem,) = rules.refusals({key: value})
    assert hint in problem


def test_nothing_close_suggests_nothing() -> None:
    (problem,) = rules.refusals({"ci": "jenkins"})
    assert "Did you mean" not in problem


def test_the_recommendation_says_what_each_framework_brings() -> None:
    """Both sides, even when the needs all point one way (issue 20: "Django 9, Flask 0" and nothing for Flask)."""
    rec = rules.recommend(rules.defaults())
    assert rec.framework == "django"
    assert set(rec.brings) == set(rules.FRAMEWORKS)
    assert rec.brings["flask"] == (rules.REGISTRY["flask"].gains,)
    assert "fewer moving parts" in rec.brings["flask"][0].lower() and "smaller surface" in rec.brings["flask"][0]
    assert rec.brings["django"][:-1] == rec.reasons


def test_taking_the_other_framework_says_what_it_costs() -> None:
    assert rules.choice_cost(rules.defaults()) == ""
    assert rules.choice_cost(rules.complete({"framework": "django"})) == ""
    cost = rules.choice_cost(rules.complete({"framework": "flask"}))
    assert cost.startswith("Choosing Flask over Django costs: ")
    assert "Flask-Admin" in cost
    assert cost in rules.explain(rules.complete({"framework": "flask"}))
    no_orm = rules.complete({"use_orm": False, "use_admin": False, "use_auth": False, "framework": "django"})
    assert rules.choice_cost(no_orm).startswith("Choosing Django over Flask costs: Django's ORM, admin and accounts")


def test_every_asked_question_has_a_label_and_every_need_a_line_of_help() -> None:
    for question in rules.QUESTIONS:
        assert question.label, question.key
    for key in [*rules.NEEDS, "django_release", "jobs", "frontend", "deploy"]:
        assert rules.BY_KEY[key].help, key
        assert "\n" not in rules.BY_KEY[key].help


def test_the_summary_words_of_a_choice() -> None:
    assert rules.BY_KEY["database"].say("postgresql") == "PostgreSQL"
    assert rules.BY_KEY["database"].say("sqlite") == "SQLite"
    assert rules.BY_KEY["use_api"].say(True) == "yes"
