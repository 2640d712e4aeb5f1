"""The ``quotes`` analyzer: direct, indirect and mixed quotes with speaker, cue and date.

Stages:
  1. take the shared spaCy parse of the body paragraphs (:mod:`unspun.analyzers.nlp`; no second parse);
  2. find quotes and their cue/speaker mentions (:mod:`unspun.analyzers.quote_finder`);
  3. resolve speakers to people and actors, dropping the author's own voice (:mod:`.speakers`);
  4. date each quote from a date expression in its cue sentence, outside the quoted words, normalised
     against ``metadata["published"]`` (:mod:`.quote_dates`); a quote whose speaker is a pronoun for the
     previous quote's speaker inherits that quote's date when its own sentence has none.

Each quote is a span over its content, labelled ``direct``, ``indirect`` or ``mixed``, with attrs
``speaker``, ``speaker_id``, ``speaker_name``, ``cue``, ``date``, ``date_text``, ``rule`` and, for a quote
interrupted by its attribution, ``fragments``. See docs/quotes.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from spacy.tokens import Token

from unspun.analyzers import quote_dates
from unspun.analyzers.nlp import ParsedParagraph, document_language, normalize_language, parse_paragraphs
from unspun.analyzers.quote_finder import Found, find_quotes
from unspun.analyzers.quote_lexicon import CueLexicon, artifact_hash
from unspun.analyzers.speakers import Speaker, SpeakerResolver
from unspun.document import Document, Span
from unspun.pipeline import BaseAnalyzer

#: Sentences longer than this are not searched for a date (run-on parses of lists and tables).
MAX_DATE_SENTENCE = 600
#: Dependencies that open another clause: a date beyond one dates that clause, not the statement.
_CLAUSE_BOUNDARIES = frozenset({"advcl", "ccomp", "conj", "relcl", "xcomp", "parataxis", "csubj"})


class QuotesAnalyzer(BaseAnalyzer):
    """Who said what, when: the ``quotes`` layer."""

    name: ClassVar[str] = "quotes"
    requires: ClassVar[tuple[str, ...]] = ("sentences", "entities", "actors")
    produces: ClassVar[tuple[str, ...]] = ("quotes",)
    version: ClassVar[str] = "1"

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)  # takes no options: unknown ones are a clear TypeError
        self.lexicon = CueLexicon.load()
        self.model_hash = artifact_hash()

    def __call__(self, doc: Document) -> Document:
        doc.set_layer("quotes", extract(doc, parse_paragraphs(doc), self.lexicon))  # 1.
        return doc


def extract(doc: Document, parsed: list[ParsedParagraph], lexicon: CueLexicon | None = None) -> list[Span]:
    """The quote spans of ``doc`` given its parsed body paragraphs (and the learned cue lexicon)."""
    found = find_quotes(doc.text, parsed, lexicon)  # 2.
    speakers = SpeakerResolver(doc).resolve(found)  # 3.
    language = normalize_language(document_language(doc))
    dater = _Dater(doc, parsed, "en" if language == "xx" else language)
    spans: list[Span] = []
    dated: dict[tuple[int, int], tuple[str | None, str | None]] = {}
    for f, speaker in zip(found, speakers, strict=True):
        if speaker is None:
            continue
        date, date_text = dater.date_of(f)  # 4.
        if date is None and speaker.antecedent is not None:
            date, date_text = dated.get(speaker.antecedent, (None, None))
        if speaker.antecedent is None:
            if speaker.mention is not None:  # a quote with no speaker lends its date to none
                dated[speaker.mention] = (date, date_text)
        elif speaker.antecedent not in dated:
            dated[speaker.antecedent] = (date, date_text)
        spans.append(_span(doc, f, speaker, date, date_text))
    return spans


def _span(doc: Document, f: Found, speaker: Speaker, date: str | None, date_text: str | None) -> Span:
    attrs: dict[str, Any] = speaker.attrs(doc)
    attrs["cue"] = (
        {"start": f.cue[0], "end": f.cue[1], "text": doc.text[f.cue[0] : f.cue[1]]} if f.cue else None
    )
    attrs["date"] = date
    attrs["date_text"] = date_text
    attrs["rule"] = f.rule
    if f.fragments:
        attrs["fragments"] = [list(fr) for fr in f.fragments]
    if f.nested_in is not None:
        attrs["within_quote"] = True
    score = f.score if speaker.id or speaker.antecedent is None else f.score * 0.9
    return Span(f.start, f.end, f.kind, score=round(score, 3), attrs=attrs)


class _Dater:
    """Finds and normalises the date expression of a quote's cue sentence."""

    def __init__(self, doc: Document, parsed: list[ParsedParagraph], language: str) -> None:
        self.base = quote_dates.reference_date(doc.metadata)
        self.language = language
        self.anchor: dt.date | None = None
        self.dates: list[tuple[int, int]] = [
            (e.start, e.end) for e in doc.layer("entities") if e.label == "DATE"
        ] or [
            (p.start + ent.start_char, p.start + ent.end_char)
            for p in parsed
            for ent in p.sdoc.ents
            if ent.label_ == "DATE"
        ]
        self.text = doc.text
        self.done: dict[tuple[int, int], str | None] = {}
        self.tokens: dict[int, Token] = {p.start + t.idx: t for p in parsed for t in p.sdoc}

    def _attached(self, date: tuple[int, int], cue_at: int) -> bool:
        """Whether the date hangs from the cue verb through modifiers only ("said ... on January 9"),
        not through another clause ("blamed X, as happened in 2014")."""
        token = next((self.tokens[i] for i in range(date[0], date[1]) if i in self.tokens), None)
        verb = self.tokens.get(cue_at)
        if token is None or verb is None:
            return False
        if verb.dep_ in ("aux", "auxpass", "neg"):
            verb = verb.head
        for _ in range(12):
            if token == verb:
                return True
            if token.dep_ in _CLAUSE_BOUNDARIES or token.head == token:
                return False
            token = token.head
        return False

    def date_of(self, f: Found) -> tuple[str | None, str | None]:
        if f.sentence is None or f.sentence[1] - f.sentence[0] > MAX_DATE_SENTENCE:
            return None, None
        s, e = f.sentence
        content = (f.start, f.end)
        inside = [
            d for d in self.dates
            if s <= d[0] and d[1] <= e and not (content[0] <= d[0] and d[1] <= content[1])
        ]
        if not inside:
            return None, None
        cue_at = f.cue[0] if f.cue else s
        if f.rule != "indirect_phrasal":
            inside = [d for d in inside if self._attached(d, cue_at)]
        for d in sorted(inside, key=lambda d: abs(d[0] - cue_at)):
            text = self.text[d[0] : d[1]]
            if d not in self.done:  # each expression is read once, against the anchor before it
                self.done[d] = quote_dates.normalize(text, self.base, self.anchor, self.language)
                self.anchor = quote_dates.as_date(self.done[d]) or self.anchor
            if self.done[d] is not None:
                return self.done[d], text
        return None, None
