"""The ``startwise`` command: a thin layer mapping flags to the typed API.

``new`` (wizard, or answers file and ``--set`` with ``--no-input``),
``recommend``, ``update`` and ``check``. Errors meant for the user (:class:`UserError`)
are printed without a traceback, exit status 1 (2 for usage errors); Ctrl-C
exits 130 and leaves nothing behind, and says how to start again from the
answers given (so does a no to the wizard's "Create the project?", exit status 1).
"""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator import __version__
from generator.errors import (
    Interrupted,
    StartwiseError,
    UsageError,
    UserError,
    from_os_error,
)

if TYPE_CHECKING:
    from rich.console import Console

    from generator.answers import AnswersFile

SET_HELP = "Fix one answer, such as --set use_api=yes (repeatable; wins over --answers)."
NO_TTY = (
    "startwise {command} asks its questions in a terminal, and there is none here (stdin is not a tty).\n"
    "Run it non-interactively with --no-input; the answers you do not give take their defaults:\n"
    "  startwise {command} --no-input{example}"
)


def _console(stderr: bool = False) -> Console:
    from rich.console import Console  # noqa: PLC0415 - rich is imported only when something is printed

    stream = sys.stderr if stderr else sys.stdout
    # On a terminal rich wraps at word boundaries; in a log or a pipe lines stay whole.
    return Console(stderr=stderr, highlight=False, soft_wrap=not stream.isatty())


def _load_answers(answers_file: Path | None, sets: Sequence[str]) -> tuple[dict[str, Any], AnswersFile | None]:
    from generator.answers import load_file, parse_sets  # noqa: PLC0415

    loaded = load_file(answers_file) if answers_file else None
    return parse_sets(sets), loaded


def _require_terminal(command: str, given: Sequence[str], example: str) -> None:
    """Refuse to ask without a terminal, suggesting the answer options ``given``, else ``example``, with --no-input."""
    if sys.stdin is None or not sys.stdin.isatty():
        suggested = " " + shlex.join(given) if given else example
        raise UsageError(NO_TTY.format(command=command, example=suggested))


def _answer_options(answers_file: Path | None, sets: Sequence[str]) -> list[str]:
    """The --answers and --set options as given, to repeat in a suggested command."""
    options = ["--answers", str(answers_file)] if answers_file else []
    for item in sets:
        options += ["--set", item]
    return options


answers_option = click.option(
    "--answers",
    "answers_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A YAML or JSON file of answers (a project's .startwise.yml, a team file, or a cookiecutter "
    "config with default_context). What it fixes is not asked.",
)
set_option = click.option("--set", "sets", multiple=True, metavar="KEY=VALUE", help=SET_HELP)
template_option = click.option(
    "--template",
    metavar="PATH_OR_GIT_URL",
    help="Render another version of the template (a folder or a git URL) instead of the installed one.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="startwise")
def cli() -> None:
    """Recommend Django or Flask from a web project's needs, and render an idiomatic skeleton."""


@cli.command()
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="Folder to create the project in.",
)
@answers_option
@set_option
@click.option("--no-input", is_flag=True, help="Ask nothing: the answers not given take their defaults.")
@click.option(
    "--git/--no-git",
    default=None,
    help="Start a git repository with a first commit in the project (startwise update merges through git). "
    "Asked in the wizard; not done with --no-input unless --git.",
)
@template_option
def new(
    *,
    output_dir: Path,
    answers_file: Path | None,
    sets: tuple[str, ...],
    no_input: bool,
    git: bool | None,
    template: str | None,
) -> int:
    """Create a project: asks what it needs, recommends a framework, renders it."""
    from generator import rules  # noqa: PLC0415
    from generator.answers import settled  # noqa: PLC0415
    from generator.render import require_writable  # noqa: PLC0415

    set_values, loaded = _load_answers(answers_file, sets)
    output_dir = output_dir.resolve()
    require_writable(output_dir)
    console = _console()
    if loaded:
        _note_template_version(loaded, template)
    if no_input:
        from generator.reasons import print_reasons  # noqa: PLC0415

        answers = settled(set_values, loaded.answers if loaded else {}, output_dir)
        console.print(rules.explain(answers).splitlines()[0])
        print_reasons(console, rules.recommend(answers))
        if rules.choice_cost(answers):
            console.print(rules.choice_cost(answers), style="yellow", markup=False)
        for problem in rules.check(answers):
            _console(stderr=True).print(f"{problem.level}: {problem}")
    else:
        example = ' --set project_name="My Site" --set framework=django   (or --answers team.yml)'
        _require_terminal("new", _answer_options(answers_file, sets), example)
        from generator.wizard import interview  # noqa: PLC0415

        answers, git = interview(set_values, loaded, output_dir=output_dir, console=console, git=git)
    _create(answers, output_dir, template, console, git=bool(git))
    return 0


def resume_command(args: Sequence[str], given: Mapping[str, Any]) -> str:
    """One line to paste: the command as it was run, its ``--set`` options replaced by one per answer given."""
    from generator.answers import as_options  # noqa: PLC0415

    kept: list[str] = []
    items = iter(args)
    for arg in items:
        if arg == "--set":
            next(items, None)
        elif not arg.startswith("--set="):
            kept.append(arg)
    return shlex.join(["startwise", *kept, *as_options(given)])


def _note_template_version(loaded: AnswersFile, template: str | None) -> None:
    """Say so when a recorded project's template commit is not the one about to render."""
    from generator.record import commit_of  # noqa: PLC0415
    from generator.template import default_template, is_url  # noqa: PLC0415

    recorded = loaded.metadata.get("_commit")
    if not recorded or (template and is_url(template)):
        return
    current = commit_of(Path(template) if template else default_template())
    if current and current != recorded:
        _console(stderr=True).print(
            f"notice: {loaded.path} was recorded with template commit {str(recorded)[:12]}; this renders "
            f"{current[:12]}. The answers are the same; files the template changed since will differ.",
            markup=False,
        )


def _create(answers: Mapping[str, Any], output_dir: Path, template: str | None, console: Console, *, git: bool) -> None:
    from generator.nextsteps import next_steps  # noqa: PLC0415
    from generator.render import render  # noqa: PLC0415
    from generator.vcs import init_repository  # noqa: PLC0415

    slug = answers["project_slug"]
    said: list[str] = []

    def start_git(project: Path) -> None:
        said.append(init_repository(project, str(answers.get("author_name", "")), str(answers.get("author_email", ""))))

    doing = f"Rendering {slug}" + (" and starting its git repository" if git else "")
    with console.status(f"{doing} ..."):
        result = render(answers, output_dir, template, finish=start_git if git else None)
    console.print(f"[green]Created[/green] {result.project_dir} ({result.framework})")
    console.print("Your answers are in .startwise.yml; docs/decisions/0001-framework.md records why this framework.")
    if git:
        console.print(said[0], markup=False, soft_wrap=True)  # one line, to paste whole
    steps = next_steps(result.project_dir, answers, result.framework)
    console.print(f"\n[bold]Next steps[/bold] (for this machine: {steps.machine.describe()})")
    console.print(f"  cd {shlex.quote(_relative(result.project_dir))}", markup=False, soft_wrap=True)
    for step, commands in steps.steps.items():
        console.print(f"  [dim]# {step}[/dim]")
        for command in commands:  # whole lines, wrapped by the terminal only: they are pasted
            console.print(f"  {command}", markup=False, soft_wrap=True)
    if steps.other_paths:
        console.print(steps.other_paths, style="dim", markup=False)


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@cli.command()
@answers_option
@set_option
@click.option("--json", "as_json", is_flag=True, help='Print one JSON object: {"framework": ..., "reasons": [...]}.')
def recommend(answers_file: Path | None, sets: tuple[str, ...], as_json: bool) -> int:
    """Show the framework the needs point to, and why; renders nothing."""
    from generator import rules  # noqa: PLC0415
    from generator.answers import layer  # noqa: PLC0415

    set_values, loaded = _load_answers(answers_file, sets)
    given = layer(set_values, loaded.answers if loaded else {})  # defaults follow the answers given
    rec = rules.recommend(given)
    needs = {key: given[key] for key in rules.NEEDS}
    if as_json:
        data = {
            "framework": rec.framework,
            "reasons": list(rec.reasons),
            "counterpoints": list(rec.counterpoints),
            "brings": {name: list(reasons) for name, reasons in rec.brings.items()},
            "scores": dict(rec.scores),
            "needs": needs,
        }
        click.echo(json.dumps(data, indent=2))
        return 0
    console = _console()
    scores = ", ".join(f"{name} {score}" for name, score in rec.scores.items())
    console.print(f"[bold]{rec.framework}[/bold] (scores: {scores})")
    words = (f"{key}={rules.say(value)}" for key, value in needs.items())
    console.print("[dim]needs: " + ", ".join(words) + "[/dim]")
    from generator.reasons import print_reasons  # noqa: PLC0415

    print_reasons(console, rec)
    return 0


@cli.command()
@click.argument("project_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path())
@template_option
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="KEY=VALUE",
    help="Change one answer, such as --set use_api=yes (repeatable; the others stay as recorded).",
)
@click.option("--no-input", is_flag=True, help="Apply the merge without asking for confirmation.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Show the plan (files, dependencies, migrations, conflicts) and write nothing. "
    "Exit status 0: up to date; 3: changes; 4: changes with conflicts.",
)
@click.option("--json", "as_json", is_flag=True, help="With --dry-run: print the plan as one JSON object.")
@click.option(
    "--base-template",
    metavar="PATH_OR_GIT_URL_OR_PACKAGE",
    help="The template as the project was generated, when the recorded one cannot be fetched: a folder "
    "(as it is), a git URL (at the recorded commit when it has it), startwise==VERSION or a wheel file.",
)
@click.option(
    "--answers-only",
    is_flag=True,
    help="When the recorded template cannot be fetched: merge the answer changes (--set) only, "
    "not the template's own changes since generation.",
)
def update(  # noqa: PLR0917 - click passes the options as arguments
    project_dir: Path,
    template: str | None,
    sets: tuple[str, ...],
    no_input: bool,
    dry_run: bool,
    as_json: bool,
    base_template: str | None,
    answers_only: bool,
) -> int:
    """Merge a newer template, or changed answers, into a project (three-way, through git).

    Your edits are kept; conflicts are marked in the files and listed (exit status 1).
    The work tree must be clean: commit first, review with git diff afterwards.
    New questions of the template are asked (--no-input: their defaults).
    """
    from generator import update as updating  # noqa: PLC0415
    from generator.answers import parse_sets  # noqa: PLC0415
    from generator.vcs import read_only  # noqa: PLC0415

    console = _console()
    options: dict[str, Any] = {"template": template, "sets": parse_sets(sets), "base_template": base_template}
    if as_json and not dry_run:
        raise UsageError("--json goes with --dry-run: startwise update --dry-run --json")
    if dry_run:
        with read_only(project_dir.resolve()):
            plan = updating.prepare(project_dir, **options, answers_only=answers_only, dry_run=True)
            with console.status("Rendering the template as generated and as it is now ..."):
                merge = updating.compute(plan)
            code = updating.dry_run_status(merge)
            if as_json:  # in the block: the merge's objects are in a scratch folder
                click.echo(json.dumps(dict(updating.plan_data(merge), status=code), indent=2, default=str))
                return code
            for notice in merge.notices:
                console.print(f"[yellow]notice:[/yellow] {notice}")
            console.print(updating.describe(merge), markup=False)
            console.print(updating.plan_text(merge), markup=False)
        return code
    plan = updating.prepare(project_dir, **options, answers_only=answers_only)
    if not no_input:
        _require_terminal("update", _answer_options(None, sets), " --set use_api=yes")
    status = console.status("Rendering the template as generated and as it is now ...")

    def ask(questions: Sequence[Any]) -> dict[str, Any]:
        status.stop()  # the spinner would write over the questions
        try:
            return _ask_new_questions(questions)
        finally:
            status.start()

    with status:
        merge = updating.compute(plan, ask=None if no_input else ask)
    for notice in merge.notices:
        console.print(f"[yellow]notice:[/yellow] {notice}")
    console.print(updating.describe(merge))
    if merge.unchanged:
        console.print("Already up to date: nothing to change.")
        return 0
    if not no_input:
        from generator.wizard import yes_no_question  # noqa: PLC0415

        if not yes_no_question("Apply these changes to the work tree?", default=True).unsafe_ask():
            console.print("Nothing was changed.")
            return 1
    result = updating.apply(merge)
    console.print(updating.report(result))
    return 1 if result.conflicts else 0


def _ask_new_questions(questions: Sequence[Any]) -> dict[str, Any]:
    """Ask the template's questions the project's record does not answer yet."""
    import questionary  # noqa: PLC0415

    from generator.wizard import yes_no_question  # noqa: PLC0415

    answers: dict[str, Any] = {}
    for question in questions:
        prompt = f"New question of the template: {question.prompt}"
        if question.choices:
            answers[question.key] = questionary.select(prompt, choices=list(question.choices)).unsafe_ask()
        elif isinstance(question.default, bool):
            answers[question.key] = yes_no_question(prompt, default=question.default).unsafe_ask()
        else:
            answers[question.key] = questionary.text(prompt, default=str(question.default)).unsafe_ask()
    return answers


@cli.command()
@click.argument("project_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path())
@template_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
def check(project_dir: Path, template: str | None, as_json: bool) -> int:
    """Check a project against its record and today's template; made for CI. Writes nothing.

    Exit status: 0 all clear; else the sum of 4 (answers fail today's rules),
    8 (a newer template is available), 16 (generated files edited or deleted),
    32 (files an option requires are missing); 1 when it cannot check.
    """
    from generator import check as checking  # noqa: PLC0415

    report = checking.run(project_dir, template)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        _console().print(checking.text(report), markup=False)
    return report.status


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; exit with its status."""
    err = None
    try:
        status = cli.main(args=list(argv) if argv is not None else None, prog_name="startwise", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort, Interrupted) as interrupt:
        stop = interrupt if isinstance(interrupt, Interrupted) else Interrupted()
        err = _console(stderr=True)
        err.print(stop.message, markup=False)
        if stop.answers:
            again = resume_command(list(argv) if argv is not None else sys.argv[1:], stop.answers)
            err.print("To start again from the answers given so far:", markup=False)
            err.print(f"  {again}", markup=False, soft_wrap=True)  # one line, however wide: it is pasted
        sys.exit(stop.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except (UserError, OSError) as caught:  # a file-system error is the user's to fix too: no traceback
        problem = from_os_error(caught) if isinstance(caught, OSError) else caught
        err = _console(stderr=True)
        err.print("[red]Error:[/red] ", end="")
        err.print(problem.message, markup=False)
        for line in problem.details:
            err.print(f"  {problem.bullet}{line}", markup=False)
        sys.exit(problem.exit_code)
    except StartwiseError as error:
        _console(stderr=True).print(f"Error: {error}", markup=False)
        sys.exit(1)
    sys.exit(status if isinstance(status, int) else 0)
