"""Reports of one analysed Document: ``text`` (terminal), ``json``, ``md`` and ``html``.

:func:`render` is the single entry point; each format lives in its own module.
"""

from __future__ import annotations

from unspun.document import Document
from unspun.errors import ConfigError

FORMATS = ("text", "json", "md", "html")
EXTENSIONS = {"text": "txt", "json": "json", "md": "md", "html": "html"}


def render(doc: Document, fmt: str) -> str:
    """The report of ``doc`` in format ``fmt``, as a string."""
    if fmt == "json":
        return doc.to_json(indent=2) + "\n"
    if fmt == "text":
        from unspun.present.report.terminal import render_text

        return render_text(doc)
    if fmt == "md":
        from unspun.present.report.markdown import render_markdown

        return render_markdown(doc)
    if fmt == "html":
        from unspun.present.report.html import render_html

        return render_html(doc)
    raise ConfigError(f"unknown format {fmt!r}", hint=f"choose one of {', '.join(FORMATS)}")
