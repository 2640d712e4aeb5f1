"""Speed of the quotes analyzer on one core, as a ratio against the spaCy parse it needs.

For the shared benchmark articles, the CPU time of this process for (a) the parse alone (``parse_many``
with an empty cache) and (b) quote extraction on that parse (speakers, dates, the learned cue lexicon).
The figure that matters is the words/s of (a + b) over the words/s of (a), measured in the same run; the
issue's target is at least 0.8. CPU time, not wall time, so that other load on the machine cancels out.
Prints a Markdown block for docs/benchmarks.md.

    OMP_NUM_THREADS=1 python -m benchmarks.quotes_speed [--n 40] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="articles to read (default 40)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best counts")
    args = parser.parse_args()

    from benchmarks.corpus_texts import benchmark_texts
    from benchmarks.timing import best_of
    from unspun.analyzers import nlp
    from unspun.analyzers.quote_lexicon import CueLexicon
    from unspun.analyzers.quotes import extract
    from unspun.ingest import from_text

    texts, source = benchmark_texts(args.n)
    docs = [from_text(t) for t in texts]
    words = sum(len(d.text[s.start : s.end].split()) for d in docs for s in d.layer("body"))
    lexicon = CueLexicon.load()
    nlp.get_nlp("en")
    extract(docs[0], nlp.parse_paragraphs(docs[0]), lexicon)  # warm up dateparser and the lexicon

    def parse() -> list:
        nlp.clear_cache()
        return nlp.parse_many(docs)

    parsed = parse()
    found = 0

    def quotes() -> None:
        nonlocal found
        found = sum(len(extract(d, p, lexicon)) for d, p in zip(docs, parsed, strict=True))

    t_parse = best_of(parse, args.repeat, clock=time.process_time)
    t_quotes = best_of(quotes, args.repeat, clock=time.process_time)
    t_both = t_parse + t_quotes
    ratio = t_parse / t_both
    print(f"### Quotes ({dt.date.today().isoformat()}, {platform.processor() or platform.machine()}, one core)\n")
    print(f"Articles: {source}; {words} body words; {found} quotes found.\n")
    print("| measurement | CPU seconds | words/s |")
    print("|---|---|---|")
    print(f"| spaCy parse alone (reference) | {t_parse:.2f} | {words / t_parse:,.0f} |")
    print(f"| quotes alone, on that parse | {t_quotes:.2f} | {words / t_quotes:,.0f} |")
    print(f"| parse + quotes | {t_both:.2f} | {words / t_both:,.0f} |")
    print(f"\nRatio (parse + quotes) / parse alone, in words/s: **{ratio:.2f}x** (target >= 0.8x).")
    print("Command: `OMP_NUM_THREADS=1 python -m benchmarks.quotes_speed`")


if __name__ == "__main__":
    main()
