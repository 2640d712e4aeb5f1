"""Set-up files stay installable on a fresh machine: exact pins only, model wheels pinned by hash."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import REPO

PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9.+!-]+$")


def _lines(name: str) -> list[str]:
    text = (REPO / "requirements" / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_constraints_are_exact_pins_without_local_paths() -> None:
    bad = [line for line in _lines("constraints.txt") if not PIN.match(line)]
    assert not bad, f"requirements/constraints.txt must hold only NAME==VERSION lines (run make lock): {bad}"


def test_model_wheels_are_pinned_by_sha256() -> None:
    for line in _lines("models.txt"):
        assert re.search(r"==\S+ --hash=sha256:[0-9a-f]{64}$", line), line


def test_every_declared_dependency_is_pinned() -> None:
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = meta["dependencies"] + meta["optional-dependencies"]["test"]
    pinned = {line.split("==")[0].lower().replace("_", "-") for line in _lines("constraints.txt")}
    names = {re.split(r"[<>=!~\[ ]", d, maxsplit=1)[0].lower().replace("_", "-") for d in declared}
    assert names <= pinned, f"declared but not pinned in requirements/constraints.txt: {sorted(names - pinned)}"
