"""HTML pages into Documents: trafilatura finds the main text and the metadata, htmldate the date.

trafilatura drops the page chrome outside the article (navigation, ads, comments, cookie banners,
related links); the Document records how much of the page's text that was in
``metadata["ingest"]["page_text_chars"]``. Chrome that sits inside the article (a newsletter pitch, a bio,
a copyright line) stays in the text and lands in the ``boilerplate`` layer, as for text inputs.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from trafilatura import bare_extraction, baseline

from unspun.config import IngestOptions
from unspun.document import Document
from unspun.errors import EmptyInputError, UnsupportedFormatError
from unspun.ingest.assemble import build_document
from unspun.ingest.decode import check_size, decode
from unspun.ingest.domains import host_of, registered_domain
from unspun.ingest.layout import Block, Layout, normalise, plain_layout

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[^\S\n]+")
_BLOCK_KIND = {"head": "heading", "p": "paragraph", "quote": "quote", "code": "code", "item": "item",
               "table": "table", "row": "table"}
# htmldate settings: the original publication date, not the last update; extensive search on.
DATE_PARAMS = {"original_date": True, "extensive_search": True}
# When trafilatura finds no main text, its baseline (all text of the page) is used if it has this many
# words: enough for a feed summary, too many for a bare menu ("Home").
MIN_FALLBACK_WORDS = 5


def declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def _clean(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in normalise(text).split("\n")]
    return "\n".join(line for line in lines if line)


def _element_text(el: etree._Element) -> str:
    for lb in el.iter("lb"):
        lb.text = "\n"
    return _clean("".join(el.itertext()))


def _walk(el: etree._Element, out: list[tuple[str, str]]) -> None:
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("list", "div", "section", "table") or (tag == "quote" and len(child) and child[0].tag == "p"):
            if (child.text or "").strip():
                out.append((_BLOCK_KIND.get(tag, "paragraph"), _clean(child.text or "")))
            _walk(child, out)
        elif tag == "row":
            cells = [_element_text(c) for c in child if isinstance(c.tag, str)]
            if any(cells):
                out.append(("table", " | ".join(c for c in cells if c)))
        elif tag in ("graphic", "ref") and not "".join(child.itertext()).strip():
            pass
        else:
            text = _element_text(child)
            if text:
                out.append((_BLOCK_KIND.get(tag, "paragraph"), text))
        if (child.tail or "").strip():
            out.append(("paragraph", _clean(child.tail or "")))


def layout_from_tree(body: etree._Element) -> Layout:
    """The extracted body (trafilatura's XML) as a Layout: one block per paragraph, heading, item or row."""
    pieces: list[tuple[str, str]] = []
    _walk(body, pieces)
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for kind, text in pieces:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(text)
        blocks.append(Block(pos, pos + len(text), kind))
        pos += len(text)
    return Layout("".join(parts), blocks, [])


def _declared_metadata(result: Any, url: str | None) -> dict[str, Any]:
    md: dict[str, Any] = {}
    if result.title:
        md["title"] = " ".join(result.title.split())
    if result.author:
        md["authors"] = [a.strip() for a in re.split(r";|\band\b", result.author) if a.strip()]
    if result.date:
        md["published"] = result.date
    if result.sitename and not host_of(result.sitename):  # trafilatura falls back to the host name
        md["outlet"] = result.sitename
    page_url = result.url or url
    if page_url and page_url.startswith(("http://", "https://")):
        md["url"] = page_url
    host = host_of(page_url) if page_url else (result.hostname or None)
    if host and registered_domain(host):
        md["domain"] = registered_domain(host)
    tags: dict[str, list[str]] = {}
    if result.categories:
        tags["Category"] = list(dict.fromkeys(result.categories))
    if result.tags:
        tags["Tag"] = list(dict.fromkeys(result.tags))
    if tags:
        md["tags"] = tags
    if result.language:
        md["declared_language"] = result.language
    if result.description:
        md["description"] = result.description
    return md


def html_document(
    html: str | bytes, *, url: str | None, options: IngestOptions, given: dict | None = None, name: str = ""
) -> Document:
    """See :func:`unspun.ingest.from_html`."""
    label = name or url or "the HTML"
    info: dict[str, Any] = {"format": "html", "extractor": "trafilatura"}
    if isinstance(html, bytes):
        check_size(html, label, options.max_bytes)
        text, info["encoding"] = decode(html, label, declared=declared_charset(html))
    else:
        text = html
        check_size(text.encode("utf-8", "surrogatepass"), label, options.max_bytes)
    if not text.strip():
        raise EmptyInputError(f"{label} is empty", hint="give a page that holds an article")
    try:
        result = bare_extraction(text, url=url, with_metadata=True, include_comments=False,
                                 include_tables=True, date_extraction_params=DATE_PARAMS)
        layout = layout_from_tree(result.body) if result is not None and result.body is not None else None
        if layout is None or not layout.blocks:
            _tree, fallback, _n = baseline(text)
            enough = len(fallback.split()) >= MIN_FALLBACK_WORDS
            layout = plain_layout(normalise(fallback)) if enough else None
            info["extractor"] = "trafilatura-baseline"
    except (ValueError, TypeError, etree.LxmlError, RecursionError) as exc:
        raise UnsupportedFormatError(f"{label} could not be parsed as HTML ({type(exc).__name__})",
                                     hint="check that it is an HTML page, or save its text as .txt") from None
    if layout is None or not layout.blocks:
        raise EmptyInputError(f"no article text found in {label}",
                              hint="the page may be a front page, a login wall or rendered by JavaScript; "
                                   "save the article's text and give that instead")
    declared = _declared_metadata(result, url) if result is not None else ({"url": url} if url else {})
    return build_document(layout, declared=declared, given=given, ingest_info=info, options=options)
