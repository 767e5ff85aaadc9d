"""Parallel extraction (a process pool, a local Dask cluster) against the single-process path:
the same extractions article for article, and the same store after an ingest through each."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES, short_tmp
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.errors import ActorgraphError
from actorgraph.graph import open_store
from actorgraph.loaders import ReadFailure, read_sources
from actorgraph.parallel import DaskExtractor, ProcessExtractor, make_extractor
from actorgraph.pipeline import ingest
from actorgraph.schema import Article

SUBSET = 8  # sample articles: enough for several chunks per worker


@pytest.fixture(scope="module")
def corpus() -> Iterator[Path]:
    """A folder with the first sample articles."""
    folder = short_tmp()
    for path in sorted(SAMPLES.glob("*.txt"))[:SUBSET]:
        shutil.copy(path, folder / path.name)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def articles(corpus: Path) -> list[Article]:
    return [a for a in read_sources([corpus]) if not isinstance(a, ReadFailure)]


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A local Dask cluster of two worker processes, for this module."""
    distributed = pytest.importorskip("distributed")  # pinned in the test extra: always there
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessExtractor]:
    with ProcessExtractor(workers=2, chunk_size=3) as extractor:
        yield extractor


def test_pool_matches_single_process(extractor, pool, articles) -> None:
    expected = list(extractor.extract_many(articles))
    got = list(pool.extract_many(articles))
    assert [e.article.id for e in got] == [a.id for a in articles]
    assert got == expected
    assert pool.name == extractor.name
    assert sum(len(e.claims) for e in got) > 0


def test_pool_takes_a_generator(extractor, pool, articles) -> None:
    """A stream (not a list) is chunked as it comes and still returned in order."""
    expected = list(extractor.extract_many(articles))
    assert list(pool.extract_many(a for a in articles)) == expected


def test_dask_matches_single_process(extractor, dask_scheduler, articles) -> None:
    expected = list(extractor.extract_many(articles))
    with DaskExtractor(dask_scheduler, chunk_size=3) as remote:
        got = list(remote.extract_many(articles))
        assert remote.name == extractor.name
    assert got == expected


def _contents(url: str) -> tuple[list, list, list, dict]:
    with open_store(url) as store:
        return (
            list(store.iter_extractions()),
            list(store.iter_actors()),
            list(store.iter_edges()),
            store.stats().as_dict(),
        )


@pytest.mark.slow
def test_ingest_through_each_engine_writes_the_same_store(
    extractor, pool, dask_scheduler, corpus
) -> None:
    folders = [short_tmp() for _ in range(3)]
    try:
        urls = [f"falkordb://{f}" for f in folders]
        with DaskExtractor(dask_scheduler) as remote:
            for url, engine in zip(urls, (extractor, pool, remote), strict=True):
                with open_store(url) as store:
                    report = ingest([corpus], store, batch_size=5, extractor=engine)
                assert report.written == SUBSET
        single, *others = [_contents(url) for url in urls]
        assert single[3]["edges"] > 0
        for other in others:
            assert other == single
    finally:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def test_bad_options_are_one_line_errors() -> None:
    with pytest.raises(ActorgraphError, match="at least 1"):
        make_extractor(workers=0)
    with pytest.raises(ActorgraphError, match="unknown --engine"):
        make_extractor(engine="spark")
    with pytest.raises(ActorgraphError, match="needs --scheduler"):
        make_extractor(engine="dask")


def test_cli_dask_without_scheduler_says_so(corpus, data_dir) -> None:
    """An unreachable scheduler: one line, exit 1, nothing written."""
    url = f"falkordb://{data_dir}"
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["ingest", str(corpus), "--store", url, "--engine", "dask",
         "--scheduler", "tcp://127.0.0.1:9"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "no Dask scheduler answers at" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["ingest", str(corpus), "--store", url, "--workers", "0"])
    assert result.exit_code == 2  # a usage error: the option's range is declared
    assert "Invalid value for '--workers'" in " ".join(result.output.split())
    with open_store(url) as store:
        assert store.stats().articles == 0


def test_cli_ingest_with_two_workers(corpus, data_dir, extractor) -> None:
    url = f"falkordb://{data_dir}"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--store", url, "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert f"{SUBSET} articles written" in result.output
    with open_store(url) as store:
        assert {e.extractor for e in store.iter_extractions()} == {extractor.name}
