"""The Markdown report: the sections of the HTML page, as text a reviewer can paste or diff.

Article text and metadata are escaped so that no Markdown renderer turns them into links, emphasis or raw
HTML (``<script>`` shows as text).
"""

from __future__ import annotations

import re

from unspun.document import Document
from unspun.present.report.confidence import confidence_text, format_score
from unspun.present.report.view import NONE_FOUND, NOT_ANALYSED, ReportView, build_view, one_line
from unspun.present.report.wording import HOW_TO_READ, RATING_ONE_LINE

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_LEADING = re.compile(r"^([#+\-=>]|\d+[.)])")


def md(value: object, limit: int | None = None) -> str:
    """Inline Markdown for any text: one line, every character with a Markdown meaning backslash-escaped."""
    text = _SPECIAL.sub(r"\\\1", one_line(value, limit))
    return _LEADING.sub(r"\\\1", text)


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell or "–" for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _status(items: list | None) -> str | None:
    if items is None:
        return f"*{NOT_ANALYSED}*"
    if not items:
        return f"*{NONE_FOUND}*"
    return None


def _header(v: ReportView) -> list[str]:
    h = v.header
    out = [f"# {md(h.title) or 'Untitled article'}", ""]
    byline = [f"By {', '.join(md(a) for a in h.authors)}" if h.authors else "No by-line found"]
    byline += [md(x) for x in (h.published, h.outlet) if x]
    out += [" · ".join(byline), "", "## Provenance", ""]
    source = "none stated"
    if h.original_source:
        source = md(h.original_source.name)
        if h.original_source.evidence:
            source += f" (evidence: “{md(h.original_source.evidence)}”)"
    facts = [
        ("Outlet", md(h.outlet) or "not found"), ("Domain", md(h.domain) or "not found"),
        ("Address", f"`{h.url.replace('`', '')}`" if h.url else "not known"),
        ("Language", md(h.language) or NOT_ANALYSED), ("Original source", source),
    ]
    if h.tags:
        facts.append(("Site tags", "; ".join(f"{md(k)}: {', '.join(md(x) for x in vs)}" for k, vs in h.tags)))
    out += [f"- **{k}:** {val}" for k, val in facts] + ["", "## Outlet rating", ""]
    r = h.rating
    if r is None:
        out += [f"No rating: the outlet is not in the ratings table, or provenance was {NOT_ANALYSED}.", ""]
    else:
        scale = f" on a scale of {md(r.scale)}" if r.scale else ""
        out += [f"**{md(r.domain or h.domain)}: {format_score(r.score)}**{scale}", "", RATING_ONE_LINE, ""]
        out += [line for line in (md(r.explanation), f"Source: {md(r.source)}" if r.source else "",
                                  f"Citation: {md(r.citation)}" if r.citation else "") if line]
        out.append("")
    return out


def _summary(v: ReportView) -> list[str]:
    out = ["## How to read this", ""]
    out += [f"- **{lead}** {rest}" for lead, rest in HOW_TO_READ] + ["", "## Summary", ""]
    if v.genre:
        genre = f"{md(v.genre.label)}, confidence {confidence_text(v.genre.score)}"
        if v.genre.evidence:
            genre += "; evidence: " + ", ".join(f"“{md(e)}”" for e in v.genre.evidence)
    else:
        genre = NOT_ANALYSED
    if v.frames is None:
        frames = NOT_ANALYSED
    elif v.frames.labels:
        frames = "; ".join(f"{md(n)} ({confidence_text(s)})" for n, s, _ in v.frames.labels)
    else:
        frames = f"{NONE_FOUND} above threshold"
    paragraphs = v.body_paragraphs
    with_hits = sum(1 for b in paragraphs if b.techniques and b.techniques.asserted)
    techniques = (f"{len(v.techniques)} distinct, in {with_hits} of {len(paragraphs)} paragraphs"
                  if v.techniques_analysed else NOT_ANALYSED)
    out += [f"- **Genre:** {genre}", f"- **Frames:** {frames}", f"- **Techniques:** {techniques}"]
    for name, items in (("Claims", v.claims), ("Quotes", v.quotes), ("Actors", v.actors)):
        out.append(f"- **{name}:** {NOT_ANALYSED if items is None else len(items)}")
    return [*out, ""]


def _techniques(v: ReportView) -> list[str]:
    out = ["## Techniques", ""]
    if not v.techniques_analysed:
        return [*out, f"*{NOT_ANALYSED}*", ""]
    if not v.techniques:
        return [*out, f"*{NONE_FOUND}*", ""]
    out += _table(
        ["Technique", "Category", "Findings", "Highest confidence", "Definition", "Evidence"],
        [[md(t.name), md(t.category), str(t.count), confidence_text(t.max_score), md(t.definition),
          "; ".join(f"“{md(e)}”" for e in t.evidence)] for t in v.techniques],
    )
    out += ["### By paragraph", ""]
    for block in v.body_paragraphs:
        pt = block.techniques
        if pt is None or not pt.asserted:
            continue
        out.append(f"- **¶ {block.number}** “{md(v.excerpt(block.start, block.end, 90))}”")
        for hit in pt.asserted:
            threshold = f", threshold {format_score(hit.threshold)}" if hit.threshold is not None else ""
            out.append(f"  - {md(hit.name)} ({md(hit.category)}): confidence {confidence_text(hit.score)}{threshold}")
    return [*out, ""]


def _claims(v: ReportView) -> list[str]:
    out = ["## Claims", ""]
    if (status := _status(v.claims)) or v.claims is None:
        return [*out, status or "", ""]
    ordered = sorted(v.claims, key=lambda c: (c.score is None, -(c.score or 0.0), c.start))
    return out + _table(
        ["Claim", "Type", "Numbers (normalised)", "Sourcing", "Hedges", "Check-worthiness"],
        [[f"“{md(c.text, 200)}”", md(c.type), md(c.quantities),
          md(c.sourcing) + (f": {md(c.source)}" if c.source else ""), md(c.hedges), confidence_text(c.score)]
         for c in ordered],
    )


def _quotes(v: ReportView) -> list[str]:
    out = ["## Quotes", ""]
    if (status := _status(v.quotes)) or v.quotes is None:
        return [*out, status or "", ""]
    return out + _table(
        ["Quote", "Speaker", "Role", "State / affiliation", "Kind", "Cue", "Date"],
        [[md(q.text, 200), md(q.speaker) or "unattributed", md(q.role), md(q.affiliation), md(q.type),
          md(q.cue), md(q.date)] for q in v.quotes],
    )


def _actors(v: ReportView) -> list[str]:
    out = ["## Actors", ""]
    if (status := _status(v.actors)) or v.actors is None:
        return [*out, status or "", ""]
    return out + _table(
        ["Actor", "Type", "Mentions", "Roles", "Affiliation", "Named as"],
        [[md(a.name), md(a.type), str(a.mentions), md(", ".join(a.roles)), md(a.affiliation), md(", ".join(a.via))]
         for a in v.actors],
    )


def _outside(v: ReportView) -> list[str]:
    parts = [b for b in v.blocks if b.kind in ("boilerplate", "outside")]
    out = ["## Outside the article body", ""]
    if not parts:
        return [*out, "*nothing marked*", ""]
    for b in parts:
        label = f"boilerplate: {md(b.label)}" if b.kind == "boilerplate" else "not marked as body or boilerplate"
        out.append(f"- *{label}* “{md(v.excerpt(b.start, b.end, 100))}”")
    return [*out, ""]


def render_markdown(doc: Document) -> str:
    """The report as Markdown (GitHub-flavoured tables)."""
    v = build_view(doc)
    lines = (_header(v) + _summary(v) + _techniques(v) + _claims(v) + _quotes(v) + _actors(v) + _outside(v))
    lines.append("*Made by unspun. Every finding is pinned to character offsets in the Document (`--format json`).*")
    return "\n".join(lines).rstrip("\n") + "\n"
