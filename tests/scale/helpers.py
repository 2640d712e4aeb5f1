"""Module-level task functions for the pool tests (spawned workers import them by name)."""

from __future__ import annotations

import os

_STATE: dict[str, str] = {}


def setup(tag: str) -> None:
    _STATE["tag"] = tag


def square_tagged(x: int) -> tuple[int, str, int]:
    if x == 13:
        raise ValueError("unlucky")
    return x * x, _STATE.get("tag", ""), os.getpid()
