"""The actor gazetteer: curated JSON under ``data/actors/`` turned into a fast token matcher per language.

Hand-written rather than spaCy's ``PhraseMatcher`` because Russian, Polish, German, French and Italian
inflect names ("Россия/России/Россией", "Rosja/Rosji", "Russlands", "russische"): every token, in the data
and in the text, is indexed under its lowercased form *and* the stems left after stripping one of a short
list of inflectional endings, and a phrase matches when every token shares a key. Case rules keep
"turkey" (the bird) and "us" (the pronoun) out: names must start upper-case in the text, all-caps
abbreviations ("US", "NATO", "США") must match exactly, English adjectives must be capitalised.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "it", "pl", "ru")
DATA_FILES: tuple[str, ...] = ("states.json", "igos.json", "governments.json", "parties.json")

#: Inflectional endings stripped to form match keys (one ending per key; stems keep >= 3 characters).
ENDINGS: dict[str, tuple[str, ...]] = {
    "en": (),
    "fr": ("es", "s", "e", "x"),
    "it": ("he", "hi", "i", "e", "a", "o"),
    "de": ("en", "er", "es", "em", "e", "n", "s"),
    "pl": (
        "ami",
        "ach",
        "owi",
        "ego",
        "emu",
        "iej",
        "ych",
        "ymi",
        "ich",
        "imi",
        "owie",
        "ów",
        "ej",
        "ą",
        "ę",
        "ia",
        "ii",
        "ji",
        "ja",
        "ją",
        "ję",
        "om",
        "em",
        "ie",
        "a",
        "i",
        "y",
        "u",
        "e",
        "o",
    ),
    "ru": (
        "ами",
        "ями",
        "ого",
        "его",
        "ому",
        "ему",
        "ией",
        "ией",
        "ой",
        "ей",
        "ою",
        "ею",
        "ом",
        "ем",
        "ая",
        "яя",
        "ое",
        "ее",
        "ые",
        "ие",
        "ых",
        "их",
        "ым",
        "им",
        "ую",
        "юю",
        "ию",
        "ия",
        "ии",
        "ий",
        "ый",
        "ья",
        "ьи",
        "ью",
        "ье",
        "ам",
        "ям",
        "ах",
        "ях",
        "а",
        "я",
        "о",
        "е",
        "ы",
        "и",
        "у",
        "ю",
        "ь",
        "й",
    ),
}
MIN_STEM = 3
_ABBREV = re.compile(r"^(?:[^\W\d_]\.){2,}$|^[^\W\d_a-zа-яё]*[A-ZА-ЯЁ][^\W\d_a-zа-яё]+[+]?$")


@dataclass(frozen=True)
class Actor:
    """A canonical actor: ``id`` (ISO alpha-3 for states), ``type`` and display ``name``."""

    id: str
    type: str
    name: str
    state: str | None = None  # owning state of a government body or party
    parent: str | None = None  # e.g. UNSC -> UN
    metonym: bool = False  # a building/place name that stands for the body


@dataclass(frozen=True)
class Entry:
    """One surface form of an actor: ``kind`` is name, abbreviation, adjective, demonym, capital or seat."""

    actor_id: str
    kind: str
    surface: str
    tokens: tuple[str, ...]


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Match:
    """A gazetteer hit over tokens ``[start, end)`` of a token sequence."""

    start: int
    end: int
    entry: Entry


def stem_keys(token: str, lang: str) -> list[str]:
    """The lowercased token and its stems after removing one known ending."""
    low = token.casefold()
    keys = [low]
    for ending in ENDINGS.get(lang, ()):
        if low.endswith(ending) and len(low) - len(ending) >= MIN_STEM:
            keys.append(low[: -len(ending)])
    return keys


def is_abbreviation(surface: str) -> bool:
    """'US', 'U.S.', 'NATO', 'OPEC+', 'США': matched case-sensitively."""
    return bool(_ABBREV.match(surface)) and len(surface) <= 10


class PhraseIndex:
    """A token trie over every surface form of one language (or all languages for ``xx``)."""

    def __init__(self, lang: str, tokenize: Any) -> None:
        self.lang = lang
        self._tokenize = tokenize
        self._root = _Node()
        self.blockers: set[tuple[str, ...]] = set()

    def add(self, actor_id: str, kind: str, surface: str) -> None:
        tokens = tuple(t for t in self._tokenize(surface) if t.strip())
        if not tokens:
            return
        entry = Entry(actor_id, kind, surface, tokens)
        nodes = [self._root]
        for tok in tokens:
            nxt: list[_Node] = []
            for node in nodes:
                for key in self._keys(tok, exact=is_abbreviation(tok)):
                    nxt.append(node.children.setdefault(key, _Node()))
            nodes = list({id(n): n for n in nxt}.values())
        for node in nodes:
            if entry not in node.entries:
                node.entries.append(entry)

    def _keys(self, token: str, exact: bool = False) -> list[str]:
        if exact:
            return [token.casefold()]
        return stem_keys(token, self.lang)

    def find(self, words: Sequence[str]) -> list[Match]:
        """Every (possibly overlapping) match whose tokens satisfy the case rules."""
        out: list[Match] = []
        keys = [self._keys(w) for w in words]
        for i in range(len(words)):
            frontier = [self._root]
            j = i
            while frontier and j < len(words):
                frontier = [n.children[k] for n in frontier for k in keys[j] if k in n.children]
                j += 1
                for node in frontier:
                    for entry in node.entries:
                        if _case_ok(entry, words[i:j], self.lang):
                            out.append(Match(i, j, entry))
        return out


def _case_ok(entry: Entry, words: Sequence[str], lang: str) -> bool:
    for k, (pattern, word) in enumerate(zip(entry.tokens, words, strict=True)):
        if is_abbreviation(pattern):
            if word != pattern and word.rstrip(".") != pattern.rstrip("."):
                return False
            continue
        needs_upper = entry.kind in ("name", "capital", "seat") or (lang == "en" and entry.kind != "blocker")
        if k == 0 and needs_upper and pattern[:1].isupper() and not word[:1].isupper():
            return False
    return True


def longest_matches(matches: Iterable[Match]) -> list[Match]:
    """Non-overlapping matches, preferring longer ones, then earlier ones.

    When the same tokens name two different actors ("Congolese": both Congos, "Dominican": Dominica and
    the Dominican Republic) neither is chosen, but the tokens stay taken so no shorter match wins instead.
    """
    matches = list(matches)
    actors_at: dict[tuple[int, int], set[str]] = {}
    for m in matches:
        actors_at.setdefault((m.start, m.end), set()).add(m.entry.actor_id)
    chosen: list[Match] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        rivals = actors_at[(m.start, m.end)]
        if len(rivals) > 1 and "" not in rivals:
            taken |= set(range(m.start, m.end))
            continue
        span = set(range(m.start, m.end))
        if span & taken:
            continue
        chosen.append(m)
        taken |= span
    chosen.sort(key=lambda m: m.start)
    return chosen


# --- loading ------------------------------------------------------------------------------------


def _read(name: str) -> dict[str, Any]:
    path = resources.files("unspun.analyzers").joinpath("data", "actors", name)
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class Gazetteer:
    """All curated actors, plus the role, metonymy and ambiguity tables."""

    actors: dict[str, Actor]
    raw: list[dict[str, Any]]
    roles: dict[str, Any]
    metonymy: dict[str, Any]
    ambiguity: dict[str, Any]

    def actor(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def state_of(self, actor_id: str | None) -> str | None:
        """The state an actor belongs to (itself for a state)."""
        actor = self.actors.get(actor_id or "")
        if actor is None:
            return None
        return actor.id if actor.type == "state" else actor.state

    def forms(self, lang: str) -> Iterable[tuple[str, str, str]]:
        """(actor id, kind, surface) for one language, or every language when ``lang`` is ``xx``."""
        langs = LANGUAGES if lang not in LANGUAGES else (lang,)
        for item in self.raw:
            for field_name, kind in (
                ("names", "name"),
                ("adjectives", "adjective"),
                ("demonyms", "demonym"),
                ("capitals", "capital"),
                ("seats", "seat"),
            ):
                per_lang = item.get(field_name) or {}
                for code in langs:
                    surfaces = per_lang.get(code)
                    if surfaces is None and kind in ("capital", "seat"):
                        surfaces = per_lang.get("en", [])  # most capitals keep their spelling ("Baku")
                    for surface in surfaces or []:
                        k = "abbreviation" if kind == "name" and is_abbreviation(surface) else kind
                        yield item["id"], k, surface


@cache
def load_gazetteer() -> Gazetteer:
    """Read and check the data files once per process."""
    actors: dict[str, Actor] = {}
    raw: list[dict[str, Any]] = []
    for name in DATA_FILES:
        for item in _read(name)["actors"]:
            if item["id"] in actors:
                raise ValueError(f"duplicate actor id {item['id']!r} in {name}")
            actors[item["id"]] = Actor(
                id=item["id"],
                type=item["type"],
                name=item["name"],
                state=item.get("state"),
                parent=item.get("parent"),
                metonym=bool(item.get("metonym")),
            )
            raw.append(item)
    return Gazetteer(actors, raw, _read("roles.json"), _read("metonymy.json"), _read("ambiguity.json"))


@cache
def phrase_index(lang: str) -> PhraseIndex:
    """The matcher for ``lang`` (normalised as in :mod:`unspun.analyzers.nlp`)."""
    import spacy

    from unspun.analyzers.nlp import normalize_language

    code = normalize_language(lang)
    tokenizer = spacy.blank(code).tokenizer
    gaz = load_gazetteer()
    index = PhraseIndex(code, lambda s: [t.text for t in tokenizer(s)])
    for actor_id, kind, surface in gaz.forms(code):
        index.add(actor_id, kind, surface)
    langs = LANGUAGES if code not in LANGUAGES else (code,)
    for code_ in langs:
        for surface in gaz.ambiguity.get("blockers", {}).get(code_, []):
            index.add("", "blocker", surface)
    return index
