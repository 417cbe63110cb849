"""The template helpers for free text: what they write reads back as the same text."""

from __future__ import annotations

import ast
import tomllib

import pytest
from markupsafe import Markup, escape

from generator.jinja_ext import pystr, tomlstr

TEXTS = ["My Site", 'Say "hi"', "it's", "back\\slash \\o/", 'both \' and "" ', "new\nline", "Zoë", ""]


@pytest.mark.parametrize("text", TEXTS)
def test_pystr_is_a_python_literal_of_the_text(text: str) -> None:
    assert ast.literal_eval(pystr(text)) == text


@pytest.mark.parametrize("text", TEXTS)
def test_tomlstr_is_a_toml_string_of_the_text(text: str) -> None:
    assert tomllib.loads(f"x = {tomlstr(text)}")["x"] == text


def test_pystr_quotes_like_ruff_format() -> None:
    assert pystr("plain") == '"plain"'
    assert pystr('one "quoted" word') == "'one \"quoted\" word'"


def test_html_escaped_text_stays_escaped_text() -> None:
    escaped: Markup = escape("O'Brien & Co")
    assert ast.literal_eval(pystr(escaped)) == "O&#39;Brien &amp; Co"
