"""Snapshot tests of the Markdown and terminal reports.

The snapshots live in tests/report/snapshots/. After an intended change, regenerate them with
``UNSPUN_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/report/test_report_snapshots.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from report_fixtures import start_tags as _tags

from unspun.present.report import render

SNAPSHOTS = Path(__file__).parent / "snapshots"
CASES = [(name, fmt) for name in ("seed", "hostile", "minimal", "empty") for fmt in ("md", "text")]


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_snapshot(name: str, fmt: str, request) -> None:
    output = render(request.getfixturevalue(f"{name}_doc"), fmt)
    path = SNAPSHOTS / f"{name}.{'md' if fmt == 'md' else 'txt'}"
    if os.environ.get("UNSPUN_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(output, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with UNSPUN_UPDATE_SNAPSHOTS=1 and review it"
    assert output == path.read_text(encoding="utf-8")


def test_markdown_sections_match_the_html_page(seed_doc) -> None:
    text = render(seed_doc, "md")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Provenance", "## Outlet rating", "## How to read this", "## Summary", "## Techniques",
                        "## Claims", "## Quotes", "## Actors", "## Outside the article body"]


def test_hostile_markdown_renders_to_inert_html(hostile_doc) -> None:
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(render(hostile_doc, "md"))
    lowered = html.lower()
    for needle in ("<script", "<img", "<svg", "<style", "<b>", "<a href", "<i>"):
        assert needle not in lowered, needle
    tags = _tags(html)
    assert {t for t, _ in tags} <= {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "code", "table", "thead",
                                    "tbody", "tr", "th", "td", "br"}
    assert not [k for _, attrs in tags for k, _ in attrs if k.startswith("on")]
    assert "&lt;script&gt;alert(20)&lt;/script&gt;" in html  # shown as text instead


def test_terminal_text_has_no_control_characters() -> None:
    from unspun.document import Document

    doc = Document("Evil \x1b[2J\x1b]0;pwned\x07 text.", metadata={"title": "\x1b[31mred[/] [bold]x"})
    out = render(doc, "text")
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold]x" in out  # rich markup in data is shown, not interpreted
