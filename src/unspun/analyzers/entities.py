"""Named entities: the ``entities`` layer (label = spaCy label: PERSON, ORG, GPE, NORP, LOC, DATE, ...).

English uses the ``ner`` pipe of ``en_core_web_sm``. fr/de/it/pl/ru have no statistical NER here, so
entities come from the actor gazetteer (states and capitals -> GPE, demonyms and adjectives -> NORP,
organisations, government bodies and parties -> ORG) and from people named with a role (PERSON); such
spans carry ``source: "gazetteer"`` or ``source: "role"``.
"""

from __future__ import annotations

from unspun.analyzers.gazetteer import load_gazetteer, longest_matches, phrase_index
from unspun.analyzers.nlp import (
    ParsedAnalyzer,
    ParsedParagraph,
    document_language,
    normalize_language,
    parse_paragraphs,
)
from unspun.analyzers.people import find_role_mentions
from unspun.document import Document, Span

_GAZ_LABEL = {
    "name": "GPE",
    "abbreviation": "GPE",
    "capital": "GPE",
    "seat": "GPE",
    "adjective": "NORP",
    "demonym": "NORP",
}


class EntitiesAnalyzer(ParsedAnalyzer):
    """spaCy entities in the body (English) or gazetteer and role entities (other languages)."""

    name = "entities"
    requires = ("body",)
    produces = ("entities",)
    version = "1"

    def __call__(self, doc: Document) -> Document:
        lang = normalize_language(document_language(doc))
        spans: list[Span] = []
        for para in parse_paragraphs(doc):
            if para.sdoc.has_annotation("ENT_IOB"):
                spans.extend(_spacy_entities(para))
            else:
                spans.extend(_gazetteer_entities(para, lang))
        doc.set_layer("entities", spans)
        return doc



def _spacy_entities(para: ParsedParagraph) -> list[Span]:
    return [
        Span(para.start + ent.start_char, para.start + ent.end_char, ent.label_)
        for ent in para.sdoc.ents
        if ent.text.strip()
    ]


def _gazetteer_entities(para: ParsedParagraph, lang: str) -> list[Span]:
    gaz = load_gazetteer()
    sdoc = para.sdoc
    every = longest_matches(phrase_index(lang).find([t.text for t in sdoc]))
    matches = [m for m in every if m.entry.kind != "blocker"]
    out: list[Span] = []
    for m in matches:
        actor = gaz.actor(m.entry.actor_id)
        if actor is None:
            continue
        label = _GAZ_LABEL.get(m.entry.kind, "GPE") if actor.type == "state" else "ORG"
        if actor.type == "igo" and m.entry.kind in ("capital", "seat"):
            label = "GPE"
        out.append(_span(para, m.start, m.end, label, "gazetteer"))
    for rm in find_role_mentions(sdoc, every, lang):
        out.append(_span(para, rm.name_start, rm.name_end, "PERSON", "role"))
    return out


def _span(para: ParsedParagraph, start: int, end: int, label: str, source: str) -> Span:
    first, last = para.sdoc[start], para.sdoc[end - 1]
    return Span(para.start + first.idx, para.start + last.idx + len(last.text), label, attrs={"source": source})
