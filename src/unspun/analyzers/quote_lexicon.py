"""A cue lexicon learned from PolNeAR train: how often a verb, in a given frame, is an attribution cue.

Each verb token is keyed by its lemma and its *frame*, the argument that would hold the quote's content:
``ccomp`` (a clause: "said that ..."), ``xcomp`` ("wants to ..."), ``dobj`` ("announced his resignation")
or ``none``. Training counts, over the parsed train articles, how many tokens of each key lie inside an
annotated Cue; prediction accepts a key whose smoothed rate reaches ``threshold``. Keys seen fewer than
``min_count`` times fall back to the hand-written lists in :mod:`unspun.analyzers.quote_cues`.

The artifact is plain JSON (``src/unspun/models/artifacts/quotes/cue_lexicon.json``, model card beside
it). Rebuild it with::

    python -m unspun.analyzers.quote_lexicon --data ../shared/data
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

from unspun.analyzers.quote_classifier import ARTIFACT as CLASSIFIER_ARTIFACT
from unspun.analyzers.quote_classifier import CueClassifier, cue_features, read_quote_artifact
from unspun.analyzers.quote_cues import is_cue_verb

ARTIFACT = Path(__file__).resolve().parents[1] / "models" / "artifacts" / "quotes" / "cue_lexicon.json"
FRAMES = ("ccomp", "xcomp", "dobj", "none")
#: Set by 5-fold cross-validation on PolNeAR train (evaluation/tasks/quotes.py --folds 5).
DEFAULT_THRESHOLD = 0.35
DEFAULT_MIN_COUNT = 3
#: Beta prior on the cue rate (pseudo-counts of cue / not cue), so that rare keys need more evidence.
PRIOR = (1.0, 2.0)


def frame_of(verb: Token) -> str:
    """The argument that would carry the content of ``verb``: a clause, an ``xcomp``, a direct object,
    a prepositional object after it (``prep:about`` for "boasted about X"), or none."""
    deps = {c.dep_ for c in verb.children}
    for frame in ("ccomp", "xcomp", "dobj"):
        if frame in deps:
            return frame
    for child in verb.rights:
        if child.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in child.children):
            return f"prep:{child.lower_}"
    return "none"


def noun_frame(noun: Token) -> str | None:
    """For a noun that may cue a quote ("his claim that ...", "criticism of X"), where its content is."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
            return "ccomp"
    for child in noun.rights:
        if child.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in child.children):
            return f"prep:{child.lower_}"
    if _infinitive(noun) is not None:  # "his plan to cut taxes", "the decision to bury the debates"
        return "xcomp"
    return None


def _infinitive(noun: Token) -> Token | None:
    """The "to ..." clause that completes a noun ("plan to ..."), or None."""
    return next((c for c in noun.rights if c.dep_ in ("acl", "relcl") and c.tag_ == "VB"
                 and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)


def adjective_frame(adj: Token) -> str | None:
    """For a predicative adjective ("X was critical of Y", "X is hopeful that ..."), where its content is:
    a clause, an ``xcomp``, a prepositional object; None when it is not predicative or has none."""
    if adj.pos_ != "ADJ" or adj.dep_ != "acomp":
        return None
    deps = {c.dep_ for c in adj.children}
    for frame in ("ccomp", "xcomp"):
        if frame in deps:
            return frame
    for child in adj.rights:
        if child.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in child.children):
            return f"prep:{child.lower_}"
    return None


def key_of(tok: Token) -> str | None:
    """The lexicon key of a token: ``lemma|frame`` for verbs, ``lemma|n:frame`` for nouns,
    ``lemma|a:frame`` for predicative adjectives, else None."""
    if tok.pos_ == "VERB":
        return f"{tok.lemma_.lower()}|{frame_of(tok)}"
    if tok.pos_ == "ADJ":
        frame = adjective_frame(tok)
        return f"{tok.lemma_.lower()}|a:{frame}" if frame else None
    if tok.pos_ == "NOUN":
        frame = noun_frame(tok)
        return f"{tok.lemma_.lower()}|n:{frame}" if frame else None
    return None


@dataclass
class CueLexicon:
    """Cue counts per ``lemma|frame`` key: ``(times inside a gold cue, times seen)``."""

    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    threshold: float = DEFAULT_THRESHOLD
    min_count: int = DEFAULT_MIN_COUNT
    meta: dict[str, object] = field(default_factory=dict)
    #: Common nouns that head annotated sources in train ("official", "poll", "campaign").
    source_nouns: frozenset[str] = frozenset()
    #: The cue classifier over parse features; when set, it decides for verbs instead of the counts.
    classifier: CueClassifier | None = None

    @property
    def cue_nouns(self) -> frozenset[str]:
        """Nouns whose learned cue rate reaches the threshold in some frame ("allegation", "criticism"): a
        verb's object among them is a classifier feature ("made allegations against X")."""
        cached = self.__dict__.get("_cue_nouns")
        if cached is None:
            cached = frozenset(k.split("|")[0] for k, (pos, n) in self.counts.items()
                               if "|n:" in k and n >= self.min_count
                               and (pos + PRIOR[0]) / (n + PRIOR[0] + PRIOR[1]) >= self.threshold)
            self.__dict__["_cue_nouns"] = cached
        return cached

    def rate(self, lemma: str, frame: str) -> float | None:
        """Smoothed share of this key's tokens that are cues; None when seen too rarely."""
        pos, n = self.counts.get(f"{lemma.lower()}|{frame}", (0, 0))
        if n < self.min_count:
            return None
        return (pos + PRIOR[0]) / (n + PRIOR[0] + PRIOR[1])

    def is_cue(self, lemma: str, frame: str) -> bool:
        rate = self.rate(lemma, frame)
        if rate is None:
            return is_cue_verb(lemma, frame == "ccomp")
        return rate >= self.threshold

    def verb_cue(self, tok: Token, frame: str, subject: Token | None, in_quote: bool) -> tuple[bool, float | None]:
        """Whether a verb token is a cue, and its score: the classifier's probability when there is a
        classifier, else the lemma and frame's cue rate."""
        if self.classifier is None:
            lemma = tok.lemma_.lower()
            return self.is_cue(lemma, frame), self.rate(lemma, frame)
        p = self.classifier.prob(cue_features(tok, frame, subject, in_quote, self.source_nouns, self.cue_nouns))
        return p >= self.classifier.threshold, round(p, 3)

    # --- training ---------------------------------------------------------------------------
    @classmethod
    def fit(
        cls,
        examples: Iterable[tuple[Sequence[Token], Sequence[tuple[int, int]], int, Sequence[tuple[int, int]]]],
        **params: object,
    ) -> CueLexicon:
        """Count keys over ``(tokens, gold cue ranges, offset, gold source ranges)`` (one per parsed
        paragraph); also collect the common nouns that head annotated sources ("officials", "the poll")."""
        pos: Counter[str] = Counter()
        seen: Counter[str] = Counter()
        heads: Counter[str] = Counter()
        for tokens, cues, offset, sources in examples:
            for tok in tokens:
                at = offset + tok.idx
                if tok.pos_ == "NOUN":
                    inside = next(((s, e) for s, e in sources if s <= at < e), None)
                    if inside and not inside[0] <= offset + tok.head.idx < inside[1]:
                        heads[tok.lemma_.lower()] += 1
                key = key_of(tok)
                if key is None:
                    continue
                seen[key] += 1
                if any(s <= at < e for s, e in cues):
                    pos[key] += 1
        counts = {k: (pos[k], n) for k, n in sorted(seen.items()) if n >= DEFAULT_MIN_COUNT}
        lexicon = cls(counts, **params)  # type: ignore[arg-type]
        lexicon.source_nouns = frozenset(k for k, n in heads.items() if n >= DEFAULT_MIN_COUNT)
        return lexicon

    # --- persistence ------------------------------------------------------------------------
    def to_json(self) -> str:
        """Stable JSON, one key per line so that a rebuild diffs readably."""
        head = {
            "format": "unspun-cue-lexicon/1",
            "threshold": self.threshold,
            "min_count": self.min_count,
            "prior": list(PRIOR),
            "meta": self.meta,
            "source_nouns": sorted(self.source_nouns),
        }
        lines = [json.dumps(head, sort_keys=True, ensure_ascii=False)[:-1] + ', "counts": {']
        items = sorted(self.counts.items())
        for i, (key, (pos, n)) in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            lines.append(f"{json.dumps(key, ensure_ascii=False)}: [{pos}, {n}]{comma}")
        lines.append("}}")
        return "\n".join(lines) + "\n"

    @classmethod
    def load(cls, path: Path = ARTIFACT, classifier: Path | None = CLASSIFIER_ARTIFACT) -> CueLexicon:
        """The lexicon at ``path`` with the cue classifier at ``classifier`` (None: counts only)."""
        data = read_quote_artifact(path, "cue lexicon", "unspun-cue-lexicon/1")
        counts = {k: (int(v[0]), int(v[1])) for k, v in data["counts"].items()}
        return cls(
            counts,
            float(data["threshold"]),
            int(data["min_count"]),
            dict(data.get("meta", {})),
            frozenset(data.get("source_nouns", [])),
            CueClassifier.load(classifier) if classifier is not None else None,
        )


def artifact_hash(path: Path = ARTIFACT, classifier: Path = CLASSIFIER_ARTIFACT) -> str:
    """Short content hash of the artifacts (lexicon and cue classifier), for the pipeline fingerprint."""
    h = hashlib.sha256()
    try:
        h.update(path.read_bytes())
        if classifier.is_file():
            h.update(classifier.read_bytes())
    except OSError:
        return ""
    return h.hexdigest()[:12]


def training_examples(articles: Iterable, parsed: Iterable) -> Iterable[tuple[Sequence[Token], list, int, list]]:
    """``(tokens, gold cue ranges, offset, gold source ranges)`` per parsed paragraph of PolNeAR articles."""
    for article, paragraphs in zip(articles, parsed, strict=True):
        cues = [fr for r in article.attributions if r.contents for c in r.cues for fr in c.fragments]
        sources = [fr for r in article.attributions if r.source for fr in r.source.fragments]
        for p in paragraphs:
            yield list(p.sdoc), cues, p.start, sources


def fit_classifier(articles: Sequence, parsed: Sequence, source_nouns: frozenset[str] = frozenset(),
                   cue_nouns: frozenset[str] = frozenset(), **params: float) -> CueClassifier:
    """Train the cue classifier on parsed PolNeAR articles (every verb token; label: inside a gold cue)."""
    from unspun.analyzers.quote_finder import cue_rows
    from unspun.models.datasets.polnear import to_document

    rows: list[list[str]] = []
    labels: list[int] = []
    for article, paragraphs in zip(articles, parsed, strict=True):
        cues = [fr for r in article.attributions if r.contents for c in r.cues for fr in c.fragments]
        r, y = cue_rows(to_document(article).text, paragraphs, cues, source_nouns, cue_nouns)
        rows.extend(r)
        labels.extend(y)
    return CueClassifier.fit(rows, labels, **params)


def build(data_dir: Path, out: Path = ARTIFACT, threshold: float = DEFAULT_THRESHOLD) -> CueLexicon:
    """Train on PolNeAR train minus its validation part and write the artifacts: the lexicon at ``out``
    and the cue classifier beside it (``cue_classifier.json``)."""
    from unspun.analyzers.nlp import parse_many
    from unspun.models.datasets.polnear import iter_articles, to_document
    from unspun.models.splits import is_validation

    articles = [a for a in iter_articles(data_dir, "train") if not is_validation(f"polnear:{a.name}")]
    parsed = []
    for i in range(0, len(articles), 32):
        parsed.extend(parse_many([to_document(a) for a in articles[i : i + 32]]))
        print(f"  parsed {min(i + 32, len(articles))}/{len(articles)} articles", file=sys.stderr)
    lexicon = CueLexicon.fit(training_examples(articles, parsed), threshold=threshold)
    lexicon.meta = {
        "data": "PolNeAR v1.0.0 train, minus the validation part (unspun.models.splits, fraction 0.2)",
        "articles": len(articles),
        "built": dt.date.today().isoformat(),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(lexicon.to_json(), encoding="utf-8")
    classifier = fit_classifier(articles, parsed, lexicon.source_nouns, lexicon.cue_nouns)
    classifier.meta = dict(lexicon.meta)
    (out.parent / CLASSIFIER_ARTIFACT.name).write_text(classifier.to_json(), encoding="utf-8")
    lexicon.classifier = classifier
    return lexicon


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild the quote cue lexicon from PolNeAR train.")
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default: ../shared/data)")
    parser.add_argument("--out", type=Path, default=ARTIFACT, help="where to write the JSON artifact")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="minimum cue rate")
    args = parser.parse_args(argv)
    from unspun.models.datapaths import resolve_data_dir

    lexicon = build(resolve_data_dir(args.data, needs="polnear"), args.out, args.threshold)
    n = len(lexicon.classifier.weights) if lexicon.classifier else 0
    print(f"wrote {args.out} ({len(lexicon.counts)} keys) and {CLASSIFIER_ARTIFACT.name} beside it ({n} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
