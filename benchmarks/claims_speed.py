"""Speed of the claims analyzer on one core, as a ratio against the spaCy parse it shares.

For the shared benchmark articles, after segmentation, entities and actors have run: (a) the spaCy parse
alone (``parse_many`` with an empty cache), (b) the claims analyzer on the already-parsed documents (model
scoring of every sentence, quantities, sourcing, hedges), and (c) the check-worthiness model alone on the
same sentences, against (d) the earlier TF-IDF + sparse logistic model, read from git at
``--reference-commit`` (skipped when git or that commit is absent). Prints a Markdown block for
docs/benchmarks.md.

    OMP_NUM_THREADS=1 python -m benchmarks.claims_speed [--n 40] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import re
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

#: The last commit that shipped the TF-IDF + sparse logistic check-worthiness model.
REFERENCE_COMMIT = "c744e26"
_OLD_FILES = ["features.json", "model.safetensors", "meta.json"]


def old_sparse_model(commit: str, tmp: Path) -> Callable[[Sequence[str]], object] | None:
    """The earlier check-worthiness model's probability function, rebuilt from its artifact at ``commit``."""
    import numpy as np

    from unspun.models.sparse_linear import load_sparse_text_model

    for name in _OLD_FILES:
        spec = f"{commit}:src/unspun/models/artifacts/checkworthy/{name}"
        try:
            blob = subprocess.run(["git", "show", spec], capture_output=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return None
        (tmp / name).write_bytes(blob)
    tfidf, head, meta = load_sparse_text_model(tmp)
    a, b = meta["calibration"]["a"], meta["calibration"]["b"]
    digit = re.compile(r"\d")

    def predict_proba(texts: Sequence[str]):
        z = head.decision_function(tfidf.transform([digit.sub("0", t) for t in texts]))[:, 0]
        return 1 / (1 + np.exp(-(a * z + b)))

    return predict_proba


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="articles to read (default 40)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best counts")
    parser.add_argument("--reference-commit", default=REFERENCE_COMMIT,
                        help="git commit holding the earlier sparse model (the reference for the model alone)")
    args = parser.parse_args()

    from benchmarks.corpus_texts import benchmark_texts
    from benchmarks.timing import best_of
    from unspun.analyzers import nlp
    from unspun.analyzers.claims import ClaimsAnalyzer, scoring_text
    from unspun.analyzers.entities import EntitiesAnalyzer
    from unspun.analyzers.segmentation import SegmentationAnalyzer
    from unspun.ingest import from_text

    texts, source = benchmark_texts(args.n)
    stages = [SegmentationAnalyzer(), EntitiesAnalyzer()]
    try:
        from unspun.analyzers.actors import ActorsAnalyzer

        stages.append(ActorsAnalyzer())
    except Exception:
        pass
    docs = []
    for t in texts:
        d = from_text(t)
        for s in stages:
            d = s(d)
        docs.append(d)
    words = sum(len(d.text[s.start : s.end].split()) for d in docs for s in d.layer("body"))
    sentences = [scoring_text(d.span_text(s)) for d in docs for s in d.layer("sentences")]
    claims = ClaimsAnalyzer()

    def parse_only() -> None:
        nlp.clear_cache()
        nlp.parse_many(docs)

    def claims_only() -> int:
        nlp.parse_many(docs)  # cached: the parse is shared with the earlier stages
        return sum(len(claims(d).layer("claims")) for d in docs)

    def model_only() -> None:
        claims.model.predict_proba(sentences)

    t_parse = best_of(parse_only, args.repeat)
    nlp.parse_many(docs)
    t_claims = best_of(claims_only, args.repeat)
    t_model = best_of(model_only, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        old = old_sparse_model(args.reference_commit, Path(tmp))
        t_old = best_of(lambda: old(sentences), args.repeat) if old else None
    found = claims_only()
    print(f"### Claims ({dt.date.today().isoformat()}, {platform.processor() or platform.machine()}, one core)\n")
    print(f"Articles: {source}; {words} body words; {len(sentences)} sentences; {found} claims.\n")
    print("| measurement | seconds | words/s | sentences/s |")
    print("|---|---|---|---|")
    print(f"| spaCy parse alone (reference) | {t_parse:.2f} | {words / t_parse:,.0f} | "
          f"{len(sentences) / t_parse:,.0f} |")
    print(f"| claims analyzer (parse cached) | {t_claims:.2f} | {words / t_claims:,.0f} | "
          f"{len(sentences) / t_claims:,.0f} |")
    print(f"| check-worthiness model alone | {t_model:.2f} | {words / t_model:,.0f} | "
          f"{len(sentences) / t_model:,.0f} |")
    if t_old:
        print(f"| earlier TF-IDF model alone ({args.reference_commit}) | {t_old:.2f} | {words / t_old:,.0f} | "
              f"{len(sentences) / t_old:,.0f} |")
    print(f"\nClaims analyzer time / parse time: **{t_claims / t_parse:.2f}x**.")
    if t_old:
        print(f"Check-worthiness model time / earlier TF-IDF model time: **{t_model / t_old:.1f}x**.")
    print("Command: `OMP_NUM_THREADS=1 python -m benchmarks.claims_speed`")


if __name__ == "__main__":
    main()
