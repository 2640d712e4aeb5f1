"""Quotes: content span and speaker attribution against PolNeAR train (validation part, or k folds).

Metrics (all in [0, 1]):
  * ``content_overlap_f1``: a found quote matches a gold attribution when their content spans share a
    character (one-to-one, largest overlap first); precision over found quotes, recall over gold ones;
  * ``content_char_f1``: the same matches, scored by the share of characters they have in common;
  * ``speaker_accuracy``: on matched quotes whose gold relation names a source, the share whose speaker
    mention overlaps that source.

The rules have no fitted parameters, so cross-validation (``--folds K``) scores every fold of train
separately and reports the mean and the spread; the gate scores the validation part only.

    python -m evaluation.tasks.quotes                 # validation part, as the gate runs it
    python -m evaluation.tasks.quotes --folds 5       # every article of train, fold by fold
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
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


def score_article(predicted: Sequence, relations: Sequence) -> Tally:
    """Match found quote spans against one article's gold attribution relations."""
    gold = [(r.content_range, r) for r in relations if r.content_range]
    found = [((s.start, s.end), s) for s in predicted]
    pairs = sorted(
        ((_overlap(f[0], g[0]), fi, gi) for fi, f in enumerate(found) for gi, g in enumerate(gold)
         if _overlap(f[0], g[0]) > 0),
        reverse=True,
    )
    tally = Tally(found=len(found), gold=len(gold))
    tally.found_chars = sum(e - s for (s, e), _ in found)
    tally.gold_chars = sum(e - s for (s, e), _ in gold)
    used_f: set[int] = set()
    used_g: set[int] = set()
    for size, fi, gi in pairs:
        if fi in used_f or gi in used_g:
            continue
        used_f.add(fi)
        used_g.add(gi)
        tally.matched += 1
        tally.overlap_chars += size
        span, relation = found[fi][1], gold[gi][1]
        tally.right_by_rule[span.attrs.get("rule", "?")] += 1
        if relation.source is not None:
            tally.with_source += 1
            mention = span.attrs.get("speaker") or {}
            m = (mention.get("start", -1), mention.get("end", -1))
            if any(_overlap(m, fr) > 0 for fr in relation.source.fragments):
                tally.speaker_right += 1
    tally.by_rule.update(s.attrs.get("rule", "?") for _, s in found)
    return tally


def article_document(article):
    """A Document for a PolNeAR article: blank-line paragraphs, one body, its date and by-line."""
    from unspun.document import Document, Span

    meta: dict[str, object] = {"language": "en"}
    if article.metadata.get("publication_date"):
        meta["published"] = article.metadata["publication_date"]
    author = article.metadata.get("author")
    if author and author != "None":
        meta["authors"] = [author]
    doc = Document(article.text, metadata=meta)
    paragraphs = [
        Span(m.start(), m.end(), "paragraph", attrs={"index": i})
        for i, m in enumerate(re.finditer(r"\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", article.text))
    ]
    doc.set_layer("paragraphs", paragraphs)
    if paragraphs:
        doc.set_layer("body", [Span(paragraphs[0].start, paragraphs[-1].end, "body")])
    return doc


def run(articles: Iterable, progress: bool = False) -> Tally:
    """Parse the articles (batched, one process), find their quotes and tally the scores."""
    from unspun.analyzers.nlp import parse_many
    from unspun.analyzers.quotes import extract

    articles = list(articles)
    docs = [article_document(a) for a in articles]
    total = Tally()
    step = 32
    for i in range(0, len(docs), step):
        batch = docs[i : i + step]
        for article, doc, parsed in zip(articles[i : i + step], batch, parse_many(batch), strict=True):
            total.add(score_article(extract(doc, parsed), article.attributions))
        if progress:
            print(f"  {min(i + step, len(docs))}/{len(docs)} articles", file=sys.stderr)
    return total


def evaluate(data_dir: Path) -> dict[str, float]:
    """Scores on the validation part of PolNeAR train (``unspun.models.splits.is_validation``)."""
    from unspun.models.datasets.polnear import iter_articles
    from unspun.models.splits import is_validation

    articles = [a for a in iter_articles(data_dir, "train") if is_validation(f"polnear:{a.name}")]
    return run(articles).metrics()


def cross_validate(data_dir: Path, folds: int, progress: bool = False) -> list[Tally]:
    """One tally per fold of PolNeAR train (``unspun.models.splits.fold_of``)."""
    from unspun.models.datasets.polnear import iter_articles
    from unspun.models.splits import fold_of

    articles = list(iter_articles(data_dir, "train"))
    return [
        run([a for a in articles if fold_of(f"polnear:{a.name}", folds) == k], progress)
        for k in range(folds)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default: ../shared/data)")
    parser.add_argument("--folds", type=int, default=0, help="score K folds of train instead of validation")
    args = parser.parse_args(argv)
    from unspun.models.datapaths import resolve_data_dir

    data_dir = resolve_data_dir(args.data, needs="polnear")
    started = time.perf_counter()
    if args.folds:
        tallies = cross_validate(data_dir, args.folds, progress=True)
        per_fold = [t.metrics() for t in tallies]
        for name in per_fold[0]:
            values = [m[name] for m in per_fold]
            print(f"{name:28s} mean {statistics.mean(values):.4f}  sd {statistics.pstdev(values):.4f}  "
                  f"folds {' '.join(f'{v:.3f}' for v in values)}")
        total = Tally()
        for t in tallies:
            total.add(t)
    else:
        from unspun.models.datasets.polnear import iter_articles
        from unspun.models.splits import is_validation

        total = run([a for a in iter_articles(data_dir) if is_validation(f"polnear:{a.name}")], progress=True)
        for name, value in total.metrics().items():
            print(f"{name:28s} {value:.4f}")
    print("rule precision (found quotes that match a gold attribution):")
    for rule, n in total.by_rule.most_common():
        print(f"  {rule:22s} {total.right_by_rule[rule] / n:.3f}  of {n}")
    print(f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
