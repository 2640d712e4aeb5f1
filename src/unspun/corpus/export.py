"""Export a corpus's tables as Parquet, CSV or JSON Lines, with the data dictionary alongside."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from unspun.errors import ConfigError
from unspun.store import TABLES, Repository

FORMATS: dict[str, str] = {"parquet": "parquet", "csv": "csv", "jsonl": "jsonl"}


def export_corpus(
    repo: Repository, out: str | Path, fmt: str, tables: Sequence[str] | None = None
) -> dict[str, int]:
    """Write each table to ``out/TABLE.EXT`` and ``out/data-dictionary.md``; return rows per table."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", hint=f"choose from {', '.join(FORMATS)}")
    chosen = list(tables) if tables else list(TABLES)
    unknown = [t for t in chosen if t not in TABLES]
    if unknown:
        raise ConfigError(f"unknown table(s) {', '.join(unknown)}", hint=f"tables: {', '.join(TABLES)}")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {t: repo.export_table(t, str(folder / f"{t}.{FORMATS[fmt]}"), fmt) for t in chosen}
    from unspun.store.dictionary import render_dictionary

    (folder / "data-dictionary.md").write_text(render_dictionary(), encoding="utf-8")
    return counts
