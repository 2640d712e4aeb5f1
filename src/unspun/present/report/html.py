"""HTML report (minimal; the report issue builds the full page)."""

from __future__ import annotations

import html

from unspun.document import Document
from unspun.present.report.terminal import render_text


def render_html(doc: Document) -> str:
    title = html.escape(doc.metadata.get("title") or "unspun report")
    return (
        f"<!doctype html><html lang=en><meta charset=utf-8><title>{title}</title>"
        f"<main><pre>{html.escape(render_text(doc))}</pre></main></html>\n"
    )
