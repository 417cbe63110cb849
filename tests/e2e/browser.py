"""Debian's Chromium for the end-to-end tests: install it, and start it for Playwright.

Playwright's own browser download cannot run here (only PyPI, npm and Debian's
packages are reachable), so Playwright drives the distribution's ``chromium``.

    python -m tests.e2e.browser install

installs it with apt-get (through sudo when not root) only when ``chromium`` is not
on PATH. When that cannot be done it says why; in CI (``CI=true``) it then fails,
elsewhere the end-to-end tests skip with that reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Any

# What Debian's package needs to start headless in a container, without talking home.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def executable() -> str | None:
    """The path of Debian's Chromium, or None."""
    return shutil.which("chromium")


def in_ci() -> bool:
    """True in CI, where a missing browser or service fails the run instead of skipping."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def install() -> int:
    """Install Debian's ``chromium`` when it is missing; the exit status for the README's command."""
    if executable():
        print(f"chromium: {executable()}")
        return 0
    prefix: list[str] = []
    if os.geteuid() != 0:
        if not shutil.which("sudo"):
            return cannot("not root and no sudo")
        prefix = ["sudo", "-n"]
    if not shutil.which("apt-get"):
        return cannot("no apt-get (not a Debian-like system)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print("chromium is missing: installing Debian's package (apt-get install chromium)", flush=True)
    for command in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]):
        result = subprocess.run([*prefix, *command], env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            return cannot(f"`{' '.join(prefix + command)}` failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    if not executable():
        return cannot("apt-get installed chromium but `chromium` is not on PATH")
    print(f"chromium: {executable()}")
    return 0


def cannot(reason: str) -> int:
    """Say why the browser could not be installed; fail in CI only."""
    where = "CI needs it: failing." if in_ci() else "The end-to-end tests will be skipped."
    print(
        f"Could not install Chromium for the end-to-end tests: {reason}.\n"
        f"Install it yourself (Debian/Ubuntu: `sudo apt-get install chromium`). {where}",
        file=sys.stderr,
    )
    return 1 if in_ci() else 0


def launch(playwright: Any) -> Any:
    """Start Debian's Chromium under Playwright."""
    path = executable()
    assert path, "chromium is not installed: python -m tests.e2e.browser install"
    return playwright.chromium.launch(executable_path=path, args=ARGS, headless=True)


if __name__ == "__main__":
    if sys.argv[1:] != ["install"]:
        sys.exit("usage: python -m tests.e2e.browser install")
    sys.exit(install())
