"""The interactive wizard of ``startwise new``: asks only what applies.

Answers already fixed (answers file, ``--set``) are not asked. The needs come
first, then the recommendation with its reasons, where the user may take the
other framework; a summary closes it, to confirm. Each answer is checked as it
is typed (:func:`rules.check_slug`, :func:`rules.check_email`), and the
consistency rules shape the questions: no database, admin or accounts question
without an ORM, and no Flask admin without accounts. Ctrl-C raises
:class:`Interrupted` carrying the answers given so far.
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
from generator.answers import defaults_for
from generator.errors import Interrupted, UserError, existing_folder

NAMES = {"django": "Django", "flask": "Flask"}
# Where the wizard words a question differently from plain cookiecutter: it asks
# the database only with an ORM, so the contract's "(ignored without an ORM)" is noise.
PROMPTS = {"database": "Which database in production?"}
ADD_AUTH = "add-auth"
DROP_ADMIN = "drop-admin"


class Wizard:
    """One run of the questions, over the answers already fixed.

    ``prompt_options`` go to every questionary prompt (the tests pass
    prompt_toolkit's ``input`` and ``output`` there).
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

    def note(self, text: str) -> None:
        """A line of explanation between the questions."""
        self.console.print(f"  [dim]{text}[/dim]", highlight=False)

    # ---------------------------------------------------------------- prompts

    def _ask(self, question: questionary.Question) -> Any:
        try:
            return question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a text prompt
            raise Interrupted(dict(self.known)) from None

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
        """Ask a yes/no question (y, n, or Enter for the default)."""
        self.asked[key] = bool(
            self._ask(questionary.confirm(prompt(key), default=bool(self.default(key)), **self.prompt_options))
        )

    # ------------------------------------------------------------------ steps

    def run(self) -> dict[str, Any] | None:
        """Ask everything open, then confirm; the complete answers, or None if declined."""
        self.identity()
        self.needs()
        self.framework()
        self.extras()
        answers = rules.complete(dict(self.known))
        self.summary(answers)
        if not self._ask(questionary.confirm("Create the project?", default=True, **self.prompt_options)):
            return None
        return answers

    def identity(self) -> None:
        """Name, package name, description, author, license."""
        if self.open("project_name"):
            self.text("project_name", lambda v: None if v else "Give the project a name, such as My Site.")
        if self.open("project_slug"):
            self.text("project_slug", self.check_slug)
        for key in ("description", "author_name"):
            if self.open(key):
                self.text(key)
        if self.open("author_email"):
            self.text("author_email", rules.check_email)
        if self.open("license"):
            self.choice("license")

    def check_slug(self, slug: str) -> str | None:
        """Why ``slug`` cannot be used here: invalid, or its folder exists."""
        message = rules.check_slug(slug)
        if message is None and (self.output_dir / slug).exists():
            message = existing_folder(self.output_dir / slug).message
        return message

    def needs(self) -> None:
        """What the project needs; the rules decide which questions apply."""
        self.console.print("\n[bold]What does the project need?[/bold]")
        if self.open("use_orm"):
            self.yes_no("use_orm")
        if self.known["use_orm"]:
            if self.open("database"):
                self.choice("database")
            if self.open("use_admin"):
                self.yes_no("use_admin")
            if self.open("use_auth"):
                if self.known["use_admin"] and self.known.get("framework") == "flask":
                    self.asked["use_auth"] = True
                    self.implied["use_auth"] = "Flask admin"
                    self.note("use_auth: yes -- Flask's admin must sit behind a login, so accounts come with it.")
                else:
                    self.yes_no("use_auth")
        else:
            skipped = [key for key in ("use_admin", "use_auth") if self.open(key)]
            for key in skipped:
                self.asked[key] = False
                self.implied[key] = "no ORM"
            if skipped:
                self.note("No ORM: no database question, and no admin or user accounts (they need one).")
        for key in ("use_async", "use_api"):
            if self.open(key):
                self.yes_no(key)

    def framework(self) -> None:
        """Show the recommendation and its reasons; let the user take the other framework."""
        known = self.known
        if not self.open("framework"):
            self.console.print()
            self.console.print(rules.explain(rules.complete(dict(known))), highlight=False)
            return
        rec = rules.recommend(known)
        other = "flask" if rec.framework == "django" else "django"
        self.console.print(
            f"\n[bold]Recommended: {NAMES[rec.framework]}[/bold] "
            f"(score {NAMES[rec.framework]} {rec.scores[rec.framework]}, {NAMES[other]} {rec.scores[other]})",
            highlight=False,
        )
        print_reasons(self.console, rec)
        blocked = self._flask_admin_block(other)
        choices = [
            questionary.Choice(f"{NAMES[rec.framework]} (recommended)", value="auto"),
            questionary.Choice(NAMES[other], value=other, disabled=blocked),
        ]
        chosen = self._ask(questionary.select("Which framework?", choices=choices, **self.prompt_options))
        self.asked["framework"] = chosen
        if chosen == "flask" and known["use_admin"] and not known["use_auth"]:
            self._resolve_flask_admin()
        if chosen == "flask" and known["use_async"]:
            self.note(
                "Flask runs each async view inside a worker, one request at a time per worker; "
                "Django serves async natively over ASGI."
            )

    def _flask_admin_block(self, other: str) -> str | None:
        """Why Flask cannot be picked (admin without accounts, both fixed), or None."""
        known = self.known
        if other != "flask" or not known["use_admin"] or known["use_auth"]:
            return None
        if "use_admin" in self.fixed and "use_auth" in self.fixed:
            return "its admin needs user accounts (use_auth), fixed to no"
        return None

    def _resolve_flask_admin(self) -> None:
        choices = []
        if "use_auth" not in self.fixed:
            choices.append(questionary.Choice("Add user accounts (use_auth=yes)", value=ADD_AUTH))
        if "use_admin" not in self.fixed:
            choices.append(questionary.Choice("Drop the admin (use_admin=no)", value=DROP_ADMIN))
        choices.append(questionary.Choice("Take Django after all", value="django"))
        picked = self._ask(
            questionary.select(
                "Flask's admin must sit behind a login, not open to the world:",
                choices=choices,
                **self.prompt_options,
            )
        )
        if picked == ADD_AUTH:
            self.asked["use_auth"] = True
        elif picked == DROP_ADMIN:
            self.asked["use_admin"] = False
        else:
            self.asked["framework"] = "django"

    def extras(self) -> None:
        """Celery, Docker, CI."""
        if any(self.open(key) for key in ("use_celery", "use_docker", "ci")):
            self.console.print("\n[bold]Extras[/bold]")
        for key in ("use_celery", "use_docker"):
            if self.open(key):
                self.yes_no(key)
        if self.open("ci"):
            self.choice("ci")

    def summary(self, answers: Mapping[str, Any]) -> None:
        """Every answer, where it came from, and what the rules say about them."""
        table = Table(title="Summary", title_justify="left", show_header=True, header_style="bold")
        table.add_column("question")
        table.add_column("answer")
        table.add_column("from", style="dim")
        rows = []
        for question in rules.QUESTIONS:
            value = answers[question.key]
            text = rules.yes_no(value) if isinstance(value, bool) else str(value)
            if question.key == "framework" and value == "auto":
                text = f"auto -> {rules.resolve_framework(answers)}"
            if question.key in self.implied:
                source = self.implied[question.key]
            elif question.key in self.asked:
                source = "asked"
            else:
                source = self.sources.get(question.key, "default")
            rows.append((question.key, text, source))
        everything_asked = all(source == "asked" for _, _, source in rows)
        for key, text, source in rows:
            table.add_row(key, text, "" if everything_asked else source)
        self.console.print()
        self.console.print(table)
        for problem in rules.check(answers):
            if problem.level != "error":
                self.console.print(f"[yellow]{problem.level}:[/yellow] {problem}", highlight=False)
        self.console.print(f"Folder: {self.output_dir / str(answers['project_slug'])}", highlight=False)


def prompt(key: str) -> str:
    """The words of the question for ``key``."""
    return PROMPTS.get(key, rules.BY_KEY[key].prompt)


def print_reasons(console: Console, rec: rules.Recommendation) -> None:
    """The reasons for (+) and against (-) the recommendation.

    On a terminal they wrap with a hanging indent; in a pipe or a log each stays one line.
    """
    marks = [("[green]+[/green]", r) for r in rec.reasons] + [("[yellow]-[/yellow]", r) for r in rec.counterpoints]
    if console.soft_wrap or not console.is_terminal:
        for mark, reason in marks:
            console.print(f"  {mark} {reason}", highlight=False)
        return
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for mark, reason in marks:
        grid.add_row(f"  {mark}", reason)
    console.print(grid)


def fixed_errors(fixed: Mapping[str, Any]) -> None:
    """Fail before asking when the fixed answers alone already break a rule."""
    values = rules.complete(dict(ChainMap(dict(fixed), defaults_for(fixed))))
    problems = [p for p in rules.errors(values) if set(p.keys) <= set(fixed)]
    if problems:
        raise UserError(rules.REFUSED, [p.message for p in problems])
