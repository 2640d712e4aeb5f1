"""Markdown report (minimal; the report issue fills in every section)."""

from __future__ import annotations

from unspun.document import Document
from unspun.present.report.terminal import render_text


def render_markdown(doc: Document) -> str:
    return "# unspun report\n\n```\n" + render_text(doc) + "```\n"
