"""Build hook: the wheel knows the commit, the repository and the version it was built from.

It writes ``generator/_template/startwise-build.json`` into the wheel (and
``startwise-build.json`` into the sdist, so that a wheel built from the sdist,
where there is no git, knows them too). ``.startwise.yml`` records them in every
project generated with that wheel, so that ``startwise update`` on any machine
can fetch the template the project came from. Offline: git only, no network.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

BUILD_FILE = "startwise-build.json"
_VERSION = re.compile(r'^__version__ = "([^"]+)"', re.MULTILINE)


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip()


def _shared_url(root: Path, commit: str) -> str | None:
    """The URL of a remote that has the commit (origin first), as pip and git take it."""
    refs = _git(root, "for-each-ref", "--contains", commit, "--format=%(refname:strip=2)", "refs/remotes")
    remotes = sorted({ref.split("/", 1)[0] for ref in (refs or "").split()}, key=lambda name: name != "origin")
    for remote in remotes:
        url = _git(root, "remote", "get-url", remote)
        if url:
            return url if "://" in url or "@" in url else Path(url).resolve().as_uri()
    return None


def build_info(root: Path) -> dict[str, Any]:
    """The version, commit and repository URL of the source tree at ``root``."""
    match = _VERSION.search((root / "generator" / "__init__.py").read_text(encoding="utf-8"))
    info: dict[str, Any] = {"name": "startwise", "version": match.group(1) if match else None}
    top = _git(root, "rev-parse", "--show-toplevel")
    commit = _git(root, "rev-parse", "HEAD") if top and Path(top).resolve() == root.resolve() else None
    if commit:
        info["commit"] = commit
        info["url"] = _shared_url(root, commit)
        info["dirty"] = bool(_git(root, "status", "--porcelain", "--untracked-files=no"))
    elif (root / BUILD_FILE).is_file():  # a wheel built from the sdist: what the sdist was built from
        recorded = json.loads((root / BUILD_FILE).read_text(encoding="utf-8"))
        info.update({key: recorded.get(key) for key in ("commit", "url", "dirty")})
    return info


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Write the build's identity into the wheel and the sdist."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Add the identity file to what is built."""
        if version == "editable":  # an editable install reads its checkout's git directly
            return
        root = Path(self.root)
        folder = Path(tempfile.mkdtemp(prefix="startwise-build-"))
        path = folder / BUILD_FILE
        path.write_text(json.dumps(build_info(root), indent=2) + "\n", encoding="utf-8")
        target = f"generator/_template/{BUILD_FILE}" if self.target_name == "wheel" else BUILD_FILE
        build_data["force_include"][str(path)] = target
