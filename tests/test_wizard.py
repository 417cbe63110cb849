"""The wizard, driven key by key through prompt_toolkit's pipe input."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from generator import rules
from generator.answers import check_fixed
from generator.errors import Declined, Interrupted, UserError
from generator.wizard import Wizard

ENTER = "\r"
DOWN = "\x1b[B"
CLEAR = "\x15"  # Ctrl-U: clear the line (text prompts start with the default)
CTRL_C = "\x03"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe_input:
        yield pipe_input


def run(
    pipe: PipeInput,
    keys: str,
    tmp_path: Path,
    fixed: dict[str, Any] | None = None,
    sources: dict[str, str] | None = None,
    git: bool | None = False,  # given, as --no-git would: the git question has tests of its own
) -> tuple[dict[str, Any] | None, Wizard, str]:
    pipe.send_text(keys)
    out = io.StringIO()
    wizard = Wizard(
        fixed or {},
        output_dir=tmp_path,
        console=Console(file=out, width=200),
        sources=sources,
        git=git,
        input=pipe,
        output=DummyOutput(),
    )
    return wizard.run(), wizard, out.getvalue()


LABELS = {q.label: q.key for q in rules.QUESTIONS}


def summary_rows(shown: str, column: int = 3) -> dict[str, str]:
    """A column of the last summary table: question key (Git repository: "git") -> its cell."""
    rows = (line.split("│") for line in shown[shown.rindex("Summary") :].splitlines())
    return {LABELS.get(cells[1].strip(), "git"): cells[column].strip() for cells in rows if len(cells) == 5}


def summary_from(shown: str) -> dict[str, str]:
    """The summary table's "from" column: question -> where its answer came from."""
    return {key: value for key, value in summary_rows(shown).items() if key != "git"}


def test_enter_all_the_way_takes_the_defaults(pipe: PipeInput, tmp_path: Path) -> None:
    # 5 texts, license, use_orm, database, admin, auth, async, api, framework, django_release,
    # jobs, docker, ci, frontend, confirm (deploy: SQLite implies compose)
    answers, wizard, shown = run(pipe, ENTER * 19, tmp_path)
    assert answers == rules.defaults()
    assert "Recommended: Django" in shown
    assert "Relational data" in shown  # the reasons are shown
    assert "Summary" in shown
    assert set(wizard.asked) == {q.key for q in rules.ASKED}
    assert wizard.implied == {"deploy": "a shared database"}


def test_identity_is_typed_and_checked(pipe: PipeInput, tmp_path: Path) -> None:
    keys = (
        CLEAR
        + "Big Shop"
        + ENTER
        # the slug default follows the name; "class" is refused as typed, then fixed
        + CLEAR
        + "class"
        + ENTER
        + CLEAR
        + "big_shop"
        + ENTER
        + "Sells things"
        + ENTER
        + "Ada"
        + ENTER
        + "not-an-email"
        + ENTER
        + CLEAR
        + "ada@example.com"
        + ENTER
        + DOWN
        + ENTER  # license: the second choice
        + ENTER * 13
    )
    answers, _, _ = run(pipe, keys, tmp_path)
    assert answers is not None
    assert answers["project_name"] == "Big Shop"
    assert answers["project_slug"] == "big_shop"
    assert answers["author_email"] == "ada@example.com"
    assert answers["license"] == "BSD-3-Clause"


def test_slug_of_an_existing_folder_is_refused(pipe: PipeInput, tmp_path: Path) -> None:
    (tmp_path / "my_site").mkdir()
    answers, _, _ = run(pipe, ENTER + ENTER + CLEAR + "my_site2" + ENTER + ENTER * 17, tmp_path)
    assert answers is not None
    assert answers["project_slug"] == "my_site2"


def test_no_orm_skips_database_admin_and_auth(pipe: PipeInput, tmp_path: Path) -> None:
    # identity (6), use_orm=n, async (Enter), api=y, framework (Enter: recommended), extras (5), confirm
    keys = ENTER * 6 + "n" + ENTER + ENTER + "y" + ENTER + ENTER + ENTER * 5 + ENTER
    answers, wizard, shown = run(pipe, keys, tmp_path)
    assert answers is not None
    assert wizard.implied == {"use_admin": "no ORM", "use_auth": "no ORM"}
    assert "database" not in wizard.asked
    assert "Admin back-office: no -- use_admin=yes needs use_orm=yes" in shown
    assert "Database: not asked, it applies only with use_orm=yes" in shown
    assert (answers["use_admin"], answers["use_auth"], answers["use_api"]) == (False, False, True)
    assert "Recommended: Flask" in shown
    assert answers["framework"] == "auto"
    assert rules.resolve_framework(answers) == "flask"
    assert not rules.errors(answers)


def test_taking_flask_with_admin_and_no_accounts_asks_how_to_fix_it(pipe: PipeInput, tmp_path: Path) -> None:
    # orm yes, sqlite, admin yes, auth NO, async, api; framework: DOWN (Flask), then "add accounts"
    keys = ENTER * 6 + ENTER + ENTER + "y" + ENTER + "n" + ENTER + ENTER + ENTER + DOWN + ENTER + ENTER + ENTER * 5
    answers, _, _ = run(pipe, keys, tmp_path)
    assert answers is not None
    assert answers["framework"] == "flask"
    assert (answers["use_admin"], answers["use_auth"]) == (True, True)
    assert not rules.errors(answers)


def test_fixed_answers_are_not_asked(pipe: PipeInput, tmp_path: Path) -> None:
    fixed = {"project_name": "Team App", "use_orm": True, "database": "postgresql", "framework": "flask", "ci": "none"}
    # slug, description, author, email, license; admin yes -> auth forced yes; async, api;
    # jobs, docker, frontend, deploy; confirm
    keys = ENTER * 5 + "y" + ENTER + ENTER + ENTER + ENTER * 4 + ENTER
    answers, wizard, shown = run(pipe, keys, tmp_path, fixed)
    assert answers is not None
    assert not set(fixed) & set(wizard.asked)
    assert answers["project_slug"] == "team_app"
    assert answers["use_auth"] is True
    assert "User accounts: yes -- framework=flask with use_admin=yes needs use_auth=yes" in shown
    assert answers["database"] == "postgresql"


def test_declining_the_summary_keeps_the_answers(pipe: PipeInput, tmp_path: Path) -> None:
    with pytest.raises(Declined) as caught:
        run(pipe, CLEAR + "Not Yet" + ENTER + ENTER * 17 + "n" + ENTER, tmp_path)
    asked = {q.key: q.default for q in rules.ASKED}
    assert caught.value.answers == {**asked, "project_name": "Not Yet", "project_slug": "not_yet"}
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_keeps_the_answers_so_far(pipe: PipeInput, tmp_path: Path) -> None:
    with pytest.raises(Interrupted) as caught:
        run(pipe, CLEAR + "Half Done" + ENTER + ENTER + CTRL_C, tmp_path)
    assert caught.value.answers == {"project_name": "Half Done", "project_slug": "half_done"}
    assert list(tmp_path.iterdir()) == []


def test_fixed_answers_that_break_a_rule_fail_before_asking() -> None:
    with pytest.raises(UserError, match="use_admin=yes needs use_orm=yes"):
        check_fixed({"use_orm": False, "use_admin": True}, Path())
    check_fixed({"use_orm": False}, Path())  # admin and accounts then default to no


def test_ctrl_d_stops_like_ctrl_c(pipe: PipeInput, tmp_path: Path) -> None:
    with pytest.raises(Interrupted) as caught:
        run(pipe, ENTER + ENTER + "\x04", tmp_path)  # Ctrl-D on the empty description line
    assert caught.value.answers == {"project_name": "My Site", "project_slug": "my_site"}


def test_a_framework_fixed_answers_rule_out_is_offered_disabled(tmp_path: Path) -> None:
    with create_pipe_input() as pipe_input:
        wizard = Wizard(
            {"use_orm": True, "use_admin": True, "use_auth": False},
            output_dir=tmp_path,
            console=Console(file=io.StringIO()),
            input=pipe_input,
            output=DummyOutput(),
        )
        assert wizard._blocked("flask") == "Flask admin: use_admin=yes, use_auth=no fixed"
        assert wizard._blocked("django") is None


def test_a_yes_no_answer_waits_for_enter(pipe: PipeInput, tmp_path: Path) -> None:
    """y or n then Enter answers one question; Enter alone takes its default (issue: y submitted at once)."""
    fixed = {"project_name": "Keys", "description": "", "author_name": "", "author_email": "", "license": "MIT",
             "use_orm": True, "database": "sqlite", "framework": "django", "ci": "none"}  # fmt: skip
    # slug; admin n, auth y, async Enter (no), api y, release and jobs Enter, docker n, frontend Enter; create y
    keys = ENTER + "n" + ENTER + "y" + ENTER + ENTER + "y" + ENTER + ENTER * 2 + "n" + ENTER + ENTER + "y" + ENTER
    answers, _, _ = run(pipe, keys, tmp_path, fixed)
    assert answers is not None
    expected = {"use_admin": False, "use_auth": True, "use_async": False, "use_api": True, "jobs": "none",
                "use_docker": False}  # fmt: skip
    assert {key: answers[key] for key in expected} == expected


def test_the_summary_says_where_each_answer_came_from(pipe: PipeInput, tmp_path: Path) -> None:
    fixed, sources = {"project_name": "Team App", "ci": "none"}, {"project_name": "--set", "ci": "team.yml"}
    # identity (5), use_orm=n, async, api, framework, jobs, docker, frontend, deploy, create
    keys = ENTER * 5 + "n" + ENTER + ENTER * 8
    _, _, shown = run(pipe, keys, tmp_path, fixed, sources)
    came_from = summary_from(shown)
    assert list(came_from) == [q.key for q in rules.ASKED]
    assert (came_from["project_name"], came_from["ci"]) == ("--set", "team.yml")
    assert came_from["database"] == "default"  # not asked: it applies only with an ORM
    answered = summary_rows(shown, column=2)
    assert answered["database"] == answered["django_release"] == "(does not apply)"  # no ORM; Flask recommended
    assert came_from["use_admin"] == came_from["use_auth"] == "implied (no ORM)"
    assert came_from["use_orm"] == "you"  # n typed: not the default
    assert {came_from[key] for key in ("project_slug", "framework", "use_docker")} == {"default"}  # Enter


def test_a_run_of_enter_says_every_answer_is_the_default(pipe: PipeInput, tmp_path: Path) -> None:
    """Issue 20: the summary said "you" for the defaults accepted with Enter."""
    _, _, shown = run(pipe, ENTER * 19, tmp_path)
    expected = dict.fromkeys((q.key for q in rules.ASKED), "default")
    assert summary_from(shown) == {**expected, "deploy": "implied (a shared database)"}


def test_one_answer_changed_from_the_summary_settles_what_follows(pipe: PipeInput, tmp_path: Path) -> None:
    """Issue 20: change one answer and come back; the answers it rules out follow it (not asked to undo it)."""
    change_orm = "c" + ENTER + DOWN * 6 + ENTER + "n" + ENTER  # Change an answer, Relational database, no
    keys = ENTER * 18 + change_orm + ENTER + ENTER  # deploy applies again (no SQLite to share), then create
    answers, wizard, shown = run(pipe, keys, tmp_path)
    assert answers is not None
    assert (answers["use_orm"], answers["use_admin"], answers["use_auth"]) == (False, False, False)
    assert not rules.errors(answers)
    assert rules.resolve_framework(answers) == "flask"  # the recommendation follows the needs
    assert shown.count("Summary") == 2  # shown again after the change
    came_from = summary_from(shown)
    assert came_from["use_orm"] == "you"
    assert came_from["use_admin"] == came_from["use_auth"] == "implied (no ORM)"
    assert "database" not in wizard.asked  # it does not apply any more


def test_a_choice_the_rules_rule_out_is_offered_disabled_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jobs=tasks with Flask, deploy=kubernetes with SQLite: offered, disabled, with why (as the framework is)."""
    offered: dict[str, list[Any]] = {}

    class Select:
        def __init__(self, message: str, choices: list[Any], **_: Any) -> None:
            offered[message] = choices

        def unsafe_ask(self) -> str:
            return "none"

    monkeypatch.setattr("generator.wizard.questionary.select", Select)
    wizard = Wizard({"framework": "flask", "use_orm": True, "database": "sqlite"}, output_dir=tmp_path,
                    console=Console(file=io.StringIO()))  # fmt: skip
    wizard.choice("jobs")
    wizard.choice("deploy")
    disabled = {
        key: {choice.value: choice.disabled for choice in offered[rules.BY_KEY[key].prompt] if choice.disabled}
        for key in ("jobs", "deploy")
    }
    assert disabled == {"jobs": {"tasks": "not with Framework: Flask"},
                        "deploy": {"kubernetes": "not with Database: SQLite"}}  # fmt: skip
    wizard = Wizard({"framework": "django", "use_orm": True, "database": "postgresql"}, output_dir=tmp_path,
                    console=Console(file=io.StringIO()))  # fmt: skip
    wizard.choice("jobs")
    wizard.choice("deploy")
    assert not any(choice.disabled for choices in offered.values() for choice in choices)


def test_the_git_question_comes_before_the_summary_and_says_default(pipe: PipeInput, tmp_path: Path) -> None:
    answers, wizard, shown = run(pipe, ENTER * 18 + ENTER + ENTER, tmp_path, git=None)  # ..., git (Enter), create
    assert answers is not None
    assert wizard.git is True
    assert summary_rows(shown)["git"] == "default"
    _, wizard, shown = run(pipe, ENTER * 18 + "n" + ENTER + ENTER, tmp_path, git=None)
    assert wizard.git is False
    assert (summary_rows(shown, column=2)["git"], summary_rows(shown)["git"]) == ("no", "you")
