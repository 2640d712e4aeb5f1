"""Who vouches for a claim: named, vague or no source, and the hedges that soften it.

* **named**: a person or body that is named ("Jen Psaki said", "according to the Interior Ministry");
* **vague**: an unnamed or collective source ("sources say", "media outlets reported", "experts",
  "unverified figures from unreliable sources", "according to reports");
* **none**: the claim is stated in the author's own voice.

Sources are found three ways, best first: a quote from the ``quotes`` layer that overlaps the sentence (its
speaker, see :mod:`unspun.analyzers.claims`); in English, the dependency parse (the subject of a reporting
verb, the object of "according to", the source of "figures from ..."); in every language, phrase rules
(``selon``, ``laut``, ``secondo``, ``według``, ``по словам`` ... and vague nouns next to reporting verbs).
A vague noun that is *not* reporting anything ("media outlets burned") is not a source.

The lexicons are hand-written: they are short, per language, and no maintained library offers them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: Reporting verbs (English lemmas) whose subject is a source.
SPEECH_LEMMAS = frozenset(
    [
        "say", "tell", "state", "claim", "report", "announce", "allege", "insist", "warn", "deny", "confirm",
        "argue", "blame", "accuse", "assert", "declare", "estimate", "reveal", "admit", "tweet", "testify", "stress",
        "emphasise", "emphasize", "predict", "forecast",
    ]
)
#: Verbs that report speech only with a clause or a quotation ("added that ...", "described it as '...'"),
#: not in "the company added 300 jobs".
SPEECH_LEMMAS_WITH_CLAUSE = frozenset(
    [
        "add", "note", "write", "post", "call", "charge", "question", "describe", "suggest", "explain", "maintain",
        "contend", "publish", "disclose", "acknowledge", "reject", "dismiss",
    ]
)
_CAPITALISED = r"((?<![\w-])[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻА-ЯЁ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻА-ЯЁ][\w'’-]+){0,3})"
_QUOTE_MARKS = frozenset('"“”«»„')
#: Nouns that carry information, for "figures from X", "data from X", "reports by X".
INFO_NOUNS = frozenset(
    [
        "figure", "figures", "data", "number", "numbers", "statistic", "statistics", "report", "reports",
        "information", "estimate", "estimates", "claim", "claims", "account", "accounts", "allegation",
        "allegations", "count", "tally",
    ]
)
#: Head nouns of a source that does not name anyone (English lemmas).
VAGUE_HEADS_EN = frozenset(
    [
        "source", "official", "expert", "analyst", "observer", "witness", "medium", "media", "outlet", "report",
        "insider", "critic", "commentator", "activist", "resident", "people", "person", "someone", "some", "many",
        "others", "authority", "diplomat", "journalist", "reporter", "press", "newspaper", "channel", "website",
        "site", "account", "post", "rumour", "rumor", "observer", "investigator", "scientist", "study", "researcher",
        "specialist", "voice", "circle", "everyone", "anyone", "nobody", "they", "group", "spokesman",
        "spokeswoman", "spokesperson", "representative", "aide", "adviser", "advisor", "member", "lawmaker",
        "officer", "employee", "staffer", "worker", "leader", "lawyer", "attorney", "relative",
    ]
)
#: Pronouns that stand for one named person ("she said" -> the nearest named person before).
PRONOUNS_EN = frozenset(["he", "she", "him", "her"])

#: Vague sources in every language, as regular expressions (word boundaries added).
VAGUE_PATTERNS: dict[str, list[str]] = {
    "en": [r"(?:unnamed|anonymous|unreliable|unverified|informed|reliable|some|many|several|local|western|"
           r"independent|government|official|diplomatic|military|security|intelligence|western)?\s*"
           r"(?:sources?|officials|experts|analysts|observers|witnesses|insiders|critics|reports|media(?: outlets)?|"
           r"outlets|commentators|activists)", r"people familiar with", r"it (?:is|was) (?:reported|claimed|said)"],
    "fr": [r"(?:des |de |certaines |plusieurs )?sources?(?: \w+)?", r"experts", r"observateurs", r"médias",
           r"témoins", r"responsables", r"des informations", r"rapports", r"selon certaines informations"],
    "de": [r"Quellen", r"Experten", r"Beobachter", r"Medien(?:berichten)?", r"Berichten", r"Kreisen",
           r"Insider", r"Augenzeugen", r"Beamte"],
    "it": [r"fonti", r"esperti", r"osservatori", r"media", r"testimoni", r"indiscrezioni", r"ambienti",
           r"funzionari"],
    "pl": [r"źródła", r"źródeł", r"źródłach", r"eksperci", r"obserwatorzy", r"media", r"mediów", r"świadkowie",
           r"doniesienia", r"doniesieniami", r"doniesień", r"urzędnicy"],
    "ru": [r"источники?", r"источников", r"эксперты", r"наблюдатели", r"СМИ", r"очевидцы", r"сообщениям",
           r"аналитики", r"осведомл[её]нн\w+", r"чиновники"],
}
#: "according to" and its kin: the phrase after it is the source.
ACCORDING: dict[str, list[str]] = {
    "en": [r"according to", r"as reported by", r"citing", r"quoted by", r"per"],
    "fr": [r"selon", r"d'après", r"d’après", r"citant", r"de source"],
    "de": [r"laut", r"nach Angaben (?:von|der|des)", r"zufolge", r"unter Berufung auf"],
    "it": [r"secondo", r"stando a", r"citando", r"a detta di"],
    "pl": [r"według", r"jak podaje", r"jak podał[aoy]?", r"powołując się na", r"zdaniem"],
    "ru": [r"по словам", r"по данным", r"как сообщает", r"как сообщил[аи]?", r"согласно", r"со ссылкой на",
           r"по информации"],
}
#: Reporting verb forms per language, for the phrase rules.
SPEECH_FORMS: dict[str, str] = {
    "en": r"said|says|told|tells|stated|claimed|claims|reported|reports|announced|alleged|alleges|insisted|warned|"
          r"denied|confirmed|added|noted|argued|blamed|accused|estimated|estimates|suggested|revealed|wrote|tweeted",
    "fr": r"a déclaré|a dit|affirme|a affirmé|déclare|a annoncé|estime|a estimé|a indiqué|a précisé|a assuré|"
          r"rapporte|rapportent|accuse|accusent|assurent|affirment|indiquent|ont déclaré|ont affirmé",
    "de": r"sagte|sagt|sagten|erklärte|erklärt|erklärten|teilte|teilten|berichtete|berichten|berichteten|"
          r"behauptete|behaupten|betonte|warnte|hieß es",
    "it": r"ha detto|ha dichiarato|ha affermato|dice|dicono|afferma|affermano|ha annunciato|riferisce|riferiscono|"
          r"sostiene|sostengono|hanno detto|hanno dichiarato",
    "pl": r"powiedział[aoy]?|oświadczył[aoy]?|stwierdził[aoy]?|poinformował[aoy]?|twierdz[ią]|podał[aoy]?|"
          r"zapowiedział[aoy]?|przekazał[aoy]?|mówi[ą]?|donosz[ąi]",
    "ru": r"заявил[аи]?|сказал[аи]?|сообщил[аи]?|отметил[аи]?|подчеркнул[аи]?|утвержда[ею]т|счита[ею]т|"
          r"сообщают|пишут|пиш[её]т",
}
#: Hedges: words that make the claim less than asserted.
HEDGES: dict[str, list[str]] = {
    "en": [r"reportedly", r"allegedly", r"apparently", r"supposedly", r"purportedly", r"seemingly",
           r"(?:may|might|could) have", r"(?:is|are|was|were) (?:said|believed|thought|reported|alleged) to",
           r"it (?:is|was) (?:claimed|alleged|reported|believed)", r"unconfirmed", r"unverified", r"rumou?red",
           r"possibly", r"probably", r"presumably", r"appears? to", r"seems? to", r"likely"],
    "fr": [r"aurai(?:en)?t", r"prétendument", r"apparemment", r"semble-t-il", r"probablement", r"présumée?s?",
           r"selon certaines informations", r"non confirmée?s?", r"non vérifiée?s?", r"supposée?s?"],
    "de": [r"angeblich", r"mutmaßlich", r"vermutlich", r"offenbar", r"offensichtlich", r"sollen", r"soll",
           r"wahrscheinlich", r"möglicherweise", r"unbestätigt\w*", r"scheinbar"],
    "it": [r"avrebbe(?:ro)?", r"presumibilmente", r"presunt[oaie]", r"sembra", r"sembrerebbe", r"pare",
           r"probabilmente", r"secondo indiscrezioni", r"non confermat[oaie]", r"forse"],
    "pl": [r"podobno", r"rzekomo", r"prawdopodobnie", r"ponoć", r"najprawdopodobniej", r"niepotwierdzon\w+",
           r"jakoby", r"być może"],
    "ru": [r"якобы", r"предположительно", r"по некоторым данным", r"вероятно", r"возможно", r"по слухам",
           r"судя по всему", r"по-видимому", r"как утверждается", r"неподтвержд[её]нн\w+"],
}


@dataclass(frozen=True)
class Hedge:
    start: int
    end: int
    text: str

    def to_attrs(self, offset: int = 0) -> dict[str, Any]:
        return {"text": self.text, "start": self.start + offset, "end": self.end + offset}


@dataclass(frozen=True)
class Source:
    """A source mention: ``kind`` is ``named`` or ``vague``; ``via`` says how it was found."""

    kind: str
    text: str
    start: int
    end: int
    via: str  # quote | subject | according | from | pattern
    id: str | None = None
    name: str | None = None  # who a pronoun mention ("she said") stands for, when known

    def to_attrs(self, offset: int = 0) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start + offset, "end": self.end + offset,
                               "kind": self.kind, "via": self.via}
        if self.id:
            out["id"] = self.id
        if self.name:
            out["name"] = self.name
        return out


def _lang(lang: str | None) -> str:
    code = (lang or "en").lower()[:2]
    return code if code in HEDGES else "en"


def _wb(pattern: str) -> str:
    return rf"(?<!\w)(?:{pattern})(?!\w)"


def find_hedges(text: str, lang: str | None = "en") -> list[Hedge]:
    """Hedging words in ``text``, left to right, offsets into ``text``."""
    rx = re.compile("|".join(_wb(p) for p in HEDGES[_lang(lang)]), re.IGNORECASE)
    return [Hedge(m.start(), m.end(), m.group()) for m in rx.finditer(text)]


def _vague_rx(lang: str) -> re.Pattern[str]:
    return re.compile("|".join(_wb(p) for p in VAGUE_PATTERNS[lang]), re.IGNORECASE)


def is_vague_phrase(phrase: str, lang: str | None = "en") -> bool:
    """True when ``phrase`` names no one: "unreliable sources", "Western media", "experts"."""
    return bool(_vague_rx(_lang(lang)).search(phrase))


def sources_by_pattern(
    text: str, lang: str | None, named_spans: Sequence[tuple[int, int, str | None]] = ()
) -> list[Source]:
    """Phrase rules for any language: "according to X", "X said", vague nouns next to reporting verbs.

    ``named_spans`` are ``(start, end, id)`` (offsets into ``text``) of named people and bodies (entities,
    actors): a phrase that holds one is a named source.
    """
    code = _lang(lang)
    out: list[Source] = []
    speech = re.compile(_wb(SPEECH_FORMS[code]), re.IGNORECASE)
    vague = _vague_rx(code)
    # 1. "according to X": X is the next few words, up to punctuation
    for pat in ACCORDING[code]:
        for m in re.finditer(_wb(pat) + r"\s+([^,.;:!?()\"“”«»]{1,80})", text, re.IGNORECASE):
            s, e = m.start(1), m.end(1)
            named = _named_within(named_spans, s, e)
            if named is not None:
                a, b, ident = named
                out.append(Source("named", text[a:b], a, b, "according", ident))
            elif vm := vague.search(text, s, e):
                out.append(Source("vague", vm.group().strip(), vm.start(), vm.end(), "according"))
            else:  # "laut dem Innenministerium", "по словам Лаврова": a capitalised name is a named source
                words = list(re.finditer(r"\S+", text[s:e]))[:6]
                cap = next((k for k, w in enumerate(words) if w.group()[:1].isupper()), None)
                if cap is not None:  # the name ends at the first lower-case word after it
                    end = next((k for k in range(cap + 1, len(words)) if not words[k].group()[:1].isupper()), None)
                    words = words[:end]
                if words:
                    s2, e2 = s + words[0].start(), s + words[-1].end()
                    kind = "named" if any(w.group()[:1].isupper() for w in words) else "vague"
                    out.append(Source(kind, text[s2:e2], s2, e2, "according"))
    # 2. a vague noun within a few words of a reporting verb ("sources said", "a déclaré ... des sources")
    for m in vague.finditer(text):
        if not m.group().strip():
            continue
        window = text[max(0, m.start() - 40) : m.end() + 40]
        if speech.search(window) or _from_info(text, m.start(), code):
            out.append(Source("vague", m.group().strip(), m.start() + (len(m.group()) - len(m.group().lstrip())),
                              m.end(), "pattern"))
    # 3. a named span right before or after a reporting verb ("Psaki said", "said Psaki", "заявил Лавров")
    for m in speech.finditer(text):
        for s, e, ident in named_spans:
            gap = text[e : m.start()] if e <= m.start() else text[m.end() : s]
            if (e <= m.start() and len(gap) <= 30 and "." not in gap) or (m.end() <= s and len(gap) <= 3):
                out.append(Source("named", text[s:e], s, e, "pattern", ident))
    # 4. capitalised words right before a reporting verb, when no entity covers them ("Emmanuel Macron a déclaré")
    for m in re.finditer(_CAPITALISED + r"\s+(?:" + SPEECH_FORMS[code] + r")(?!\w)", text):
        s, e = m.start(1), m.end(1)
        if not any(o.start < e and s < o.end for o in out) and not vague.fullmatch(m.group(1)):
            out.append(Source("named", m.group(1), s, e, "pattern"))
    return out


def _from_info(text: str, start: int, lang: str) -> bool:
    """"... figures from <vague>": an information noun just before "from"."""
    if lang != "en":
        return False
    before = text[max(0, start - 40) : start].lower()
    m = re.search(r"(\w+)\s+(?:from|by)\s+(?:the\s+)?$", before)
    return bool(m and m.group(1) in INFO_NOUNS)


def _named_within(
    spans: Sequence[tuple[int, int, str | None]], s: int, e: int
) -> tuple[int, int, str | None] | None:
    for a, b, ident in spans:
        if a >= s and b <= e:
            return a, b, ident
    return None


def sources_from_parse(
    sent: Any,
    offset: int,
    named_spans: Sequence[tuple[int, int, str | None]],
    lang: str | None = "en",
    places: frozenset[tuple[int, int]] = frozenset(),
) -> list[Source]:
    """English rules over a spaCy sentence: subjects of reporting verbs, "according to X", "figures from X".

    ``offset`` maps the spaCy Doc's character offsets to the text the sources are reported in (``offset +
    token.idx``); ``named_spans`` are ``(start, end, id)`` in that same frame. ``places`` are the named spans
    that are only countries or nationalities: "a U.S. official" stays vague, "Moscow said" is named.
    """
    out: list[Source] = []

    def _classify(head: Any, off: int, spans: Any, code: Any, via: str) -> Source | None:
        return _classify_phrase(head, off, spans, code, via, places)

    for tok in sent:
        lemma = tok.lemma_.lower()
        reporting = lemma in SPEECH_LEMMAS or (lemma in SPEECH_LEMMAS_WITH_CLAUSE and _has_clause(tok))
        if tok.pos_ == "VERB" and reporting:
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            subjects += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if not subjects and tok.dep_ == "conj" and tok.head.lemma_.lower() in SPEECH_LEMMAS:
                subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
            for subj in subjects:
                src = _classify(subj, offset, named_spans, lang, "subject")
                if src is not None:
                    out.append(src)
        elif tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            for obj in (c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"):
                src = _classify(obj, offset, named_spans, lang, "according")
                if src is not None:
                    out.append(src)
        elif lemma in INFO_NOUNS and tok.pos_ == "NOUN":
            # "figures from X", also when the parser hangs "from X" on the verb ("releasing figures from X")
            holders = [tok, tok.head] if tok.dep_ == "dobj" else [tok]
            preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("from", "by")]
            for prep in preps:
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    src = _classify(obj, offset, named_spans, lang, "from")
                    # "figures from [the scene]" names a place, not a source: keep people, bodies, vague sources
                    if src is not None and (src.kind == "named" or obj.lemma_.lower() in VAGUE_HEADS_EN):
                        out.append(src)
    return out


def _has_clause(verb: Any) -> bool:
    """The verb takes a clause ("added that ...") or the sentence holds a quotation."""
    if any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return True
    return any(ch in _QUOTE_MARKS for ch in verb.sent.text)


def _classify_phrase(head: Any, offset: int, named_spans: Sequence[tuple[int, int, str | None]], lang: str | None,
                     via: str, places: frozenset[tuple[int, int]] = frozenset()) -> Source | None:
    """A source from the phrase headed by ``head``: named if it holds a named span, else vague (or None)."""
    toks = list(head.subtree)
    s, e = offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1].text)
    raw = head.doc.text

    def cut(a: int, b: int) -> str:
        return raw[a - offset : b - offset]

    lemma = head.lemma_.lower()
    if lemma in ("who", "which", "that", "whom"):
        return None  # a relative pronoun: the clause's antecedent is found through the main verb
    h = offset + head.idx
    inside = [(a, b, i) for a, b, i in named_spans if a >= s and b <= e]
    head_named = next((x for x in inside if x[0] <= h < x[1]), None)
    if head_named is not None:  # "White House spokeswoman [Jen Psaki]", "the [Interior Ministry]"
        a, b, ident = head_named
        return Source("named", cut(a, b), a, b, via, ident)
    # the phrase as reported: up to the head when it runs on ("links and information shared by ...")
    if len(toks) > 6:
        e = offset + head.idx + len(head.text)
        s = offset + head.left_edge.idx
    text = cut(s, e)
    if head.pos_ == "PRON":
        if lemma in ("it", "i", "we", "you", "this"):
            return None
        return Source("vague", text, s, e, via)  # the caller may resolve he/she to a named speaker
    if lemma in VAGUE_HEADS_EN or is_vague_phrase(text, lang):
        # "a source who works at [Mandalay Bay]", "a [U.S.] official": an unnamed person stays vague
        return Source("vague", text, s, e, via)
    inside = [x for x in inside if (x[0], x[1]) not in places]
    if inside:
        a, b, ident = inside[-1]
        return Source("named", cut(a, b), a, b, via, ident)
    if head.pos_ == "PROPN":
        return Source("named", text, s, e, via)
    return Source("vague", text, s, e, via)


def sourcing_kind(sources: Sequence[Source]) -> str:
    """``named`` if any source is named, else ``vague`` if any, else ``none``."""
    if any(s.kind == "named" for s in sources):
        return "named"
    if sources:
        return "vague"
    return "none"
