"""Numbered SQL migrations (``NNN_name.sql``), applied in order, each once, each in one transaction.

A migration never changes after release; a schema change is a new file. ``schema_migrations`` records
what was applied, so that a reader can refuse a database newer than its code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

BOOKKEEPING_SQL = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE schema_migrations IS 'Which numbered migrations (src/unspun/store/migrations) were applied, and when.';
COMMENT ON COLUMN schema_migrations.version IS 'Migration number (the file''s NNN prefix).';
COMMENT ON COLUMN schema_migrations.name IS 'Migration name (the rest of the file name).';
COMMENT ON COLUMN schema_migrations.applied_at IS 'When it was applied (UTC).';
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available() -> list[Migration]:
    """Every migration shipped with the package, by version."""
    found = []
    for entry in files(__name__).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"duplicate migration numbers in {__name__}: {versions}")
    return found


def latest_version() -> int:
    return max((m.version for m in available()), default=0)
