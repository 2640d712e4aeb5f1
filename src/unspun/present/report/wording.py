"""The sentences every format shares: how to read the report, and what the outlet rating is and is not."""

from __future__ import annotations

from unspun.present.report.confidence import BANDS
from unspun.present.report.view import NONE_FOUND, NOT_ANALYSED


def _bands() -> str:
    parts = []
    upper = None
    for bound, word in BANDS:
        if upper is None:
            parts.append(f"{word} ({bound:.2f} and above)")
        elif bound == 0.0:
            parts.append(f"{word} (under {upper:.2f})")
        else:
            parts.append(f"{word} ({bound:.2f}–{upper:.2f})")
        upper = bound
    return ", ".join(reversed(parts))


# (lead, rest): the lead is shown in bold where the format allows it.
HOW_TO_READ: tuple[tuple[str, str], ...] = (
    ("unspun finds persuasion techniques, not truth or intent.",
     "A highlighted passage uses a technique that propaganda research has named (loaded language, doubt, appeal "
     "to fear …). That says nothing about whether the passage is true, or whether the author meant to persuade."),
    ("Scores are a model's confidence, from 0 to 1,",
     f"shown as words and numbers: {_bands()}. A technique is asserted in a paragraph only when its score reaches "
     "that technique's threshold; the paragraph's findings show both, and the strongest techniques that stayed "
     "below their threshold."),
    ("Check-worthiness",
     "of a claim estimates whether a fact-checker would want to verify it, not whether it is false."),
    ("The outlet rating",
     "is an aggregate expert rating of the outlet, not a verdict on this article."),
    (f"“{NOT_ANALYSED}”",
     f"means that stage did not run on this article; “{NONE_FOUND}” means it ran and found nothing. Models make "
     "mistakes in both directions: read the highlighted text itself."),
)

RATING_ONE_LINE = (
    "This is an aggregate of expert ratings of the outlet as a whole. It is not a verdict on this article, "
    "which may be better or worse than the outlet's average."
)
