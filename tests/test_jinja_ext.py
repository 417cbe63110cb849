"""The template helpers for free text: what they write reads back as the same text."""

from __future__ import annotations

import ast
import html as htmllib
import tomllib

import jinja2
import pytest
import yaml
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from generator.jinja_ext import html, md, pystr, tomlstr, yamlstr

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


AWKWARD = [*TEXTS, "O'Brien \"Q\" & Co {{ x }} {% if %} \\ \u00d7", "*not* _em_ `code` [link](x) <b>b</b> &amp; &copy;",
           "1. first", "- item", "+ item", "= under", "# not a heading #", "a | b", "~~gone~~", "$x$", "Co. #1",
           "  spaced  ", "\\*", "<!-- c -->", "![img](x)", "Bob's \"Quoted\" \\ Shop"]  # fmt: skip


def markdown_text(source: str) -> str:
    """The text a Markdown block renders to (CommonMark with GitHub's tables and strikethrough)."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(source)
    inline = [token for token in tokens if token.type == "inline"]
    assert len(inline) == 1, tokens  # one heading or paragraph, nothing else
    assert inline[0].children is not None
    assert {child.type for child in inline[0].children} <= {"text"}, inline[0].children  # no markup
    return "".join(child.content for child in inline[0].children)


@pytest.mark.parametrize("text", [text for text in AWKWARD if text.strip()])
def test_md_renders_as_the_text_in_a_heading_and_a_paragraph(text: str) -> None:
    one_line = " ".join(text.splitlines()).strip()
    assert markdown_text(f"# {md(text)}") == one_line
    assert markdown_text(md(text)) == one_line


def test_md_leaves_plain_words_alone() -> None:
    assert md("My Site") == "My Site"
    assert md('Bob\'s "Quoted" \\ Shop') == 'Bob\'s "Quoted" \\\\ Shop'  # not &#39; and &#34; (issue 19)


@pytest.mark.parametrize("text", [*AWKWARD, "del\x7f", "line\u2028sep", "\x85next"])
def test_yamlstr_is_a_yaml_string_of_the_text(text: str) -> None:
    assert yaml.safe_load(f"x: {yamlstr(text)}") == {"x": text}


@pytest.mark.parametrize("text", AWKWARD)
def test_html_is_text_for_html_and_for_the_projects_template_engines(text: str) -> None:
    written = html(text)
    assert "{" not in written and "<" not in written
    assert htmllib.unescape(written) == text
    assert jinja2.Environment(autoescape=False).from_string(written).render() == written
