"""Find stretches of text between quote marks, across paragraphs when the quote runs on.

Hand-written: a quote-mark scanner is a small state machine, and no maintained library handles the
mark pairs of several languages together with the news convention for multi-paragraph quotes (a paragraph
that ends with the quote still open, and the next one that reopens it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from unspun.analyzers.quote_cues import QUOTE_PAIRS


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch ``[start, end)`` including its marks; ``closed`` is False when the paragraph
    ended with the quote still open. ``paragraph`` is the index of the range it started in."""

    start: int
    end: int
    closed: bool
    paragraph: int


def scan(text: str, start: int, end: int, paragraph: int = 0) -> list[Quoted]:
    """The quoted stretches inside ``text[start:end]`` (one paragraph)."""
    out: list[Quoted] = []
    opened_at = -1
    closers: frozenset[str] = frozenset()
    i = start
    while i < end:
        mark = DOUBLE_APOSTROPHE if text.startswith(DOUBLE_APOSTROPHE, i) and i + 1 < end else text[i]
        if opened_at < 0:
            if mark in OPENERS and _can_open(text, i + len(mark) - 1, end):
                opened_at, closers = i, OPENERS[mark]
        elif mark in closers:
            out.append(Quoted(opened_at, i + len(mark), True, paragraph))
            opened_at = -1
        i += len(mark)
    if opened_at >= 0:
        stop = end
        while stop > opened_at + 1 and text[stop - 1].isspace():
            stop -= 1
        out.append(Quoted(opened_at, stop, False, paragraph))
    return out


#: Typewriter-style double quote written as two apostrophes (old NYT and PTB text): it opens and closes.
DOUBLE_APOSTROPHE = "''"
OPENERS: dict[str, frozenset[str]] = {**QUOTE_PAIRS, DOUBLE_APOSTROPHE: frozenset({DOUBLE_APOSTROPHE})}
#: Marks that only ever open a quote; French « is followed by a (no-break) space.
ALWAYS_OPEN = frozenset("\u00ab\u201e\u201a\u300c\u300e")


def _can_open(text: str, i: int, end: int) -> bool:
    """A mark opens a quote unless it is followed by a space or nothing (then it is a stray closer)."""
    return i + 1 < end and (text[i] in ALWAYS_OPEN or not text[i + 1].isspace())


def find_quoted(text: str, ranges: Sequence[tuple[int, int]]) -> list[Quoted]:
    """Quoted stretches over consecutive paragraph ``ranges``, joining a quote left open at the end of a
    paragraph with the quote that opens the next paragraph (the multi-paragraph convention)."""
    merged: list[Quoted] = []
    for index, (s, e) in enumerate(ranges):
        found = scan(text, s, e, index)
        if found and merged and not merged[-1].closed and merged[-1].paragraph == index - 1:
            first = found[0]
            if text[s:first.start].strip() == "":  # the next paragraph reopens the quote
                prev = merged.pop()
                found[0] = Quoted(prev.start, first.end, first.closed, index)
        merged.extend(found)
    return merged
