"""Technique names and definitions for the report, read from the persuasion taxonomy when it is installed.

The taxonomy belongs to the persuasion analyzer (``unspun.analyzers.persuasion_taxonomy.TECHNIQUES``, a list
of dicts with ``id``, ``name``, ``category``, ``definition``, ``example``). The report must still render when
that module is missing or malformed, so every access is guarded and falls back to the technique's own label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class TechniqueInfo:
    """What the report says about one technique."""

    name: str
    category: str | None = None
    definition: str | None = None
    example: str | None = None


def _key(label: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", label.casefold())


def display_name(label: str) -> str:
    """``"Name_Calling-Labeling"`` -> ``"Name calling / labeling"``: readable without the taxonomy."""
    text = label.replace("_", " ").replace("-", " / ").strip()
    return text[:1].upper() + text[1:].lower() if text else label


@lru_cache(maxsize=1)
def _taxonomy() -> dict[str, TechniqueInfo]:
    try:
        from unspun.analyzers.persuasion_taxonomy import TECHNIQUES  # type: ignore[import-not-found]
    except Exception:  # absent, or broken while its owner works on it: show names only
        return {}
    table: dict[str, TechniqueInfo] = {}
    try:
        for entry in TECHNIQUES:
            if not isinstance(entry, dict):
                continue
            name = entry.get("name")
            info = TechniqueInfo(
                name=str(name) if name else display_name(str(entry.get("id", ""))),
                category=_opt_str(entry.get("category")),
                definition=_opt_str(entry.get("definition")),
                example=_opt_str(entry.get("example")),
            )
            for alias in (entry.get("id"), name):
                if isinstance(alias, str) and alias:
                    table[_key(alias)] = info
    except Exception:
        return {}
    return table


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def technique_info(label: str) -> TechniqueInfo:
    """The taxonomy's entry for a technique label (matched ignoring case and punctuation), or its name only."""
    found = _taxonomy().get(_key(label))
    return found if found is not None else TechniqueInfo(name=display_name(label))
