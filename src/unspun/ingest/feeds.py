"""RSS and Atom feeds (feedparser): one Document per entry.

An entry's own full text (``content:encoded``, Atom ``content``) is used when it holds an article;
otherwise the entry's link is fetched (under the URL guards); failing a link, the summary is used.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import feedparser

from unspun.config import IngestOptions
from unspun.document import Document
from unspun.errors import InputError, UnsupportedFormatError
from unspun.ingest.article import from_html

# An entry's embedded content counts as the full article from this many characters of markup on;
# shorter content is a teaser, and the linked page is fetched instead.
FULL_CONTENT_CHARS = 600


def _entry_metadata(entry: Any, feed_title: str | None) -> dict[str, Any]:
    md: dict[str, Any] = {}
    if entry.get("title"):
        md["title"] = " ".join(entry["title"].split())
    names = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
    if not names and entry.get("author"):
        names = [entry["author"]]
    if names:
        md["authors"] = names
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp:
        md["published"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp)
    if entry.get("link"):
        md["url"] = entry["link"]
    terms = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
    if terms:
        md["tags"] = {"Tag": terms}
    if feed_title:
        md["outlet"] = feed_title
    return md


def _entry_document(entry: Any, md: dict[str, Any], options: IngestOptions) -> Document:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    content = max(contents, key=len) if contents else ""
    link = entry.get("link", "")
    if len(content) < FULL_CONTENT_CHARS and link.startswith(("http://", "https://")):
        from unspun.ingest.url import from_url

        doc = from_url(link, options=options)
        for key, value in md.items():
            doc.metadata.setdefault(key, value)
        doc.metadata["ingest"]["feed_entry"] = "fetched the entry's link"
        return doc
    markup = content or entry.get("summary", "")
    if not markup.strip():
        raise UnsupportedFormatError("the feed entry has no content, summary or link",
                                     hint="the feed gives titles only; read the articles' URLs instead")
    doc = from_html(f"<html><body><article>{markup}</article></body></html>", url=link or None,
                    options=options, metadata=md)
    doc.metadata["ingest"]["feed_entry"] = "content" if content else "summary"
    return doc


def iter_feed(data: bytes, source: str, options: IngestOptions) -> Iterator[tuple[str, Document | InputError]]:
    """``(source, Document or error)`` for each entry of a feed given as bytes."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield source, UnsupportedFormatError(f"{source} is not a feed with entries{why}",
                                             hint="check that the file is RSS or Atom")
        return
    feed_title = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, start=1):
        entry_source = entry.get("link") or f"{source}#entry-{n}"
        try:
            doc = _entry_document(entry, _entry_metadata(entry, feed_title), options)
        except InputError as exc:
            yield entry_source, exc
            continue
        doc.metadata["source"] = entry_source
        doc.metadata["ingest"]["feed"] = source
        yield entry_source, doc
