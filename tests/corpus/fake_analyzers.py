"""Small deterministic analyzers for corpus tests: fast, and independent of the real stages' progress.

``CorpusProbe`` writes every layer and label corpus mode flattens, from simple rules. It raises on a
document containing ``BOOM`` (a bad document), kills its worker process on one containing ``CRASH``,
and sleeps ``delay`` seconds per document when asked.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time

from unspun.document import Document, Span
from unspun.errors import ModelError
from unspun.pipeline import BaseAnalyzer

NAME = "corpus_probe"
TARGET = "tests.corpus.fake_analyzers:CorpusProbe"
_NUMBER = re.compile(r"[^.\n]*\b\d[\d,.]*\b[^.\n]*\.")
_QUOTE = re.compile(r"\"([^\"]{3,})\",? (said|says) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)")
_ACTORS = {"Russia": ("RUS", "state"), "Kazakhstan": ("KAZ", "state"), "CSTO": ("CSTO", "igo"),
           "NATO": ("NATO", "igo")}
_LOADED = re.compile(r"\b(terrorists?|puppet|regime)\b", re.IGNORECASE)


class CorpusProbe(BaseAnalyzer):
    name = NAME
    requires = ("body", "paragraphs")
    produces = ("claims", "quotes", "actors", "techniques", "technique_spans", "labels.genre", "labels.frames")
    version = "1"

    def __init__(self, delay: float = 0.0, broken: bool = False) -> None:
        if broken:
            raise ModelError("probe model artifact is missing (asked to fail)")
        self.delay = delay

    def __call__(self, doc: Document) -> Document:
        if "BOOM" in doc.text:
            raise ValueError("probe refuses documents that contain BOOM")
        if "CRASH" in doc.text:  # a native crash: the worker process dies (never the test process itself)
            if multiprocessing.parent_process() is None:
                raise RuntimeError("CRASH asked for outside a worker process")
            os._exit(70)
        if self.delay:
            time.sleep(self.delay)
        text = doc.text
        doc.set_layer("claims", [Span(m.start(), m.end(), "numeric", 0.9, {"sourcing": "none", "quantities": []})
                                 for m in _NUMBER.finditer(text) if m.group().strip()])
        doc.set_layer("quotes", [Span(m.start(), m.end(), "direct", None,
                                      {"speaker": {"start": m.start(3), "end": m.end(3), "text": m.group(3)},
                                       "cue": {"start": m.start(2), "end": m.end(2), "text": m.group(2)}})
                                 for m in _QUOTE.finditer(text)])
        actors = []
        for word, (aid, kind) in _ACTORS.items():
            actors += [Span(m.start(), m.end(), kind, None, {"id": aid, "name": word, "via": "name"})
                       for m in re.finditer(rf"\b{word}\b", text)]
        doc.set_layer("actors", actors)
        spans = [Span(m.start(), m.end(), "Loaded_Language", 0.7, {"category": "manipulative wording"})
                 for m in _LOADED.finditer(text)]
        doc.set_layer("technique_spans", spans)
        paragraphs = [p for p in doc.layer("paragraphs") if any(p.contains(s) for s in spans)]
        doc.set_layer("techniques", [
            Span(p.start, p.end, "paragraph", None, {"techniques": [
                {"technique": "Loaded_Language", "category": "manipulative wording", "score": 0.8,
                 "threshold": 0.5}], "status": "ok"})
            for p in paragraphs
        ])
        opinion = 0.8 if spans else 0.2
        doc.set_label("genre", {"label": "opinion" if spans else "reporting",
                                "scores": {"opinion": opinion, "reporting": 1 - opinion}})
        doc.set_label("frames", {"labels": ["security"] if actors else [], "scores": {"security": 0.9 if actors
                                 else 0.1, "economy": 0.2}, "thresholds": {"security": 0.5, "economy": 0.5}})
        return doc
