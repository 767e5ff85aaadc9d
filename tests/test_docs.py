"""The README documents the CLI (every command and every long option appears in it) and
the repository's layout (a row per top-level folder)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import typer

from actorgraph.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


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


def test_the_layout_table_has_a_row_for_each_top_level_folder_and_no_other():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    folders = {path.split("/")[0] for path in tracked if "/" in path and path[0] != "."}
    layout = README.split("## Layout", 1)[1].split("\n\n")[1]  # the table after the heading
    rows = set(re.findall(r"^\| `([\w.-]+)/` \|", layout, flags=re.MULTILINE))
    assert {"graph", "schema", "loaders", "viz", "tests"} <= folders
    assert rows == folders
