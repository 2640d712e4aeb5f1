"""JSONL: one article a line, as ``{"text": ...}``, ``{"html": ...}`` or ``{"url": ...}`` plus metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from unspun.config import IngestOptions
from unspun.document import Document
from unspun.errors import InputError, InputTooLargeError, UnsupportedFormatError
from unspun.ingest.article import from_html, from_text

CONTENT_KEYS = ("text", "html", "url")


def _metadata(obj: dict[str, Any]) -> dict[str, Any]:
    md = {k: v for k, v in obj.items() if k not in ("text", "html")}
    if isinstance(md.get("author"), str) and "authors" not in md:
        md["authors"] = [md.pop("author")]
    if isinstance(md.get("authors"), str):
        md["authors"] = [md["authors"]]
    return md


def document_from_object(obj: Any, where: str, options: IngestOptions) -> Document:
    """One JSONL object as a Document; ``where`` names it in errors."""
    if not isinstance(obj, dict):
        raise UnsupportedFormatError(f"{where} is a JSON {type(obj).__name__}, not an object",
                                     hint='write one object a line, e.g. {"text": "...", "title": "..."}')
    md = _metadata(obj)
    if isinstance(obj.get("text"), str):
        return from_text(obj["text"], metadata=md, options=options, name=where)
    if isinstance(obj.get("html"), str):
        return from_html(obj["html"], url=obj.get("url") if isinstance(obj.get("url"), str) else None,
                         options=options, metadata=md, name=where)
    if isinstance(obj.get("url"), str):
        from unspun.ingest.url import from_url

        doc = from_url(obj["url"], options=options)
        doc.metadata.update({k: v for k, v in md.items() if k != "url"})
        return doc
    raise UnsupportedFormatError(f"{where} has none of the keys {', '.join(CONTENT_KEYS)} as a string",
                                 hint='give the article as "text", "html" or "url"')


def iter_jsonl(path: str | Path, options: IngestOptions) -> Iterator[tuple[str, Document | InputError]]:
    """``(path#Ln, Document or error)`` for each non-blank line."""
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            where = f"{path}#L{n}"
            if not raw.strip():
                continue
            try:
                if len(raw) > options.max_bytes:
                    raise InputTooLargeError(f"{where} is over the {options.max_bytes:,}-byte limit",
                                             hint="raise the limit with --max-bytes")
                try:
                    obj = json.loads(raw.decode("utf-8-sig"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise UnsupportedFormatError(f"{where} is not valid JSON ({exc})",
                                                 hint="each line must be one JSON object in UTF-8") from None
                doc = document_from_object(obj, where, options)
            except InputError as exc:
                yield where, exc
                continue
            doc.metadata["source"] = where
            yield where, doc
