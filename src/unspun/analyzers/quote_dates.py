"""Normalise the date expression of a quote ("on January 9") against the article's publication date.

Uses ``dateparser`` with the publication date as the relative base and a preference for the past (news
reports what was said, not what will be). Phrases relative to the previous date in the story ("the next
day") are resolved here, because dateparser resolves them against the base date only. Without a
publication date only expressions that carry their own year are normalised, so that output never depends
on the day the analysis runs.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

#: Phrases that move from the last date mentioned in the story, in days.
RELATIVE_TO_STORY: dict[str, int] = {
    "the next day": 1,
    "the following day": 1,
    "a day later": 1,
    "the day after": 1,
    "the next morning": 1,
    "the previous day": -1,
    "the day before": -1,
    "a day earlier": -1,
    "the same day": 0,
    "that day": 0,
    "later that day": 0,
}
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_LEADING = re.compile(r"^(on|in|at|since|by|during|from|as of|earlier|late|early|last|this)\s+", re.I)


def reference_date(metadata: dict[str, Any]) -> dt.date | None:
    """The ``published`` metadata as a date, or None when absent or unreadable."""
    raw = metadata.get("published")
    if not isinstance(raw, str) or len(raw) < 10:
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None


@lru_cache(maxsize=16)
def _parser(language: str, base: dt.date | None) -> Any:
    from dateparser.date import DateDataParser  # imported lazily: it takes a while

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    try:
        return DateDataParser(languages=[language], settings=settings)
    except ValueError:  # a language dateparser does not know
        return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def normalize(text: str, base: dt.date | None, anchor: dt.date | None = None, language: str = "en") -> str | None:
    """ISO form of a date expression: ``YYYY-MM-DD`` for a day, ``YYYY-MM`` for a month, ``YYYY`` for a
    year; None when it is vaguer (a week, "recently") or cannot be read.

    ``anchor`` is the last date the story mentioned, for "the next day" and its kin.
    """
    phrase = " ".join(text.lower().split()).strip(" ,.")
    for rel, days in RELATIVE_TO_STORY.items():
        if phrase == rel or phrase.endswith(" " + rel) or phrase.startswith(rel):
            start = anchor or base
            return (start + dt.timedelta(days=days)).isoformat() if start else None
    if base is None and not _YEAR.search(phrase):
        return None
    data = _parser(language, base).get_date_data(phrase)
    if data.date_obj is None:
        stripped = _LEADING.sub("", phrase)
        if stripped != phrase:
            data = _parser(language, base).get_date_data(stripped)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "day":
        return day.isoformat()
    if data.period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if data.period == "year":
        return f"{day.year:04d}"
    return None


def as_date(iso: str | None) -> dt.date | None:
    """A day-precise ISO string as a date (to anchor the next relative phrase), else None."""
    if iso and len(iso) == 10:
        try:
            return dt.date.fromisoformat(iso)
        except ValueError:
            return None
    return None
