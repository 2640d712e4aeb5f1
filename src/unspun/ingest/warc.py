"""WARC and WARC.gz archives (warcio): one Document per HTML response record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from unspun.config import IngestOptions
from unspun.document import Document
from unspun.errors import InputError, InputTooLargeError, UnsupportedFormatError
from unspun.ingest.article import from_html
from unspun.ingest.url import HTML_TYPES, _media_type


def _html_payload(record, options: IngestOptions) -> tuple[bytes, str | None] | None:
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    media, charset = _media_type(ctype)
    if media not in HTML_TYPES:
        return None
    data = record.content_stream().read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise InputTooLargeError(f"a record is over the {options.max_bytes:,}-byte limit",
                                 hint="raise the limit with --max-bytes")
    return data, charset


def iter_warc_stream(stream: BinaryIO, source: str, options: IngestOptions
                     ) -> Iterator[tuple[str, Document | InputError]]:
    """``(source#record-uri, Document or error)`` for each HTML response record."""
    found = 0
    try:
        for record in ArchiveIterator(stream):
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            rec_source = f"{source}#{uri or record.rec_headers.get_header('WARC-Record-ID')}"
            try:
                payload = _html_payload(record, options)
                if payload is None:
                    continue
                found += 1
                from unspun.ingest.decode import decode
                from unspun.ingest.html import declared_charset

                text, _enc = decode(payload[0], rec_source, declared=payload[1] or declared_charset(payload[0]))
                doc = from_html(text, url=uri or None, options=options)
            except InputError as exc:
                yield rec_source, exc
                continue
            doc.metadata["source"] = rec_source
            doc.metadata["ingest"]["warc"] = {"file": source,
                                              "record_id": record.rec_headers.get_header("WARC-Record-ID"),
                                              "date": record.rec_headers.get_header("WARC-Date")}
            yield rec_source, doc
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
        yield source, UnsupportedFormatError(f"{source} is not a readable WARC archive ({exc})",
                                             hint="check that the file is a WARC or WARC.gz and is complete")
        return
    if not found:
        yield source, UnsupportedFormatError(f"{source} holds no HTML response records",
                                             hint="unspun reads the HTML pages of a WARC; this one has none")


def iter_warc(path: str | Path, options: IngestOptions) -> Iterator[tuple[str, Document | InputError]]:
    with open(path, "rb") as fh:
        yield from iter_warc_stream(fh, str(path), options)
