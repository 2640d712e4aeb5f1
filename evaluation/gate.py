"""The CI quality gate, in the style of trafilatura's ``eval_gate.py``.

Stages:
  1. find the data folder (skip, with a message, when there is none);
  2. hash each task's data and compare with the hash pinned in baseline.json;
  3. run each task's ``evaluate`` on its validation split;
  4. compare every metric with its pinned minimum (or maximum, for errors such as ECE) and fail on a drop.

A minimum can be raised freely (``--update``). Lowering one needs ``--allow-lower --reason "..."``, and the
change is recorded in the file with the date and the reason.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib
import json
import pkgutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

BASELINE = Path(__file__).with_name("baseline.json")
# Metrics are compared after rounding to this many decimals, so float noise never fails the gate.
DECIMALS = 4


@dataclass
class Outcome:
    task: str
    metrics: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def load_tasks(only: list[str] | None = None) -> list[ModuleType]:
    from evaluation import tasks

    mods = []
    for info in sorted(pkgutil.iter_modules(tasks.__path__), key=lambda i: i.name):
        mod = importlib.import_module(f"evaluation.tasks.{info.name}")
        if only and mod.NAME not in only:
            continue
        mods.append(mod)
    return mods


def data_hash(data_dir: Path, folders: list[str]) -> str:
    """sha256 over the relative paths and bytes of every file in ``folders``."""
    h = hashlib.sha256()
    for folder in sorted(folders):
        root = data_dir / folder
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            h.update(path.relative_to(data_dir).as_posix().encode())
            with path.open("rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
    return h.hexdigest()


def read_baseline(path: Path = BASELINE) -> dict:
    if not path.exists():
        return {"version": 1, "tasks": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def write_baseline(baseline: dict, path: Path = BASELINE) -> None:
    path.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def is_error_metric(name: str) -> bool:
    """Metrics where lower is better are pinned as maximums."""
    return name.startswith("ece") or name.endswith("_ece") or name.endswith("_error")


def check(task: str, metrics: dict[str, float], pinned: dict) -> list[str]:
    """The problems found comparing measured ``metrics`` with a task's pinned entry."""
    problems = []
    for metric, minimum in pinned.get("minimums", {}).items():
        if metric not in metrics:
            problems.append(f"{task}: metric {metric!r} is pinned but was not measured")
        elif round(metrics[metric], DECIMALS) < round(minimum, DECIMALS):
            problems.append(f"{task}: {metric} = {metrics[metric]:.4f} fell below its minimum {minimum:.4f}")
    for metric, maximum in pinned.get("maximums", {}).items():
        if metric not in metrics:
            problems.append(f"{task}: metric {metric!r} is pinned but was not measured")
        elif round(metrics[metric], DECIMALS) > round(maximum, DECIMALS):
            problems.append(f"{task}: {metric} = {metrics[metric]:.4f} rose above its maximum {maximum:.4f}")
    return problems


def update_entry(
    entry: dict, metrics: dict[str, float], *, allow_lower: bool, reason: str | None, margin: float
) -> list[str]:
    """Pin ``metrics`` (less ``margin``) in ``entry``; refuse to lower a minimum unless allowed."""
    refused = []
    today = dt.date.today().isoformat()
    mins, maxs = entry.setdefault("minimums", {}), entry.setdefault("maximums", {})
    for metric, value in sorted(metrics.items()):
        if is_error_metric(metric):
            new, table, worse = round(value + margin, DECIMALS), maxs, lambda old, new: new > old
        else:
            new, table, worse = round(max(value - margin, 0.0), DECIMALS), mins, lambda old, new: new < old
        old = table.get(metric)
        if old is not None and worse(old, new):
            if not allow_lower:
                refused.append(f"{metric}: {old} -> {new} would loosen the gate (needs --allow-lower --reason)")
                continue
            entry.setdefault("changes", []).append(
                {"date": today, "metric": metric, "from": old, "to": new, "reason": reason}
            )
        table[metric] = new
    return refused


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.gate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="data folder (default: ../shared/data when it exists)")
    parser.add_argument("--only", nargs="*", help="task names to run")
    parser.add_argument("--update", action="store_true", help="pin the measured scores (minus --margin)")
    parser.add_argument("--margin", type=float, default=0.01, help="slack below measured scores when pinning")
    parser.add_argument("--allow-lower", action="store_true", help="allow --update to lower a minimum")
    parser.add_argument("--reason", help="why a minimum is lowered or the data hash re-pinned (recorded)")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    args = parser.parse_args(argv)
    if args.allow_lower and not args.reason:
        parser.error("--allow-lower needs --reason")

    from unspun.models.datapaths import default_data_dir

    if args.data is not None and not args.data.is_dir():
        print(f"quality gate: --data {args.data} is not a folder")
        return 2
    data_dir = args.data or default_data_dir()  # 1.
    if data_dir is None:
        print("quality gate: skipped, no data folder (pass --data or create ../shared/data)")
        return 0
    baseline = read_baseline(args.baseline)
    pinned_tasks = baseline.setdefault("tasks", {})
    outcomes: list[Outcome] = []
    refused: list[str] = []
    for mod in load_tasks(args.only):
        out = Outcome(mod.NAME)
        entry = pinned_tasks.get(mod.NAME)
        digest = data_hash(data_dir, list(mod.DATA))  # 2.
        if entry and entry.get("data_sha256") != digest and not args.update:
            out.problems.append(
                f"{mod.NAME}: data changed (hash {digest[:12]} != pinned {entry.get('data_sha256', '')[:12]}); "
                "re-pin with --update --reason"
            )
        start = time.perf_counter()
        try:
            out.metrics = {k: float(v) for k, v in mod.evaluate(data_dir).items()}  # 3.
        except Exception as exc:  # a broken task must fail the gate, not crash it
            out.problems.append(f"{mod.NAME}: evaluation failed: {type(exc).__name__}: {exc}")
        out.seconds = time.perf_counter() - start
        if args.update and out.metrics:
            entry = pinned_tasks.setdefault(mod.NAME, {})
            if entry.get("data_sha256") not in (None, digest):
                entry.setdefault("changes", []).append(
                    {"date": dt.date.today().isoformat(), "data_sha256": digest, "reason": args.reason}
                )
            entry["data_sha256"] = digest
            refused += update_entry(
                entry, out.metrics, allow_lower=args.allow_lower, reason=args.reason, margin=args.margin
            )
        elif entry is None:
            out.problems.append(f"{mod.NAME}: no minimums pinned in baseline.json (run with --update)")
        else:
            out.problems += check(mod.NAME, out.metrics, entry)  # 4.
        outcomes.append(out)
    known = {o.task for o in outcomes}
    if not args.only:
        for name in sorted(set(pinned_tasks) - known):
            outcomes.append(Outcome(name, problems=[f"{name}: pinned in baseline.json but no task module"]))
    if args.update:
        write_baseline(baseline, args.baseline)
    for o in outcomes:
        status = "FAIL" if o.problems else "ok"
        shown = ", ".join(f"{k}={v:.4f}" for k, v in sorted(o.metrics.items()))
        print(f"[{status}] {o.task} ({o.seconds:.1f}s) {shown}")
        for p in o.problems:
            print(f"    {p}")
    for r in refused:
        print(f"refused: {r}")
    within = sum(not o.problems for o in outcomes)
    print(f"quality gate: {within} of {len(outcomes)} tasks within their pinned scores"
          + (f"; {len(refused)} updates refused" if refused else ""))
    return 1 if within < len(outcomes) or refused else 0


if __name__ == "__main__":
    sys.exit(run())
