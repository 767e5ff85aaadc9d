"""The README documents the CLI: every command and every long option appears in it."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from actorgraph.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _options(command) -> list[str]:
    return [o for p in command.params for o in p.opts if o.startswith("--") and o != "--help"]


def test_every_command_is_in_the_readme():
    commands = typer.main.get_command(app).commands
    assert {"ingest", "query", "export"} <= set(commands)  # the app's commands are found
    assert [name for name in sorted(commands) if f"actorgraph {name}" not in README] == []


def test_every_option_is_in_the_readme():
    root = typer.main.get_command(app)
    missing = [f"actorgraph {option}" for option in _options(root) if option not in README]
    for name, command in sorted(root.commands.items()):
        missing += [
            f"actorgraph {name} {option}"
            for option in _options(command)
            if not re.search(re.escape(option) + r"(?![\w-])", README)
        ]
    assert missing == []
