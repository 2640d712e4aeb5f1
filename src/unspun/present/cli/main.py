"""Entry point: global options, command registration and error handling.

Errors are one clear line on stderr with a documented exit code (docs/cli.md); ``--debug`` shows the
traceback instead.
"""

from __future__ import annotations

import importlib
import sys
from typing import Annotated

import typer

from unspun.errors import UnspunError
from unspun.present.cli.groups import app
from unspun.present.cli.state import STATE

# Command modules under unspun.present.cli register their commands on import.
# To add a command: write the module, then add its name here.
COMMAND_MODULES: tuple[str, ...] = (
    "analyze",
    "info",
    "persuasion",
    "ingest",
    "query",
    "sql",
    "export",
    "checkworthy",
    "framing_genre",
)
for _module in COMMAND_MODULES:
    importlib.import_module(f"unspun.present.cli.{_module}")


def _version(value: bool) -> None:
    if value:
        from unspun import __version__

        typer.echo(f"unspun {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks on errors.")] = False,
) -> None:
    STATE.debug = debug


def _error(message: str) -> None:
    sys.stderr.write(f"unspun: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising."""
    args = sys.argv[1:] if argv is None else argv
    STATE.debug = "--debug" in args
    try:
        result = app(args=args, standalone_mode=False)
    except UnspunError as exc:
        if STATE.debug:
            raise
        _error(str(exc))
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        _error("aborted")
        return 130
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # usage errors (typer's click) and anything unexpected
        if hasattr(exc, "show") and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            return exc.exit_code
        if STATE.debug:
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        return 1
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
