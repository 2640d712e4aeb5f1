"""Build a Document from a Layout: segment it, fill the layers, merge metadata, detect the language,
look up the outlet's rating.

Stages:
1. Segment the blocks into body and boilerplate (:mod:`unspun.ingest.boilerplate`).
2. Layers: ``body`` (one span per run of body blocks), ``boilerplate`` (kind + reason), ``paragraphs``.
3. Metadata: what the caller gives wins over what the source declares (HTML meta, feed entry), which wins
   over what the text's own lines say.
4. Language (unless forced by options) and the outlet rating for the domain.
"""

from __future__ import annotations

from typing import Any

from unspun.config import IngestOptions
from unspun.document import Document, Span
from unspun.document import layers as L
from unspun.errors import EmptyInputError
from unspun.ingest.boilerplate import Segmentation, segment
from unspun.ingest.domains import host_of, registered_domain
from unspun.ingest.language import detect_language
from unspun.ingest.layout import Layout
from unspun.ingest.metadata import text_metadata
from unspun.ingest.sources import rating_for

# Body characters handed to language detection (which reads fewer; this bounds the copy on long texts).
LANGUAGE_SAMPLE_CHARS = 2000


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in sorted(indices):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _layers(doc: Document, layout: Layout, seg: Segmentation) -> None:
    blocks = layout.blocks
    body = [Span(blocks[r[0]].start, blocks[r[-1]].end, "body") for r in _runs(seg.body)]
    boiler = [
        Span(blocks[i].start, blocks[i].end, call.kind,
             attrs={"reason": call.reason, **({"role": call.role} if call.role else {})})
        for i, call in sorted(seg.calls.items())
    ]
    paragraphs = []
    index = 0  # counts body paragraphs only; headings carry no index
    for i in sorted(seg.body):
        b = blocks[i]
        if b.kind == "heading":
            paragraphs.append(Span(b.start, b.end, "heading"))
        else:
            paragraphs.append(Span(b.start, b.end, "paragraph", attrs={"index": index}))
            index += 1
    doc.set_layer(L.BODY, body)
    doc.set_layer(L.BOILERPLATE, boiler)
    doc.set_layer(L.PARAGRAPHS, paragraphs)


def build_document(
    layout: Layout,
    *,
    declared: dict[str, Any] | None = None,
    given: dict[str, Any] | None = None,
    ingest_info: dict[str, Any] | None = None,
    options: IngestOptions | None = None,
) -> Document:
    """Turn a rendered layout into a Document with layers and metadata (see the module docstring)."""
    options = options or IngestOptions()
    if not layout.blocks or not layout.text.strip():
        raise EmptyInputError("the input holds no text once markup is removed",
                              hint="give a file or string that holds the article itself")
    # 1.
    seg = segment(layout)
    if not seg.body:  # everything looked like chrome: more likely a miss than a page without an article
        seg = Segmentation(body=list(range(len(layout.blocks))), calls={})
        note = "no block looked like article prose; the whole text is kept as body"
    else:
        note = None
    doc = Document(layout.text)
    # 2.
    _layers(doc, layout, seg)
    # 3.
    found = text_metadata(layout, seg)
    evidence = found.pop("_evidence", {})
    metadata: dict[str, Any] = {}
    for source in (found, declared or {}, given or {}):
        metadata.update({k: v for k, v in source.items() if v not in (None, "", [], {})})
    explicit_domain = "domain" in (given or {}) or "domain" in (declared or {})
    if metadata.get("url") and not explicit_domain:
        host = host_of(metadata["url"])
        if host and registered_domain(host):
            metadata["domain"] = registered_domain(host)
            evidence["domain"] = "the URL"
    # 4.
    body_text = doc.text[doc.layer(L.BODY)[0].start : doc.layer(L.BODY)[-1].end][:LANGUAGE_SAMPLE_CHARS]
    if options.language:
        metadata["language"] = options.language
        detection: dict[str, Any] = {"language": options.language, "detector": "given"}
    elif "language" in (given or {}):
        detection = {"language": given["language"], "detector": "given"}
    else:
        detection = detect_language(body_text)
        if detection["language"]:
            metadata["language"] = detection["language"]
        else:
            metadata.pop("language", None)
    if "outlet_rating" not in metadata:
        rating = rating_for(metadata.get("url") and host_of(metadata["url"])) or rating_for(metadata.get("domain"))
        if rating:
            metadata["outlet_rating"] = rating
    info = dict(ingest_info or {})
    info["language_detection"] = detection
    info["evidence"] = evidence
    info["blocks"] = {"body": len(seg.body), "boilerplate": len(seg.calls)}
    if note:
        info["note"] = note
    metadata["ingest"] = info
    doc.metadata.update(metadata)
    return doc
