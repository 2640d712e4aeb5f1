"""Document identity: what makes two ingested items the same stored document.

``content_hash`` is the SHA-256 of the text. ``doc_id`` hashes the text together with its origin (the
canonical URL, else the source ingest names, with local paths made absolute), so that one article
published at two addresses stays two documents (republication needs both), while the same file read
twice is one. The stored analysis is identified by ``(doc_id, pipeline fingerprint)``: a re-run skips a
document whose pair is stored, and ``--reanalyze`` redoes those stored with another fingerprint.
"""

from __future__ import annotations

import hashlib
import os

from unspun.document import Document


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def origin(doc: Document) -> str:
    """Where a document comes from: metadata ``url``, else ``source`` (absolute when it names a local file)."""
    url = doc.metadata.get("url")
    if isinstance(url, str) and url:
        return url
    source = doc.metadata.get("source")
    if not isinstance(source, str) or not source:
        return ""
    if "://" not in source and os.path.exists(source):
        return os.path.abspath(source)
    return source


def doc_id(doc: Document, text_hash: str | None = None) -> str:
    """The stored document's id (32 hex digits)."""
    h = hashlib.sha256()
    h.update((text_hash or content_hash(doc.text)).encode())
    h.update(b"\x00")
    h.update(origin(doc).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]
