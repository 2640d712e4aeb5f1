"""Speed of the NLP layer (segmentation -> entities -> actors) against spaCy alone, plus actor precision.

Words/s of the whole layer is compared with plain ``nlp.pipe`` of ``en_core_web_sm`` (all its default
pipes) on the same paragraph strings, in the same run (target: >= 0.8x). Ingest is done before timing.
Times are CPU seconds of this process (best of N), which other users of a shared machine disturb far
less than wall time. The actor-resolution precision is measured on the hand-annotated sentences in
``tests/analyzers/data/actor_sentences.jsonl`` (target: >= 0.9). Prints Markdown for docs/benchmarks.md::

    OMP_NUM_THREADS=1 python -m benchmarks.nlp_speed --n 20 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from pathlib import Path

from benchmarks.corpus_texts import benchmark_texts

REPO = Path(__file__).resolve().parents[1]
#: CPU time of this process: on a shared, loaded machine it is far steadier than wall time, and both
#: runs are single-threaded (OMP_NUM_THREADS=1), so CPU seconds are the work done.
_clock = time.process_time
SENTENCES = REPO / "tests" / "analyzers" / "data" / "actor_sentences.jsonl"


def _stages():
    from unspun.analyzers.actors import ActorsAnalyzer
    from unspun.analyzers.entities import EntitiesAnalyzer
    from unspun.analyzers.segmentation import SegmentationAnalyzer

    return [SegmentationAnalyzer(), EntitiesAnalyzer(), ActorsAnalyzer()]


def measure_speed(n: int, repeat: int) -> dict:
    import spacy

    from unspun.analyzers import nlp as nlp_mod
    from unspun.ingest import from_text

    texts, source = benchmark_texts(n)
    docs = [from_text(t) for t in texts]
    for d in docs:
        d.metadata["language"] = "en"
    pieces = [d.text[s:e] for d in docs for s, e in nlp_mod.paragraph_ranges(d)]
    words = sum(len(p.split()) for p in pieces)
    reference = spacy.load(nlp_mod.ENGLISH_MODEL)  # default pipes, as shipped
    stages = _stages()
    list(reference.pipe(pieces[:5]))
    _run(stages, [d.copy() for d in docs[:2]])  # load models, gazetteer and indexes
    best_ref = best_layer = float("inf")
    stage_times: dict[str, float] = {}
    for _ in range(repeat):
        t0 = _clock()
        for _ in reference.pipe(pieces, batch_size=64):
            pass
        best_ref = min(best_ref, _clock() - t0)
        nlp_mod.clear_cache()
        batch = [d.copy() for d in docs]
        t0 = _clock()
        timings = _run(stages, batch)
        elapsed = _clock() - t0
        if elapsed < best_layer:
            best_layer, stage_times = elapsed, timings
    return {
        "source": source,
        "docs": len(docs),
        "words": words,
        "ref_s": best_ref,
        "layer_s": best_layer,
        "stages": stage_times,
    }


def _run(stages, docs) -> dict[str, float]:
    """Parse once (timed apart, as the stages share the cached parse), then run the stages in order."""
    from unspun.analyzers.nlp import batched, parse_many

    timings = {}
    t0 = _clock()
    for batch in batched(docs, 32):
        parse_many(batch)
    timings["shared parse (nlp.pipe per paragraph)"] = _clock() - t0
    for stage in stages:
        t0 = _clock()
        docs = list(stage.pipe(docs, batch_size=32))
        timings[stage.name] = _clock() - t0
    return timings


def measure_precision() -> dict:
    from unspun.document import Document, Span

    stages = _stages()
    per_lang: dict[str, Counter] = {}
    for line in SENTENCES.read_text(encoding="utf-8").splitlines():
        ex = json.loads(line)
        text = ex["text"]
        doc = Document(
            text,
            metadata={"language": ex["lang"]},
            layers={
                "paragraphs": [Span(0, len(text), "paragraph", attrs={"index": 0})],
                "body": [Span(0, len(text), "body")],
            },
        )
        for stage in stages:
            doc = stage(doc)
        pred = Counter((doc.span_text(s), s.attrs["id"]) for s in doc.layer("actors"))
        gold = Counter(tuple(g) for g in ex["gold"])
        tp = sum((pred & gold).values())
        c = per_lang.setdefault(ex["lang"], Counter())
        c["tp"] += tp
        c["fp"] += sum(pred.values()) - tp
        c["fn"] += sum(gold.values()) - tp
        c["sentences"] += 1
    return per_lang


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20, help="number of articles (default 20)")
    parser.add_argument("--repeat", type=int, default=5, help="timed repetitions, best kept (default 5)")
    args = parser.parse_args(argv)
    speed = measure_speed(args.n, args.repeat)
    ref_wps = speed["words"] / speed["ref_s"]
    layer_wps = speed["words"] / speed["layer_s"]
    print(
        f"Python {platform.python_version()}, {platform.machine()}; texts: {speed['source']}, "
        f"{speed['words']:,} body words\n"
    )
    print(f"| run | CPU seconds (best of {args.repeat}) | words/s | ratio |")
    print("|---|---|---|---|")
    print(f"| spaCy en_core_web_sm alone, nlp.pipe | {speed['ref_s']:.2f} | {ref_wps:,.0f} | 1.00x |")
    print(
        f"| segmentation + entities + actors | {speed['layer_s']:.2f} | {layer_wps:,.0f} | {layer_wps / ref_wps:.2f}x |"
    )
    for name, secs in speed["stages"].items():
        print(f"| - {name} | {secs:.2f} | | |")
    rest = speed["layer_s"] - next(iter(speed["stages"].values()))
    print(f"\nWork beyond the shared parse: {rest:.2f} s ({rest / speed['ref_s']:.0%} of spaCy alone).")
    per_lang = measure_precision()
    total = sum(per_lang.values(), Counter())
    print("\n| language | sentences | precision | recall |")
    print("|---|---|---|---|")
    for lang, c in [*sorted(per_lang.items()), ("all", total)]:
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        print(f"| {lang} | {c['sentences']} | {p:.3f} | {r:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
