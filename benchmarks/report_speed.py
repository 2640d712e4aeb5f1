"""Report rendering speed and size: every format for the seed Document, and the HTML for a 2,000-word article.

Inputs: tests/fixtures/report/seed.json (the seed article with every layer, hand-built) and the same
Document repeated to >= 2,000 words (tests/report/report_fixtures.py). With ``--analyze`` it also renders
the seed as the real pipeline analyses it today. Targets (issue #9): HTML < 200 ms for the seed, HTML
< 1 MB for a 2,000-word article. The reference measured in the same run is ``Document.to_json`` (the json
format), so the ratio says what the report adds over serialising the Document.
"Cold" is the first render in a fresh process (imports, template compile); "warm" is the best of
``--repeat`` later renders. Prints a Markdown block for docs/benchmarks.md.

    OMP_NUM_THREADS=1 python -m benchmarks.report_speed [--repeat 20] [--analyze]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from benchmarks.timing import best_of

REPO = Path(__file__).resolve().parents[1]
SEED_JSON = REPO / "tests" / "fixtures" / "report" / "seed.json"

_COLD = """
import json, sys, time
t0 = time.perf_counter()
from unspun.document import Document
from unspun.present.report import render, html, markdown, terminal
doc = Document.from_json(open(sys.argv[1], encoding="utf-8").read())
t1 = time.perf_counter()
render(doc, sys.argv[2])
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "render_s": t2 - t1}))
"""


def _cold(fmt: str, cache: bool = True) -> dict[str, float]:
    """First render in a fresh process, after the imports; ``cache=False`` also compiles the template."""
    env = dict(os.environ)
    if not cache:
        env["UNSPUN_CACHE_DIR"] = "off"
    out = subprocess.run([sys.executable, "-c", _COLD, str(SEED_JSON), fmt], check=True, capture_output=True,
                         text=True, env=env).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="warm renders per format; the best counts")
    parser.add_argument("--analyze", action="store_true", help="also render the seed as the pipeline analyses it")
    args = parser.parse_args()

    sys.path.insert(0, str(REPO / "tests" / "report"))
    from report_fixtures import build_long_document

    from unspun.document import Document
    from unspun.present.report import render

    seed = Document.from_json(SEED_JSON.read_text(encoding="utf-8"))
    long_doc = build_long_document(2000)
    rows = []
    reference = best_of(lambda: seed.to_json(), args.repeat)
    _cold("html")  # fill the compiled-template cache
    uncached = _cold("html", cache=False)
    for fmt in ("html", "md", "text", "json"):
        cold = _cold(fmt)
        render(seed, fmt)
        warm = best_of(lambda fmt=fmt: render(seed, fmt), args.repeat)
        size = len(render(seed, fmt).encode("utf-8"))
        rows.append((fmt, cold["render_s"], warm, warm / reference, size, cold["import_s"]))
    long_warm = best_of(lambda: render(long_doc, "html"), max(3, args.repeat // 4))
    long_size = len(render(long_doc, "html").encode("utf-8"))
    analysed = None
    if args.analyze:
        try:
            from unspun.api import analyze

            real = analyze(path=REPO / "examples" / "globalresearch-csto-kazakhstan.txt")
            analysed = (best_of(lambda: render(real, "html"), args.repeat), sorted(real.layers))
        except Exception as exc:  # the pipeline is being built in parallel; report, do not fail
            analysed = (None, [f"pipeline failed: {type(exc).__name__}: {exc}"])

    today = dt.date.today().isoformat()
    print(f"## Report rendering\n\n{today}, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, `OMP_NUM_THREADS=1 python -m benchmarks.report_speed "
          f"--repeat {args.repeat}{' --analyze' if args.analyze else ''}`.\n")
    print(f"Seed Document (hand-built fixture, {len(seed.text):,} characters, "
          f"{sum(len(s) for s in seed.layers.values())} spans). Reference: `Document.to_json` "
          f"{reference * 1000:.2f} ms.\n")
    print("| format | imports (fresh process) | first render | warm render (best) | warm / to_json | size |")
    print("|---|---|---|---|---|---|")
    for fmt, cold, warm, ratio, size, imports in rows:
        print(f"| {fmt} | {imports * 1000:.0f} ms | {cold * 1000:.1f} ms | {warm * 1000:.2f} ms | {ratio:.1f}x | "
              f"{size / 1024:.1f} KiB |")
    print(f"\nFirst HTML render without the compiled-template cache (`UNSPUN_CACHE_DIR=off`, the template is "
          f"compiled): {uncached['render_s'] * 1000:.0f} ms. Load average during the run: "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")
    words = len(long_doc.text.split())
    verdict = "meets" if long_size < 1_000_000 else "MISSES"
    print(f"\nHTML for a {words:,}-word article (the seed repeated, every layer): {long_size / 1024:.0f} KiB "
          f"({verdict} the < 1 MB target), rendered in {long_warm * 1000:.1f} ms warm.")
    first, warm = rows[0][1], rows[0][2]
    print(f"Seed HTML: first render {first * 1000:.0f} ms, warm {warm * 1000:.1f} ms (target < 200 ms: "
          f"{'met' if first < 0.2 else 'missed'} by the first render, {'met' if warm < 0.2 else 'missed'} warm).")
    if analysed:
        took, layers = analysed
        shown = f"{took * 1000:.1f} ms warm" if took is not None else "not measured"
        print(f"Seed as the pipeline analyses it today: {shown}; layers: {', '.join(layers)}.")


if __name__ == "__main__":
    main()
