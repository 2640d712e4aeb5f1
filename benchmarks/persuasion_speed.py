"""Speed of the persuasion analyzer's model on one core: paragraphs per second, with and without spans.

The reference measured in the same run is scikit-learn's ``HashingVectorizer`` (word 1-2-grams) alone over
the same paragraphs, so the ratio survives a noisy machine. Prints a Markdown block for docs/benchmarks.md.

    OMP_NUM_THREADS=1 python -m benchmarks.persuasion_speed [--n 40] [--model DIR] [--lang en]

``--lang fr`` scores the same (English) paragraphs as French, which takes the stacked-calibration path of the
languages that use it (the span tagger runs on every paragraph); the cost does not depend on the words.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import time

import numpy as np


def paragraphs(n: int) -> tuple[list[str], str]:
    from benchmarks.corpus_texts import benchmark_texts

    texts, source = benchmark_texts(n)
    paras = [p.strip() for t in texts for p in t.split("\n") if p.strip()]
    return paras, source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="articles to read (default 40)")
    parser.add_argument("--model", default=None, help="artifact folder (default: the shipped model)")
    parser.add_argument("--lang", default="en", help="language to score the paragraphs as (default en)")
    args = parser.parse_args()
    from pathlib import Path

    from sklearn.feature_extraction.text import HashingVectorizer

    from unspun.models.persuasion import PersuasionModel
    from unspun.models.persuasion_spans import stop_words

    paras, source = paragraphs(args.n)
    start = time.perf_counter()
    model = PersuasionModel.load(Path(args.model) if args.model else None)
    stop_words(args.lang)  # a one-off import of spaCy's stop-word list, counted with the load
    load_s = time.perf_counter() - start

    start = time.perf_counter()
    HashingVectorizer(ngram_range=(1, 2)).transform(paras)
    ref_s = time.perf_counter() - start

    start = time.perf_counter()
    _, asserted = model.predict(paras, args.lang)
    labels_s = time.perf_counter() - start

    start = time.perf_counter()
    n_spans = sum(
        len(model.locate(p, args.lang, np.flatnonzero(a).tolist())) for p, a in zip(paras, asserted, strict=True)
    )
    spans_s = time.perf_counter() - start

    total = labels_s + spans_s
    print(f"## Persuasion techniques\n\n{dt.date.today().isoformat()}, {platform.processor() or platform.machine()}, "
          f"one thread; `OMP_NUM_THREADS=1 python -m benchmarks.persuasion_speed --n {args.n}"
          f"{' --model ' + args.model if args.model else ''}{' --lang ' + args.lang if args.lang != 'en' else ''}`; "
          f"{source}, "
          f"{len(paras)} paragraphs.\n")
    print("| step | seconds | paragraphs/s | x reference |\n|---|---|---|---|")
    print(f"| reference: HashingVectorizer word 1-2-grams | {ref_s:.2f} | {len(paras) / ref_s:.0f} | 1.0 |")
    for name, sec in (("paragraph labels (23 techniques)", labels_s), (f"evidence spans ({n_spans})", spans_s),
                      ("labels + spans", total)):
        print(f"| {name} | {sec:.2f} | {len(paras) / sec:.0f} | {sec / ref_s:.1f} |")
    print(f"\nModel load, with spaCy's stop-word list: {load_s:.2f} s.")


if __name__ == "__main__":
    main()
