"""Progress a user sees: a total when it is known, and lines in a log (no terminal)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.cli.progress import STEP, ProgressLines
from actorgraph.loaders.readers import count_items

runner = CliRunner()

STORY = (
    "Acme Corp {n} sold cameras to the Ruritania police in {n}, the company said on Monday.\n"
    "Globex {n} criticized Acme Corp {n} for the sale.\n"
)


def _folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(n):
        words = " ".join(f"w{i}x{j}" for j in range(40))  # distinct texts: no near-duplicates
        (folder / f"a{i:02d}.txt").write_text(f"Story {i}\n\n{STORY.format(n=i)}{words}\n")
    return folder


def test_a_folder_of_text_files_counts_one_item_a_file(tmp_path):
    folder = _folder(tmp_path, 3)
    (folder / "skipped.bin").write_bytes(b"\0")  # no reader: not listed
    assert count_items([folder]) == 3
    assert count_items([folder, tmp_path / "missing.txt"]) == 4  # a failure in its place


def test_a_source_that_may_hold_many_articles_has_no_total(tmp_path):
    folder = _folder(tmp_path, 2)
    (folder / "more.csv").write_text("text\nAcme sold cameras.\n")
    assert count_items([folder]) is None
    assert count_items(["-"]) is None
    assert count_items(["https://example.org/news"]) is None


def test_lines_at_every_tenth_of_a_known_total():
    lines: list[str] = []
    progress = ProgressLines("ingesting", 40, lines.append)
    for _ in range(10):
        progress.advance(4)
    assert [line.split(",")[0] for line in lines] == [
        f"ingesting: {n}/40 ({n * 100 // 40}%)" for n in range(4, 41, 4)
    ]


def test_no_lines_for_a_small_run_and_a_line_every_step_without_a_total():
    small: list[str] = []
    few = ProgressLines("ingesting", 5, small.append)
    for _ in range(5):
        few.advance(1)
    assert small == []
    counted: list[str] = []
    unknown = ProgressLines("extracting", None, counted.append)
    for _ in range(STEP * 2 + 5):
        unknown.advance(1)
    assert [line.split(",")[0] for line in counted] == [
        f"extracting: {STEP}",
        f"extracting: {2 * STEP}",
    ]


def test_ingest_without_a_terminal_logs_progress_against_the_total(tmp_path, falkordb_url):
    folder = _folder(tmp_path, 24)
    result = runner.invoke(
        app, ["--store", falkordb_url, "ingest", str(folder), "--batch-size", "6"]
    )
    assert result.exit_code == 0, result.output
    progress = [line for line in result.stderr.splitlines() if line.startswith("ingesting: ")]
    assert [line.split(",")[0] for line in progress] == [
        "ingesting: 6/24 (25%)",
        "ingesting: 12/24 (50%)",
        "ingesting: 18/24 (75%)",
        "ingesting: 24/24 (100%)",
    ]
    assert "24 articles written" in result.stdout
