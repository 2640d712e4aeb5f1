"""One analysed Document as table rows (``schema.TABLES`` order), and back.

Flattening follows docs/document.md: ``technique_spans`` and the asserted ``techniques`` of each paragraph
become ``techniques`` rows, the ``claims`` and ``quotes`` layers their own tables, the ``actors`` layer one
row per actor and document, and the ``frames`` and ``genre`` labels theirs. Missing attrs become NULL:
an analyzer that writes less never breaks the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from unspun.document import Document, Span

Row = tuple[Any, ...]
#: Longest span text copied into the flattened tables (the full text stays in ``documents.text``).
MAX_SNIPPET = 1_000


@dataclass(frozen=True)
class DocumentIdentity:
    """What identifies a stored analysis: the document, its text's hash and the pipeline."""

    doc_id: str
    content_hash: str
    pipeline: str


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _text(value: Any) -> str | None:
    """A display string from an attr that may be a string or a ``{start, end, text}`` object."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        value = value.get("text") or value.get("name")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or None
    return str(value) if value is not None else None


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def parse_published(value: Any) -> datetime | None:
    """``metadata.published`` as a naive UTC datetime, or None when absent or unparseable."""
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(raw[:10])
        except ValueError:
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def _snippet(doc: Document, span: Span) -> str:
    return doc.span_text(span)[:MAX_SNIPPET]


def document_rows(
    doc: Document,
    identity: DocumentIdentity,
    *,
    run_id: str,
    analyzed_at: datetime,
    minhash: bytes | None = None,
    n_shingles: int = 0,
) -> dict[str, list[Row]]:
    """Every row that stores ``doc``, keyed by table (``schema.DOCUMENT_TABLES``)."""
    doc_id = identity.doc_id
    meta = doc.metadata
    genre = doc.labels.get("genre")
    genre_label = genre.get("label") if isinstance(genre, Mapping) else None
    body_chars = sum(len(s) for s in doc.layer("body"))
    rows: dict[str, list[Row]] = {
        "documents": [(
            doc_id, identity.content_hash, identity.pipeline, run_id, _text(meta.get("source")),
            _text(meta.get("url")), _text(meta.get("outlet")), _text(meta.get("domain")), _text(meta.get("title")),
            _text(meta.get("published")), parse_published(meta.get("published")), _text(meta.get("language")),
            genre_label, len(doc.text), body_chars, n_shingles, minhash, analyzed_at, doc.text,
        )],
        "metadata": [(doc_id, key, _json(value)) for key, value in sorted(meta.items())],
        "spans": [
            (doc_id, layer, i, s.start, s.end, s.label, s.score, _json(s.attrs) if s.attrs else None)
            for layer, spans in sorted(doc.layers.items())
            for i, s in enumerate(spans)
        ],
        "labels": [(doc_id, name, _json(value)) for name, value in sorted(doc.labels.items())],
        "techniques": _technique_rows(doc, doc_id),
        "claims": [
            (doc_id, i, s.label, _text(s.attrs.get("sourcing")), _text(s.attrs.get("source")),
             _json(s.attrs.get("hedges")), _json(s.attrs.get("quantities")), s.score, s.start, s.end,
             _snippet(doc, s))
            for i, s in enumerate(doc.layer("claims"))
        ],
        "quotes": [
            (doc_id, i, s.label, _text(s.attrs.get("speaker")), _text(s.attrs.get("speaker_id")),
             _text(s.attrs.get("cue")), _text(s.attrs.get("date")), s.score, s.start, s.end, _snippet(doc, s))
            for i, s in enumerate(doc.layer("quotes"))
        ],
        "actors": _actor_rows(doc, doc_id),
        "frames": _frame_rows(doc_id, doc.labels.get("frames")),
        "genre": [],
    }
    if isinstance(genre, Mapping) and genre_label:
        scores = genre.get("scores") if isinstance(genre.get("scores"), Mapping) else {}
        rows["genre"] = [(doc_id, str(genre_label), _num(scores.get(genre_label)), _json(scores or None))]
    return rows


def _technique_rows(doc: Document, doc_id: str) -> list[Row]:
    out: list[Row] = []
    for s in doc.layer("techniques"):
        asserted = s.attrs.get("techniques") or []
        for t in asserted if isinstance(asserted, list) else []:
            if isinstance(t, Mapping) and t.get("technique"):
                out.append((doc_id, "paragraph", str(t["technique"]), _text(t.get("category")), _num(t.get("score")),
                            _num(t.get("threshold")), _int(s.attrs.get("paragraph", s.attrs.get("index"))),
                            s.start, s.end, _snippet(doc, s)))
    for s in doc.layer("technique_spans"):
        out.append((doc_id, "span", s.label, _text(s.attrs.get("category")), s.score, None,
                    _int(s.attrs.get("paragraph")), s.start, s.end, _snippet(doc, s)))
    return out


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _actor_rows(doc: Document, doc_id: str) -> list[Row]:
    found: dict[str, dict[str, Any]] = {}
    for s in doc.layer("actors"):
        key = _text(s.attrs.get("id")) or doc.span_text(s).strip()
        entry = found.get(key)
        if entry is None:
            found[key] = {
                "name": _text(s.attrs.get("name")) or doc.span_text(s).strip(), "type": s.label,
                "role": _text(s.attrs.get("role")), "affiliation": _text(s.attrs.get("affiliation")),
                "mentions": 1, "first": s.start,
            }
        else:
            entry["mentions"] += 1
            entry["role"] = entry["role"] or _text(s.attrs.get("role"))
            entry["affiliation"] = entry["affiliation"] or _text(s.attrs.get("affiliation"))
    return [
        (doc_id, key, e["name"], e["type"], e["role"], e["affiliation"], e["mentions"], e["first"])
        for key, e in sorted(found.items())
    ]


def _frame_rows(doc_id: str, frames: Any) -> list[Row]:
    if not isinstance(frames, Mapping):
        return []
    scores = frames.get("scores") if isinstance(frames.get("scores"), Mapping) else {}
    thresholds = frames.get("thresholds") if isinstance(frames.get("thresholds"), Mapping) else {}
    asserted = set(frames.get("labels") or [])
    names = sorted(set(scores) | asserted)
    return [(doc_id, name, _num(scores.get(name)), _num(thresholds.get(name)), name in asserted) for name in names]


def document_from_rows(
    text: str,
    metadata: Iterable[tuple[str, str | None]],
    spans: Iterable[Row],
    labels: Iterable[tuple[str, str | None]],
) -> Document:
    """Rebuild a Document from its ``documents.text``, ``metadata``, ``spans`` and ``labels`` rows.

    ``spans`` rows are ``(layer, start, end, label, score, attrs_json)``.
    """
    layers: dict[str, list[Span]] = {}
    for layer, start, end, label, score, attrs in spans:
        layers.setdefault(layer, []).append(
            Span(int(start), int(end), label, score, json.loads(attrs) if attrs else {})
        )
    return Document(
        text,
        metadata={k: json.loads(v) if v is not None else None for k, v in metadata},
        layers=layers,
        labels={k: json.loads(v) if v is not None else None for k, v in labels},
    )
