"""The interactive wizard of ``startwise new``: asks only what applies.

Answers already fixed (answers file, ``--set``) are not asked. The questions
come from the contract (``rules.QUESTIONS``), group by group, each with its line of
help: a question is asked when it applies (:func:`rules.applies`), and taken without
asking when the error rules leave it one value (:func:`rules.implied`); a choice the
rules rule out is offered disabled, with the reason (:func:`rules.ruled_out`). What
each framework brings for the needs is shown before the framework is chosen (a choice
that breaks a rule is offered the rule's fixes; another framework than the
recommended one is told what it costs). The git question comes next, then a summary
in people's words, from which any answer can be changed before the project is
created. Each answer is checked as it is typed (``rules.AS_TYPED``), the reason
printed in full. Ctrl-C raises :class:`Interrupted` carrying the answers given so far;
"stop here" raises :class:`Declined`, which is one, carrying them all.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import questionary
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from generator import rules
from generator.answers import AnswersFile, check_fixed, defaults_for, require_valid, sources
from generator.errors import Declined, Interrupted, UserError, folder_taken
from generator.frameworks import LABELS
from generator.reasons import print_reasons

GIT_QUESTION = "Start a git repository with a first commit? (startwise update merges through git)"
GIT = "git"  # the summary's row for the git question (not an answer of the contract)
TITLES = {"needs": "What does the project need?", "extras": "Extras"}
CREATE, CHANGE, STOP = "create", "change", "stop"


def yes_no_question(text: str, default: bool, **options: Any) -> questionary.Question:
    """Every yes/no question startwise asks: y or n, then Enter (Enter alone: the default).

    questionary submits on the y or n key itself by default; the Enter typed
    after it would then answer the next question.
    """
    return questionary.confirm(text, default=default, auto_enter=False, **options)


class Wizard:
    """One run of the questions, over the answers already fixed.

    ``sources`` names where each fixed answer comes from (``--set``, the answers
    file), for the summary. ``git`` is the answer to the git question when the
    command line gave it (``--git``/``--no-git``), else None: asked. ``prompt_options``
    go to every questionary prompt (the tests pass prompt_toolkit's ``input`` and
    ``output`` there).
    """

    def __init__(
        self,
        fixed: Mapping[str, Any],
        *,
        output_dir: Path,
        console: Console,
        sources: Mapping[str, str] | None = None,
        git: bool | None = None,
        **prompt_options: Any,
    ) -> None:
        self.fixed = dict(fixed)
        self.asked: dict[str, Any] = {}
        self.offered: dict[str, Any] = {}  # the default each question was asked with
        self.implied: dict[str, str] = {}  # answers that follow from others: key -> why
        self.output_dir = output_dir
        self.console = console
        self.sources = dict(sources or {})
        self.git = git
        self.git_given = git is not None
        self.git_origin = "default"
        self.prompt_options = prompt_options

    # ------------------------------------------------------------------ state

    @property
    def known(self) -> ChainMap[str, Any]:
        """What is decided so far: the fixed answers over the asked ones."""
        return ChainMap(self.fixed, self.asked)

    def default(self, key: str) -> Any:
        """The default of ``key`` given what is known so far."""
        return defaults_for(self.known)[key]

    def open(self, key: str) -> bool:
        """True when ``key`` is neither fixed nor answered yet."""
        return key not in self.known

    def origin(self, key: str) -> str:
        """Where the answer to ``key`` came from: you, the default you took, the rules, ``--set``, a file."""
        if key in self.implied:
            return f"implied ({self.implied[key]})"
        if key in self.asked:
            return "default" if key in self.offered and self.asked[key] == self.offered[key] else "you"
        if key in self.fixed:
            return self.sources.get(key, "given")
        return "default"  # not asked: it does not apply

    def note(self, text: str) -> None:
        """A line of explanation between the questions, wrapped to the terminal."""
        self.console.print(Padding(Text(text, style="dim"), (0, 0, 0, 2)))

    def problem(self, text: str) -> None:
        """Why an answer cannot be taken, in full (prompt_toolkit's toolbar would cut it at the width)."""
        self.console.print(Padding(Text(text, style="red"), (0, 0, 0, 2)))

    # ---------------------------------------------------------------- prompts

    def _ask(self, question: questionary.Question) -> Any:
        try:
            return question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a text prompt
            raise Interrupted(dict(self.known)) from None

    def _yes_no(self, text: str, default: bool) -> bool:
        return bool(self._ask(yes_no_question(text, default, **self.prompt_options)))

    def confirm(self, text: str) -> bool:
        """A yes/no question outside the contract (Enter: yes)."""
        return self._yes_no(text, default=True)

    def ask_git(self) -> None:
        """The git question (Enter: yes), and whether the answer was the default."""
        self.git = self.confirm(GIT_QUESTION)
        self.git_origin = "default" if self.git else "you"

    def _help(self, key: str) -> None:
        if rules.BY_KEY[key].help:
            self.note(rules.BY_KEY[key].help)

    def text(self, key: str, validate: Callable[[str], str | None] | None = None) -> None:
        """Ask a text question; an answer that does not pass is refused, the reason printed, and asked again."""
        typed = str(self.default(key))
        self.offered[key] = typed
        while True:
            typed = str(self._ask(questionary.text(prompt(key), default=typed, **self.prompt_options))).strip()
            message = validate(typed) if validate else None
            if not message:
                break
            self.problem(message)
        self.asked[key] = typed

    def choice(self, key: str) -> None:
        """Ask a choice question: each choice's label, the ones the rules rule out disabled with the reason."""
        question = rules.BY_KEY[key]
        out = rules.ruled_out(key, self.known)
        default = self.default(key)
        if default in out:
            default = next(value for value in question.choices if value not in out)
        choices = [  # a disabled choice by its short name: with the reason, one line of 80 columns
            questionary.Choice(question.say(value), value=value, disabled=rules.why_not(out[value], key, self.known))
            if value in out
            else questionary.Choice(question.labels.get(value, value), value=value)
            for value in question.choices
        ]
        self.offered[key] = default
        pointed = next(choice for choice in choices if choice.value == default)
        self.asked[key] = self._ask(
            questionary.select(prompt(key), choices=choices, default=pointed, **self.prompt_options)
        )

    def yes_no(self, key: str) -> None:
        """Ask a yes/no question of the contract."""
        self.offered[key] = bool(self.default(key))
        self.asked[key] = self._yes_no(prompt(key), default=self.offered[key])

    # ------------------------------------------------------------------ steps

    def run(self) -> dict[str, Any]:
        """Ask everything open, group by group, then the git question; from the summary, change or create.

        The complete answers (stopped: :class:`Declined`).
        """
        for group in rules.GROUPS:
            keys = [q.key for q in rules.ASKED if q.group == group]
            if group == "framework":
                self.framework()
                keys.remove("framework")  # then what depends on it (the Django release)
            if group in TITLES and (group == "needs" or any(self.open(key) for key in keys)):
                self.console.print(f"\n[bold]{TITLES[group]}[/bold]")
            for key in keys:
                self.ask(key)
        if self.git is None:
            self.console.print()
            self.ask_git()
        while True:
            answers = rules.complete(dict(self.known))
            self.summary(answers)
            action = self._ask(
                questionary.select(
                    "Create the project?",
                    choices=[
                        questionary.Choice("Yes, create it", value=CREATE, shortcut_key="y"),
                        questionary.Choice("Change an answer", value=CHANGE, shortcut_key="c"),
                        questionary.Choice("No, stop here (nothing is written)", value=STOP, shortcut_key="n"),
                    ],
                    use_shortcuts=True,
                    **self.prompt_options,
                )
            )
            if action == CREATE:
                return answers
            if action == STOP:
                raise Declined(dict(self.known))
            self.change()

    def ask(self, key: str, *, again: bool = False) -> None:
        """Ask ``key`` when it is open and applies; an answer the rules imply is taken, and said.

        ``again``: the user asked to change it from the summary: asked whatever the other answers imply.
        """
        if not self.open(key):
            return
        question = rules.BY_KEY[key]
        if not rules.applies(key, self.known):
            if question.applies:
                self.note(f"{question.label}: not asked, it applies only with {rules.say_condition(question.applies)}.")
            return
        found = None if again else rules.implied(key, self.known)
        if found:
            value, rule = found
            self.asked[key] = value
            self.implied[key] = rule.label
            self.note(f"{question.label}: {question.say(value)} -- {rule.message}")
            return
        self._help(key)
        if question.kind == rules.BOOLEAN:
            self.yes_no(key)
        elif question.kind == rules.CHOICE:
            self.choice(key)
        else:
            self.text(key, self.check_slug if key == "project_slug" else rules.AS_TYPED.get(key))

    def check_slug(self, slug: str) -> str | None:
        """Why ``slug`` cannot be used here: invalid (for the framework, when chosen), or its folder exists."""
        framework = self.known.get("framework")
        taken = folder_taken(self.output_dir / slug)
        return rules.check_slug(slug, framework if framework in rules.FRAMEWORKS else None) or (
            taken.message if taken else None
        )

    def framework(self) -> None:
        """Show what each framework brings for the needs; let the user take another, and say what it costs."""
        if not self.open("framework"):
            self.console.print()
            self.console.print(rules.explain(rules.complete(dict(self.known))), highlight=False)
            return
        rec = rules.recommend(self.known)
        scores = ", ".join(f"{LABELS[name]} {rec.scores[name]}" for name in rec.scores)
        self.console.print(f"\n[bold]Recommended: {LABELS[rec.framework]}[/bold] ({scores})", highlight=False)
        print_reasons(self.console, rec)
        choices = [questionary.Choice(f"{LABELS[rec.framework]} (recommended)", value="auto")]
        choices += [
            questionary.Choice(LABELS[name], value=name, disabled=self._blocked(name))
            for name in rules.FRAMEWORKS
            if name != rec.framework
        ]
        self.offered["framework"] = "auto"
        self.asked["framework"] = self._ask(
            questionary.select(prompt("framework"), choices=choices, **self.prompt_options)
        )
        cost = rules.choice_cost(rules.complete(dict(self.known)))
        if cost:
            self.console.print(Padding(Text(cost, style="yellow"), (0, 0, 0, 2)))
        self._resolve()
        answers = rules.complete(dict(self.known))
        for problem in rules.check(answers):
            if problem.level == "warning" and "framework" in problem.keys:
                self.note(f"{problem.level}: {problem}")

    def _blocked(self, framework: str) -> str | None:
        """Why ``framework`` cannot be picked: an error rule that only fixed answers could lift."""
        answers = rules.complete({**defaults_for(self.known), **self.known, "framework": framework})
        for rule in rules.rule_errors(answers):
            if all(key in self.fixed for key in rule.when if key != "framework"):
                fixed = ", ".join(f"{key}={rules.say(self.fixed[key])}" for key in rule.when if key != "framework")
                return f"{rule.label}: {fixed} fixed"
        return None

    def _resolve(self, keep: set[str] | frozenset[str] = frozenset()) -> None:
        """While the answers break an error rule, offer its fixes that change no fixed answer (nor ``keep``'s)."""
        while failing := rules.rule_errors(rules.complete(dict(self.known))):
            rule = failing[0]
            ways = [w for w in rules.fixes_for(rule, rules.complete(dict(self.known))) if not set(w) & set(self.fixed)]
            ways = [w for w in ways if not set(w) & keep] or ways
            if not ways:
                raise UserError(rules.REFUSED, [rule.message])
            choices = [questionary.Choice(rules.fix_sentence([way]), value=n) for n, way in enumerate(ways)]
            picked = self._ask(questionary.select(rule.message, choices=choices, **self.prompt_options))
            self.asked.update(ways[picked])
            for key in ways[picked]:
                self.implied.pop(key, None)

    # --------------------------------------------------------------- summary

    def changeable(self) -> list[str]:
        """The questions the summary offers to change: asked here, applying, not implied by the rules."""
        return [
            q.key
            for q in rules.ASKED
            if q.key not in self.fixed and q.key not in self.implied and rules.applies(q.key, self.known)
        ]

    def change(self) -> None:
        """Pick one answer, ask it again, and settle what follows from it; back to the summary."""
        answers = rules.complete(dict(self.known))
        choices = [
            questionary.Choice(_fit(f"{rules.BY_KEY[key].label}: {self.say(key, answers)}"), value=key)
            for key in self.changeable()
        ]
        if not self.git_given:
            choices.append(questionary.Choice(f"Git repository: {rules.yes_no(bool(self.git))}", value=GIT))
        key = self._ask(questionary.select("Which answer?", choices=choices, **self.prompt_options))
        if key == GIT:
            self.ask_git()
            return
        del self.asked[key]
        if key == "project_name" and self.origin("project_slug") == "default":
            del self.asked["project_slug"]  # the slug that was taken as proposed follows the new name
        if key == "framework":
            self.framework()
        else:
            self.ask(key, again=True)
        self.settle(key)

    def settle(self, changed: str) -> None:
        """After ``changed`` changed: what follows from it is taken again.

        Answers the rules implied, answers to questions that no longer apply, and answers
        that now break a rule beside the changed one are dropped and asked again (or
        implied); what still breaks a rule is offered the fixes that keep the change.
        """
        for key in list(self.implied):
            del self.asked[key], self.implied[key]
        for key in [key for key in self.asked if not rules.applies(key, self.known)]:
            del self.asked[key]
        for rule in rules.rule_errors(rules.complete(dict(self.known))):
            for key in rule.when:
                if key not in (changed, "framework"):
                    self.asked.pop(key, None)
        for question in rules.ASKED:
            if question.key != "framework":
                self.ask(question.key)
        self._resolve(keep={changed})

    def say(self, key: str, answers: Mapping[str, Any]) -> str:
        """An answer in people's words: the framework with what chose it, a choice's label, yes or no."""
        question = rules.BY_KEY[key]
        if key == "framework" and answers[key] == "auto":
            return f"{LABELS[rules.resolve_framework(answers)]} (recommended)"
        return question.say(answers[key]) if answers[key] != "" else "(none)"

    def summary(self, answers: Mapping[str, Any]) -> None:
        """Every answer in people's words, where it came from, and what the rules say about them."""
        table = Table(title="Summary", title_justify="left", show_header=True, header_style="bold")
        table.add_column("question")
        table.add_column("answer")
        table.add_column("from", style="dim")
        for question in rules.ASKED:
            applies = rules.applies(question.key, answers)
            said = self.say(question.key, answers) if applies else "(does not apply)"
            table.add_row(question.label, said, self.origin(question.key))
        if self.git is not None:
            given = "--git" if self.git else "--no-git"
            table.add_row("Git repository", rules.yes_no(self.git), given if self.git_given else self.git_origin)
        self.console.print()
        self.console.print(table)
        for problem in rules.check(answers):
            if problem.level != "error":
                self.console.print(f"[yellow]{problem.level}:[/yellow] {problem}", highlight=False)
        self.console.print(f"Folder: {self.output_dir / str(answers['project_slug'])}", highlight=False)


MENU_WIDTH = 70  # a menu line, its pointer and margin within 80 columns (questionary does not wrap them)


def _fit(text: str) -> str:
    """A menu line of at most :data:`MENU_WIDTH` characters: a long answer ends in an ellipsis (the summary: whole)."""
    return text if len(text) <= MENU_WIDTH else text[: MENU_WIDTH - 1].rstrip() + "…"


def prompt(key: str) -> str:
    """The words of the question for ``key``."""
    return rules.BY_KEY[key].prompt


def interview(
    set_values: Mapping[str, Any],
    loaded: AnswersFile | None,
    *,
    output_dir: Path,
    console: Console,
    git: bool | None,
    **prompt_options: Any,
) -> tuple[dict[str, Any], bool]:
    """``startwise new`` in a terminal: the checked answers and whether to start git.

    ``--set`` wins over the answers file; what they fix is not asked. The git
    question is asked before the summary unless ``--git``/``--no-git`` answered it.
    On Ctrl-C or "stop here", :class:`Interrupted` (or :class:`Declined`) keeps the
    answers given, less what the file holds (it holds them again next time).
    """
    file_values = loaded.answers if loaded else {}
    fixed = dict(ChainMap(dict(set_values), file_values))
    check_fixed(fixed, output_dir)
    wizard = Wizard(
        fixed, output_dir=output_dir, console=console, sources=sources(set_values, loaded), git=git, **prompt_options
    )
    try:
        answers = require_valid(wizard.run())
    except Interrupted as stop:
        kept = {key: value for key, value in stop.answers.items() if key in set_values or key not in file_values}
        raise type(stop)(kept) from None
    return answers, bool(wizard.git)
