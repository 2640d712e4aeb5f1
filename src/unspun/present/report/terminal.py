"""The terminal summary (``--format text``, the default): provenance, rating, top techniques with their
evidence, claims and quotes, laid out with rich tables.

The text is plain (no colour codes), so it reads the same in a pipe, a log or a snapshot test. Article
text goes through rich ``Text`` objects, never markup, and control characters are replaced, so an article
cannot inject terminal escape sequences or rich markup.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from unspun.document import Document
from unspun.present.report.confidence import confidence_text, format_score
from unspun.present.report.view import NONE_FOUND, NOT_ANALYSED, ReportView, build_view, one_line
from unspun.present.report.wording import RATING_ONE_LINE

WIDTH = 100
TOP_TECHNIQUES = 8
TOP_CLAIMS = 8
TOP_QUOTES = 8
TOP_ACTORS = 10


def _section(title: str) -> Text:
    return Text(f"\n{title}", style="bold")


def _table(*columns: tuple[str, dict]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    for name, options in columns:
        table.add_column(name, overflow="fold", **options)
    return table


def _header(v: ReportView) -> list[RenderableType]:
    h = v.header
    out: list[RenderableType] = [Text(h.title or "(untitled)", style="bold")]
    byline = [f"By {', '.join(h.authors)}" if h.authors else "No by-line found"]
    byline += [x for x in (h.published, " ".join(filter(None, [h.outlet, f"({h.domain})" if h.domain else ""])))
               if x]
    if h.language:
        byline.append(f"language {h.language}")
    out.append(Text(" · ".join(byline)))
    if h.original_source:
        evidence = f" — evidence: “{one_line(h.original_source.evidence, 90)}”" if h.original_source.evidence else ""
        out.append(Text(f"Original source: {h.original_source.name}{evidence}"))
    if h.rating:
        r = h.rating
        scale = f" on a scale of {r.scale}" if r.scale else ""
        out.append(Text(f"Outlet rating: {r.domain or h.domain} {format_score(r.score)}{scale}. {RATING_ONE_LINE}"))
        if r.citation or r.source:
            out.append(Text(f"  Source: {r.citation or r.source}", style="dim"))
    else:
        out.append(Text("Outlet rating: none (outlet not rated, or provenance not analysed)"))
    genre = (f"{v.genre.label}, confidence {confidence_text(v.genre.score)}" if v.genre else NOT_ANALYSED)
    if v.frames is None:
        frames = NOT_ANALYSED
    else:
        frames = ", ".join(f"{n} {confidence_text(s)}" for n, s, _ in v.frames.labels) or NONE_FOUND
    out.append(Text(f"Genre: {genre} · Frames: {frames}"))
    return out


def _techniques(v: ReportView) -> list[RenderableType]:
    out: list[RenderableType] = [_section("Top techniques")]
    if not v.techniques_analysed or not v.techniques:
        return [*out, Text(NOT_ANALYSED if not v.techniques_analysed else NONE_FOUND)]
    paragraphs: dict[str, list[int]] = {}
    for block in v.body_paragraphs:
        for hit in block.techniques.asserted if block.techniques else []:
            paragraphs.setdefault(hit.technique, []).append(block.number or 0)
    table = _table(("Technique", {"ratio": 3, "min_width": 18}), ("Category", {"min_width": 20, "max_width": 26}),
                   ("Confidence", {"no_wrap": True}), ("¶", {"no_wrap": True}), ("Evidence", {"ratio": 6}))
    for t in v.techniques[:TOP_TECHNIQUES]:
        table.add_row(Text(t.name), Text(t.category), Text(confidence_text(t.max_score)),
                      Text(", ".join(str(n) for n in paragraphs.get(t.technique, [])) or "–"),
                      Text("; ".join(f"“{e}”" for e in t.evidence) or "–"))
    out.append(table)
    if len(v.techniques) > TOP_TECHNIQUES:
        out.append(Text(f"… and {len(v.techniques) - TOP_TECHNIQUES} more (see --format html or md)"))
    return out


def _claims(v: ReportView) -> list[RenderableType]:
    out: list[RenderableType] = [_section("Claims, most check-worthy first")]
    if not v.claims:
        return [*out, Text(NOT_ANALYSED if v.claims is None else NONE_FOUND)]
    table = _table(("Claim", {"ratio": 7}), ("Type", {"no_wrap": True}), ("Numbers", {"ratio": 3}),
                   ("Sourcing", {"ratio": 3}), ("Check-worthiness", {"no_wrap": True}))
    ordered = sorted(v.claims, key=lambda c: (c.score is None, -(c.score or 0.0), c.start))
    for c in ordered[:TOP_CLAIMS]:
        sourcing = c.sourcing + (f": {c.source}" if c.source else "")
        table.add_row(Text(one_line(c.text, 160)), Text(c.type), Text(c.quantities or "–"), Text(sourcing or "–"),
                      Text(confidence_text(c.score)))
    return [*out, table]


def _quotes(v: ReportView) -> list[RenderableType]:
    out: list[RenderableType] = [_section("Quotes")]
    if not v.quotes:
        return [*out, Text(NOT_ANALYSED if v.quotes is None else NONE_FOUND)]
    table = _table(("Speaker", {"ratio": 2}), ("Role", {"ratio": 2}), ("Quote", {"ratio": 7}),
                   ("Cue", {"ratio": 1, "min_width": 8}), ("Date", {"no_wrap": True}))
    for q in v.quotes[:TOP_QUOTES]:
        role = ", ".join(x for x in (q.role, q.affiliation) if x)
        table.add_row(Text(q.speaker or "unattributed"), Text(role or "–"), Text(one_line(q.text, 140)),
                      Text(q.cue or "–"), Text(q.date or "–"))
    return [*out, table]


def _actors(v: ReportView) -> list[RenderableType]:
    if v.actors is None:
        return [Text(f"\nActors: {NOT_ANALYSED}")]
    if not v.actors:
        return [Text(f"\nActors: {NONE_FOUND}")]
    named = ", ".join(f"{a.name} ({a.mentions})" for a in v.actors[:TOP_ACTORS])
    more = f", … {len(v.actors) - TOP_ACTORS} more" if len(v.actors) > TOP_ACTORS else ""
    return [Text(f"\nActors named most often: {named}{more}")]


def render_text(doc: Document) -> str:
    """The terminal summary as plain text, ``WIDTH`` columns wide."""
    v = build_view(doc)
    parts = _header(v) + _techniques(v) + _claims(v) + _quotes(v) + _actors(v)
    parts.append(Text(
        "\nunspun finds persuasion techniques, not truth or intent. Confidence is shown as words and a 0–1 "
        "score. For every finding with its place in the text: --format html (or md, json).", style="dim"))
    buffer = io.StringIO()
    console = Console(file=buffer, width=WIDTH, color_system=None, force_terminal=False, no_color=True,
                      highlight=False, emoji=False, legacy_windows=False, soft_wrap=False)
    console.print(Group(*parts))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
