"""The errors startwise raises, and what the command line does with them.

Catch :class:`StartwiseError` to catch them all. :class:`UserError` is a problem
the user can fix (bad answers, a dirty work tree, a folder in the way): the CLI
prints its message, which ends with the fix, without a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path

# Every refusal that stops before a file is written says so, in these words.
NOTHING_WRITTEN = "nothing was written"


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``1 file``, ``2 files``: a number and its noun, singular or plural as the number says."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def headline(text: str) -> str:
    """A refusal's head line: ``text (nothing was written):``, the problems listed under it."""
    return f"{text} ({NOTHING_WRITTEN}):"


class StartwiseError(Exception):
    """Base class of every error startwise raises on purpose."""


class UserError(StartwiseError):
    """A problem to show to the user as it is: no traceback, exit status 1.

    ``details`` are listed under the message, one a line (for example every
    invalid answer of a file, so that they can all be fixed in one go).
    """

    exit_code = 1
    bullet = "- "

    def __init__(self, message: str, details: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = tuple(details)

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  {self.bullet}{line}" for line in self.details)])


class UsageError(UserError):
    """The command was called the wrong way (exit status 2, like click's own)."""

    exit_code = 2


class TemplateNotFoundError(UserError):
    """The template version a project records cannot be fetched; ``details`` say what was tried."""


class RenderError(UserError):
    """cookiecutter or a template hook failed; ``details`` hold what they printed."""

    bullet = "| "


class GitError(UserError):
    """A git command failed."""


class Interrupted(StartwiseError):  # noqa: N818 - not a failure: the user stopped it
    """Ctrl-C: what was given so far, so the user can pick up from there.

    The CLI prints ``message`` and the command that runs again with ``answers``,
    then exits with ``exit_code``.
    """

    exit_code = 130
    message = f"\nInterrupted: {NOTHING_WRITTEN}."  # after ^C, on a line of its own

    def __init__(self, answers: dict[str, object] | None = None) -> None:
        super().__init__("interrupted")
        self.answers = dict(answers or {})


class Declined(Interrupted):
    """No to "Create the project?": stopped like Ctrl-C, the answers kept, exit status 1."""

    exit_code = 1
    message = f"{NOTHING_WRITTEN.capitalize()}."


def unusable_answers(source: str | PathLike[str], problems: Iterable[str]) -> UserError:
    """The refusal of answers (a file, ``--set``, a record) that do not fit the contract."""
    return UserError(headline(f"{source} has answers startwise cannot use"), problems)


def folder_taken(path: str | PathLike[str]) -> UserError | None:
    """The refusal of a project folder, when something is already there: the one "folder exists" check."""
    target = Path(path)
    return existing_folder(target) if target.exists() or target.is_symlink() else None


def require_free(path: str | PathLike[str]) -> None:
    """Raise :func:`folder_taken`'s refusal when ``path`` is taken."""
    taken = folder_taken(path)
    if taken:
        raise taken


def existing_folder(path: str | PathLike[str]) -> UserError:
    """The refusal of a project folder that already exists, in the same words from every command."""
    return UserError(
        f"{path} already exists: startwise does not write into an existing folder. "
        "Choose another folder (-o DIR) or another project_slug, or use 'startwise update' in that project."
    )


def from_os_error(error: OSError) -> UserError:
    """A file-system error the user can fix (a permission, a file where a folder should be), as one message."""
    names = " -> ".join(str(name) for name in (error.filename, error.filename2) if name is not None)
    where = f"{names}: " if names else ""
    return UserError(
        f"{where}{error.strerror or error}. Check that the path exists, is of the right kind (a folder or a file), "
        "and that you may read and write it; then run the command again."
    )


def unwritable(path: str | PathLike[str], reason: str) -> UserError:
    """The refusal of an output folder that cannot be created or written to."""
    return UserError(f"Cannot create the project in {path}: {reason}. Choose a folder you can write to (-o DIR).")
