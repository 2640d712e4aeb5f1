"""The ``unspun`` command line: one thin module per command over plain importable functions."""

from unspun.present.cli.main import app, main

__all__ = ["app", "main"]
