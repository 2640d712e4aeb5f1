"""People with roles: "Turkish Foreign Minister Mevlüt Çavuşoğlu", "Antony Blinken, the US Secretary of State".

A *role window* is a run of role words around a head noun ("Minister", "spokeswoman", "министр") from
``data/actors/roles.json``, together with any gazetteer affiliation inside it ("Turkish", "White House",
"Турции"). The person's name is the capitalised run right after the window or, in apposition, right
before ", (the) <window>". English prefers spaCy's PERSON entities for the name's extent; other languages
use capitalisation. The result is language-neutral: token indices into one parsed paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc

from unspun.analyzers.gazetteer import Match, load_gazetteer, stem_keys

MARKUP = re.compile(r"^[*_#>~`|]+$")
PARTICLES = frozenset(
    {"bin", "ibn", "al", "el", "von", "van", "der", "de", "da", "di", "du", "la", "le", "del", "dos", "bint", "abu"}
)
DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "le",
        "la",
        "les",
        "l'",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "il",
        "lo",
        "gli",
        "un",
        "une",
        "ein",
        "eine",
        "einen",
        "'s",
        "’s",
    }
)
MAX_NAME_TOKENS = 4
#: Words that may sit inside a role phrase but never start or end one ("Secretary of State").
FUNCTION_WORDS = frozenset(
    {
        "of",
        "for",
        "and",
        "the",
        "de",
        "des",
        "du",
        "d'",
        "la",
        "le",
        "les",
        "l'",
        "di",
        "del",
        "della",
        "dello",
        "delle",
        "degli",
        "dei",
        "da",
        "dal",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "von",
        "vom",
        "zu",
        "für",
        "w",
        "z",
        "na",
        "do",
        "dla",
        "ds.",
        "и",
        "в",
        "по",
        "на",
    }
)


@dataclass
class RoleMention:
    """A person found with a role: tokens ``[name_start, name_end)`` name them, ``role`` says what they are."""

    name_start: int
    name_end: int
    role: str
    role_start: int
    role_end: int
    affiliation: str | None  # actor id (state, IGO, government body)
    window: tuple[int, int]
    affiliation_tokens: list[int] = field(default_factory=list)
    affiliation_surface: str | None = None  # the words that gave the affiliation ("Turkish")


@cache
def _vocab(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    roles = load_gazetteer().roles
    use = lang if lang in roles["heads"] else "en"
    heads: set[str] = set()
    for phrase in roles["heads"][use]:
        last = phrase.split()[-1]
        heads.update(stem_keys(last, use))
    mods: set[str] = {m.lower() for m in roles["modifiers"].get(use, [])}
    for phrase in roles["heads"][use]:
        mods.update(w.lower() for w in phrase.split()[:-1])
    honorifics = frozenset(h.lower() for h in roles["honorifics"].get(use, []))
    return frozenset(heads), frozenset(mods), honorifics


def is_head(word: str, lang: str) -> bool:
    heads, _, _ = _vocab(lang)
    if lang in ("en", "fr", "it"):
        return word.lower() in heads
    low = word.lower()
    if low not in heads and any(low.endswith(e) for e in _plural_endings(lang)):
        return False  # "przedstawiciele", "лидеры": a group, not one person
    return any(k in heads for k in stem_keys(word, lang))


@cache
def _plural_endings(lang: str) -> tuple[str, ...]:
    return tuple(load_gazetteer().roles.get("plural_endings", {}).get(lang, []))


def is_modifier(word: str, lang: str) -> bool:
    return word.lower() in _vocab(lang)[1]


def is_honorific(word: str, lang: str) -> bool:
    return word.lower() in _vocab(lang)[2]


def _is_name_token(word: str, lang: str) -> bool:
    if not word or MARKUP.match(word):
        return False
    if word.lower() in PARTICLES:
        return True
    core = word.replace("-", "").replace("'", "").replace("’", "").replace(".", "")
    return bool(core) and core.isalpha() and word[:1].isupper() and not is_head(word, lang)


def find_role_mentions(sdoc: Doc, matches: list[Match], lang: str) -> list[RoleMention]:
    """Every role window in one parsed paragraph that names a person."""
    match_at: dict[int, Match] = {}
    for m in matches:
        for i in range(m.start, m.end):
            match_at[i] = m
    words = [t.text for t in sdoc]
    person_ents = {}
    if sdoc.has_annotation("ENT_IOB"):
        for ent in sdoc.ents:
            if ent.label_ == "PERSON":
                end = ent.end
                while end > ent.start + 1 and sdoc[end - 1].text in ("'s", "’s", "'", "’"):
                    end -= 1
                person_ents[ent.start] = end
    out: list[RoleMention] = []
    used_until = -1
    for h, word in enumerate(words):
        if h < used_until or not is_head(word, lang) or h in match_at:
            continue
        if lang == "en" and not word[:1].isupper() and not _lower_role_ok(sdoc, h):
            continue
        a, b, affiliations = _window(sdoc, h, match_at, lang)
        role_tokens = [
            i
            for i in range(a, b)
            if i not in match_at and not MARKUP.match(words[i]) and words[i].lower() not in DETERMINERS
        ]
        # strip dangling function words at both ends of the role phrase
        while role_tokens and words[role_tokens[-1]].lower() in FUNCTION_WORDS:
            role_tokens.pop()
        while role_tokens and (words[role_tokens[0]].lower() in FUNCTION_WORDS or words[role_tokens[0]] == "-"):
            role_tokens.pop(0)
        while role_tokens and words[role_tokens[-1]] == "-":
            role_tokens.pop()
        if not role_tokens:
            continue
        name = _name_after(sdoc, b, person_ents, match_at, lang)
        if name is None:
            name = _name_before(sdoc, a, person_ents, match_at, lang)
        if name is None:
            continue
        rs, re_ = role_tokens[0], role_tokens[-1] + 1
        role = _role_text(sdoc, rs, re_, match_at)
        # keep a government body inside the role ("White House spokeswoman")
        body = next((m for m in affiliations if _actor_type(m.entry.actor_id) == "government"), None)
        if body is not None and body.end <= rs and rs - body.end <= 1:
            rs = body.start
            role = _role_text(sdoc, rs, re_, {i: m for i, m in match_at.items() if m is not body})
        picked = _pick_affiliation(affiliations, h)
        affiliation = picked.entry.actor_id if picked else None
        out.append(
            RoleMention(
                name_start=name[0],
                name_end=name[1],
                role=role,
                role_start=rs,
                role_end=re_,
                affiliation=affiliation,
                window=(a, b),
                affiliation_tokens=[i for m in affiliations for i in range(m.start, m.end)],
                affiliation_surface=picked.entry.surface if picked else None,
            )
        )
        used_until = max(b, name[1])
    return out


def _lower_role_ok(sdoc: Doc, h: int) -> bool:
    """English lower-case heads count only right before a capitalised name ("spokeswoman Jen Psaki")."""
    j = h + 1
    while j < len(sdoc) and MARKUP.match(sdoc[j].text):
        j += 1
    nxt = sdoc[j] if j < len(sdoc) else None
    return nxt is not None and nxt.text[:1].isupper() and nxt.ent_type_ in ("PERSON", "")


def _actor_type(actor_id: str) -> str | None:
    actor = load_gazetteer().actor(actor_id)
    return actor.type if actor else None


def _window(sdoc: Doc, h: int, match_at: dict[int, Match], lang: str) -> tuple[int, int, list[Match]]:
    words = [t.text for t in sdoc]
    affiliations: list[Match] = []
    seen: set[int] = set()

    def take(m: Match) -> None:
        if id(m) not in seen and m.entry.kind != "blocker" and m.entry.kind not in ("capital", "seat"):
            seen.add(id(m))
            affiliations.append(m)

    a = h
    while a > 0:
        w = words[a - 1]
        if (a - 1) in match_at and match_at[a - 1].entry.kind not in ("blocker", "capital", "seat"):
            m = match_at[a - 1]
            take(m)
            a = m.start
        elif is_modifier(w, lang) or is_head(w, lang) or MARKUP.match(w) or w in ("'s", "’s", "-"):
            if w.lower() in ("and", "of", "for") and not (a - 2 >= 0 and words[a - 2][:1].isupper()):
                break
            a -= 1
        else:
            break
    while a < h and (words[a].lower() in FUNCTION_WORDS or words[a] in ("'s", "’s") or MARKUP.match(words[a])):
        a += 1
    b = h + 1
    while b < len(words):
        w = words[b]
        if b in match_at and match_at[b].entry.kind not in ("blocker", "capital", "seat"):
            if not (
                b > 0
                and (
                    words[b - 1].lower() in ("of", "for", "de", "des", "du", "di", "del", "degli")
                    or lang in ("ru", "pl", "de", "fr", "it")
                )
            ):
                break
            m = match_at[b]
            take(m)
            b = m.end
        elif is_modifier(w, lang) or (w == "-" and b + 1 < len(words) and is_head(words[b + 1], lang)):
            if lang == "en" and w[:1].islower() and w.lower() not in ("of", "for", "and", "the"):
                break
            b += 1
        elif is_head(w, lang) and (lang != "en" or w[:1].isupper()):
            b += 1
        else:
            break
    while b > h + 1 and words[b - 1].lower() in FUNCTION_WORDS:
        b -= 1
    return a, b, affiliations


def _name_after(
    sdoc: Doc, b: int, person_ents: dict[int, int], match_at: dict[int, Match], lang: str
) -> tuple[int, int] | None:
    i = b
    while i < len(sdoc) and (MARKUP.match(sdoc[i].text) or sdoc[i].text == ","):
        i += 1
    if i >= len(sdoc):
        return None
    if i in person_ents:
        return i, person_ents[i]
    return _name_run(sdoc, i, match_at, lang)


def _title_case_sentence(sdoc: Doc, i: int) -> bool:
    """An English headline-style sentence, where capitals mark no names: a capitalised verb after the
    first word ("Congressman Says Intel Shows ...")."""
    if not sdoc.has_annotation("TAG"):
        return False
    sent = sdoc[i].sent if sdoc.has_annotation("SENT_START") else sdoc[:]
    return any(
        t.i > sent.start and t.pos_ in ("VERB", "AUX") and t.text[:1].isupper() and t.tag_ != "NNP" for t in sent
    )


def _name_run(sdoc: Doc, i: int, match_at: dict[int, Match], lang: str) -> tuple[int, int] | None:
    if _title_case_sentence(sdoc, i):
        return None
    j = i
    while j < len(sdoc) and j - i < MAX_NAME_TOKENS:
        tok = sdoc[j]
        if (
            tok.text in ("-", "‐")
            and j > i
            and not sdoc[j - 1].whitespace_
            and j + 1 < len(sdoc)
            and (_is_name_token(sdoc[j + 1].text, lang))
        ):
            j += 2  # a hyphenated name the tokenizer split: "Касым-Жомарт"
            continue
        if j in match_at or not _is_name_token(tok.text, lang):
            break
        if tok.text.lower() in PARTICLES and j == i:
            break
        if lang == "en" and tok.pos_ and tok.pos_ not in ("PROPN", "NOUN", "ADJ", "X", "PUNCT", "VERB"):
            break
        if lang == "en" and tok.tag_ == "NNPS" and j > i:
            break  # "Ilhan Omar Defends Tweet": a capitalised plural or verb ends the name
        j += 1
    while j > i and sdoc[j - 1].text.lower() in PARTICLES:
        j -= 1
    if j == i:
        return None
    # a single sentence-initial capitalised word is too weak to be a name
    if j - i == 1 and len(sdoc[i].text) < 3:
        return None
    return i, j


def _name_before(
    sdoc: Doc, a: int, person_ents: dict[int, int], match_at: dict[int, Match], lang: str
) -> tuple[int, int] | None:
    i = a - 1
    while i >= 0 and sdoc[i].text.lower() in DETERMINERS:
        i -= 1
    if i < 0 or sdoc[i].text != ",":
        return None
    end = i
    for start, stop in person_ents.items():
        if stop == end:
            return start, stop
    start = end
    while (
        start > 0
        and end - start < MAX_NAME_TOKENS
        and _is_name_token(sdoc[start - 1].text, lang)
        and (start - 1) not in match_at
    ):
        start -= 1
    if start == end:
        return None
    return start, end


def _role_text(sdoc: Doc, start: int, end: int, match_at: dict[int, Match]) -> str:
    """The role words of ``[start, end)`` with their own spacing, leaving out state words inside."""
    parts = []
    for tok in sdoc[start:end]:
        if tok.i in match_at and _actor_type(match_at[tok.i].entry.actor_id) == "state":
            continue
        parts.append(tok.text + tok.whitespace_)
    return _clean_role("".join(parts))


def _clean_role(text: str) -> str:
    text = re.sub(r"[*_]+", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,")


def _pick_affiliation(affiliations: list[Match], head: int) -> Match | None:
    if not affiliations:
        return None
    return min(affiliations, key=lambda m: min(abs(m.start - head), abs(m.end - 1 - head)))


def role_state(role: str) -> str | None:
    """The state a role belongs to by itself ("Secretary of State" -> USA), if the data says so."""
    table = load_gazetteer().roles.get("role_states", {})
    low = re.sub(r"^(?:(?:former|then|ex|acting|outgoing|incoming|interim|current|new)[- ]+)+", "", role.lower())
    if low in table:
        return table[low]
    for key, value in table.items():
        if key.endswith(" for") and low.startswith(key):
            return value
    return None
