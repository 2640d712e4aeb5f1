"""Readers: bytes, files, URLs, feeds, JSONL and WARC into Documents.

Public entry points (signatures are a contract for the CLI, the API and corpus mode):
``from_text``, ``from_bytes``, ``from_html``, ``from_path``, ``from_url`` and ``iter_documents``.
"""

from unspun.ingest.readers import (
    IngestFailure,
    from_bytes,
    from_html,
    from_path,
    from_text,
    from_url,
    iter_documents,
)

__all__ = [
    "IngestFailure",
    "from_bytes",
    "from_html",
    "from_path",
    "from_text",
    "from_url",
    "iter_documents",
]
