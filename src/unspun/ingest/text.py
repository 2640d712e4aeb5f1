"""Plain text and Markdown into a Layout.

Markdown (by file name or by its constructs) is rendered to plain text; plain text keeps its exact
characters. Either way the text is normalised first: BOM, newlines, NFC.
"""

from __future__ import annotations

from unspun.errors import EmptyInputError
from unspun.ingest.layout import Layout, normalise, plain_layout
from unspun.ingest.markdown import render_markdown
from unspun.ingest.sniff import Kind, text_kind


def text_layout(text: str, name: str = "", kind: Kind | None = None) -> tuple[Layout, Kind, str]:
    """``(layout, kind, normalised source)`` for a text that is not HTML."""
    source = normalise(text)
    if not source.strip():
        raise EmptyInputError(f"{name or 'the input'} holds no text",
                              hint="give a file or string that holds the article")
    kind = kind or text_kind(source, name)
    layout = render_markdown(source) if kind is Kind.MARKDOWN else plain_layout(source)
    return layout, kind, source
