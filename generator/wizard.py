"""The interactive wizard of ``startwise new``: asks only what applies.

Answers already fixed (answers file, ``--set``) are not asked. The questions
come from the contract (``rules.QUESTIONS``), group by group: a question is asked
when it applies (:func:`rules.applies`), and taken without asking when the error
rules leave it one value (:func:`rules.implied`). The recommendation follows the
needs, with its reasons, where the user may take another framework (a choice that
breaks a rule is offered the rule's fixes); a summary closes it, to confirm. Each
answer is checked as it is typed (``rules.AS_TYPED``). Ctrl-C raises
:class:`Interrupted` carrying the answers given so far; no to the summary raises
:class:`Declined`, which is one, carrying them all.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import questionary
from rich.console import Console
from rich.table import Table

from generator import rules
from generator.answers import AnswersFile, check_fixed, defaults_for, require_valid, sources
from generator.errors import Declined, Interrupted, UserError, folder_taken
from generator.frameworks import LABELS
from generator.reasons import print_reasons

GIT_QUESTION = "Start a git repository with a first commit? (startwise update merges through git)"
TITLES = {"needs": "What does the project need?", "extras": "Extras"}


def yes_no_question(text: str, default: bool, **options: Any) -> questionary.Question:
    """Every yes/no question startwise asks: y or n, then Enter (Enter alone: the default).

    questionary submits on the y or n key itself by default; the Enter typed
    after it would then answer the next question.
    """
    return questionary.confirm(text, default=default, auto_enter=False, **options)


class Wizard:
    """One run of the questions, over the answers already fixed.

    ``sources`` names where each fixed answer comes from (``--set``, the answers
    file), for the summary. ``prompt_options`` go to every questionary prompt
    (the tests pass prompt_toolkit's ``input`` and ``output`` there).
    """

    def __init__(
        self,
        fixed: Mapping[str, Any],
        *,
        output_dir: Path,
        console: Console,
        sources: Mapping[str, str] | None = None,
        **prompt_options: Any,
    ) -> None:
        self.fixed = dict(fixed)
        self.asked: dict[str, Any] = {}
        self.implied: dict[str, str] = {}  # answers that follow from others: key -> why
        self.output_dir = output_dir
        self.console = console
        self.sources = dict(sources or {})
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
        """Where the answer to ``key`` came from: you, the rules, ``--set``, an answers file, or the default."""
        if key in self.implied:
            return f"implied ({self.implied[key]})"
        if key in self.asked:
            return "you"
        if key in self.fixed:
            return self.sources.get(key, "given")
        return "default"  # not asked: it does not apply

    def note(self, text: str) -> None:
        """A line of explanation between the questions."""
        self.console.print(f"  [dim]{text}[/dim]", highlight=False)

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

    def text(self, key: str, validate: Callable[[str], str | None] | None = None) -> None:
        """Ask a text question, checked as typed."""

        def check(value: str) -> bool | str:
            message = validate(value.strip()) if validate else None
            return message or True

        value = self._ask(
            questionary.text(
                prompt(key),
                default=str(self.default(key)),
                validate=check,
                **self.prompt_options,
            )
        )
        self.asked[key] = str(value).strip()

    def choice(self, key: str) -> None:
        """Ask a choice question, showing each choice's label."""
        question = rules.BY_KEY[key]
        choices = [questionary.Choice(question.labels.get(c, c), value=c) for c in question.choices]
        default = next(c for c in choices if c.value == self.default(key))
        self.asked[key] = self._ask(
            questionary.select(prompt(key), choices=choices, default=default, **self.prompt_options)
        )

    def yes_no(self, key: str) -> None:
        """Ask a yes/no question of the contract."""
        self.asked[key] = self._yes_no(prompt(key), default=bool(self.default(key)))

    # ------------------------------------------------------------------ steps

    def run(self) -> dict[str, Any]:
        """Ask everything open, group by group, then confirm: the complete answers (declined: :class:`Declined`)."""
        for group in rules.GROUPS:
            keys = [q.key for q in rules.ASKED if q.group == group]
            if group == "framework":
                self.framework()
                keys.remove("framework")  # then what depends on it (the Django release)
            if group in TITLES and (group == "needs" or any(self.open(key) for key in keys)):
                self.console.print(f"\n[bold]{TITLES[group]}[/bold]")
            for key in keys:
                self.ask(key)
        answers = rules.complete(dict(self.known))
        self.summary(answers)
        if not self.confirm("Create the project?"):
            raise Declined(dict(self.known))
        return answers

    def ask(self, key: str) -> None:
        """Ask ``key`` when it is open and applies; an answer the rules imply is taken, and said."""
        if not self.open(key):
            return
        question = rules.BY_KEY[key]
        if not rules.applies(key, self.known):
            if question.applies:
                self.note(f"{key}: not asked, it applies only with {rules.say_condition(question.applies)}.")
            return
        found = rules.implied(key, self.known)
        if found:
            value, rule = found
            self.asked[key] = value
            self.implied[key] = rule.label
            self.note(f"{key}: {rules.say(value)} -- {rule.message}")
        elif question.kind == rules.BOOLEAN:
            self.yes_no(key)
        elif question.kind == rules.CHOICE:
            self.choice(key)
        else:
            self.text(key, self.check_slug if key == "project_slug" else rules.AS_TYPED.get(key))

    def check_slug(self, slug: str) -> str | None:
        """Why ``slug`` cannot be used here: invalid, or its folder exists."""
        taken = folder_taken(self.output_dir / slug)
        return rules.check_slug(slug) or (taken.message if taken else None)

    def framework(self) -> None:
        """Show the recommendation and its reasons; let the user take another framework."""
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
        self.asked["framework"] = self._ask(
            questionary.select(prompt("framework"), choices=choices, **self.prompt_options)
        )
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

    def _resolve(self) -> None:
        """While the answers break an error rule, offer its fixes that change no fixed answer."""
        while failing := rules.rule_errors(rules.complete(dict(self.known))):
            rule = failing[0]
            ways = [w for w in rules.fixes_for(rule, rules.complete(dict(self.known))) if not set(w) & set(self.fixed)]
            if not ways:
                raise UserError(rules.REFUSED, [rule.message])
            choices = [questionary.Choice(rules.fix_sentence([way]), value=n) for n, way in enumerate(ways)]
            picked = self._ask(questionary.select(rule.message, choices=choices, **self.prompt_options))
            self.asked.update(ways[picked])

    def summary(self, answers: Mapping[str, Any]) -> None:
        """Every answer, where it came from, and what the rules say about them."""
        table = Table(title="Summary", title_justify="left", show_header=True, header_style="bold")
        table.add_column("question")
        table.add_column("answer")
        table.add_column("from", style="dim")
        for question in rules.ASKED:
            value = answers[question.key]
            text = rules.say(value)
            if question.key == "framework" and value == "auto":
                text = f"auto -> {rules.resolve_framework(answers)}"
            table.add_row(question.key, text, self.origin(question.key))
        self.console.print()
        self.console.print(table)
        for problem in rules.check(answers):
            if problem.level != "error":
                self.console.print(f"[yellow]{problem.level}:[/yellow] {problem}", highlight=False)
        self.console.print(f"Folder: {self.output_dir / str(answers['project_slug'])}", highlight=False)


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
    question is asked last unless ``--git``/``--no-git`` answered it. On Ctrl-C
    or a no to the summary, :class:`Interrupted` (or :class:`Declined`) keeps the
    answers given, less what the file holds (it holds them again next time).
    """
    file_values = loaded.answers if loaded else {}
    fixed = dict(ChainMap(dict(set_values), file_values))
    check_fixed(fixed, output_dir)
    wizard = Wizard(
        fixed, output_dir=output_dir, console=console, sources=sources(set_values, loaded), **prompt_options
    )
    try:
        answers = require_valid(wizard.run())
        if git is None:
            git = wizard.confirm(GIT_QUESTION)
    except Interrupted as stop:
        kept = {key: value for key, value in stop.answers.items() if key in set_values or key not in file_values}
        raise type(stop)(kept) from None
    return answers, git
