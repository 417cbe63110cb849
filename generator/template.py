"""Where the template is, and how to get a given version of it.

The wheel ships the template inside the package (``generator/_template``); a
source checkout or an editable install uses the repository root, which is the
template itself. ``--template`` takes any path or git URL cookiecutter takes,
a pip requirement pinning a startwise version (``startwise==0.2.0``: that
version's wheel, downloaded with pip, so through the user's index, find-links
and pip.conf) or a startwise wheel file; both are unpacked once into the cache
(``$XDG_CACHE_HOME/startwise/templates``, else ``~/.cache/startwise/templates``).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from generator.errors import UserError

PACKAGE_DIR = Path(__file__).resolve().parent
CONTEXT_FILE = "cookiecutter.json"
# A pinned requirement, as pip takes it: startwise==0.2.0
_REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!_-]+)$")
_PIP_TAIL = 8  # lines of pip's output worth showing when it fails

# The same forms cookiecutter's repository.is_repo_url accepts.
_URL = re.compile(r"^(((git|hg)\+)?(git|ssh|file|https?):(//)?|\w+@[\w.]+)")


def default_template() -> Path:
    """The template startwise was installed with."""
    for candidate in (PACKAGE_DIR / "_template", PACKAGE_DIR.parent):
        if (candidate / CONTEXT_FILE).is_file():
            return candidate
    raise UserError(
        f"startwise cannot find its template (no {CONTEXT_FILE} in {PACKAGE_DIR / '_template'} "
        f"or {PACKAGE_DIR.parent}). Reinstall startwise, or pass --template PATH_OR_GIT_URL."
    )


def is_url(spec: str) -> bool:
    """True when ``spec`` is a repository URL rather than a local path."""
    return bool(_URL.match(spec))


def git_url(spec: str) -> str:
    """The URL git understands (cookiecutter's ``git+`` prefix removed)."""
    return spec.removeprefix("git+")


def fetch(spec: str, destination: Path, commit: str | None = None) -> Path:
    """Clone the template ``spec`` (path or URL) into ``destination``, at ``commit``.

    The clone holds the committed history only: a local work tree's uncommitted
    changes are not part of any recorded version.
    """
    source = git_url(spec) if is_url(spec) else str(Path(spec).expanduser().resolve())
    steps = [["git", "clone", "--quiet", "--no-checkout", source, str(destination)]]
    steps.append(["git", "-C", str(destination), "checkout", "--quiet", commit or "HEAD"])
    for step in steps:
        try:
            subprocess.run(step, capture_output=True, text=True, check=True)
        except FileNotFoundError as err:
            raise UserError("git is not installed: startwise needs it to fetch a template. Install git.") from err
        except subprocess.CalledProcessError as err:
            what = f"commit {commit} of the template {spec}" if commit else f"the template {spec}"
            raise UserError(
                f"Cannot fetch {what}: {err.stderr.strip() or err}. "
                "Check the path or URL (--template), and that the commit exists there."
            ) from err
    if not (destination / CONTEXT_FILE).is_file():
        raise UserError(f"{spec} is not a startwise template: it has no {CONTEXT_FILE}.")
    return destination


def is_package(spec: str) -> bool:
    """True when ``spec`` names a startwise package: ``name==version`` or a ``.whl`` file."""
    return bool(_REQUIREMENT.match(spec)) or (spec.endswith(".whl") and not is_url(spec))


def cache_dir() -> Path:
    """Where unpacked template versions are kept."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "startwise" / "templates"


def from_package(spec: str) -> Path:
    """The template inside a startwise wheel: ``name==version`` (fetched with pip) or a wheel file.

    Unpacked once into :func:`cache_dir` as a template checkout would be (the
    template at the root, its own ``generator`` package beside it, so its hooks
    run its own code) and reused from there.
    """
    if spec.endswith(".whl"):
        wheel = Path(spec).expanduser().resolve()
        if not wheel.is_file():
            raise UserError(f"{spec}: no such wheel file. Check the path.")
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()[:12]
        target = cache_dir() / f"{wheel.name.removesuffix('.whl')}-{digest}"
        if not (target / CONTEXT_FILE).is_file():
            _unpack(wheel, target)
        return target
    match = _REQUIREMENT.match(spec)
    if not match:
        raise UserError(f"{spec} is not a pinned package (name==version) or a wheel file.")
    target = cache_dir() / f"{match['name'].lower().replace('_', '-')}-{match['version']}"
    if (target / CONTEXT_FILE).is_file():
        return target
    with tempfile.TemporaryDirectory(prefix="startwise-download-") as scratch:
        _unpack(_download(spec, Path(scratch)), target)
    return target


def _download(requirement: str, destination: Path) -> Path:
    """``pip download`` the requirement's wheel (no dependencies): the index, find-links, pip.conf apply."""
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--quiet"]
    command += ["--disable-pip-version-check", "--dest", str(destination), requirement]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(destination.glob("*.whl"))
    if done.returncode != 0 or not wheels:
        lines = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        said = ([line for line in lines if line.startswith("ERROR")] or lines)[-_PIP_TAIL:]
        raise UserError(
            f"pip could not download {requirement} (the template version the project records):",
            [*said, "Check the package index (pip config, PIP_INDEX_URL, PIP_FIND_LINKS), or pass the "
             "template yourself: a wheel file, a git URL or a folder."],
        )  # fmt: skip
    return wheels[0]


def _unpack(wheel: Path, target: Path) -> None:
    """Lay the wheel's template out as a checkout: ``_template/*`` at the root, ``generator/`` beside it."""
    prefix = PurePosixPath("generator", "_template")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=target.parent))
    try:
        with zipfile.ZipFile(wheel) as archive:
            for member in archive.infolist():
                name = PurePosixPath(member.filename)
                if member.is_dir() or ".." in name.parts or name.is_absolute() or name.parts[0] != "generator":
                    continue
                relative = name.relative_to(prefix) if name.is_relative_to(prefix) else name
                destination = staging.joinpath(*relative.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(archive.read(member))
        if not (staging / CONTEXT_FILE).is_file():
            raise UserError(f"{wheel.name} is not a startwise wheel: it has no generator/_template/{CONTEXT_FILE}.")
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    except zipfile.BadZipFile as err:
        raise UserError(f"{wheel} is not a wheel (a zip file): {err}.") from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def resolve(spec: str, destination: Path, commit: str | None = None) -> Path:
    """A local folder of the template ``spec`` (git URL, package, wheel or git folder), at ``commit``."""
    if is_package(spec):
        return from_package(spec)
    return fetch(spec, destination, commit)
