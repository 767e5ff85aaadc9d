"""The `actorgraph` command: a thin shell over the library.

Each command parses its arguments, calls the same functions the app calls, and
formats what they return. Expected failures (ActorgraphError) print one line on
stderr and exit with status 1, without a traceback.

The Typer ``app`` lives in ``actorgraph.cli.app``; each command module imported below
registers its commands on it, in this order (the order --help lists them), and none
of them imports this package back.
"""

# isort: off
from actorgraph.cli import extract  # extract, ingest
from actorgraph.cli import query  # query, show, stats
from actorgraph.cli import connections  # path
from actorgraph.cli import serve  # serve, demo
from actorgraph.cli import copy  # copy
from actorgraph.cli import manage  # remove, backup, restore
from actorgraph.cli import curate  # merge, split, rename, kind, reject, ..., curation
from actorgraph.cli import evaluate  # eval, train
from actorgraph.cli import export  # export, sparql, validate

# isort: on
from actorgraph.cli.app import app

COMMANDS = (extract, query, connections, serve, copy, manage, curate, evaluate, export)

__all__ = ["COMMANDS", "app", "main"]


def main() -> None:
    """Run the command line (the console script and `python -m actorgraph`)."""
    app()
