"""Shared fixtures: real embedded FalkorDB stores in short temporary folders, and sample data."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.graph import Store, open_store
from actorgraph.loaders import Extractor

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "actorgraph" / "samples"
FIXTURES = Path(__file__).parent / "fixtures"


def short_tmp() -> Path:
    """A temporary folder short enough for a Unix socket path (108 bytes at most)."""
    return Path(tempfile.mkdtemp(prefix="ag-", dir="/tmp"))


@pytest.fixture
def data_dir() -> Iterator[Path]:
    folder = short_tmp()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def store_url(data_dir: Path) -> str:
    return f"falkordb://{data_dir}"


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A fresh, empty store of each backend (FalkorDB for now)."""
    graph = open_store(store_url)
    yield graph
    graph.close()


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()
