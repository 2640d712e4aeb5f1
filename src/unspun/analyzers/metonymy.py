"""When does a capital ("Moscow"), a seat ("Brussels") stand for its state or organisation?

Only when it acts, is acted upon politically, or owns a stance; "in Moscow" stays a place. The cue
lists live in ``data/actors/metonymy.json``. English reads the dependency parse; fr/de/it/pl/ru, which
have no parser here, read a small word window around the name. Each check returns the cue that fired
(for the span's ``cue`` attr) or ``None``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from unspun.analyzers.gazetteer import load_gazetteer

_BE_ADJ_TAGS = {"JJ", "VBN", "VBG", "JJR"}


def _en_rules() -> dict[str, Any]:
    return load_gazetteer().metonymy["en"]


def is_metonym(sdoc: Doc, start: int, end: int, lang: str) -> str | None:
    """The cue that makes tokens ``[start, end)`` of ``sdoc`` a metonym, or ``None``."""
    if sdoc.has_annotation("DEP"):
        return _en_metonym(sdoc[start:end])
    return _window_metonym(sdoc, start, end, lang)


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def _en_metonym(span: SpacySpan, depth: int = 0) -> str | None:
    rules = _en_rules()
    tok = span.root
    dep = tok.dep_
    head = tok.head
    if dep == "conj" and depth < 4 and head is not tok:
        return _en_metonym(head.doc[head.i : head.i + 1], depth + 1)
    if dep in ("nsubj", "csubj"):
        verb = head
        if _lemma(verb) == "be":
            for child in verb.children:
                if (
                    child.dep_ == "acomp"
                    and child.tag_ in _BE_ADJ_TAGS
                    and (_lemma(child) in rules["attitude_adjectives"] or child.tag_ == "VBN")
                ):
                    return f"subject of 'be {child.text}'"
            return None
        if _lemma(verb) in rules["subject_blocking_verbs"]:
            return None
        if verb.pos_ in ("VERB", "AUX"):
            return f"subject of '{verb.text}'"
        return None
    if dep == "nsubjpass":
        if _lemma(head) in rules["passive_verbs"] or _lemma(head) in rules["object_verbs"]:
            return f"subject of passive '{head.text}'"
        return None
    if dep == "poss":
        if _lemma(head) in rules["possessive_blocking_nouns"]:
            return None
        return f"possessor of '{head.text}'"
    if dep in ("dobj", "obj", "dative"):
        if _lemma(head) in rules["object_verbs"]:
            return f"object of '{head.text}'"
        return None
    if dep == "pobj":
        prep = head
        prep_word = prep.text.lower()
        cues = rules["preposition_cues"].get(prep_word)
        if prep_word == "by" and prep.dep_ == "agent":
            return "agent ('by')"
        if cues is None:
            return None
        gov = prep.head
        if prep_word == "between" or (prep_word == "with" and gov.dep_ == "prep"):
            gov = gov if gov.pos_ in ("NOUN", "VERB", "ADJ") else gov.head
        if not cues or _lemma(gov) in cues or gov.text.lower() in cues:
            return f"'{gov.text} {prep.text}'"
        left = prep.doc[prep.i - 1] if prep.i > 0 else None  # the parser often attaches PPs to the verb
        if left is not None and left.pos_ in ("NOUN", "ADJ") and (_lemma(left) in cues or left.text.lower() in cues):
            return f"'{left.text} {prep.text}'"
        return None
    if dep == "compound" and _lemma(head) in (
        "official",
        "government",
        "leadership",
        "policymaker",
        "hawk",
        "diplomat",
        "negotiator",
        "authority",
        "regime",
        "establishment",
        "elite",
        "insider",
        "politician",
        "lawmaker",
    ):
        return f"'{tok.text} {head.text}'"
    return None


@cache
def _window_rules(lang: str) -> dict[str, Any]:
    """One language's window cues; for an unknown language (``xx``) the union of all six."""
    table = load_gazetteer().metonymy
    if lang in table and lang != "en" and "verb_stems" in table[lang]:
        return table[lang]
    merged: dict[str, list[str]] = {}
    keys = ("verb_stems", "aux", "blocking_prepositions", "attitude_nouns")
    for code in ("en", "fr", "de", "it", "pl", "ru"):
        for key in keys:
            merged.setdefault(key, []).extend(table[code].get(key, []))
    return merged


def _window_metonym(sdoc: Doc, start: int, end: int, lang: str) -> str | None:
    rules = _window_rules(lang)
    prev = sdoc[start - 1].text.lower() if start > 0 else ""
    prev2 = sdoc[start - 2].text.lower() if start > 1 else ""
    attitude = set(rules.get("attitude_nouns", []))
    if prev in attitude or (prev2 in attitude and prev in rules.get("blocking_prepositions", [])):
        return f"'{sdoc[start - 1].text} …'" if prev in attitude else f"'{sdoc[start - 2].text} …'"
    if end < len(sdoc) and sdoc[end].text.lower() in attitude:
        return f"'… {sdoc[end].text}'"
    if prev in rules.get("blocking_prepositions", []):
        return None
    aux = set(rules.get("aux", []))
    stems = rules.get("verb_stems", [])
    if start > 0 and _stem_hit(prev, stems) and prev not in aux:
        return f"object of '{sdoc[start - 1].text}'"
    conjunctions = load_gazetteer().metonymy.get("conjunctions", {})
    conj = set(conjunctions.get(lang, [])) or {w for words in conjunctions.values() for w in words}
    j, seen = end, 0
    while j < len(sdoc) and seen < 3:
        tok = sdoc[j]
        low = tok.text.lower()
        if low in conj and j + 1 < len(sdoc) and sdoc[j + 1].text[:1].isupper():
            j += 2  # "Berlin et Paris ont appelé": skip a coordinated name
            continue
        if tok.is_punct:
            return None
        if _stem_hit(low, stems):
            return f"subject of '{tok.text}'"
        if low not in aux:
            return None
        j += 1
        seen += 1
    return None


def _stem_hit(word: str, stems: list[str]) -> bool:
    """A stem ending in a space must equal the word; others are prefixes."""
    return any(
        (st.endswith(" ") and word == st.strip()) or (not st.endswith(" ") and word.startswith(st)) for st in stems
    )
