"""Ingest quality and speed on the project's HTML fixtures, against trafilatura alone on the same pages.

(a) trafilatura alone: ``trafilatura.extract(html, with_metadata=True)`` on each page's bytes;
(a') trafilatura with the settings unspun uses (``bare_extraction``, no comments, htmldate original date),
     so that the cost of unspun's own layer (layout, boilerplate, metadata, language, rating) shows;
(b) unspun: ``unspun.ingest.from_bytes`` on the same bytes (decoding, trafilatura + htmldate, layout,
boilerplate layer, metadata, language, outlet rating).
The figure that matters is the overhead of (b) over (a), from times measured in the same run; the issue's
target is at most 20%. Extraction quality is the ScrapingHub shingle F1 of each one's text against the
gold bodies. Prints a Markdown block for docs/benchmarks.md.

    OMP_NUM_THREADS=1 python -m benchmarks.ingest_speed [--rounds 10] [--repeat 3] [--turns 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
from pathlib import Path

from benchmarks.timing import best_of

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "ingest" / "html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="passes over the pages in one timing (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="timings of each side per turn (default 3)")
    parser.add_argument("--turns", type=int, default=5,
                        help="turns in which the three sides take their timings in rotation; the best timing of "
                             "each side over all turns counts (default 5)")
    args = parser.parse_args()

    import trafilatura

    from unspun.ingest import from_bytes
    from unspun.ingest.html import DATE_PARAMS
    from unspun.ingest.scoring import prf

    names = sorted(json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8")))
    pages = [(FIXTURES / f"{n}.html").read_bytes() for n in names]
    golds = [(FIXTURES / f"{n}.gold.txt").read_text(encoding="utf-8") for n in names]

    def body(doc) -> str:
        return "\n\n".join(doc.span_text(s) for s in doc.layer("body"))

    ours = [body(from_bytes(p, name=f"{n}.html")) for n, p in zip(names, pages, strict=True)]  # also warms up
    alone = [trafilatura.extract(p, with_metadata=True) or "" for p in pages]
    q_ours, q_alone = prf(zip(golds, ours, strict=True)), prf(zip(golds, alone, strict=True))

    def run_alone() -> None:
        for _ in range(args.rounds):
            for p in pages:
                trafilatura.extract(p, with_metadata=True)

    def run_same_settings() -> None:
        for _ in range(args.rounds):
            for p in pages:
                trafilatura.bare_extraction(p, with_metadata=True, include_comments=False, include_tables=True,
                                            date_extraction_params=DATE_PARAMS)

    def run_ours() -> None:
        for _ in range(args.rounds):
            for n, p in zip(names, pages, strict=True):
                from_bytes(p, name=n)

    # Interleave the two sides so drift on a shared machine hits both alike.
    t_alone, t_same, t_ours = [], [], []
    for _ in range(args.turns):
        t_alone.append(best_of(run_alone, args.repeat))
        t_same.append(best_of(run_same_settings, args.repeat))
        t_ours.append(best_of(run_ours, args.repeat))
    n_pages = args.rounds * len(pages)
    ta, ts, to = min(t_alone), min(t_same), min(t_ours)
    print(f"### Ingest ({dt.date.today().isoformat()}, {platform.processor() or platform.machine()}, one core)\n")
    print(f"Pages: the {len(pages)} HTML fixtures in tests/fixtures/ingest/html, {args.rounds} passes, "
          f"best of {args.repeat} x {args.turns} turns in rotation.\n")
    print("| | pages/s | shingle P | R | F1 |")
    print("|---|---|---|---|---|")
    print(f"| trafilatura alone (`extract`, with metadata) | {n_pages / ta:.1f} | {q_alone['precision']:.3f} "
          f"| {q_alone['recall']:.3f} | {q_alone['f1']:.3f} |")
    print(f"| trafilatura with unspun's settings (no comments) | {n_pages / ts:.1f} | | | |")
    print(f"| unspun `from_bytes` (body layer) | {n_pages / to:.1f} | {q_ours['precision']:.3f} "
          f"| {q_ours['recall']:.3f} | {q_ours['f1']:.3f} |")
    print(f"\nOverhead of unspun over trafilatura alone: **{(to / ta - 1) * 100:+.1f}%** (target: at most +20%); "
          f"over trafilatura with the same settings: {(to / ts - 1) * 100:+.1f}%.")


if __name__ == "__main__":
    main()
