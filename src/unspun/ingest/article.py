"""Single-article readers: a string, bytes (sniffed), a file, or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from unspun.config import IngestOptions
from unspun.document import Document
from unspun.errors import InputNotFoundError, UnsupportedFormatError
from unspun.ingest.assemble import build_document
from unspun.ingest.decode import check_size, decode, refuse_binary
from unspun.ingest.sniff import Kind, looks_like_html, sniff_bytes
from unspun.ingest.text import text_layout

_CONTAINERS = {Kind.FEED: "an RSS/Atom feed", Kind.JSONL: "a JSONL file", Kind.WARC: "a WARC archive"}


def from_text(
    text: str, *, metadata: dict | None = None, options: IngestOptions | None = None, name: str = ""
) -> Document:
    """A Document from text or Markdown. Markdown is rendered to plain text (the original is kept in
    ``metadata["original_markup"]``); every offset refers to the Document's text."""
    options = options or IngestOptions()
    check_size(text.encode("utf-8", "surrogatepass"), name or "the text", options.max_bytes)
    layout, kind, source = text_layout(text, name)
    info: dict[str, Any] = {"format": kind.value}
    declared: dict[str, Any] = {}
    if kind is Kind.MARKDOWN and source != layout.text:
        declared["original_markup"] = {"format": "markdown", "text": source}
    return build_document(layout, declared=declared, given=metadata, ingest_info=info, options=options)


def from_html(
    html: str | bytes, *, url: str | None = None, options: IngestOptions | None = None,
    metadata: dict | None = None, name: str = "",
) -> Document:
    """A Document from an HTML page: main text with trafilatura, date with htmldate."""
    from unspun.ingest.html import html_document

    return html_document(html, url=url, options=options or IngestOptions(), given=metadata, name=name)


def from_bytes(
    data: bytes, *, name: str = "input", options: IngestOptions | None = None, metadata: dict | None = None,
    declared_charset: str | None = None,
) -> Document:
    """A Document from raw bytes: HTML, Markdown or plain text, told apart by content (and ``name``)."""
    options = options or IngestOptions()
    check_size(data, name, options.max_bytes)
    kind = sniff_bytes(data, name)
    if kind in _CONTAINERS:
        raise UnsupportedFormatError(
            f"{name} is {_CONTAINERS[kind]}, which holds many articles, not one",
            hint="read it with iter_documents(), or give it to `unspun analyze`, which reads corpora",
        )
    if kind is Kind.HTML:
        refuse_binary(data, name)
        return from_html(data, options=options, metadata=metadata, name=name)
    text, encoding = decode(data, name, declared=declared_charset)
    if looks_like_html(text):  # HTML in an encoding the byte sniffer cannot read (UTF-16, say)
        doc = from_html(text, options=options, metadata=metadata, name=name)
    else:
        doc = from_text(text, metadata=metadata, options=options, name=name)
    doc.metadata["ingest"]["encoding"] = encoding
    return doc


def read_file(path: str | Path, options: IngestOptions) -> bytes:
    """A file's bytes, refusing missing paths, folders and files over the size limit."""
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(f"no such file: {p}", hint="check the path, or quote a glob pattern")
    if not p.is_file():
        raise InputNotFoundError(f"{p} is not a file", hint="give a file; folders are read by iter_documents()")
    try:
        with p.open("rb") as fh:
            data = fh.read(options.max_bytes + 1)
    except OSError as exc:
        raise InputNotFoundError(f"cannot read {p}: {exc.strerror}", hint="check its permissions") from None
    check_size(data, str(p), options.max_bytes)
    return data


def from_path(path: str | Path, *, options: IngestOptions | None = None) -> Document:
    """A Document from a single-article file (.txt, .md, .html, ...); the content decides the format."""
    options = options or IngestOptions()
    data = read_file(path, options)
    doc = from_bytes(data, name=str(path), options=options)
    doc.metadata.setdefault("source", str(path))
    return doc
