"""Print rows the way a command was asked to: a table for people, JSON or CSV for programs."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from actorgraph.graph.values import printable


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return printable(json.dumps(value, ensure_ascii=False))
    return printable(str(value))


def print_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table") -> None:
    """Write rows to stdout as a table, JSON (a list of objects) or CSV with a header."""
    if fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        text = json.dumps(records, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write(printable(text) + "\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([_cell(v) for v in row] for row in rows)
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            # as plain Text: a value's brackets are not rich's markup ("[/x]" would raise)
            table.add_row(*(Text(_cell(v)) for v in row))
        Console(soft_wrap=False).print(table)
        sys.stdout.write(f"{len(rows)} row{'s' if len(rows) != 1 else ''}\n")
