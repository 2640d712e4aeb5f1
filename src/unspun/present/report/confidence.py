"""Scores shown as words and numbers, so a reader never has to guess what ``0.62`` means.

The bands are fixed, named constants (not learned): they describe the score, not the truth of a finding.
"""

from __future__ import annotations

import math

# Lower bounds of each band, highest first. A score is a model's confidence in [0, 1].
BANDS: tuple[tuple[float, str], ...] = (
    (0.85, "very high"),
    (0.65, "high"),
    (0.45, "moderate"),
    (0.25, "low"),
    (0.0, "very low"),
)


def as_score(value: object) -> float | None:
    """``value`` as a finite float in [0, 1], or None when it is not a usable score."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    if not math.isfinite(number) or not 0.0 <= number <= 1.0:
        return None
    return number


def confidence_word(score: object) -> str:
    """The band a score falls in (``"high"``), or ``"no score"``."""
    number = as_score(score)
    if number is None:
        return "no score"
    for bound, word in BANDS:
        if number >= bound:
            return word
    return BANDS[-1][1]  # pragma: no cover - the last bound is 0.0


def format_score(score: object) -> str:
    """Two decimals (``"0.62"``), or an en dash when there is no score."""
    number = as_score(score)
    return "–" if number is None else f"{number:.2f}"


def confidence_text(score: object) -> str:
    """Words and number together: ``"high (0.72)"``; ``"no score"`` when absent."""
    number = as_score(score)
    if number is None:
        return "no score"
    return f"{confidence_word(number)} ({format_score(number)})"
