"""``python -m unspun`` runs the command line."""

from unspun.present.cli.main import run

run()
