"""Speed of the claims analyzer on one core, as a ratio against the spaCy parse it shares.

For the shared benchmark articles, after segmentation, entities and actors have run: (a) the spaCy parse
alone (``parse_many`` with an empty cache), (b) the claims analyzer on the already-parsed documents (model
scoring of every sentence, quantities, sourcing, hedges), and (c) the check-worthiness model alone on the
same sentences. Prints a Markdown block for docs/benchmarks.md.

    OMP_NUM_THREADS=1 python -m benchmarks.claims_speed [--n 40] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="articles to read (default 40)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best counts")
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
    print(f"\nClaims analyzer time / parse time: **{t_claims / t_parse:.2f}x**.")
    print("Command: `OMP_NUM_THREADS=1 python -m benchmarks.claims_speed`")


if __name__ == "__main__":
    main()
