"""The layout of a text: its blocks (paragraphs, headings, list items, rules) and its links.

Every reader produces a :class:`Layout`; boilerplate detection, metadata extraction and the
``paragraphs`` layer all work from it, so that they behave the same for HTML, Markdown and plain text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

BLOCK_KINDS = ("heading", "paragraph", "item", "quote", "code", "rule", "table")


@dataclass(frozen=True, slots=True)
class Block:
    """A block of text ``[start, end)``: a paragraph, heading, list item, quote, code block or rule."""

    start: int
    end: int
    kind: str = "paragraph"


@dataclass(frozen=True, slots=True)
class Link:
    """Link text ``[start, end)`` in the rendered text and where it pointed (``""`` when unknown)."""

    start: int
    end: int
    href: str


@dataclass
class Layout:
    text: str
    blocks: list[Block]
    links: list[Link] = field(default_factory=list)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def link_share(self, block: Block) -> float:
        """Share of a block's non-space characters that are link text (1.0 for a line of links)."""
        if not self.links:
            return 0.0
        covered = 0
        for link in self.links:
            lo, hi = max(link.start, block.start), min(link.end, block.end)
            if lo < hi:
                covered += sum(1 for ch in self.text[lo:hi] if not ch.isspace())
        total = sum(1 for ch in self.text[block.start : block.end] if not ch.isspace())
        return covered / total if total else 0.0

    def hrefs(self, start: int = 0, end: int | None = None) -> list[str]:
        end = len(self.text) if end is None else end
        return [link.href for link in self.links if link.start >= start and link.end <= end and link.href]


def normalise(text: str) -> str:
    """Unify newlines, drop a BOM and other zero-width noise at the start, and apply NFC."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return unicodedata.normalize("NFC", text)


_RUN = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
_LINE = re.compile(r"[^\n]*\S[^\n]*")
# Plain text counts as hard-wrapped (paragraphs broken over several lines) when it has blank-line
# separated runs, most of them span several lines, and almost no line is longer than a wrap width,
# like e-mail or Project Gutenberg text. Otherwise every line is a block (text pasted from a page).
HARD_WRAP_LINE_CHARS = 100
HARD_WRAP_LONG_LINE_SHARE = 0.1
HARD_WRAP_MULTILINE_SHARE = 0.5


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _join_broken_lines(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a line to the next when the sentence plainly runs on: the next line starts in lower case, or
    this one ends with a comma or a hyphen (text hard-wrapped without blank lines)."""
    joined: list[tuple[int, int]] = []
    for s, e in lines:
        if joined:
            ps, pe = joined[-1]
            prev = text[ps:pe].rstrip()
            head = text[s:e].lstrip()[:1]
            adjacent = text.count("\n", pe, s) == 1  # never across a blank line
            if adjacent and (head.islower() or prev.endswith((",", "-", "‐"))):
                joined[-1] = (ps, e)
                continue
        joined.append((s, e))
    return joined


def plain_layout(text: str) -> Layout:
    """Blocks of plain text: blank-line separated runs when the text is hard-wrapped, else lines."""
    runs = [m.span() for m in _RUN.finditer(text)]
    lines = [m.span() for m in _LINE.finditer(text)]
    multiline = sum(1 for s, e in runs if "\n" in text[s:e])
    long_lines = sum(1 for s, e in lines if e - s > HARD_WRAP_LINE_CHARS)
    wrapped = (
        len(runs) >= 2
        and multiline / len(runs) > HARD_WRAP_MULTILINE_SHARE
        and long_lines <= HARD_WRAP_LONG_LINE_SHARE * len(lines)
    )
    spans = runs if wrapped else _join_broken_lines(text, lines)
    blocks = []
    for s, e in spans:
        s, e = _trimmed(text, s, e)
        if s < e:
            blocks.append(Block(s, e, "paragraph"))
    return Layout(text, blocks, [])
