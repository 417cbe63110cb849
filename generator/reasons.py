"""The reasons printed under a framework recommendation, by the wizard and by ``--no-input``.

Apart from the wizard so that ``startwise new --no-input`` does not import questionary
and prompt_toolkit (a fifth of the command's time) to print them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

if TYPE_CHECKING:
    from rich.console import Console

    from generator import rules


def print_reasons(console: Console, rec: rules.Recommendation) -> None:
    """What each framework brings for these needs, the recommended one first.

    On a terminal they wrap with a hanging indent; in a pipe or a log each stays one line.
    """
    from generator.frameworks import LABELS  # noqa: PLC0415

    order = [rec.framework, *(name for name in rec.brings if name != rec.framework)]
    for name in order:
        console.print(
            f"  What {LABELS[name]} brings{' for these needs' if name == rec.framework else ''}:", highlight=False
        )
        marks = [("[green]+[/green]", reason) for reason in rec.brings[name]]
        if console.soft_wrap or not console.is_terminal:
            for mark, reason in marks:
                console.print(f"    {mark} {reason}", highlight=False)
            continue
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for mark, reason in marks:
            grid.add_row(f"    {mark}", reason)
        console.print(grid)
