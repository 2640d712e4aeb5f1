"""What a report shows, gathered once from a Document and shared by every format.

The view reads the layers and labels of docs/document.md defensively: any of them may be missing (the stage
did not run: ``None``, shown as "not analysed") or empty (it ran and found nothing: ``[]``, "none found"),
and attrs may be malformed, because a report must never break on a partial or hostile Document.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from unspun.document import Document, Span
from unspun.document import layers as L
from unspun.ingest.sources import EXPLANATION as STOCK_RATING_CAVEAT
from unspun.present.report.confidence import as_score
from unspun.present.report.definitions import technique_info

NOT_ANALYSED = "not analysed"
NONE_FOUND = "none found"
UNCATEGORISED = "Uncategorised"
CLAIM_TYPES = ("numeric", "causal", "attribution", "prediction", "comparison", "other")
QUOTE_TYPES = ("direct", "indirect", "mixed")
MARK_KINDS = ("quote", "claim", "technique", "actor", "entity")  # outermost first when marks nest

# C0 controls (but tab, newline, carriage return), DEL, C1 controls and lone surrogates: not valid in HTML or
# safe in a terminal. Each becomes U+FFFD, one code point for one, so offsets stay valid.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def clean(value: object) -> str:
    """Any metadata or attr value as display text: strings as they are, other JSON compactly; unsafe
    control characters replaced."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        text = f"{value:g}" if isinstance(value, float) else str(value)
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError):
            text = repr(value)
    return _UNSAFE.sub("\ufffd", text)



def _own_explanation(raw: Any) -> str:
    """The rating's explanation, unless it is the stock caveat the report already states in its own words."""
    text = one_line(raw)
    return "" if text.casefold() == STOCK_RATING_CAVEAT.casefold() else text

def one_line(value: object, limit: int | None = None) -> str:
    """``clean`` with whitespace collapsed, optionally shortened with an ellipsis."""
    text = " ".join(clean(value).split())
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)].rstrip() + "…"
    return text


def _dict(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: object) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# --- header ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OriginalSource:
    name: str
    evidence: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class OutletRating:
    domain: str
    score: float | None
    scale: str
    source: str
    citation: str
    explanation: str


@dataclass(frozen=True)
class Header:
    title: str
    authors: list[str]
    published: str
    outlet: str
    domain: str
    url: str
    language: str
    tags: list[tuple[str, list[str]]]
    original_source: OriginalSource | None
    rating: OutletRating | None

    @property
    def safe_url(self) -> str | None:
        """The URL when it is a plain http(s) link, else None (never a ``javascript:`` or ``data:`` link)."""
        return self.url if re.match(r"^https?://[^\s\"'<>`]+$", self.url, re.IGNORECASE) else None


def _header(doc: Document) -> Header:
    md = doc.metadata
    authors = [one_line(a) for a in _list(md.get("authors")) if one_line(a)]
    if not authors and isinstance(md.get("authors"), str):
        authors = [one_line(md["authors"])]
    tags = [
        (one_line(k), [one_line(v) for v in _list(vs)] or [one_line(vs)]) for k, vs in _dict(md.get("tags")).items()
    ]
    source = None
    raw_source = md.get("original_source")
    if isinstance(raw_source, Mapping) and raw_source:
        start, end = _int(raw_source.get("start")), _int(raw_source.get("end"))
        evidence = one_line(raw_source.get("evidence"))
        if not evidence and start is not None and end is not None and 0 <= start < end <= len(doc.text):
            evidence = one_line(doc.text[start:end])
        source = OriginalSource(one_line(raw_source.get("name")) or "unnamed", evidence, start, end)
    elif isinstance(raw_source, str) and raw_source.strip():
        source = OriginalSource(one_line(raw_source), "", None, None)
    rating = None
    raw_rating = md.get("outlet_rating")
    if isinstance(raw_rating, Mapping) and raw_rating:
        rating = OutletRating(
            domain=one_line(raw_rating.get("domain")) or one_line(md.get("domain")),
            score=as_score(raw_rating.get("score")),
            scale=one_line(raw_rating.get("scale")),
            source=one_line(raw_rating.get("source")),
            citation=one_line(raw_rating.get("citation")),
            explanation=_own_explanation(raw_rating.get("explanation")),
        )
    return Header(
        title=one_line(md.get("title")),
        authors=authors,
        published=one_line(md.get("published")),
        outlet=one_line(md.get("outlet")),
        domain=one_line(md.get("domain")),
        url=one_line(md.get("url")),
        language=one_line(md.get("language")),
        tags=tags,
        original_source=source,
        rating=rating,
    )


# --- document-level labels -----------------------------------------------------------------------
@dataclass(frozen=True)
class Genre:
    label: str
    score: float | None
    scores: list[tuple[str, float]]
    evidence: list[str]


@dataclass(frozen=True)
class Frames:
    labels: list[tuple[str, float | None, float | None]]  # (frame, score, threshold)
    top: list[tuple[str, float]]  # highest scores, asserted or not
    evidence: list[str]


def _scores(value: object) -> list[tuple[str, float]]:
    pairs = [(one_line(k), s) for k, v in _dict(value).items() if (s := as_score(v)) is not None]
    return sorted(pairs, key=lambda kv: (-kv[1], kv[0]))


def _evidence(value: object, doc: Document) -> list[str]:
    """Evidence as a list of short strings: text, ``{start, end}`` spans or ``{frame: [...]}`` maps."""
    out: list[str] = []
    items: Iterable[Any] = value.values() if isinstance(value, Mapping) else _list(value)
    if isinstance(value, str):
        items = [value]
    for item in items:
        if isinstance(item, (list, tuple)):
            out.extend(_evidence(list(item), doc))
            continue
        if isinstance(item, Mapping):
            start, end = _int(item.get("start")), _int(item.get("end"))
            if start is not None and end is not None and 0 <= start < end <= len(doc.text):
                out.append(one_line(doc.text[start:end], 160))
                continue
            item = item.get("text") or item.get("cue") or item
        text = one_line(item, 160)
        if text:
            out.append(text)
    return out[:8]


def _genre(doc: Document) -> Genre | None:
    raw = doc.labels.get(L.GENRE)
    if not isinstance(raw, Mapping):
        return None
    scores = _scores(raw.get("scores"))
    label = one_line(raw.get("label"))
    score = dict(scores).get(label)
    return Genre(label or "abstained", score, scores, _evidence(raw.get("evidence"), doc))


def _frames(doc: Document) -> Frames | None:
    raw = doc.labels.get(L.FRAMES)
    if not isinstance(raw, Mapping):
        return None
    scores = dict(_scores(raw.get("scores")))
    thresholds = _dict(raw.get("thresholds"))
    labels = []
    for name in _list(raw.get("labels")):
        key = one_line(name)
        threshold = as_score(thresholds.get(key)) if isinstance(thresholds, Mapping) else None
        labels.append((key, scores.get(key), threshold))
    top = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    return Frames(labels, top, _evidence(raw.get("evidence"), doc))


# --- techniques ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class TechniqueHit:
    """One technique asserted (or only scored) in one paragraph."""

    technique: str
    name: str
    category: str
    score: float | None
    threshold: float | None
    definition: str | None


def _hit(technique: str, category: object, score: object, threshold: object) -> TechniqueHit:
    info = technique_info(technique)
    cat = one_line(category) or (info.category or UNCATEGORISED)
    return TechniqueHit(technique, one_line(info.name), cat, as_score(score), as_score(threshold), info.definition)


@dataclass
class ParagraphTechniques:
    asserted: list[TechniqueHit]
    considered: list[TechniqueHit]  # highest-scoring techniques below their threshold
    status: str
    language: str


def _paragraph_techniques(span: Span) -> ParagraphTechniques:
    attrs = span.attrs
    asserted = []
    for item in _list(attrs.get("techniques")):
        if isinstance(item, Mapping) and one_line(item.get("technique")):
            asserted.append(_hit(one_line(item.get("technique")), item.get("category"), item.get("score"),
                                 item.get("threshold")))
        elif isinstance(item, str) and item.strip():
            asserted.append(_hit(one_line(item), None, None, None))
    asserted.sort(key=lambda h: (-(h.score or 0.0), h.name))
    named = {h.technique for h in asserted}
    considered = [
        _hit(name, None, score, None)
        for name, score in _scores(attrs.get("scores"))
        if name not in named and score > 0
    ][:3]
    return ParagraphTechniques(asserted, considered, one_line(attrs.get("status")), one_line(attrs.get("language")))


# --- blocks of text --------------------------------------------------------------------------------
@dataclass
class Block:
    """A stretch of the text as the report lays it out.

    ``kind``: ``paragraph`` (body), ``heading``, ``boilerplate`` (with ``label``/``reason``) or ``outside``
    (text that is neither body nor marked boilerplate, shown greyed like boilerplate).
    """

    start: int
    end: int
    kind: str
    number: int | None = None  # 1-based position among body paragraphs, for people
    index: int | None = None  # the paragraph layer's ``index`` attr
    label: str = ""
    reason: str = ""
    techniques: ParagraphTechniques | None = None


def _gaps(start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, cursor = [], start
    for a, b in sorted(taken):
        if b <= cursor or a >= end:
            continue
        if a > cursor:
            out.append((cursor, a))
        cursor = max(cursor, b)
    if cursor < end:
        out.append((cursor, end))
    return out


def _split_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at blank lines, each piece trimmed of surrounding whitespace."""
    pieces, cursor = [], start
    for match in _BLANK_LINES.finditer(text, start, end):
        pieces.append((cursor, match.start()))
        cursor = match.end()
    pieces.append((cursor, end))
    out = []
    for a, b in pieces:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if a + lead < b - trail:
            out.append((a + lead, b - trail))
    return out


def _blocks(doc: Document) -> list[Block]:
    text = doc.text
    blocks: list[Block] = []
    paragraphs = doc.layer(L.PARAGRAPHS)
    taken: list[tuple[int, int]] = []
    for span in paragraphs:
        kind = "heading" if span.label == "heading" else "paragraph"
        blocks.append(Block(span.start, span.end, kind, index=_int(span.attrs.get("index"))))
        taken.append((span.start, span.end))
    body = [(s.start, s.end) for s in doc.layer(L.BODY)]
    if not paragraphs:  # no paragraph layer: cut the body (or the whole text) at blank lines
        for a, b in body or [(0, len(text))]:
            for pa, pb in _split_paragraphs(text, a, b):
                blocks.append(Block(pa, pb, "paragraph"))
                taken.append((pa, pb))
    for span in doc.layer(L.BOILERPLATE):
        for a, b in _gaps(span.start, span.end, taken):
            for pa, pb in _split_paragraphs(text, a, b):
                blocks.append(Block(pa, pb, "boilerplate", label=one_line(span.label),
                                    reason=one_line(span.attrs.get("reason"))))
    covered = taken + [(b.start, b.end) for b in blocks if b.kind == "boilerplate"]
    for a, b in _gaps(0, len(text), covered):
        for pa, pb in _split_paragraphs(text, a, b):
            inside_body = any(ba <= pa and pb <= bb for ba, bb in body)
            blocks.append(Block(pa, pb, "paragraph" if inside_body else "outside"))
    blocks.sort(key=lambda b: (b.start, b.end))
    number = 0
    for block in blocks:
        if block.kind == "paragraph":
            number += 1
            block.number = number
    if doc.has_layer(L.TECHNIQUES):
        _attach_techniques(doc, blocks)
    return blocks


def _attach_techniques(doc: Document, blocks: list[Block]) -> None:
    """Give each body paragraph the ``techniques`` span that overlaps it most."""
    spans = doc.layer(L.TECHNIQUES)
    for block in blocks:
        if block.kind != "paragraph":
            continue
        best, overlap = None, 0
        for span in spans:
            shared = min(span.end, block.end) - max(span.start, block.start)
            if shared > overlap:
                best, overlap = span, shared
        block.techniques = (
            _paragraph_techniques(best) if best is not None
            else ParagraphTechniques([], [], "no techniques span for this paragraph", "")
        )


# --- marks (highlights) ----------------------------------------------------------------------------
@dataclass
class Mark:
    """A highlight over ``[start, end)``: a technique span, quote, claim, actor or entity mention."""

    id: str
    kind: str
    start: int
    end: int
    label: str
    detail: str  # one line for tooltips and the inspector
    category: str = ""
    technique: str = ""
    chip: str = ""  # text of the label chip or speaker badge shown where the mark starts
    rank: int = 0


@dataclass(frozen=True)
class ClaimRow:
    start: int
    end: int
    text: str
    type: str
    quantities: str
    sourcing: str
    source: str
    hedges: str
    score: float | None


@dataclass(frozen=True)
class QuoteRow:
    start: int
    end: int
    text: str
    type: str
    speaker: str
    speaker_id: str
    role: str
    affiliation: str
    cue: str
    date: str


@dataclass(frozen=True)
class ActorRow:
    id: str
    name: str
    type: str
    mentions: int
    roles: list[str]
    affiliation: str
    via: list[str]


def _sub_text(value: object) -> str:
    """The ``text`` of a ``{start, end, text}`` attr, or the value itself."""
    if isinstance(value, Mapping):
        return one_line(value.get("text"))
    return one_line(value)


def _quantity(value: object) -> str:
    """A normalised quantity (``{"value", "unit", "qualifier", "approx", "text"}``) as ``at least 164 people``."""
    if isinstance(value, Mapping):
        parts = [one_line(value.get(k)) for k in ("qualifier", "value", "unit")]
        shown = ("≈ " if value.get("approx") is True else "") + " ".join(p for p in parts if p)
        original = one_line(value.get("text"))
        if shown.strip() and original and original != shown:
            return f"{shown} (“{original}”)"
        return shown.strip() or original or one_line(value)
    return one_line(value)


def _actors(doc: Document) -> tuple[list[ActorRow] | None, dict[str, ActorRow]]:
    spans = doc.layer(L.ACTORS)
    table = doc.labels.get(L.ACTOR_TABLE)
    if not doc.has_layer(L.ACTORS) and not isinstance(table, Mapping):
        return None, {}
    mentions: Counter[str] = Counter()
    info: dict[str, dict[str, Any]] = defaultdict(lambda: {"names": Counter(), "roles": [], "via": [], "type": "",
                                                           "affiliation": ""})
    for span in spans:
        actor_id = one_line(span.attrs.get("id")) or one_line(span.attrs.get("name")) or one_line(doc.span_text(span))
        mentions[actor_id] += 1
        entry = info[actor_id]
        entry["names"][one_line(span.attrs.get("name")) or one_line(doc.span_text(span))] += 1
        entry["type"] = entry["type"] or one_line(span.label)
        for key, bucket in (("role", "roles"), ("via", "via")):
            value = one_line(span.attrs.get(key))
            if value and value not in entry[bucket]:
                entry[bucket].append(value)
        entry["affiliation"] = entry["affiliation"] or one_line(span.attrs.get("affiliation"))
    rows: dict[str, ActorRow] = {}
    for actor_id, entry in info.items():
        rows[actor_id] = ActorRow(actor_id, entry["names"].most_common(1)[0][0], entry["type"], mentions[actor_id],
                                  entry["roles"], entry["affiliation"], entry["via"])
    for raw in _list(_dict(table).get("rows")):  # the actors label, when present, is authoritative
        if not isinstance(raw, Mapping):
            continue
        actor_id = one_line(raw.get("id")) or one_line(raw.get("name"))
        if not actor_id:
            continue
        old = rows.get(actor_id)
        roles = [one_line(r) for r in _list(raw.get("roles"))] or ([one_line(raw["role"])] if raw.get("role") else [])
        count = _int(raw.get("mentions"))
        if count is None and isinstance(raw.get("mentions"), list):
            count = len(raw["mentions"])
        rows[actor_id] = ActorRow(
            actor_id,
            one_line(raw.get("name")) or (old.name if old else actor_id),
            one_line(raw.get("type")) or (old.type if old else ""),
            count if count is not None else (old.mentions if old else 0),
            [r for r in roles if r] or (old.roles if old else []),
            one_line(raw.get("affiliation")) or (old.affiliation if old else ""),
            old.via if old else [],
        )
    for actor_id, row in list(rows.items()):  # affiliations are actor ids: show the actor's name
        if row.affiliation in rows and row.affiliation != actor_id:
            rows[actor_id] = ActorRow(row.id, row.name, row.type, row.mentions, row.roles,
                                      rows[row.affiliation].name, row.via)
    ordered = sorted(rows.values(), key=lambda r: (-r.mentions, r.name.casefold()))
    return ordered, rows


def _quotes(doc: Document, actors: Mapping[str, ActorRow]) -> list[QuoteRow] | None:
    if not doc.has_layer(L.QUOTES):
        return None
    rows = []
    for span in doc.layer(L.QUOTES):
        a = span.attrs
        speaker_id = one_line(a.get("speaker_id"))
        actor = actors.get(speaker_id)
        affiliation = actor.affiliation if actor else ""
        rows.append(QuoteRow(
            span.start, span.end, one_line(doc.span_text(span)), one_line(span.label),
            _sub_text(a.get("speaker")) or (actor.name if actor else ""), speaker_id,
            ", ".join(actor.roles) if actor else "", affiliation, _sub_text(a.get("cue")),
            one_line(a.get("date")) or one_line(a.get("date_text")),
        ))
    return rows


def _claims(doc: Document) -> list[ClaimRow] | None:
    if not doc.has_layer(L.CLAIMS):
        return None
    rows = []
    for span in doc.layer(L.CLAIMS):
        a = span.attrs
        quantities = a.get("quantities")
        rows.append(ClaimRow(
            span.start, span.end, one_line(doc.span_text(span)), one_line(span.label),
            "; ".join(_quantity(q) for q in (_list(quantities) or ([quantities] if quantities else []))),
            one_line(a.get("sourcing")), _sub_text(a.get("source")),
            ", ".join(_sub_text(h) for h in a["hedges"]) if isinstance(a.get("hedges"), list)
            else _sub_text(a.get("hedges")),
            as_score(span.score),
        ))
    return rows


def _marks(doc: Document, actors: Mapping[str, ActorRow]) -> list[Mark]:
    from unspun.present.report.confidence import confidence_text

    marks: list[Mark] = []
    rank = {kind: i for i, kind in enumerate(MARK_KINDS)}

    def add(kind: str, span: Span, label: str, detail: str, **extra: str) -> None:
        marks.append(Mark(f"m{len(marks)}", kind, span.start, span.end, label, detail, rank=rank[kind], **extra))

    for span in doc.layer(L.TECHNIQUE_SPANS):
        hit = _hit(span.label, span.attrs.get("category"), span.score, None)
        score = f" · confidence {confidence_text(hit.score)}" if hit.score is not None else ""
        add("technique", span, hit.name, f"Technique: {hit.name} ({hit.category}){score}",
            category=hit.category, technique=hit.technique, chip=hit.name)
    for span in doc.layer(L.QUOTES):
        speaker = _sub_text(span.attrs.get("speaker")) or "unattributed"
        cue = _sub_text(span.attrs.get("cue"))
        date = one_line(span.attrs.get("date")) or one_line(span.attrs.get("date_text"))
        parts = [f"Quote ({one_line(span.label)}) by {speaker}", f"cue “{cue}”" if cue else "", date]
        add("quote", span, one_line(span.label), " · ".join(p for p in parts if p), chip=speaker)
    for span in doc.layer(L.CLAIMS):
        sourcing = one_line(span.attrs.get("sourcing"))
        parts = [f"Claim ({one_line(span.label)})", f"sourcing: {sourcing}" if sourcing else "",
                 f"check-worthiness {confidence_text(span.score)}" if span.score is not None else ""]
        label = one_line(span.label)
        add("claim", span, label if label in CLAIM_TYPES else "other", " · ".join(p for p in parts if p))
    for span in doc.layer(L.ACTORS):
        actor = actors.get(one_line(span.attrs.get("id")))
        name = one_line(span.attrs.get("name")) or (actor.name if actor else "")
        parts = [f"Actor ({one_line(span.label)}): {name or one_line(doc.span_text(span))}",
                 one_line(span.attrs.get("role")), f"via {one_line(span.attrs.get('via'))}"
                 if span.attrs.get("via") else ""]
        add("actor", span, one_line(span.label), " · ".join(p for p in parts if p))
    for span in doc.layer(L.ENTITIES):
        add("entity", span, one_line(span.label), f"Entity: {one_line(span.label)}")
    return marks


# --- the whole report ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Category:
    id: str  # a safe identifier for HTML classes: "c0", "c1", ...
    name: str
    count: int


@dataclass(frozen=True)
class TechniqueEntry:
    id: str  # "t0", "t1", ...
    technique: str
    name: str
    category_id: str
    category: str
    count: int
    max_score: float | None
    definition: str | None
    evidence: list[str]


@dataclass
class ReportView:
    text: str  # the document text with unsafe control characters replaced (same length)
    header: Header
    genre: Genre | None
    frames: Frames | None
    blocks: list[Block]
    marks: list[Mark]
    claims: list[ClaimRow] | None
    quotes: list[QuoteRow] | None
    actors: list[ActorRow] | None
    entities: list[tuple[str, int]] | None  # label, count
    categories: list[Category]
    techniques: list[TechniqueEntry]
    techniques_analysed: bool
    layer_counts: dict[str, int] = field(default_factory=dict)

    @property
    def body_paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    def excerpt(self, start: int, end: int, limit: int = 160) -> str:
        return one_line(self.text[start:end], limit)


def _technique_tables(doc: Document, blocks: list[Block], text: str) -> tuple[list[Category], list[TechniqueEntry]]:
    counts: Counter[str] = Counter()
    best: dict[str, float | None] = {}
    category_of: dict[str, str] = {}
    names: dict[str, TechniqueHit] = {}
    evidence: dict[str, list[str]] = defaultdict(list)
    for block in blocks:
        for hit in block.techniques.asserted if block.techniques else []:
            counts[hit.technique] += 1
            names.setdefault(hit.technique, hit)
            category_of.setdefault(hit.technique, hit.category)
            if hit.score is not None and (best.get(hit.technique) is None or hit.score > (best[hit.technique] or 0)):
                best[hit.technique] = hit.score
    span_counts: Counter[str] = Counter()
    for span in doc.layer(L.TECHNIQUE_SPANS):
        hit = _hit(span.label, span.attrs.get("category"), span.score, None)
        span_counts[hit.technique] += 1
        names.setdefault(hit.technique, hit)
        category_of.setdefault(hit.technique, hit.category)
        if len(evidence[hit.technique]) < 3:
            evidence[hit.technique].append(one_line(text[span.start : span.end], 120))
    for technique, n in span_counts.items():  # a technique seen only as spans still counts
        counts[technique] = max(counts[technique], n)
    by_category: Counter[str] = Counter()
    for technique, n in counts.items():
        by_category[category_of[technique]] += n
    categories = [Category(f"c{i}", name, by_category[name]) for i, name in enumerate(sorted(by_category))]
    cat_id = {c.name: c.id for c in categories}
    ordered = sorted(counts, key=lambda t: (-(best.get(t) or 0.0), -counts[t], names[t].name))
    entries = [
        TechniqueEntry(f"t{i}", t, names[t].name, cat_id[category_of[t]], category_of[t], counts[t], best.get(t),
                       names[t].definition, evidence[t])
        for i, t in enumerate(ordered)
    ]
    return categories, entries


def build_view(doc: Document) -> ReportView:
    """Everything a report shows about ``doc``."""
    text = _UNSAFE.sub("\ufffd", doc.text)
    blocks = _blocks(doc)
    actor_list, actor_index = _actors(doc)
    entities = None
    if doc.has_layer(L.ENTITIES):
        entities = Counter(one_line(s.label) for s in doc.layer(L.ENTITIES)).most_common()
    categories, techniques = _technique_tables(doc, blocks, text)
    return ReportView(
        text=text,
        header=_header(doc),
        genre=_genre(doc),
        frames=_frames(doc),
        blocks=blocks,
        marks=_marks(doc, actor_index),
        claims=_claims(doc),
        quotes=_quotes(doc, actor_index),
        actors=actor_list,
        entities=entities,
        categories=categories,
        techniques=techniques,
        techniques_analysed=doc.has_layer(L.TECHNIQUES) or doc.has_layer(L.TECHNIQUE_SPANS),
        layer_counts={name: len(spans) for name, spans in doc.layers.items()},
    )
