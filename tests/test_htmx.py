"""htmx (frontend=htmx), vendored once in templates/ui/htmx/: the hash the pages carry is the hash
of those bytes, each framework's project ships them unchanged, its tools leave them so, and a
plain project carries none of it."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from generator import rules
from tests import matrix

ROOT = Path(__file__).resolve().parent.parent
VENDORED = ROOT / "templates" / "ui" / "htmx"
SETTINGS = (ROOT / "templates" / "ui" / "htmx.jinja").read_text(encoding="utf-8")


def setting(name: str) -> str:
    found = re.search(rf'{{%- set {name} = "([^"]+)" -%}}', SETTINGS)
    assert found, f"templates/ui/htmx.jinja sets no {name}"
    return found.group(1)


def test_the_integrity_hash_is_the_vendored_files() -> None:
    script = (VENDORED / "htmx.min.js").read_bytes()
    assert setting("integrity") == "sha384-" + base64.b64encode(hashlib.sha384(script).digest()).decode()
    # The version named is the one the file carries (htmx.version).
    assert f'version:"{setting("version")}"'.encode() in script
    assert "Zero-Clause BSD" in (VENDORED / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.parametrize("framework", rules.FRAMEWORKS)
def test_an_htmx_project_ships_the_vendored_bytes(tmp_path: Path, framework: str) -> None:
    project = matrix.render(rules.complete({"framework": framework, "frontend": "htmx"}), tmp_path)
    static = {"django": project / "static", "flask": project / project.name / "static"}[framework]
    for name in ("htmx.min.js", "LICENSE"):
        assert (static / "vendor" / "htmx" / name).read_bytes() == (VENDORED / name).read_bytes()
    # The whitespace fixers of pre-commit would change the bytes the hash covers: they skip the file.
    hooks = (project / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    excluded = re.findall(r"exclude: (\S+)", hooks)
    relative = (static / "vendor" / "htmx" / "htmx.min.js").relative_to(project).as_posix()
    assert len([pattern for pattern in excluded if re.search(pattern, relative)]) >= 2
    assert (project / "docs" / "decisions" / "0004-htmx.md").is_file()
    assert 'frontend: "htmx"' in (project / ".startwise.yml").read_text(encoding="utf-8")
