"""The core model: immutable text and named layers of standoff spans. No I/O, imports nothing of ours
but errors."""

from unspun.document.document import Document
from unspun.document.serialize import SCHEMA_VERSION, json_schema
from unspun.document.span import Span

__all__ = ["SCHEMA_VERSION", "Document", "Span", "json_schema"]
