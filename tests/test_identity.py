"""A project records a template identity any machine can resolve, however startwise was installed.

Each "machine" is a virtualenv with startwise installed the way a user would
(a built wheel, ``pip install .`` from a checkout) and a HOME of its own; the
second machine gets the project as a fresh clone. The template's repository is
a bare git repository (a file:// URL stands in for the shared remote), and a
find-links folder holding a built wheel stands in for the package index.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT

SLUG = "{{cookiecutter.project_slug}}"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Tester",
    "GIT_AUTHOR_EMAIL": "tester@example.com",
    "GIT_COMMITTER_NAME": "Tester",
    "GIT_COMMITTER_EMAIL": "tester@example.com",
}


def sh(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **GIT_IDENTITY, **(env or {})},
    )
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done.stdout


def build_wheel(source: Path, dist: Path) -> Path:
    """``pip wheel`` of a checkout, as a release build would make it."""
    sh(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", dist, source)
    (wheel,) = dist.glob("startwise-*.whl")
    return wheel


class Machine:
    """A virtualenv with startwise installed from ``source`` (a wheel file or a checkout), and a HOME."""

    def __init__(self, root: Path, source: Path | str) -> None:
        self.root = root
        self.home = root / "home"
        self.home.mkdir(parents=True)
        sh(sys.executable, "-m", "venv", "--without-pip", root / "venv")
        purelib = Path(sysconfig.get_paths(vars={"base": str(root / "venv")})["purelib"])
        # The dependencies come from the test environment (no network); startwise from source.
        (purelib / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
        sh(sys.executable, "-m", "pip", "--python", root / "venv" / "bin" / "python", "install", "--quiet",
           "--no-deps", "--no-build-isolation", source)  # fmt: skip

    def startwise(self, *args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        environ = {**os.environ, **GIT_IDENTITY, "HOME": str(self.home), **(env or {})}
        environ.pop("XDG_CACHE_HOME", None)
        environ.pop("PYTHONPATH", None)
        return subprocess.run(
            [str(self.root / "venv" / "bin" / "startwise"), *map(str, args)],
            capture_output=True,
            text=True,
            check=False,
            env=environ,
            cwd=self.root,
        )


@pytest.fixture(scope="module")
def upstream(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    """The template's shared repository, a maintainer's checkout of it, and its first two versions."""
    root = tmp_path_factory.mktemp("upstream")
    bare = root / "startwise.git"
    sh("git", "clone", "--quiet", "--bare", ROOT, bare)
    checkout = root / "checkout"
    sh("git", "clone", "--quiet", bare, checkout)
    first = sh("git", "rev-parse", "HEAD", cwd=checkout).strip()
    wheel_1 = build_wheel(checkout, root / "dist-1")
    plain = root / "plain"  # a checkout no remote knows: its wheel can only name the package version
    sh("git", "clone", "--quiet", bare, plain)
    sh("git", "remote", "remove", "origin", cwd=plain)
    index = root / "index"
    build_wheel(plain, index)
    # the maintainers publish a later template: a file every project gets
    path = checkout / SLUG / "CONTRIBUTING.md"
    path.write_text("# Contributing to {{ cookiecutter.project_name }}\n", encoding="utf-8")
    sh("git", "add", "-A", cwd=checkout)
    sh("git", "commit", "--quiet", "-m", "Contributing guide", cwd=checkout)
    sh("git", "push", "--quiet", "origin", "HEAD", cwd=checkout)
    second = sh("git", "rev-parse", "HEAD", cwd=checkout).strip()
    wheel_2 = build_wheel(checkout, root / "dist-2")
    sh("git", "checkout", "--quiet", first, cwd=checkout)  # where `pip install .` is run from
    return {"bare": bare, "checkout": checkout, "first": first, "second": second,
            "wheel_1": wheel_1, "wheel_2": wheel_2, "index": index}  # fmt: skip


@pytest.fixture(scope="module")
def second_machine(tmp_path_factory: pytest.TempPathFactory, upstream: dict[str, Path | str]) -> Machine:
    """A teammate's machine: the later wheel installed, a HOME of its own."""
    return Machine(tmp_path_factory.mktemp("machine-2"), Path(upstream["wheel_2"]))


def generate_and_share(machine: Machine, tmp_path: Path) -> tuple[Path, dict[str, object]]:
    """Generate a project on ``machine``, push it to a shared repository; return it and its record."""
    done = machine.startwise("new", "--no-input", "--git", "-o", tmp_path / "out", "--set", "project_name=Shop")
    assert done.returncode == 0, done.stdout + done.stderr
    project = tmp_path / "out" / "shop"
    shared = tmp_path / "shop.git"
    sh("git", "clone", "--quiet", "--bare", project, shared)
    return shared, yaml.safe_load((project / ".startwise.yml").read_text(encoding="utf-8"))


def update_on(machine: Machine, shared: Path, tmp_path: Path, env: dict[str, str] | None = None) -> Path:
    """A fresh clone of the project, updated on ``machine`` with its installed startwise."""
    clone = tmp_path / "clone" / "shop"
    sh("git", "clone", "--quiet", shared, clone)
    done = machine.startwise("update", "--no-input", clone, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "added: CONTRIBUTING.md" in done.stdout
    assert (clone / "CONTRIBUTING.md").read_text(encoding="utf-8") == "# Contributing to Shop\n"
    return clone


@pytest.mark.parametrize("install", ["wheel", "pip install .", "pip install git+URL", "pip install -e ."])
def test_project_from_any_install_updates_on_another_machine(
    tmp_path: Path, upstream: dict[str, Path | str], second_machine: Machine, install: str
) -> None:
    sources = {
        "wheel": str(upstream["wheel_1"]),
        "pip install .": str(upstream["checkout"]),
        "pip install git+URL": f"git+{Path(upstream['bare']).as_uri()}@{upstream['first']}",
        "pip install -e .": f"--editable={upstream['checkout']}",
    }
    first_machine = Machine(tmp_path / "machine-1", sources[install])
    shared, recorded = generate_and_share(first_machine, tmp_path)
    # the identity: the shared repository (not a site-packages path) and the commit it was built from
    assert recorded["_template"] == f"git+{Path(upstream['bare']).as_uri()}"
    assert recorded["_commit"] == upstream["first"]
    if install in ("wheel", "pip install ."):  # an installed wheel: its package version, too
        assert recorded["_package"] == "startwise==0.1.0"
    assert recorded["_framework"] == "django"
    assert "README.md" in recorded["_files"]  # type: ignore[operator]

    clone = update_on(second_machine, shared, tmp_path)
    after = yaml.safe_load((clone / ".startwise.yml").read_text(encoding="utf-8"))
    assert after["_commit"] == upstream["second"]
    assert after["_template"] == recorded["_template"]
    assert "CONTRIBUTING.md" in after["_files"]


def test_package_version_identity_is_fetched_with_pip_and_cached(
    tmp_path: Path, upstream: dict[str, Path | str], second_machine: Machine
) -> None:
    (wheel,) = Path(upstream["index"]).glob("*.whl")
    first_machine = Machine(tmp_path / "machine-1", wheel)
    shared, recorded = generate_and_share(first_machine, tmp_path)
    assert recorded["_template"] == "startwise==0.1.0"  # no repository known: the package version
    assert recorded["_commit"] == upstream["first"]

    # the second machine's pip finds that version where the index would be (find-links, no index)
    pip = {"PIP_FIND_LINKS": str(upstream["index"]), "PIP_NO_INDEX": "1"}
    update_on(second_machine, shared, tmp_path, env=pip)
    cached = second_machine.home / ".cache" / "startwise" / "templates" / "startwise-0.1.0"
    assert (cached / "cookiecutter.json").is_file()
    assert (cached / "generator" / "rules.py").is_file()  # the version's own code runs its hooks

    # cached: a second update needs no index at all
    sh("rm", "-rf", tmp_path / "clone")
    update_on(second_machine, shared, tmp_path, env={"PIP_FIND_LINKS": str(tmp_path / "nowhere"), "PIP_NO_INDEX": "1"})


def test_unfetchable_identity_is_refused_with_what_to_pass(
    tmp_path: Path, upstream: dict[str, Path | str], second_machine: Machine
) -> None:
    (wheel,) = Path(upstream["index"]).glob("*.whl")
    first_machine = Machine(tmp_path / "machine-1", wheel)
    shared, _ = generate_and_share(first_machine, tmp_path)
    clone = tmp_path / "clone" / "shop"
    sh("git", "clone", "--quiet", shared, clone)
    # a fresh HOME (no cache), and an index without that version
    pip = {"PIP_FIND_LINKS": str(tmp_path / "empty"), "PIP_NO_INDEX": "1", "HOME": str(tmp_path / "home")}
    done = second_machine.startwise("update", "--no-input", clone, env=pip)
    assert done.returncode == 1
    assert "cannot find the template this project was generated from" in done.stderr
    assert "pip could not download startwise==0.1.0" in done.stderr
    assert "--base-template" in done.stderr
    assert sh("git", "status", "--porcelain", cwd=clone) == ""  # nothing written

    done = second_machine.startwise("update", "--no-input", clone, "--base-template", wheel)  # the wheel file
    assert done.returncode == 0, done.stdout + done.stderr
    assert (clone / "CONTRIBUTING.md").is_file()
