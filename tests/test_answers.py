"""Answers files, --set, precedence and checks (generator/answers.py)."""

from __future__ import annotations

import shlex
from collections import ChainMap
from pathlib import Path

import pytest

from generator import answers, rules
from generator.errors import UsageError, UserError


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_file_is_coerced_and_metadata_kept_apart(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "team.yml",
        '_template: "gh:acme/startwise"\n_commit: "abc"\nproject_name: Shop\nuse_orm: yes\nuse_api: "y"\n'
        "database: postgresql\nframework: django\n",
    )
    loaded = answers.load_file(path)
    assert loaded.answers == {
        "project_name": "Shop",
        "use_orm": True,
        "use_api": True,
        "database": "postgresql",
        "framework": "django",
        # A record (it names its template) made before django_release existed was made on 5.2.
        "django_release": "lts",
    }
    assert loaded.metadata == {"_template": "gh:acme/startwise", "_commit": "abc"}


def test_json_file(tmp_path: Path) -> None:
    path = write(tmp_path, "team.json", '{"use_orm": "no", "use_admin": false, "use_auth": 0, "ci": "gitlab"}')
    assert answers.load_file(path).answers == {"use_orm": False, "use_admin": False, "use_auth": False, "ci": "gitlab"}


def test_cookiecutter_config_default_context(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "cc.yaml",
        "cookiecutters_dir: /tmp/cc\ndefault_context:\n  author_name: Ada\n  use_celery: 'true'\n",
    )
    # use_celery, the older form of jobs=celery, is read as jobs.
    assert answers.load_file(path).answers == {"author_name": "Ada", "jobs": "celery"}


def test_a_team_file_without_a_new_question_takes_its_default(tmp_path: Path) -> None:
    """Only a project's record predates questions: a team's file leaves django_release to its default."""
    path = write(tmp_path, "team.yml", "framework: django\n")
    assert "django_release" not in answers.load_file(path).answers
    assert rules.complete(answers.load_file(path).answers)["django_release"] == "current"


def test_use_celery_against_another_jobs_backend_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "team.yml", "use_celery: yes\njobs: tasks\nframework: django\n")
    problems = rules.refusals(answers.load_file(path).answers)
    assert problems == [
        "use_celery=yes (the older form of jobs=celery) contradicts jobs=tasks. Set use_celery=no, or jobs=celery."
    ]


def test_empty_file_fixes_nothing(tmp_path: Path) -> None:
    assert answers.load_file(write(tmp_path, "empty.yml", "# nothing yet\n")).answers == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("colour: blue\n", ["'colour' is not a startwise question", "Valid keys: project_name"]),
        ("framework: rails\n", ["framework='rails'", "django, flask"]),
        ("use_api: maybe\n", ["use_api='maybe'", "yes or no"]),
        ("use_api: maybe\ncolour: blue\n", ["use_api='maybe'", "'colour'"]),  # every problem at once
        ("project_name: [a, b]\n", ["project_name must be text"]),
    ],
)
def test_bad_answers_name_key_value_and_valid_values(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = write(tmp_path, "team.yml", text)
    with pytest.raises(UserError) as caught:
        answers.load_file(path)
    message = str(caught.value)
    assert str(path) in message
    for part in expected:
        assert part in message


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("bad.yml", "use_orm: yes\n  framework: [django\n", "not valid YAML"),
        ("bad.json", '{"use_orm": yes}', "not valid JSON"),
        ("list.yml", "- use_orm\n- use_api\n", "must hold a mapping"),
        ("cc.yml", "default_context: {}\nuse_api: yes\n", "Move the answers under default_context"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, text: str, expected: str) -> None:
    with pytest.raises(UserError, match=expected):
        answers.load_file(write(tmp_path, name, text))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Cannot read the answers file"):
        answers.load_file(tmp_path / "nope.yml")


def test_parse_sets() -> None:
    assert answers.parse_sets(["use_api=yes", "project_name=A = B", "use_api=0"]) == {
        "use_api": False,
        "project_name": "A = B",
    }
    with pytest.raises(UsageError, match="not key=value"):
        answers.parse_sets(["use_api"])
    with pytest.raises(UserError, match="'nope' is not a startwise question"):
        answers.parse_sets(["nope=1"])


def test_precedence_set_over_file_over_defaults() -> None:
    layered = answers.layer({"use_api": True}, {"use_api": False, "ci": "none"})
    assert isinstance(layered, ChainMap)
    assert layered["use_api"] is True
    assert layered["ci"] == "none"
    assert layered["license"] == "MIT"


def test_defaults_follow_the_given_answers() -> None:
    assert answers.defaults_for({"project_name": "Big Shop"})["project_slug"] == "big_shop"
    assert answers.defaults_for({"project_name": "Café Crème"})["project_slug"] == "cafe_creme"  # as cookiecutter
    without_orm = answers.defaults_for({"use_orm": False})
    assert (without_orm["use_admin"], without_orm["use_auth"]) == (False, False)
    flask_no_auth = answers.defaults_for({"framework": "flask", "use_auth": False})
    assert flask_no_auth["use_admin"] is False
    # what is given is never changed: only defaults move
    values = answers.require_valid(answers.layer({"use_orm": False}))
    assert (values["use_admin"], values["use_auth"]) == (False, False)


def test_require_valid_reports_consistency_errors() -> None:
    with pytest.raises(UserError) as caught:
        answers.require_valid(answers.layer({"use_orm": False, "use_admin": True}))
    assert "use_admin=yes needs use_orm=yes" in str(caught.value)
    with pytest.raises(UserError, match="is a Python keyword"):
        answers.require_valid(answers.layer({"project_slug": "class"}))


def test_as_options_round_trip() -> None:
    given = {"project_name": "My Shop", "use_api": True, "ci": "none"}
    options = answers.as_options(given)
    assert options == ["--set", "project_name=My Shop", "--set", "use_api=yes", "--set", "ci=none"]
    assert answers.parse_sets(shlex.split(shlex.join(options))[1::2]) == given


def test_every_contract_key_is_accepted(tmp_path: Path) -> None:
    text = "".join(
        f"{key}: {rules.yes_no(v) if isinstance(v, bool) else repr(v)}\n" for key, v in rules.defaults().items()
    )
    # use_celery=no, a superseded key, says nothing jobs does not: it is read and dropped.
    expected = {key: value for key, value in rules.defaults().items() if not rules.BY_KEY[key].superseded_by}
    assert answers.load_file(write(tmp_path, "all.yml", text)).answers == expected
