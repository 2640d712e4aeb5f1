"""The ``claims`` analyzer: check-worthy sentences, typed, with normalised numbers and their sourcing.

Stages:
  1. score every sentence with the check-worthiness model (:mod:`unspun.models.checkworthy`; a calibrated
     probability, on text with Markdown emphasis and link stubs blanked out);
  2. find each sentence's quantities (:mod:`unspun.analyzers.quantities`), refining what is counted with
     the shared spaCy parse ("Kazakhs" -> "Kazakhs killed") and adding the date stated in the sentence;
  3. find its sources and hedges (:mod:`unspun.analyzers.sourcing`): a quote from the ``quotes`` layer
     overlapping the sentence (used when that layer is present: ``quotes`` is not required, so the
     pipeline runs without it), the English parse, and phrase rules for every language;
  4. type the claim: ``attribution`` (reported speech) > ``numeric`` > ``prediction`` > ``causal`` >
     ``comparison`` > ``other``.

A sentence becomes a claim span when its probability reaches the model's tuned threshold, or when it
reports what someone (named or vague) said: "who said this?" is itself a checkable question. ``score`` is
always the model's probability; ``attrs.basis`` says which rule admitted the span. See docs/claims.md.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import Any, ClassVar

from unspun.analyzers import quantities as qty
from unspun.analyzers import sourcing as src
from unspun.document import Document, Span
from unspun.pipeline import BaseAnalyzer

#: Entity labels that name a person or body able to vouch for a claim.
NAMED_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE"})
#: Actor types (actors layer) that name a source.
NAMED_ACTOR_TYPES = frozenset({"person", "state", "igo", "government", "party", "other"})
#: A pronoun source is resolved to the nearest named person at most this many characters before it.
PRONOUN_WINDOW = 800
#: Quantity kinds that make a claim numeric (a bare duration such as "three days later" does not).
NUMERIC_KINDS = frozenset({"count", "percent", "money", "measure", "vague"})

#: Verbs that say nothing about what is counted ("we have twenty agencies" -> "agencies").
_NON_SPEAKERS = frozenset({"who", "which", "that", "it", "this", "what", "whom"})
_LIGHT_VERBS = frozenset({"have", "be", "get", "do", "make", "take", "give", "see", "need", "want", "include"})
_YEAR = re.compile(r"(?<![\d.,])(?:1[89]|20)\d\d(?![\d.,]\d|\d)")
_MARKUP = re.compile(r"\*\*|__|\[(?=[^\]]*\]\()|\]\([^)]*\)|(?<!\w)\*|\*(?!\w)")

_TYPE_CUES: dict[str, dict[str, str]] = {
    "prediction": {
        "en": r"will|won't|going to|expected to|is set to|are set to|forecasts?|predicts?|projected to|likely to",
        "fr": r"sera|seront|devrait|devraient|va|vont|prévoit|prévu|prévue",
        "de": r"wird|werden|voraussichtlich|prognostiziert|erwartet",
        "it": r"sarà|saranno|dovrebbe|dovrebbero|prevede|previsto|prevista",
        "pl": r"będzie|będą|ma zostać|prognozuje|przewiduje|przewiduj[ąe]",
        "ru": r"будет|будут|станет|прогнозирует|ожидается",
    },
    "causal": {
        "en": r"because|due to|caused|causes|cause|led to|leads to|lead to|resulted in|results in|as a result|"
              r"therefore|thanks to|owing to|responsible for|triggered|sparked|so that|in order to|to justify",
        "fr": r"parce que|à cause de|en raison de|provoqué|provoque|entraîné|grâce à|donc|afin de|pour justifier",
        "de": r"weil|wegen|aufgrund|verursacht|führte zu|führt zu|deshalb|daher|infolge",
        "it": r"perché|a causa di|causato|provocato|grazie a|quindi|dovuto a|in seguito a",
        "pl": r"ponieważ|z powodu|spowodował\w*|doprowadził\w*|dlatego|w wyniku|wskutek",
        "ru": r"потому что|из-за|вызвал\w*|привел\w*|привёл|поэтому|в результате|благодаря",
    },
    "comparison": {
        "en": r"\w+er than|(?:more|less|fewer) \w+ than|compared (?:to|with)|highest|lowest|largest|biggest|"
              r"smallest|worst|best|doubled|tripled|halved|increased|decreased|rose|fell|grew|declined",
        "fr": r"plus \w+ que|moins \w+ que|par rapport à|comparé|le plus|doublé|augmenté|diminué|baissé",
        "de": r"\w+er als|mehr \w+ als|im Vergleich|höchste\w*|niedrigste\w*|verdoppelt|gestiegen|gesunken",
        "it": r"più \w+ di|meno \w+ di|rispetto a|il più|raddoppiat\w+|aumentat\w+|diminuit\w+",
        "pl": r"więcej niż|mniej niż|w porównaniu|najwyższ\w+|najniższ\w+|podwoił\w*|wzrósł|wzrosła|spadł\w*",
        "ru": r"больше чем|меньше чем|по сравнению|самый|самая|вырос\w*|снизил\w*|удвоил\w*",
    },
}


def scoring_text(text: str) -> str:
    """The sentence as the model sees it: Markdown emphasis and link stubs blanked (offsets unchanged)."""
    return _MARKUP.sub(lambda m: " " * len(m.group()), text)


def claim_type(text: str, lang: str, quantities: list[qty.Quantity], attributed: bool) -> str:
    """The claim's type by precedence: attribution, numeric, prediction, causal, comparison, other."""
    if attributed:
        return "attribution"
    if any(q.kind in NUMERIC_KINDS for q in quantities):
        return "numeric"
    code = lang if lang in _TYPE_CUES["causal"] else "en"
    for label in ("prediction", "causal", "comparison"):
        if re.search(rf"(?<!\w)(?:{_TYPE_CUES[label][code]})(?!\w)", text, re.IGNORECASE):
            return label
    return "other"


class ClaimsAnalyzer(BaseAnalyzer):
    """Check-worthy claims: the ``claims`` layer (label = claim type, score = check-worthiness)."""

    name: ClassVar[str] = "claims"
    requires: ClassVar[tuple[str, ...]] = ("sentences", "entities")
    produces: ClassVar[tuple[str, ...]] = ("claims",)
    version: ClassVar[str] = "1"

    def __init__(self, model_dir: str | None = None, threshold: float | None = None) -> None:
        super().__init__()
        from unspun.models.artifacts import artifact_dir, folder_hash
        from unspun.models.checkworthy import CheckworthyModel

        self.model = CheckworthyModel.load(model_dir)
        self.threshold = float(threshold) if threshold is not None else self.model.threshold_
        folder = Path(model_dir) if model_dir else artifact_dir("checkworthy")
        self.model_hash = f"{folder_hash(folder)}@{self.threshold:.4f}"  # goes into the pipeline fingerprint

    def __call__(self, doc: Document) -> Document:
        sentences = list(doc.layer("sentences"))
        if not sentences:
            doc.set_layer("claims", [])
            return doc
        probs = self.model.predict_proba([scoring_text(doc.span_text(s)) for s in sentences])  # 1.
        ctx = _Context(doc)
        spans: list[Span] = []
        for sent, p in zip(sentences, probs, strict=True):
            span = self.claim(ctx, sent, float(p))
            if span is not None:
                spans.append(span)
        doc.set_layer("claims", spans)
        return doc

    def claim(self, ctx: _Context, sent: Span, p: float) -> Span | None:
        """The claim span for one sentence, or None when it is neither check-worthy nor attributed."""
        text = ctx.doc.span_text(sent)
        quantities = ctx.quantities(sent, text)  # 2.
        sources, quote = ctx.sources(sent, text)  # 3.
        hedges = src.find_hedges(text, ctx.lang)
        attributed = bool(sources)
        basis = []
        if p >= self.threshold:
            basis.append("model")
        if attributed:
            basis.append("attribution")
        if not basis:
            return None
        label = claim_type(text, ctx.lang, quantities, attributed)  # 4.
        primary = next((s for s in sources if s.kind == "named"), sources[0] if sources else None)
        attrs: dict[str, Any] = {
            "quantities": [q.to_attrs(sent.start) for q in quantities],
            "sourcing": src.sourcing_kind(sources),
            "source": primary.to_attrs() if primary else None,
            "sources": [s.to_attrs() for s in sources],
            "hedges": [h.to_attrs(sent.start) for h in hedges],
            "quote": quote,
            "basis": basis,
            "threshold": round(self.threshold, 4),
        }
        return Span(sent.start, sent.end, label, score=round(p, 4), attrs=attrs)


class _Context:
    """Per-document lookups shared by all sentences: entities, actors, quotes and the parse."""

    def __init__(self, doc: Document) -> None:
        from unspun.analyzers.nlp import document_language, normalize_language

        self.doc = doc
        lang = normalize_language(document_language(doc))
        self.lang = "en" if lang == "xx" else lang
        ents = doc.layer("entities")
        actors = doc.layer("actors")
        self.dates = [e for e in ents if e.label == "DATE"]
        named: dict[tuple[int, int], str | None] = {}
        for e in ents:
            if e.label in NAMED_ENTITY_LABELS:
                named.setdefault((e.start, e.end), None)
        for a in actors:
            if a.label in NAMED_ACTOR_TYPES and a.attrs.get("via") != "demonym":
                named[(a.start, a.end)] = a.attrs.get("id")
        self.named = sorted(((s, e, i) for (s, e), i in named.items()), key=lambda x: (x[0], x[1]))
        strong = {(e.start, e.end) for e in ents if e.label in ("PERSON", "ORG")}
        strong |= {(a.start, a.end) for a in actors if a.label not in ("state", "other")}
        self.places = frozenset((s, e) for s, e, _ in self.named if (s, e) not in strong)
        people = {(e.start, e.end): None for e in ents if e.label == "PERSON"}
        for a in actors:
            if a.label == "person" and a.attrs.get("via") != "pronoun":
                people[(a.start, a.end)] = a.attrs.get("id")
        self.people = sorted(((s, e, i) for (s, e), i in people.items()), key=lambda x: (x[0], x[1]))
        self.quotes = list(doc.layer("quotes")) if "quotes" in doc.layers else []
        self._parsed: list[Any] | None = None

    # -- parse ---------------------------------------------------------------------------------------
    def parsed(self) -> list[Any]:
        if self._parsed is None:
            from unspun.analyzers.nlp import parse_paragraphs

            self._parsed = parse_paragraphs(self.doc) if self.lang == "en" else []
        return self._parsed

    def spacy_span(self, start: int, end: int) -> tuple[Any, int] | None:
        """The spaCy span over [start, end) and its paragraph offset, when the parse covers it."""
        paras = self.parsed()
        starts = [p.start for p in paras]
        i = bisect_right(starts, start) - 1
        if i < 0 or paras[i].end < end:
            return None
        para = paras[i]
        span = para.sdoc.char_span(start - para.start, end - para.start, alignment_mode="expand")
        return (span, para.start) if span is not None else None

    # -- quantities ----------------------------------------------------------------------------------
    def quantities(self, sent: Span, text: str) -> list[qty.Quantity]:
        found = qty.find_quantities(text, self.lang)
        if not found:
            return found
        dates = [d for d in self.dates if d.start >= sent.start and d.end <= sent.end]
        parsed = self.spacy_span(sent.start, sent.end)
        for q in found:
            qs, qe = sent.start + q.start, sent.start + q.end
            when = next((d for d in dates if d.end <= qs or d.start >= qe), None)
            if when is not None:
                q.time = self.doc.span_text(when)
            else:
                years = (m for m in _YEAR.finditer(text) if m.end() <= q.start or m.start() >= q.end)
                q.time = next((m.group() for m in years), None)
            if parsed is not None and q.kind in ("count", "vague"):
                cstart = sent.start + q.counted_span[0] if q.counted_span else None
                q.counted = _counted(parsed[0], parsed[1], qe, cstart) or q.counted
        return found

    # -- sources -------------------------------------------------------------------------------------
    def sources(self, sent: Span, text: str) -> tuple[list[src.Source], dict[str, Any] | None]:
        out: list[src.Source] = []
        quote = self._quote(sent)
        quote_source = self._quote_source(quote) if quote is not None else None
        if quote_source is not None:
            out.append(quote_source)
        named = [(s, e, i) for s, e, i in self.named if s >= sent.start and e <= sent.end]
        parsed = self.spacy_span(sent.start, sent.end)
        if parsed is not None:
            found = src.sources_from_parse(parsed[0], parsed[1], named, self.lang, self.places)
            out += [self._resolve(s) for s in found]
        local = [(s - sent.start, e - sent.start, i) for s, e, i in named]
        for s in src.sources_by_pattern(text, self.lang, local):
            if parsed is not None and s.via == "pattern" and s.kind == "named":
                continue  # the parse decides who is the subject of a reporting verb in English
            shifted = src.Source(s.kind, s.text, s.start + sent.start, s.end + sent.start, s.via, s.id)
            if not any(o.start <= shifted.start < o.end or shifted.start <= o.start < shifted.end for o in out):
                out.append(shifted)
        if quote is not None:
            q = quote
            quote_attrs: dict[str, Any] | None = {"start": q.start, "end": q.end, "label": q.label,
                                                  "speaker": q.attrs.get("speaker"),
                                                  "speaker_id": q.attrs.get("speaker_id")}
        else:
            quote_attrs = None
        return out, quote_attrs

    def _quote(self, sent: Span) -> Span | None:
        best, best_overlap = None, 0
        for q in self.quotes:
            if q.attrs.get("speaker") is None:
                continue  # a quote that names no source ("X is expected to ...") gives the claim none
            overlap = min(q.end, sent.end) - max(q.start, sent.start)
            cue = q.attrs.get("cue") or {}
            if isinstance(cue, dict) and "start" in cue and sent.start <= cue["start"] < sent.end:
                overlap = max(overlap, 1)
            if overlap > best_overlap:
                best, best_overlap = q, overlap
        return best

    def _quote_source(self, q: Span) -> src.Source | None:
        speaker = q.attrs.get("speaker") or {}
        ident = q.attrs.get("speaker_id")
        if isinstance(speaker, dict) and "start" in speaker:
            s, e = int(speaker["start"]), int(speaker["end"])
            text = speaker.get("text") or self.doc.text[s:e]
        else:
            s, e, text = q.start, q.start, ""
        if ident is None and text.lower() in _NON_SPEAKERS:
            return None  # "who", "it": the quotes stage found no one to attribute the quote to
        named = ident is not None or any(a < e and s < b for a, b, _ in self.named)
        if not named and text and not src.is_vague_phrase(text, self.lang) and text[:1].isupper():
            named = True
        name = q.attrs.get("speaker_name") if isinstance(q.attrs.get("speaker_name"), str) else None
        return src.Source("named" if named else "vague", text, s, e, "quote", ident, name)

    def _resolve(self, s: src.Source) -> src.Source:
        """A pronoun subject ("she said") -> the nearest named person before it, when there is one."""
        if s.kind != "vague" or s.text.lower() not in src.PRONOUNS_EN:
            return s
        before = [p for p in self.people if p[1] <= s.start and s.start - p[1] <= PRONOUN_WINDOW]
        if not before:
            return s
        a, b, ident = before[-1]
        return src.Source("named", s.text, s.start, s.end, "subject", ident or s.id, self.doc.text[a:b])


def _counted(sent: Any, offset: int, number_end: int, counted_start: int | None) -> str | None:
    """The counted noun plus the verb it is the subject or object of: "Kazakhs killed", "people arrested".

    The noun is the head the number modifies ("164" -nummod-> "Kazakhs"), else the word after the number,
    climbing from an adjective to its noun ("twenty different agencies" -> "agencies").
    """
    by_offset = {offset + t.idx: t for t in sent}
    number = next((t for t in sent if offset + t.idx < number_end <= offset + t.idx + len(t.text)), None)
    noun = None
    if number is not None and number.dep_ in ("nummod", "quantmod", "compound"):
        noun = number.head
        if noun.pos_ == "NUM" and noun.head.pos_ in ("NOUN", "PROPN"):  # "1.5 million people"
            noun = noun.head
    if (noun is None or noun.pos_ not in ("NOUN", "PROPN")) and counted_start is not None:
        noun = by_offset.get(counted_start)
        if noun is not None and noun.pos_ in ("ADJ", "ADV") and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
    if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and head.pos_ == "VERB" and head.lemma_ not in _LIGHT_VERBS:
        return f"{noun.text} {head.text}"
    return noun.text
