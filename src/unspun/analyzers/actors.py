"""Canonical actors: states, IGOs, government bodies, parties and people, each mention pinned to the text.

Writes the ``actors`` layer (label = actor type; attrs ``id``, ``name``, ``via``, and for people ``role``
and ``affiliation``) and the ``labels.actors`` table (one row per actor: id, name, type, mentions,
roles, ...). How a mention is resolved, in order:

1. gazetteer names, abbreviations and demonyms (``data/actors``), longest match first, blockers
   ("Latin America") and ambiguity cues ("Georgia" with "Atlanta") applied;
2. capitals and seats only as metonyms (:mod:`unspun.analyzers.metonymy`);
3. generic bodies: "<state adjective/name> <body>" and "<body> of <state>" ("Russian Foreign Ministry");
4. people with roles (:mod:`unspun.analyzers.people`) and, in English, spaCy PERSON entities; later
   mentions by full name or surname link to the same person (local id ``person:<name>``);
5. ORG entities the gazetteer does not know stay actors with a local id (``party:`` / ``org:``).

A person's affiliation comes from their title ("Turkish"), else the role table ("Secretary of State"),
else the nearest preceding state in the paragraph, else the article's most-mentioned state; the attr
``affiliation_basis`` says which.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from unspun.analyzers.gazetteer import Match, load_gazetteer, longest_matches, phrase_index, stem_keys
from unspun.analyzers.metonymy import is_metonym
from unspun.analyzers.nlp import (
    ParsedAnalyzer,
    ParsedParagraph,
    document_language,
    normalize_language,
    parse_paragraphs,
)
from unspun.analyzers.people import (
    MARKUP,
    PARTICLES,
    RoleMention,
    find_role_mentions,
    is_head,
    is_honorific,
    is_modifier,
    role_state,
)
from unspun.document import Document, Span

#: Role heads that make the article's main state a fair last guess for an affiliation (not "mayor").
NATIONAL_ROLES = frozenset(
    {
        "president",
        "minister",
        "premier",
        "chancellor",
        "ambassador",
        "envoy",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "king",
        "queen",
        "emir",
        "diplomat",
        "president-elect",
    }
)
EVENT_WORDS = frozenset(
    {
        "war",
        "wars",
        "revolution",
        "crisis",
        "summit",
        "conference",
        "games",
        "olympics",
        "protests",
        "uprising",
        "spring",
        "election",
        "elections",
        "referendum",
        "agreement",
        "accords",
        "treaty",
        "forum",
    }
)
ORG_SUFFIXES = frozenset({"llc", "inc", "ltd", "corp", "co", "gmbh", "ag", "plc", "llp", "sa", "nv", "bv"})
PARTY_WORDS = frozenset({"party", "partei", "parti", "partito", "partia", "партия", "partij"})
_SCORES = {"name": 0.95, "alias": 0.95, "abbreviation": 0.9, "demonym": 0.85, "metonym": 0.8, "surname": 0.8}


@dataclass
class _Mention:
    start: int
    end: int
    actor_id: str
    type: str
    name: str
    via: str
    score: float
    attrs: dict[str, Any] = field(default_factory=dict)
    paragraph: int = 0
    sentence_start: int = 0
    roles: list[str] = field(default_factory=list)


@dataclass
class _Person:
    id: str
    name: str
    tokens: tuple[str, ...]
    role: str | None = None
    affiliation: str | None = None
    basis: str | None = None
    first: int = 0
    roles: list[str] = field(default_factory=list)


def slug(text: str) -> str:
    """'Mevlüt Çavuşoğlu' -> 'mevlut-cavusoglu' (ids stay ASCII where the script allows)."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^\w]+", "-", folded).strip("-") or "x"


class ActorsAnalyzer(ParsedAnalyzer):
    """Resolve mentions to canonical actors and build the document's actor table."""

    name = "actors"
    requires = ("entities", "sentences")
    produces = ("actors", "labels.actors")
    version = "1"

    def __call__(self, doc: Document) -> Document:
        lang = normalize_language(document_language(doc))
        parsed = parse_paragraphs(doc)
        mentions = _resolve(doc, parsed, lang)
        spans = [
            Span(
                m.start,
                m.end,
                m.type,
                score=round(m.score, 3),
                attrs={"id": m.actor_id, "name": m.name, "via": m.via, **m.attrs},
            )
            for m in mentions
        ]
        doc.set_layer("actors", spans)
        doc.set_label("actors", {"rows": _table(mentions)})
        return doc



# --- resolution -----------------------------------------------------------------------------------


def _resolve(doc: Document, parsed: list[ParsedParagraph], lang: str) -> list[_Mention]:
    gaz = load_gazetteer()
    index = phrase_index(lang)
    doc_tokens = {t.text for p in parsed for t in p.sdoc}
    per_para: list[tuple[ParsedParagraph, list[Match], list[RoleMention]]] = []
    for para in parsed:
        words = [t.text for t in para.sdoc]
        matches = longest_matches(index.find(words))
        roles = find_role_mentions(para.sdoc, matches, lang)  # blockers stop names too
        per_para.append((para, matches, roles))

    # last words of ORG entities: a lone "Beacon" tagged PERSON is the "Free Beacon" again
    org_words = frozenset(
        ent[-1].text for p in parsed if p.sdoc.has_annotation("ENT_IOB") for ent in p.sdoc.ents if ent.label_ == "ORG"
    )
    gazetteer_mentions: list[_Mention] = []
    person_tokens: set[tuple[int, int]] = set()  # (paragraph, token) covered by a person's name
    people: dict[str, _Person] = {}
    role_hits: list[tuple[int, RoleMention]] = []
    for pi, (para, matches, roles) in enumerate(per_para):
        for rm in roles:
            role_hits.append((pi, rm))
            person_tokens.update((pi, i) for i in range(rm.name_start, rm.name_end))
        for ent in _person_entities(para, matches, lang, org_words):
            person_tokens.update((pi, i) for i in range(ent[0], ent[1]))
        for start, end in _honorific_names(para, matches, lang):
            person_tokens.update((pi, i) for i in range(start, end))

    for pi, (para, matches, _roles) in enumerate(per_para):
        for m in matches:
            if m.entry.kind == "blocker":
                continue
            if any((pi, i) in person_tokens for i in range(m.start, m.end)) and m.entry.kind != "abbreviation":
                continue
            mention = _gazetteer_mention(para, m, lang, gaz, doc_tokens)
            if mention is not None:
                mention.paragraph = pi
                gazetteer_mentions.append(mention)
        gazetteer_mentions.extend(_body_mentions(para, matches, lang, gaz, pi))

    state_counts = Counter(m.actor_id for m in gazetteer_mentions if m.type == "state")
    # people: role mentions first, then PERSON entities and honorific names, then surnames everywhere
    for pi, rm in role_hits:
        para = per_para[pi][0]
        tokens = tuple(
            t.text for t in para.sdoc[rm.name_start : rm.name_end] if not MARKUP.match(t.text) and not _stray(t)
        )
        person = _register(people, tokens, lang, para.start + para.sdoc[rm.name_start].idx)
        if person.role is None:
            person.role = rm.role
        if rm.role not in person.roles:
            person.roles.append(rm.role)
        if person.affiliation is None or person.basis not in ("title", "role"):
            aff, basis = _affiliation(
                rm, pi, para, gazetteer_mentions, state_counts, gaz, person.tokens, lang, doc_tokens
            )
            if aff is not None and (person.affiliation is None or basis in ("title", "role", "known")):
                person.affiliation, person.basis = aff, basis
    for para, matches, _roles in per_para:
        for start, end in _person_entities(para, matches, lang, org_words) + _honorific_names(para, matches, lang):
            tokens = tuple(t.text for t in para.sdoc[start:end] if not MARKUP.match(t.text) and not _stray(t))
            if tokens and not _known(people, tokens, lang):
                _register(people, tokens, lang, para.start + para.sdoc[start].idx)

    person_mentions = _person_mentions(per_para, people, lang)
    if lang in ("ru", "pl", "de"):
        _canonical_names(person_mentions, people, doc.text)
    covered = {(m.start, m.end) for m in person_mentions}
    for pi, rm in role_hits:  # "Secretary of State": 'State' is part of a title, not an organisation
        para = per_para[pi][0]
        first, last = para.sdoc[rm.window[0]], para.sdoc[rm.window[1] - 1]
        covered.add((para.start + first.idx, para.start + last.idx + len(last.text)))
    org_mentions = _org_mentions(per_para, gazetteer_mentions, covered)
    org_spans = [(m.start, m.end) for m in org_mentions]
    kept = [
        m
        for m in gazetteer_mentions
        if not any(s <= m.start and m.end <= e and m.type == "state" for s, e in org_spans)
    ]
    out = kept + person_mentions + org_mentions
    out.sort(key=lambda m: (m.start, m.end, m.type))
    for m in out:
        if m.type == "person" and m.actor_id in people:
            m.roles = people[m.actor_id].roles
    return out


def _gazetteer_mention(para: ParsedParagraph, m: Match, lang: str, gaz: Any, doc_tokens: set[str]) -> _Mention | None:
    actor = gaz.actor(m.entry.actor_id)
    if actor is None:
        return None
    sdoc = para.sdoc
    score = _SCORES["name"]
    attrs: dict[str, Any] = {}
    kind = m.entry.kind
    if (
        sdoc.has_annotation("ENT_IOB")
        and kind != "abbreviation"
        and any(t.ent_type_ == "PERSON" for t in sdoc[m.start : m.end])
        and (_person_extent(sdoc, m.start) != (m.start, m.end) or m.entry.surface in _ambiguous(lang, gaz))
    ):
        return None
    verdict = _ambiguity(m.entry.surface, lang, gaz, doc_tokens)
    if verdict is False:
        return None
    if kind in ("capital", "seat"):
        cue = is_metonym(sdoc, m.start, m.end, lang)
        if cue is None:
            return None
        via, score = "metonym", _SCORES["metonym"]
        attrs["cue"] = cue
    elif actor.metonym:
        via, score = "metonym", _SCORES["metonym"]
    elif kind in ("adjective", "demonym"):
        via, score = "demonym", _SCORES["demonym"]
    elif kind == "abbreviation":
        via, score = "abbreviation", _SCORES["abbreviation"]
    else:
        via = "name" if m.entry.surface in (actor.name, _first_name(gaz, actor.id, lang)) else "alias"
    if verdict is None:
        score, attrs["ambiguous"] = 0.5, True
    if actor.state and actor.type in ("government", "party"):
        attrs["state"] = actor.state
    start = para.start + sdoc[m.start].idx
    end = para.start + sdoc[m.end - 1].idx + len(sdoc[m.end - 1].text)
    sent_start = para.start + sdoc[m.start].sent.start_char if sdoc.has_annotation("SENT_START") else start
    return _Mention(start, end, actor.id, actor.type, actor.name, via, score, attrs, 0, sent_start)


def _person_extent(sdoc: Any, i: int) -> tuple[int, int] | None:
    for ent in sdoc.ents:
        if ent.label_ == "PERSON" and ent.start <= i < ent.end:
            return ent.start, ent.end
    return None


def _ambiguous(lang: str, gaz: Any) -> dict[str, Any]:
    return gaz.ambiguity.get("ambiguous", {}).get(lang, {})


def _first_name(gaz: Any, actor_id: str, lang: str) -> str | None:
    for item in gaz.raw:
        if item["id"] == actor_id:
            names = item.get("names", {}).get(lang) or []
            return names[0] if names else None
    return None


def _ambiguity(surface: str, lang: str, gaz: Any, doc_tokens: set[str]) -> bool | None:
    """True: clearly the actor; False: clearly not; None: no evidence (kept, low score)."""
    rule = gaz.ambiguity.get("ambiguous", {}).get(lang, {}).get(surface)
    if rule is None:
        return True
    pro = sum(1 for cue in rule["for_cues"] if cue in doc_tokens)
    con = sum(1 for cue in rule["against_cues"] if cue in doc_tokens)
    if con > pro:
        return False
    if pro > con or not rule["for_cues"]:
        return True
    return None


def _body_mentions(para: ParsedParagraph, matches: list[Match], lang: str, gaz: Any, pi: int) -> list[_Mention]:
    """'Russian Foreign Ministry', 'the Kazakh government', 'government of Russia' -> state bodies."""
    bodies: dict[str, str] = gaz.roles.get("bodies", {}).get(lang, {})
    if not bodies:
        return []
    sdoc = para.sdoc
    lower = [t.text.lower() for t in sdoc]
    max_len = max(len(k.split()) for k in bodies)
    out: list[_Mention] = []
    for m in matches:
        actor = gaz.actor(m.entry.actor_id)
        if actor is None or actor.type != "state" or m.entry.kind in ("capital", "seat"):
            continue
        after = m.end + (1 if m.end < len(sdoc) and lower[m.end] in ("'s", "’s") else 0)
        found = _body_at(lower, after, bodies, max_len, lang)
        span = (m.start, found[0]) if found else None
        if found is None and m.start >= 2 and lower[m.start - 1] in ("of", "de", "du", "des", "di", "del", "von"):
            back = _body_ending(lower, m.start - 1, bodies, max_len, lang)
            if back is not None:
                found, span = back, (back[2], m.end)
        postposed = lang in ("fr", "it") and m.entry.kind in ("adjective", "demonym")  # "governo italiano"
        if found is None and (lang in ("ru", "pl") or postposed) and m.start >= 1:
            back = _body_ending(lower, m.start, bodies, max_len, lang)
            if back is not None:
                found, span = back, (back[2], m.end)
        if found is None or span is None:
            continue
        body = found[1]
        start = para.start + sdoc[span[0]].idx
        last = sdoc[span[1] - 1]
        end = para.start + last.idx + len(last.text)
        label = body.replace("-", " ")
        out.append(
            _Mention(
                start,
                end,
                f"{actor.id}:{body}",
                "government",
                f"{actor.name} {label}",
                "name",
                0.85,
                {"state": actor.id},
                pi,
                start,
            )
        )
    return out


def _body_key(words: list[str], lang: str) -> set[str]:
    if lang in ("en",):
        return {" ".join(words)}
    keys = {" ".join(words)}
    if len(words) == 1:
        keys.update(stem_keys(words[0], lang))
    return keys


def _body_at(lower: list[str], i: int, bodies: dict[str, str], max_len: int, lang: str) -> tuple[int, str] | None:
    for n in range(max_len, 0, -1):
        if i + n > len(lower):
            continue
        keys = _body_key(lower[i : i + n], lang)
        for phrase, body in bodies.items():
            if phrase in keys or (lang != "en" and n == 1 and set(stem_keys(phrase, lang)) & keys):
                return i + n, body
    return None


def _body_ending(
    lower: list[str], j: int, bodies: dict[str, str], max_len: int, lang: str
) -> tuple[int, str, int] | None:
    """A body phrase ending right before token ``j`` (returns its end, body slug, start)."""
    for n in range(max_len, 0, -1):
        i = j - n
        if i < 0:
            continue
        keys = _body_key(lower[i:j], lang)
        for phrase, body in bodies.items():
            if phrase in keys or (lang != "en" and n == 1 and set(stem_keys(phrase, lang)) & keys):
                return j, body, i
    return None


def _affiliation(
    rm: RoleMention,
    pi: int,
    para: ParsedParagraph,
    mentions: list[_Mention],
    counts: Counter,
    gaz: Any,
    name: tuple[str, ...] = (),
    lang: str = "en",
    doc_tokens: frozenset[str] | set[str] = frozenset(),
) -> tuple[str | None, str | None]:
    head = rm.role.split()[-1].lower() if rm.role else ""
    before = para.sdoc[rm.window[0] - 1] if rm.window[0] > 0 else None
    if before is not None and before.ent_type_ == "ORG" and before.i not in rm.affiliation_tokens:
        org = next(e for e in para.sdoc.ents if e.start <= before.i < e.end)
        words = [t.text for t in org if t.text.lower() != "the"]
        return f"org:{slug(' '.join(words))}", "title"  # "Fox News President Jay Wallace"
    if (
        rm.affiliation
        and rm.affiliation_surface
        and _ambiguity(rm.affiliation_surface, lang, gaz, doc_tokens) is not True
    ):
        rm.affiliation = None  # "Georgia Secretary of State Brian Kemp" in an article about Atlanta
    if rm.affiliation:
        state = gaz.state_of(rm.affiliation)
        actor = gaz.actor(rm.affiliation)
        if actor is not None and actor.type == "igo":
            if head not in ("ambassador", "envoy", "representative", "delegate"):
                return actor.id, "title"  # "UN Secretary-General"; a "UN ambassador" represents a state
        else:
            return state or rm.affiliation, "title"
    by_role = role_state(rm.role)
    if by_role:
        return by_role, "role"
    known = known_affiliation(name)
    if known:
        return known, "known"
    pos = para.start + para.sdoc[rm.role_start].idx
    text = para.sdoc.text
    candidates = [
        m
        for m in mentions
        if m.paragraph == pi
        and m.type == "state"
        and m.start < pos
        and not m.attrs.get("ambiguous")
        and not _attitude_prefixed(text, m.start - para.start)
    ]
    if candidates:
        return max(candidates, key=lambda m: m.start).actor_id, "paragraph"
    if counts and rm.role.split()[-1].lower() in NATIONAL_ROLES:
        return counts.most_common(1)[0][0], "document"
    return None, None


def known_affiliation(tokens: tuple[str, ...]) -> str | None:
    """The state (or IGO) of a well-known office holder in ``people.json``, by full name or unique surname."""
    table = _known_people()
    if not tokens:
        return None
    full = " ".join(tokens).casefold()
    if full in table:
        return table[full]
    return table.get("@" + _surname(tokens).casefold())


@cache
def _known_people() -> dict[str, str]:
    data = json.loads(resources.files("unspun.analyzers").joinpath("data", "actors", "people.json").read_text("utf-8"))
    table: dict[str, str] = {}
    surnames: Counter = Counter()
    for item in data["people"]:
        table[item["name"].casefold()] = item["state"]
        surnames[item["name"].split()[-1].casefold()] += 1
    for item in data["people"]:
        last = item["name"].split()[-1].casefold()
        if (
            surnames[last] == 1
            or len({p["state"] for p in data["people"] if p["name"].split()[-1].casefold() == last}) == 1
        ):
            table["@" + last] = item["state"]
    return table


def _attitude_prefixed(text: str, offset: int) -> bool:
    """'anti-Russian', 'pro-Western': an attitude towards a state, not a membership."""
    return bool(re.search(r"(?i)\b(anti|pro|non)[-‐–]\s*$", text[max(0, offset - 6) : offset]))


def _stray(tok: Any) -> bool:
    """Punctuation inside a name span ("[Mike] Pompeo"), except the hyphens of hyphenated names."""
    return tok.is_punct and tok.text not in ("-", "‐", ".")


def _person_entities(
    para: ParsedParagraph, matches: list[Match], lang: str, org_words: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """spaCy PERSON entities, trimmed of titles; a PERSON that is exactly an unambiguous gazetteer name
    ("Azerbaijani troops" with "Azerbaijani" tagged PERSON) is a tagging error and is left out."""
    sdoc = para.sdoc
    if not sdoc.has_annotation("ENT_IOB"):
        return []
    ambiguous = load_gazetteer().ambiguity.get("ambiguous", {}).get(lang, {})
    exact = {(m.start, m.end) for m in matches if m.entry.kind != "blocker" and m.entry.surface not in ambiguous}
    out = []
    for ent in sdoc.ents:
        if ent.label_ != "PERSON" or ent[-1].text.rstrip(".,").lower() in ORG_SUFFIXES:
            continue
        start, end = ent.start, ent.end
        while end > start and (sdoc[end - 1].text in ("'s", "’s", "'") or sdoc[end - 1].is_punct):
            end -= 1
        while end > start and sdoc[start].is_punct:
            start += 1
        if end - start == 1 and (
            (sdoc[start].text.isupper() and len(sdoc[start].text) > 1) or sdoc[start].text in org_words
        ):
            continue  # "MEK", "SSG": an acronym tagged PERSON is an organisation, not a person
        # "President Trump", "Councillor Ohid Ahmed": the title is not part of the name
        while end - start > 1 and (is_head(sdoc[start].text, "en") or is_honorific(sdoc[start].text, "en")):
            start += 1
        if end > start and (start, end) not in exact:
            out.append((start, end))
    return out


def _honorific_names(para: ParsedParagraph, matches: list[Match], lang: str) -> list[tuple[int, int]]:
    sdoc = para.sdoc
    out = []
    for i, text in enumerate(t.text for t in sdoc):
        if i == len(sdoc) - 1 or not is_honorific(text, lang):
            continue
        j = i + 1
        while j < len(sdoc) and j - i <= 3 and sdoc[j].text[:1].isupper() and sdoc[j].text.isalpha():
            j += 1
        if j > i + 1:
            out.append((i + 1, j))
    return out


def strip_possessive(token: str) -> str:
    """'Trump’s' -> 'Trump' (when the tokenizer left the possessive attached)."""
    for suffix in ("'s", "’s", "'", "’"):
        if token.endswith(suffix) and len(token) > len(suffix) + 1:
            return token[: -len(suffix)]
    return token


def _name_keys(token: str, lang: str) -> set[str]:
    token = strip_possessive(token)
    return set(stem_keys(token, lang)) if lang in ("ru", "pl", "de") else {token.casefold()}


def _surname(tokens: tuple[str, ...]) -> str:
    core = [t for t in tokens if t.lower() not in PARTICLES and t not in (".",)]
    return core[-1] if core else tokens[-1]


def _known(people: dict[str, _Person], tokens: tuple[str, ...], lang: str) -> _Person | None:
    """A registered person these tokens name: same full name, or a surname/one-word name of theirs."""
    keys = [_name_keys(t, lang) for t in tokens]
    for person in people.values():
        if len(person.tokens) == len(tokens) and all(
            k & _name_keys(t, lang) for k, t in zip(keys, person.tokens, strict=True)
        ):
            return person
    if len(tokens) == 1:
        hits = [p for p in people.values() if any(keys[0] & _name_keys(t, lang) for t in _later_tokens(p))]
        if len(hits) == 1:
            return hits[0]
    elif len(tokens) >= 2:
        surname_keys = _name_keys(_surname(tokens), lang)
        same = [
            p
            for p in people.values()
            if len(p.tokens) >= 2
            and keys[0] & _name_keys(p.tokens[0], lang)
            and surname_keys & _name_keys(_surname(p.tokens), lang)
        ]
        if len(same) == 1:  # "Donald Trump" and "Donald J. Trump"
            return same[0]
        hits = [p for p in people.values() if len(p.tokens) == 1 and surname_keys & _name_keys(p.tokens[0], lang)]
        if len(hits) == 1:  # the bare surname was seen first: upgrade it to the full name
            person = hits[0]
            person.tokens, person.name = tokens, " ".join(tokens)
            return person
    return None


def _register(people: dict[str, _Person], tokens: tuple[str, ...], lang: str, offset: int) -> _Person:
    tokens = tuple(strip_possessive(t) for t in tokens)
    found = _known(people, tokens, lang)
    if found is not None:
        return found
    name = " ".join(tokens).replace(" - ", "-")
    pid = f"person:{slug(name)}"
    while pid in people:
        pid += "+"
    people[pid] = _Person(pid, name, tokens, first=offset)
    return people[pid]


def _canonical_names(mentions: list[_Mention], people: dict[str, _Person], text: str) -> None:
    """Inflected languages: name a person by their most frequent full-name form ("Дональд Трамп", not the
    genitive "Дональда Трампа" of the first mention); ties keep the first form. Ids follow the name."""
    forms: dict[str, Counter] = {}
    for m in mentions:
        if m.type == "person" and m.via == "name":
            forms.setdefault(m.actor_id, Counter())[text[m.start : m.end]] += 1
    renamed: dict[str, tuple[str, str]] = {}
    taken = set(people)
    for pid, counter in forms.items():
        person = people[pid]
        best, count = counter.most_common(1)[0]
        if best == person.name or count <= counter.get(person.name, 0):
            continue
        new_id = f"person:{slug(best)}"
        if new_id in taken:
            continue
        taken.add(new_id)
        renamed[pid] = (new_id, best)
    for m in mentions:
        if m.actor_id in renamed:
            m.actor_id, m.name = renamed[m.actor_id]
    for old, (new_id, best) in renamed.items():
        person = people.pop(old)
        person.id, person.name = new_id, best
        people[new_id] = person


def _later_tokens(person: _Person) -> list[str]:
    """Name parts a later one-word mention may use: surname and middle names ("Lula"), not first names."""
    core = [t for t in person.tokens if t.lower() not in PARTICLES and t not in (".", "-")]
    return core[1:] if len(core) > 1 else core


def _person_mentions(per_para: list, people: dict[str, _Person], lang: str) -> list[_Mention]:
    """Every full-name mention, then every one-word (surname) mention, of a registered person."""
    if not people:
        return []
    by_key: dict[str, dict[str, _Person]] = {}
    for person in people.values():
        for part in _later_tokens(person):
            for key in _name_keys(part, lang):
                by_key.setdefault(key, {})[person.id] = person
    by_first: dict[str, dict[str, _Person]] = {}
    person_keys: dict[str, list[set[str]]] = {}
    for person in people.values():
        if len(person.tokens) >= 2:
            person_keys[person.id] = [_name_keys(t, lang) for t in person.tokens]
            for key in person_keys[person.id][0]:
                by_first.setdefault(key, {})[person.id] = person
    out: list[_Mention] = []
    for pi, (para, matches, _roles) in enumerate(per_para):
        sdoc = para.sdoc
        taken = {i for m in matches if m.entry.kind != "blocker" for i in range(m.start, m.end)}
        texts = [t.text for t in sdoc]
        ent_type = dict(enumerate(t.ent_type_ for t in sdoc)) if sdoc.has_annotation("ENT_IOB") else {}
        keys = [_name_keys(t, lang) for t in texts]
        found: list[tuple[int, int, _Person, bool]] = []
        covered: set[int] = set()
        for i in range(len(sdoc)):
            if i in covered:
                continue
            cands = {pid: p for k in keys[i] for pid, p in by_first.get(k, {}).items()}
            for person in sorted(cands.values(), key=lambda p: -len(p.tokens)):
                n = len(person.tokens)
                pkeys = person_keys[person.id]
                if i + n <= len(sdoc) and all(keys[i + k] & pkeys[k] for k in range(1, n)):
                    found.append((i, i + n, person, True))
                    covered.update(range(i, i + n))
                    break
        for i, text in enumerate(texts):
            if i in covered or not text[:1].isupper() or (i in taken and ent_type.get(i) != "PERSON"):
                continue
            if ent_type.get(i) in ("ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT") and (
                ent_type.get(i - 1) == ent_type.get(i) or ent_type.get(i + 1) == ent_type.get(i)
            ):
                continue  # "Free Beacon": part of an organisation's name, not the person "Beacon"
            cands = {pid: p for k in keys[i] for pid, p in by_key.get(k, {}).items()}
            if len(cands) > 1:  # two people share the surname: the one with a role, if only one has
                cands = {pid: p for pid, p in cands.items() if p.role}
            if len(cands) != 1:
                continue
            person = next(iter(cands.values()))
            prev = texts[i - 1] if i > 0 else None
            if prev is not None and ent_type.get(i - 1) == "PERSON" and prev.isalpha() and prev not in person.tokens:
                continue  # another first name precedes this surname: a different person
            found.append((i, i + 1, person, len(person.tokens) == 1))
        for i, j, person, full in found:
            start = para.start + sdoc[i].idx
            end = para.start + sdoc[j - 1].idx + len(strip_possessive(sdoc[j - 1].text))
            attrs: dict[str, Any] = {"role": person.role, "affiliation": person.affiliation}
            if person.basis:
                attrs["affiliation_basis"] = person.basis
            score = 0.9 if person.role else 0.75
            via = "name" if full else "surname"
            out.append(_Mention(start, end, person.id, "person", person.name, via, score, attrs, pi, start))
    return out


def _org_mentions(per_para: list, mentions: list[_Mention], covered: set[tuple[int, int]]) -> list[_Mention]:
    """ORG entities the gazetteer does not know: local ids (``party:`` when it is a party)."""
    out: list[_Mention] = []
    known = [(m.start, m.end) for m in mentions if m.type != "state"]
    states = [(m.start, m.end, m.actor_id) for m in mentions if m.type == "state"]
    for pi, (para, _matches, _roles) in enumerate(per_para):
        sdoc = para.sdoc
        if not sdoc.has_annotation("ENT_IOB"):
            continue
        for ent in sdoc.ents:
            if ent.label_ not in ("ORG", "NORP") or ent.label_ == "NORP":
                continue
            toks = [t for t in ent if t.text.lower() not in ("the",)]
            if all(is_head(t.text, "en") or is_modifier(t.text, "en") for t in toks):
                continue  # "National Security Advisor": a title, not an organisation
            if toks[-1].text.lower() in EVENT_WORDS or (len(toks) == 1 and toks[0].pos_ == "ADJ"):
                continue  # "the 2020 Karabakh War", "Turkic": an event or an adjective, not an actor
            while toks and toks[-1].text in ("'s", "’s"):
                toks.pop()
            if not toks:
                continue
            start = para.start + toks[0].idx
            end = para.start + toks[-1].idx + len(toks[-1].text)
            if any(s < end and start < e for s, e in known) or any(s <= start and end <= e for s, e in covered):
                continue
            if any(m.start <= toks[0].i and toks[-1].i < m.end for m in _matches if m.entry.kind != "blocker"):
                continue  # a gazetteer name the NER called ORG ("Niamey", "Kazakh"): not a new organisation
            inner = [sid for s, e, sid in states if start <= s and e <= end]
            if (
                inner
                and all(s <= start and end <= e for s, e, _ in states if start <= s and e <= end)
                and any(s == start and e == end for s, e, _ in states)
            ):
                continue  # the whole entity is a state name ("Kazakh" tagged ORG)
            text = " ".join(t.text for t in toks)
            is_party = any(t.text.lower() in PARTY_WORDS for t in toks)
            kind = "party" if is_party else "other"
            attrs: dict[str, Any] = {"local": True}
            if inner:
                attrs["state"] = inner[0]
            out.append(
                _Mention(
                    start,
                    end,
                    f"{'party' if is_party else 'org'}:{slug(text)}",
                    kind,
                    text,
                    "name",
                    0.6,
                    attrs,
                    pi,
                    start,
                )
            )
    return out


# --- the table ------------------------------------------------------------------------------------


def _table(mentions: list[_Mention]) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for m in mentions:
        row = rows.setdefault(
            m.actor_id,
            {
                "id": m.actor_id,
                "name": m.name,
                "type": m.type,
                "mentions": 0,
                "roles": [],
                "first": m.start,
            },
        )
        row["mentions"] += 1
        for role in [m.attrs.get("role"), *m.roles]:
            if role and role not in row["roles"]:
                row["roles"].append(role)
        for key in ("affiliation", "state", "affiliation_basis"):
            if m.attrs.get(key) and key not in row:
                row[key] = m.attrs[key]
        if m.attrs.get("local"):
            row["local"] = True
    return sorted(rows.values(), key=lambda r: (-r["mentions"], r["first"], r["id"]))
