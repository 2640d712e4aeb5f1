"""Dates written in text ("January 10, 2022", "10 Jan 2022", "2022-01-10") to ISO 8601.

Hand-written because HTML pages get their dates from htmldate, while text inputs carry only a date line;
a dozen English patterns cover news date lines without pulling in a general date parser.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b"),
    re.compile(_MON + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)\b",
               re.IGNORECASE),
)


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first valid date in ``text`` as ``(iso, start, end)``, or None."""
    found = []
    for rx in _PATTERNS:
        for m in rx.finditer(text):
            g = m.groupdict()
            month = int(g["m"]) if g.get("m") else _MONTHS[g["mon"].lower().rstrip(".")]
            try:
                d = date(int(g["y"]), month, int(g["d"]))
            except ValueError:
                continue
            found.append((m.start(), d.isoformat(), m.end()))
            break
    if not found:
        return None
    start, iso, end = min(found)
    return iso, start, end
