"""``unspun analyzers`` and ``unspun schema``: what the pipeline can do, and the output format."""

from __future__ import annotations

import sys

from unspun.present.cli.groups import app


@app.command()
def analyzers() -> None:
    """List the analyzers in the default pipeline, with what each requires and produces."""
    from rich.console import Console
    from rich.table import Table

    from unspun.pipeline import registry

    table = Table("analyzer", "requires", "produces", "description", title="Analyzers (default order)")
    for name in registry.names_in_order():
        cls = registry.get(name)
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        table.add_row(name, ", ".join(cls.requires), ", ".join(cls.produces), doc)
    Console().print(table)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Document that `unspun analyze -f json` writes."""
    from unspun.document.serialize import json_schema_text

    sys.stdout.write(json_schema_text())
