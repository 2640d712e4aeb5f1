"""Corpus mode: many sources in, a stream of Documents (and failures) out.

A source is a file, a folder (read recursively), a glob pattern, an http(s) URL, ``-`` for stdin,
a JSONL file, a WARC/WARC.gz archive, or an RSS/Atom feed (file or URL). The stream never stops on a
bad item: each one becomes an :class:`IngestFailure`, so a run can report them all at the end.
"""

from __future__ import annotations

import glob
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from unspun.config import IngestOptions
from unspun.document import Document
from unspun.errors import InputError, InputNotFoundError, UnsupportedFormatError

_URL = re.compile(r"^https?://", re.IGNORECASE)
_GLOB = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class IngestFailure:
    """A source that could not be read, kept so that a corpus run can report it at the end."""

    source: str
    error: InputError

    def __str__(self) -> str:
        return f"{self.source}: {self.error}"


def _results(pairs: Iterable[tuple[str, Document | InputError]]) -> Iterator[Document | IngestFailure]:
    for source, item in pairs:
        yield IngestFailure(source, item) if isinstance(item, InputError) else item


def _files_under(folder: Path) -> list[Path]:
    """Files under a folder, sorted, skipping hidden files and folders."""
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _iter_file(path: Path, options: IngestOptions) -> Iterator[Document | IngestFailure]:
    from unspun.ingest.article import from_path, read_file
    from unspun.ingest.sniff import Kind, sniff_bytes

    name = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        yield IngestFailure(name, InputNotFoundError(f"cannot read {name}: {exc.strerror}",
                                                     hint="check its permissions"))
        return
    kind = sniff_bytes(head, name)
    if kind is Kind.WARC:
        from unspun.ingest.warc import iter_warc

        yield from _results(iter_warc(path, options))
    elif kind is Kind.JSONL:
        from unspun.ingest.jsonl import iter_jsonl

        yield from _results(iter_jsonl(path, options))
    elif kind is Kind.FEED:
        from unspun.ingest.feeds import iter_feed

        try:
            data = read_file(path, options)
        except InputError as exc:
            yield IngestFailure(name, exc)
            return
        yield from _results(iter_feed(data, name, options))
    else:
        try:
            yield from_path(path, options=options)
        except InputError as exc:
            yield IngestFailure(name, exc)


def _iter_url(url: str, options: IngestOptions) -> Iterator[Document | IngestFailure]:
    from unspun.ingest.sniff import Kind, sniff_bytes
    from unspun.ingest.url import FEED_TYPES, document_from_fetched, fetch

    try:
        fetched = fetch(url, options)
        if fetched.content_type in FEED_TYPES or sniff_bytes(fetched.data[:4096]) is Kind.FEED:
            from unspun.ingest.feeds import iter_feed

            yield from _results(iter_feed(fetched.data, url, options))
            return
        doc = document_from_fetched(fetched, options)
    except InputError as exc:
        yield IngestFailure(url, exc)
        return
    doc.metadata["source"] = url
    yield doc


def _iter_stdin(options: IngestOptions) -> Iterator[Document | IngestFailure]:
    from unspun.ingest.article import from_bytes

    try:
        data = sys.stdin.buffer.read(options.max_bytes + 1)
        doc = from_bytes(data, name="stdin", options=options)
    except InputError as exc:
        yield IngestFailure("-", exc)
        return
    doc.metadata["source"] = "-"
    yield doc


def iter_documents(sources: Iterable[str], *, options: IngestOptions | None = None
                   ) -> Iterator[Document | IngestFailure]:
    """Stream a Document, or an :class:`IngestFailure`, for every article in ``sources``.

    Every Document carries ``metadata["source"]``: the path, the URL, ``path#L12`` for a JSONL line,
    ``path#record-uri`` for a WARC record, or the entry's link for a feed entry.
    """
    options = options or IngestOptions()
    for source in sources:
        source = str(source)
        if source == "-":
            yield from _iter_stdin(options)
        elif _URL.match(source):
            yield from _iter_url(source, options)
        elif Path(source).is_dir():
            files = _files_under(Path(source))
            if not files:
                yield IngestFailure(source, InputNotFoundError(f"folder {source} holds no files",
                                                               hint="check the path"))
            for path in files:
                yield from _iter_file(path, options)
        elif Path(source).is_file():
            yield from _iter_file(Path(source), options)
        elif _GLOB.search(source):
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                yield IngestFailure(source, InputNotFoundError(f"no file matches {source!r}",
                                                               hint="check the pattern"))
            for match in matches:
                p = Path(match)
                if p.is_dir():
                    for path in _files_under(p):
                        yield from _iter_file(path, options)
                elif p.is_file():
                    yield from _iter_file(p, options)
        elif Path(source).exists():  # a device, FIFO or socket: never read it (it may block or never end)
            yield IngestFailure(source, UnsupportedFormatError(f"{source} is not a regular file",
                                                               hint="give a file, a folder, a URL or '-' for stdin"))
        else:
            yield IngestFailure(source, InputNotFoundError(f"no such file, folder or URL: {source}",
                                                           hint="check the path; URLs must start with http(s)://"))
