"""The few git plumbing calls ``startwise update`` is built on."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.errors import UserError

# Commits startwise makes only to compute a merge: never referenced, never checked out.
IDENTITY = {
    "GIT_AUTHOR_NAME": "startwise",
    "GIT_AUTHOR_EMAIL": "startwise@localhost",
    "GIT_COMMITTER_NAME": "startwise",
    "GIT_COMMITTER_EMAIL": "startwise@localhost",
}


class GitError(UserError):
    """A git command failed."""


def git(
    args: Sequence[str],
    cwd: Path,
    *,
    env: Mapping[str, str] | None = None,
    ok: Sequence[int] = (0,),
) -> subprocess.CompletedProcess[bytes]:
    """Run git; raise :class:`GitError` on a status outside ``ok``."""
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            env={**os.environ, **IDENTITY, **(env or {})},
            check=False,
        )
    except FileNotFoundError as err:
        raise GitError("git is not installed: startwise update merges through git. Install git.") from err
    if result.returncode not in ok:
        message = result.stderr.decode(errors="replace").strip()
        raise GitError(f"git {' '.join(args[:2])} failed in {cwd}: {message}")
    return result


def out(args: Sequence[str], cwd: Path, **kwargs: object) -> str:
    """A git command's standard output, stripped."""
    return git(args, cwd, **kwargs).stdout.decode().strip()  # type: ignore[arg-type]


def tree_of_folder(git_dir: Path, folder: Path, index: Path, exclude: Sequence[str] = ()) -> str:
    """Write the files of ``folder`` (honouring its .gitignore) as a tree in ``git_dir``."""
    env = {"GIT_INDEX_FILE": str(index), "GIT_DIR": str(git_dir), "GIT_WORK_TREE": str(folder)}
    git(["add", "--all", "."], folder, env=env)
    if exclude:
        git(["rm", "--cached", "--quiet", "--ignore-unmatch", "--", *exclude], folder, env=env)
    return out(["write-tree"], folder, env=env)


def commit_tree(cwd: Path, tree: str, message: str, parent: str | None = None) -> str:
    """An unreferenced commit of ``tree``."""
    args = ["commit-tree", tree, "-m", message]
    if parent:
        args += ["-p", parent]
    return out(args, cwd)
