"""The HTML report: one self-contained page (inline CSS and JS, no network), highlights rendered in Python.

Stages:
1. gather the view (``view.build_view``) shared with the other formats;
2. cut every paragraph into runs covered by the same marks (``segment``) and write them as nested,
   escaped ``<span>`` elements, with a label chip where a technique starts and a badge where a quote starts;
3. fill the Jinja2 template (autoescaped) with the view, the body, the charts and the inline CSS/JS;
4. pin the inline style and script with a Content-Security-Policy of their hashes, so nothing else runs
   and nothing is fetched even if some text slipped past the escaping.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
from functools import lru_cache
from html import escape
from importlib import resources

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FunctionLoader, StrictUndefined
from markupsafe import Markup

import unspun
from unspun.document import Document
from unspun.present.report import confidence
from unspun.present.report.charts import Bar, bar_chart
from unspun.present.report.segment import segment
from unspun.present.report.view import (
    CLAIM_TYPES,
    NONE_FOUND,
    NOT_ANALYSED,
    Block,
    Mark,
    ReportView,
    build_view,
)
from unspun.present.report.wording import HOW_TO_READ, RATING_ONE_LINE

# Category colours: (highlight background, ink for chips and bars, hatch angle). Known SemEval-2023
# categories keep the same colour in every report; others take the next free slot. The hatch makes each
# category distinguishable without colour.
PALETTE: tuple[tuple[str, str, str], ...] = (
    ("#fde2e1", "#a61b10", "45deg"),
    ("#fff0b8", "#7a4f00", "-45deg"),
    ("#dbeafe", "#1d4f91", "90deg"),
    ("#dcf5d7", "#23601a", "0deg"),
    ("#efe3ff", "#5b2a9b", "135deg"),
    ("#ffe4cc", "#8a3700", "60deg"),
    ("#d9f3f3", "#0f5757", "30deg"),
    ("#ececec", "#3b3b3b", "120deg"),
)
KNOWN_CATEGORIES = ("attack on reputation", "justification", "simplification", "distraction", "call",
                    "manipulative wording")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
KIND_CLASS = {"technique": "tech", "quote": "quote", "claim": "claim", "actor": "actor", "entity": "ent"}


def _static(name: str) -> str:
    return resources.files("unspun.present.report").joinpath(name).read_text(encoding="utf-8")


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja's compiled-template cache that never fails a render: an unwritable cache is simply skipped."""

    def load_bytecode(self, bucket) -> None:  # type: ignore[no-untyped-def]
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket) -> None:  # type: ignore[no-untyped-def]
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> BytecodeCache | None:
    """Compiling the template costs ~100 ms, once per process; cache the result per user
    (``$UNSPUN_CACHE_DIR`` or ``$XDG_CACHE_HOME/unspun``; ``UNSPUN_CACHE_DIR=off`` disables it). Jinja checks
    the template's checksum, so an edited template is recompiled."""
    setting = os.environ.get("UNSPUN_CACHE_DIR")
    if setting == "off":
        return None
    base = setting or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "unspun")
    folder = os.path.join(base, "jinja2")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(folder)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(lambda name: _static(f"templates/{name}")),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        confidence_text=confidence.confidence_text,
        confidence_word=confidence.confidence_word,
        format_score=confidence.format_score,
        NOT_ANALYSED=NOT_ANALYSED,
        NONE_FOUND=NONE_FOUND,
        how_to_read=HOW_TO_READ,
        rating_one_line=RATING_ONE_LINE,
    )
    return env


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def category_colours(names: list[str]) -> list[int]:
    """A palette slot for each category name, stable for the known ones."""
    slots, used = [], set()
    for name in names:
        key = name.strip().casefold()
        slot = KNOWN_CATEGORIES.index(key) if key in KNOWN_CATEGORIES else -1
        slots.append(slot)
        used.add(slot)
    free = [i for i in range(len(PALETTE)) if i not in used]
    out = []
    for slot in slots:
        if slot < 0:
            slot = free.pop(0) if free else len(out) % len(PALETTE)
        out.append(slot)
    return out


def _category_css(view: ReportView) -> str:
    rules = []
    for category, slot in zip(view.categories, category_colours([c.name for c in view.categories]), strict=True):
        bg, ink, angle = PALETTE[slot]
        c = category.id
        rules.append(
            f".mk.tech.{c}{{background-color:{bg};background-image:repeating-linear-gradient({angle},"
            f"rgba(0,0,0,.07) 0 1px,transparent 1px 5px)}}"
            f".chip.{c},.chip-static.{c}{{border-color:{ink};color:{ink}}}"
            f".sw.{c}{{background-color:{bg};border-color:{ink};background-image:repeating-linear-gradient("
            f"{angle},rgba(0,0,0,.25) 0 1px,transparent 1px 4px)}}"
            f".bar.{c} rect{{fill:{ink}}}"
        )
    return "\n".join(rules)


# --- the article body ------------------------------------------------------------------------------
class _BodyWriter:
    """Writes blocks of text as escaped HTML with nested highlight elements."""

    def __init__(self, view: ReportView) -> None:
        self.view = view
        self.marks = sorted(view.marks, key=lambda m: (m.start, -m.end, m.rank))
        cat_ids = {c.name: c.id for c in view.categories}
        tech_ids = {t.technique: t.id for t in view.techniques}
        self.open: dict[str, str] = {}
        self.chip: dict[str, str] = {}
        self.focusable_done: set[str] = set()
        for mark in self.marks:
            classes = ["mk", KIND_CLASS[mark.kind]]
            if mark.kind == "technique":
                classes += [cat_ids.get(mark.category, ""), tech_ids.get(mark.technique, "")]
                self.chip[mark.id] = (
                    f'<span class="chip tech {classes[2]} {classes[3]}" data-c="{classes[2]}" '
                    f'data-t="{classes[3]}">{escape(mark.chip)}</span>'
                )
            elif mark.kind == "claim":
                classes.append(f"ct-{mark.label if mark.label in CLAIM_TYPES else 'other'}")
            elif mark.kind == "quote":
                self.chip[mark.id] = f'<span class="badge quote" title="speaker">{escape(mark.chip)}</span>'
            data = f' data-c="{classes[2]}" data-t="{classes[3]}"' if mark.kind == "technique" else ""
            self.open[mark.id] = f'<span class="{" ".join(c for c in classes if c)}" data-m="{mark.id}"{data}'

    def _marks_in(self, start: int, end: int) -> list[Mark]:
        return [m for m in self.marks if m.start < end and m.end > start]

    def stretch(self, start: int, end: int) -> str:
        text = self.view.text
        out: list[str] = []
        for run in segment(start, end, self._marks_in(start, end)):
            ordered = sorted(run.marks, key=lambda m: (m.rank, m.start, -m.end))
            for mark in ordered:
                if max(mark.start, start) == run.start and mark.id in self.chip:
                    out.append(self.chip[mark.id])
            for mark in ordered:
                tag = self.open[mark.id]
                if mark.kind in ("actor", "entity"):
                    if mark.id not in self.focusable_done:
                        tag += ' tabindex="0"'
                        self.focusable_done.add(mark.id)
                    tag += f' title="{escape(mark.detail)}"'
                out.append(tag + ">")
            out.append(_escape_text(text[run.start : run.end]))
            out.append("</span>" * len(ordered))
        return "".join(out)


def _escape_text(text: str) -> str:
    """HTML-escape body text; a carriage return becomes ``&#13;``, because an HTML parser turns a literal
    one into a line feed (and CR LF into one character), which would move every later offset in the page."""
    return escape(text).replace("\r", "&#13;")


def _groups(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """Consecutive blocks grouped: body paragraphs and headings one by one, everything else folded together."""
    groups: list[tuple[str, list[Block]]] = []
    for block in blocks:
        folded = block.kind in ("boilerplate", "outside")
        if folded and groups and groups[-1][0] == "folded":
            groups[-1][1].append(block)
        else:
            groups.append(("folded" if folded else block.kind, [block]))
    return groups


def _marks_json(view: ReportView) -> str:
    data = {m.id: m.detail for m in view.marks}
    raw = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    # JSON inside <script>: no "<", ">" or "&" may appear literally, so "</script>" cannot end it early.
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(doc: Document) -> str:
    """The report as one self-contained HTML page."""
    # 1. the view
    view = build_view(doc)
    # 2. the body, as runs of nested highlights
    writer = _BodyWriter(view)
    body = [(kind, [(block, Markup(writer.stretch(block.start, block.end))) for block in blocks])
            for kind, blocks in _groups(view.blocks)]
    # 3. the template
    css = _static("static/report.css") + "\n" + _category_css(view)
    script = _static("static/report.js")
    language = view.header.language if _LANG.match(view.header.language or "") else ""
    cat_slots = dict(zip([c.id for c in view.categories],
                         category_colours([c.name for c in view.categories]), strict=True))
    page = _environment().get_template("report.html").render(
        v=view,
        body=body,
        css=Markup(css),
        script=Markup(script),
        csp=f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(script)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'",
        marks_json=Markup(_marks_json(view)),
        article_lang=language,
        version=unspun.__version__,
        cat_ids={c.name: c.id for c in view.categories},
        cat_slots=cat_slots,
        para_of=_paragraph_lookup(view),
        category_chart=Markup(bar_chart(
            "chart-categories", "Techniques by category",
            "Number of technique findings in each category (paragraph labels or marked spans).",
            [Bar(c.name, c.count, c.id) for c in sorted(view.categories, key=lambda c: (-c.count, c.name))],
        )),
        actor_chart=Markup(bar_chart(
            "chart-actors", "Actors named most often", "Mentions of each actor, including aliases and pronouns.",
            [Bar(a.name, a.mentions, "actor") for a in (view.actors or [])[:10] if a.mentions > 0],
        )),
    )
    # 4. the CSP is in the template's <meta>; nothing else to do but end with a newline
    return page if page.endswith("\n") else page + "\n"


def _paragraph_lookup(view: ReportView):  # type: ignore[no-untyped-def]
    """A function: character offset -> the body paragraph number that holds it, or None."""
    paragraphs = view.body_paragraphs

    def para_of(offset: int) -> int | None:
        for block in paragraphs:
            if block.start <= offset < block.end:
                return block.number
        return None

    return para_of
