"""Readers: text, Markdown, HTML, files, URLs, feeds, JSONL and WARC into Documents.

Public entry points (signatures are a contract for the CLI, the API and corpus mode):
``from_text``, ``from_bytes``, ``from_html``, ``from_path``, ``from_url`` and ``iter_documents``.
See docs/ingest.md.
"""

from unspun.ingest.article import from_bytes, from_html, from_path, from_text
from unspun.ingest.corpus import IngestFailure, iter_documents
from unspun.ingest.url import from_url

__all__ = [
    "IngestFailure",
    "from_bytes",
    "from_html",
    "from_path",
    "from_text",
    "from_url",
    "iter_documents",
]
