"""Minimal readers for plain text (placeholder for the full ingest issue: HTML, URL, feeds, WARC)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from unspun.config import IngestOptions
from unspun.document import Document, Span
from unspun.document import layers as L
from unspun.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputError,
    InputNotFoundError,
    InputTooLargeError,
    UnsupportedFormatError,
)


@dataclass(frozen=True)
class IngestFailure:
    """A source that could not be read, kept so that a corpus run can report it at the end."""

    source: str
    error: InputError


def _normalise(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def from_text(text: str, *, metadata: dict | None = None, options: IngestOptions | None = None) -> Document:
    text = _normalise(text)
    if not text.strip():
        raise EmptyInputError("the input holds no text", hint="give a file or string with the article")
    doc = Document(text, metadata=metadata or {})
    paragraphs = [Span(m.start(), m.end(), "paragraph") for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text) if m.group().strip()]
    doc.set_layer(L.PARAGRAPHS, paragraphs)
    doc.set_layer(L.BODY, [Span(paragraphs[0].start, paragraphs[-1].end, "body")])
    doc.set_layer(L.BOILERPLATE, [])
    return doc


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise BinaryInputError(f"{name} looks like binary data, not text", hint="give a text, Markdown or HTML file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DecodingError(f"{name} is not valid UTF-8") from None


def from_bytes(data: bytes, *, name: str = "input", options: IngestOptions | None = None) -> Document:
    options = options or IngestOptions()
    if len(data) > options.max_bytes:
        raise InputTooLargeError(f"{name} is {len(data):,} bytes, over the {options.max_bytes:,}-byte limit")
    return from_text(_decode(data, name), options=options)


def from_html(html: str | bytes, *, url: str | None = None, options: IngestOptions | None = None) -> Document:
    raise UnsupportedFormatError("HTML input is not supported yet")


def from_path(path: str | Path, *, options: IngestOptions | None = None) -> Document:
    options = options or IngestOptions()
    p = Path(path)
    if not p.is_file():
        raise InputNotFoundError(f"no such file: {p}", hint="check the path")
    with p.open("rb") as fh:
        data = fh.read(options.max_bytes + 1)
    return from_bytes(data, name=str(p), options=options)


def from_url(url: str, *, options: IngestOptions | None = None) -> Document:
    raise UnsupportedFormatError("URL input is not supported yet")


def iter_documents(sources: Iterable[str], *, options: IngestOptions | None = None) -> Iterator[Document | IngestFailure]:
    for source in sources:
        try:
            yield from_path(source, options=options)
        except InputError as exc:
            yield IngestFailure(source, exc)
