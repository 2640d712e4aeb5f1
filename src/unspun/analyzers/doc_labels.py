"""What the article-level classifiers (genre, framing) read from a Document: language, title, paragraphs.

The model reads the title (``metadata["title"]``) and the body paragraphs, one per line, as it did in
training (the organisers' files: title on line 1, one paragraph per line). Evidence spans are body
paragraphs; when ingest gave no ``paragraphs`` layer, the body is split at blank lines.
"""

from __future__ import annotations

import re
from typing import Any

from unspun.document import Document, Span

STATUS_OK = "ok"
STATUS_UNSUPPORTED = "unsupported_language"
STATUS_EMPTY = "empty"
SUPPORTED_LANGUAGES: frozenset[str] = frozenset({"en", "fr", "de", "it", "pl", "ru"})
_BLANK = re.compile(r"\n\s*\n")


def normalise_language(value: Any) -> str | None:
    """``"en-GB"`` -> ``"en"``; None for missing or non-string values."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lower().replace("_", "-").split("-")[0]


def body_paragraphs(doc: Document) -> list[tuple[int, int]]:
    """``(start, end)`` of each body paragraph (``paragraphs`` layer inside ``body``; blank-line split else)."""
    text = doc.text
    if not text:
        return []
    bodies = list(doc.layer("body")) or [Span(0, len(text), "body")]
    paragraphs = [p for p in doc.layer("paragraphs") if p.label == "paragraph" and any(b.contains(p) for b in bodies)]
    if paragraphs:
        ranges = [(p.start, p.end) for p in paragraphs]
    else:
        ranges = []
        for body in bodies:
            pos = body.start
            for piece in _BLANK.split(text[body.start : body.end]):
                start = text.index(piece, pos) if piece else pos
                pos = start + len(piece)
                lead = len(piece) - len(piece.lstrip())
                trimmed = piece.strip()
                if trimmed:
                    ranges.append((start + lead, start + lead + len(trimmed)))
    return [(s, e) for s, e in ranges if text[s:e].strip()]


def title_of(doc: Document) -> str:
    title = doc.metadata.get("title")
    return title.strip() if isinstance(title, str) else ""
