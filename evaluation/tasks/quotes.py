"""Quotes: content span and speaker attribution against PolNeAR train (validation part, or k folds).

Metrics (all in [0, 1]):
  * ``content_overlap_f1``: a found quote matches a gold attribution when their content spans share a
    character (one-to-one, largest overlap first); precision over found quotes, recall over gold ones.
    Found quotes that share a cue count as one relation with several content fragments, as PolNeAR
    annotates a quote that runs on after its attribution;
  * ``content_char_f1``: the same matches, scored by the share of characters they have in common;
  * ``speaker_accuracy``: on matched quotes whose gold relation names a source, the share whose speaker
    mention overlaps that source.

Cross-validation (``--folds K``) learns the cue lexicon and the cue classifier on the other folds of
train, scores each fold and reports the mean and the spread; the gate scores the validation part only,
with the shipped artifacts (learned on the rest of train).

    python -m evaluation.tasks.quotes                 # validation part, as the gate runs it
    python -m evaluation.tasks.quotes --folds 5       # every article of train, fold by fold
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

NAME = "quotes"
DATA = ["polnear"]


@dataclass
class Tally:
    """Counts from which the metrics are computed; tallies add up across articles."""

    found: int = 0
    gold: int = 0
    matched: int = 0
    overlap_chars: int = 0
    found_chars: int = 0
    gold_chars: int = 0
    with_source: int = 0
    speaker_right: int = 0
    by_rule: Counter = field(default_factory=Counter)
    right_by_rule: Counter = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        for name in ("found", "gold", "matched", "overlap_chars", "found_chars", "gold_chars",
                     "with_source", "speaker_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_rule.update(other.by_rule)
        self.right_by_rule.update(other.right_by_rule)

    def metrics(self) -> dict[str, float]:
        p = self.matched / self.found if self.found else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        cp = self.overlap_chars / self.found_chars if self.found_chars else 0.0
        cr = self.overlap_chars / self.gold_chars if self.gold_chars else 0.0
        return {
            "content_overlap_precision": p,
            "content_overlap_recall": r,
            "content_overlap_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "content_char_f1": 2 * cp * cr / (cp + cr) if cp + cr else 0.0,
            "speaker_accuracy": self.speaker_right / self.with_source if self.with_source else 0.0,
        }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _fragments(span) -> list[tuple[int, int]]:
    frags = span.attrs.get("fragments")
    return [tuple(f) for f in frags] if frags else [(span.start, span.end)]


def _group_by_cue(predicted: Sequence) -> list[list]:
    """Found quotes that share a cue form one attribution relation, as in PolNeAR (a quote that runs on
    into the next sentence is a second content fragment of the same relation there)."""
    groups: dict[tuple, list] = {}
    for span in predicted:
        cue = span.attrs.get("cue")
        key = (cue["start"], cue["end"]) if cue else (span.start, span.end, "nocue")
        groups.setdefault(key, []).append(span)
    return list(groups.values())


def score_article(predicted: Sequence, relations: Sequence) -> Tally:
    """Match found quotes (grouped by cue) against one article's gold relations (their content fragments)."""
    gold = [([fr for c in r.contents for fr in c.fragments], r) for r in relations if r.contents]
    found = [([fr for s in group for fr in _fragments(s)], group) for group in _group_by_cue(predicted)]

    def overlap(f: list, g: list) -> int:
        return sum(_overlap(a, b) for a in f for b in g)

    pairs = sorted(
        ((size, fi, gi) for fi, f in enumerate(found) for gi, g in enumerate(gold)
         if (size := overlap(f[0], g[0])) > 0),
        reverse=True,
    )
    tally = Tally(found=len(found), gold=len(gold))
    tally.found_chars = sum(e - s for frags, _ in found for s, e in frags)
    tally.gold_chars = sum(e - s for frags, _ in gold for s, e in frags)
    used_f: set[int] = set()
    used_g: set[int] = set()
    for size, fi, gi in pairs:
        if fi in used_f or gi in used_g:
            continue
        used_f.add(fi)
        used_g.add(gi)
        tally.matched += 1
        tally.overlap_chars += size
        group, relation = found[fi][1], gold[gi][1]
        tally.right_by_rule[group[0].attrs.get("rule", "?")] += 1
        if relation.source is not None:
            tally.with_source += 1
            mentions = [s.attrs.get("speaker") or {} for s in group]
            ranges = [(m.get("start", -1), m.get("end", -1)) for m in mentions]
            if any(_overlap(m, fr) > 0 for m in ranges for fr in relation.source.fragments):
                tally.speaker_right += 1
    tally.by_rule.update(group[0].attrs.get("rule", "?") for _, group in found)
    return tally


def parse_all(articles: Sequence, progress: bool = False, cache: Path | None = None) -> list:
    """The shared spaCy parse of each article (batched, one process); with ``cache``, a folder, the parses
    are read from (or written to) a spaCy ``DocBin`` there, keyed by the texts and the model's version."""
    from unspun.analyzers.nlp import CACHE_SIZE, parse_many
    from unspun.models.datasets.polnear import to_document

    if cache is not None:
        hit = _read_parse_cache(cache, articles)
        if hit is not None:
            return hit
    parsed: list = []
    step = min(32, CACHE_SIZE)
    for i in range(0, len(articles), step):
        parsed.extend(parse_many([to_document(a) for a in articles[i : i + step]]))
        if progress:
            print(f"  parsed {min(i + step, len(articles))}/{len(articles)} articles", file=sys.stderr)
    if cache is not None:
        _write_parse_cache(cache, articles, parsed)
    return parsed


def _parse_cache_file(cache: Path, articles: Sequence) -> Path:
    import hashlib

    from unspun.analyzers.nlp import get_nlp

    meta = get_nlp("en").meta
    h = hashlib.blake2b(digest_size=12)
    h.update(f"{meta.get('name')}-{meta.get('version')}".encode())
    for a in articles:
        h.update(b"\x00" + a.name.encode() + b"\x00" + a.text.encode("utf-8", "surrogatepass"))
    return cache / f"polnear-parse-{h.hexdigest()}.spacy"


def _read_parse_cache(cache: Path, articles: Sequence) -> list | None:
    """The cached parses of ``articles`` (the same paragraphs as :func:`parse_all`), or None."""
    import json

    from spacy.tokens import DocBin

    from unspun.analyzers.nlp import ParsedParagraph, get_nlp

    path = _parse_cache_file(cache, articles)
    index_path = path.with_suffix(".json")
    if not path.is_file() or not index_path.is_file():
        return None
    index = json.loads(index_path.read_text(encoding="utf-8"))
    docs = iter(DocBin().from_disk(path).get_docs(get_nlp("en").vocab))
    return [[ParsedParagraph(s, e, next(docs)) for s, e in ranges] for ranges in index]


def _write_parse_cache(cache: Path, articles: Sequence, parsed: Sequence) -> None:
    import json

    from spacy.tokens import DocBin

    path = _parse_cache_file(cache, articles)
    cache.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    for paragraphs in parsed:
        for p in paragraphs:
            bin_.add(p.sdoc)
    bin_.to_disk(path)
    index = [[[p.start, p.end] for p in paragraphs] for paragraphs in parsed]
    path.with_suffix(".json").write_text(json.dumps(index), encoding="utf-8")


def score(articles: Sequence, parsed: Sequence, lexicon: object | None = None) -> Tally:
    """Find the quotes of parsed articles and tally them against the gold relations."""
    from unspun.analyzers.quote_lexicon import CueLexicon
    from unspun.analyzers.quotes import extract
    from unspun.models.datasets.polnear import to_document

    lexicon = lexicon if lexicon is not None else CueLexicon.load()
    total = Tally()
    for article, paragraphs in zip(articles, parsed, strict=True):
        total.add(score_article(extract(to_document(article), paragraphs, lexicon), article.attributions))
    return total


def validation_articles(data_dir: Path) -> list:
    from unspun.models.datasets.polnear import iter_articles
    from unspun.models.splits import is_validation

    return [a for a in iter_articles(data_dir, "train") if is_validation(f"polnear:{a.name}")]


def evaluate(data_dir: Path) -> dict[str, float]:
    """Scores of the shipped lexicon on the validation part of PolNeAR train (``is_validation``); the
    lexicon was learned on the rest of train."""
    articles = validation_articles(data_dir)
    return score(articles, parse_all(articles)).metrics()


def cross_validate(data_dir: Path, folds: int, threshold: float | None = None, progress: bool = False,
                   classifier_params: dict | None = None, cache: Path | None = None) -> list[Tally]:
    """K-fold cross-validation on PolNeAR train: for each fold (``unspun.models.splits.fold_of``), learn the
    cue lexicon and the cue classifier on the other folds and score the fold."""
    from unspun.analyzers.quote_lexicon import DEFAULT_THRESHOLD, CueLexicon, fit_classifier, training_examples
    from unspun.models.datasets.polnear import iter_articles
    from unspun.models.splits import fold_of

    articles = list(iter_articles(data_dir, "train"))
    parsed = parse_all(articles, progress, cache)
    fold = [fold_of(f"polnear:{a.name}", folds) for a in articles]
    tallies = []
    for k in range(folds):
        train = [i for i, f in enumerate(fold) if f != k]
        test = [i for i, f in enumerate(fold) if f == k]
        lexicon = CueLexicon.fit(
            training_examples([articles[i] for i in train], [parsed[i] for i in train]),
            threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        )
        lexicon.classifier = fit_classifier([articles[i] for i in train], [parsed[i] for i in train],
                                            lexicon.source_nouns, lexicon.cue_nouns, **(classifier_params or {}))
        tallies.append(score([articles[i] for i in test], [parsed[i] for i in test], lexicon))
        if progress:
            print(f"  fold {k}: {tallies[-1].metrics()}", file=sys.stderr)
    return tallies


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default: ../shared/data)")
    parser.add_argument("--folds", type=int, default=0, help="score K folds of train instead of validation")
    parser.add_argument("--threshold", type=float, default=None, help="cue-rate threshold for --folds")
    parser.add_argument("--parse-cache", type=Path, default=None,
                        help="folder for the parses (spaCy DocBin), reused while texts and model are unchanged")
    args = parser.parse_args(argv)
    from unspun.models.datapaths import resolve_data_dir

    data_dir = resolve_data_dir(args.data, needs="polnear")
    started = time.perf_counter()
    if args.folds:
        tallies = cross_validate(data_dir, args.folds, args.threshold, progress=True, cache=args.parse_cache)
        per_fold = [t.metrics() for t in tallies]
        for name in per_fold[0]:
            values = [m[name] for m in per_fold]
            print(f"{name:28s} mean {statistics.mean(values):.4f}  sd {statistics.pstdev(values):.4f}  "
                  f"folds {' '.join(f'{v:.3f}' for v in values)}")
        total = Tally()
        for t in tallies:
            total.add(t)
    else:
        articles = validation_articles(data_dir)
        total = score(articles, parse_all(articles, progress=True, cache=args.parse_cache))
        for name, value in total.metrics().items():
            print(f"{name:28s} {value:.4f}")
    print("rule precision (found quotes that match a gold attribution):")
    for rule, n in total.by_rule.most_common():
        print(f"  {rule:22s} {total.right_by_rule[rule] / n:.3f}  of {n}")
    print(f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
