"""Tell what a piece of input is: HTML, Markdown, plain text, a feed, JSONL or WARC.

File names are a hint, the content decides: a ``.txt`` file holding HTML is read as HTML.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Kind(StrEnum):
    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"
    FEED = "feed"
    JSONL = "jsonl"
    WARC = "warc"


_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(r"</?(?:p|div|span|a|br|article|section|h[1-6]|ul|li|body|html)\b[^>]*>", re.IGNORECASE)
_FEED_ROOT = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b",
                        re.IGNORECASE | re.DOTALL)

_MD_SIGNALS = (
    re.compile(r"\[[^\]\n]+\]\([^)\n]*\)"),  # [text](url)
    re.compile(r"^#{1,6} \S", re.MULTILINE),  # ATX heading
    re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"),  # strong emphasis
    re.compile(r"\\[*_#\[\]`\\]"),  # backslash escapes
    re.compile(r"^(?:\*\*\*|---|___)\s*$", re.MULTILINE),  # thematic break
    re.compile(r"^```", re.MULTILINE),  # code fence
)
# Two different Markdown constructs make a text Markdown; one alone (a stray "**") does not.
MIN_MARKDOWN_SIGNALS = 2

_MD_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_FEED_SUFFIXES = (".rss", ".atom", ".xml")


def looks_like_html(head: bytes | str) -> bool:
    raw = head.encode("utf-8", "ignore") if isinstance(head, str) else head
    if _HTML_START.match(raw[:4096]):
        return True
    text = raw[:20000].decode("utf-8", "ignore")
    return len(_HTML_TAGS.findall(text)) >= 5


def looks_like_markdown(text: str) -> bool:
    sample = text[:50000]
    return sum(1 for rx in _MD_SIGNALS if rx.search(sample)) >= MIN_MARKDOWN_SIGNALS


def sniff_bytes(data: bytes, name: str = "") -> Kind | None:
    """The kind of ``data`` for the container formats (WARC, feed, JSONL, HTML); None for text."""
    lower = name.lower()
    head = data[:4096]
    if lower.endswith((".warc", ".warc.gz")) or head.startswith(b"WARC/"):
        return Kind.WARC
    if _FEED_ROOT.match(head):
        return Kind.FEED
    if lower.endswith((".jsonl", ".ndjson")):
        return Kind.JSONL
    if looks_like_html(head) or (lower.endswith(_HTML_SUFFIXES) and b"<" in head):
        return Kind.HTML
    if lower.endswith(_FEED_SUFFIXES) and head.lstrip().startswith(b"<"):
        return Kind.FEED
    return None


def text_kind(text: str, name: str = "") -> Kind:
    """Markdown or plain text, for decoded text that is not HTML."""
    if name.lower().endswith(_MD_SUFFIXES) or looks_like_markdown(text):
        return Kind.MARKDOWN
    return Kind.TEXT
