"""Speed of the genre and framing analyzers on one core: articles per second, with and without evidence.

The reference measured in the same run is scikit-learn's ``HashingVectorizer`` (word 1-2-grams) alone over
the same articles, so the ratio survives a noisy machine. Prints a Markdown block for docs/benchmarks.md.

    OMP_NUM_THREADS=1 python -m benchmarks.framing_genre_speed [--n 40]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="articles to read (default 40)")
    args = parser.parse_args()
    from sklearn.feature_extraction.text import HashingVectorizer

    from benchmarks.corpus_texts import benchmark_texts
    from unspun.analyzers.framing import FramingAnalyzer
    from unspun.analyzers.genre import GenreAnalyzer
    from unspun.document import Document, Span
    from unspun.models.doc_classifier import article_units, model_text

    texts, source = benchmark_texts(args.n)
    start = time.perf_counter()
    analyzers = [GenreAnalyzer(), FramingAnalyzer()]
    load_s = time.perf_counter() - start

    docs = []
    for text in texts:
        title, _ = article_units(text)
        body_start = text.index("\n") + 1 if "\n" in text else 0
        paras, pos = [], body_start
        for line in text[body_start:].split("\n"):
            if line.strip():
                paras.append(Span(pos, pos + len(line), "paragraph"))
            pos += len(line) + 1
        layers = {"body": [Span(paras[0].start, paras[-1].end, "body")], "paragraphs": paras} if paras else {}
        docs.append(Document(text, metadata={"language": "en", "title": title}, layers=layers))

    start = time.perf_counter()
    HashingVectorizer(ngram_range=(1, 2)).transform(texts)
    ref_s = time.perf_counter() - start

    rows = []
    for analyzer in analyzers:
        batch = [model_text(*article_units(t), "en") for t in texts]
        start = time.perf_counter()
        analyzer.model.predict(batch, "en")
        rows.append((f"{analyzer.name}: labels only, batched", time.perf_counter() - start))
        start = time.perf_counter()
        for doc in docs:
            analyzer(doc)
        rows.append((f"{analyzer.name}: analyzer with evidence, one by one", time.perf_counter() - start))

    words = sum(len(t.split()) for t in texts)
    print(
        f"## Genre and framing\n\n{dt.date.today().isoformat()}, {platform.processor() or platform.machine()}, "
        f"one thread; `OMP_NUM_THREADS=1 python -m benchmarks.framing_genre_speed --n {args.n}`; {source}, "
        f"{words:,} words. Loading both artifacts: {load_s:.2f} s.\n"
    )
    print("| step | seconds | articles/s | x reference |\n|---|---|---|---|")
    print(f"| reference: HashingVectorizer word 1-2-grams | {ref_s:.2f} | {len(texts) / ref_s:.0f} | 1.0 |")
    for name, sec in rows:
        print(f"| {name} | {sec:.2f} | {len(texts) / sec:.1f} | {sec / ref_s:.1f} |")


if __name__ == "__main__":
    main()
