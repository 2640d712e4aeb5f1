"""Registry of analyzers: a name maps to a class, imported only when needed.

Built-in analyzers are listed in ``unspun.analyzers.BUILTIN`` as ``"module:Class"`` strings; plugins can
register through the ``unspun.analyzers`` entry-point group or with :func:`register`.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from typing import Any

from unspun.errors import UnknownAnalyzerError

_loaded: dict[str, type] = {}
_extra: dict[str, str] = {}


def register(name: str, target: type | str) -> None:
    """Register an analyzer class, or a ``"module:Class"`` path imported on first use."""
    if isinstance(target, str):
        _extra[name] = target
        _loaded.pop(name, None)
    else:
        _loaded[name] = target


def unregister(name: str) -> None:
    """Forget an analyzer registered with :func:`register` (built-ins and entry points stay)."""
    _loaded.pop(name, None)
    _extra.pop(name, None)


def _paths() -> dict[str, str]:
    from unspun.analyzers import BUILTIN

    paths = dict(BUILTIN)
    for ep in entry_points(group="unspun.analyzers"):
        paths.setdefault(ep.name, ep.value)
    paths.update(_extra)
    return paths


def names() -> list[str]:
    """Every registered analyzer name."""
    return sorted(set(_paths()) | set(_loaded))


def names_in_order() -> list[str]:
    """Registered names: built-ins in default pipeline order, then plugins alphabetically."""
    from unspun.analyzers import BUILTIN

    return list(BUILTIN) + [n for n in names() if n not in BUILTIN]


def get(name: str) -> type:
    """The analyzer class registered under ``name``."""
    if name in _loaded:
        return _loaded[name]
    paths = _paths()
    if name not in paths:
        raise UnknownAnalyzerError(
            f"no analyzer named {name!r}", hint=f"known analyzers: {', '.join(names()) or 'none'}"
        )
    module_name, _, attr = paths[name].partition(":")
    cls = getattr(importlib.import_module(module_name), attr)
    if getattr(cls, "name", None) != name:
        raise UnknownAnalyzerError(f"{paths[name]} declares name {cls.name!r}, registered as {name!r}")
    _loaded[name] = cls
    return cls


def create(name: str, **options: Any) -> Any:
    """Instantiate the analyzer ``name`` with its options."""
    return get(name)(**options)
