"""The data dictionary (docs/data-dictionary.md), generated from the migrated schema's comments.

Regenerate after changing a migration:  python -m unspun.store.dictionary --write docs/data-dictionary.md
A test fails when the file and the schema disagree.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HEADER = """# Data dictionary

The corpus store's tables, generated from the schema (`src/unspun/store/migrations/*.sql`) by
`python -m unspun.store.dictionary --write docs/data-dictionary.md`; do not edit by hand.
Offsets are Unicode code points into `documents.text`, half-open `[start_char, end_char)`.
Every table that describes a document joins to `documents` on `doc_id`.
"""


def render_dictionary() -> str:
    """Markdown for every table and column of a freshly migrated store."""
    from unspun.store.duckdb import DuckDBRepository
    from unspun.store.schema import TABLES

    repo = DuckDBRepository(":memory:")
    try:
        parts = [HEADER, f"Schema version: {repo.schema_version()}."]
        order = {name: i for i, name in enumerate(TABLES)}
        for table, comment, cols in sorted(repo.table_comments(), key=lambda t: (order.get(t[0], len(order)), t[0])):
            parts.append(f"\n## `{table}`\n\n{comment or ''}\n")
            parts.append("| column | type | null | description |\n|---|---|---|---|")
            for name, dtype, nullable, col_comment in cols:
                desc = (col_comment or "").replace("|", "\\|")
                parts.append(f"| `{name}` | {dtype} | {'yes' if nullable else 'no'} | {desc} |")
            parts.append("")
        return "\n".join(parts).rstrip() + "\n"
    finally:
        repo.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="write to this file instead of stdout")
    parser.add_argument("--check", type=Path, help="exit 1 when this file is not up to date")
    args = parser.parse_args(argv)
    text = render_dictionary()
    if args.check:
        current = args.check.read_text(encoding="utf-8") if args.check.exists() else ""
        if current != text:
            sys.stderr.write(f"{args.check} is out of date: run "
                             f"python -m unspun.store.dictionary --write {args.check}\n")
            return 1
        return 0
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
