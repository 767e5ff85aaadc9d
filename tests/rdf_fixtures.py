"""The sample corpus, extracted once per session and written into each test's store.

Loaded as a pytest plugin by the RDF, export and SPARQL tests; it builds on the
``store`` fixture of conftest.py, so these tests run on every backend it offers.
"""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from actorgraph.graph import Store
from actorgraph.loaders import Extractor, read_sources
from actorgraph.schema import Extraction


@pytest.fixture(scope="session")
def sample_extractions(extractor: Extractor) -> list[Extraction]:
    return list(extractor.extract_many(list(read_sources([str(SAMPLES)]))))


@pytest.fixture
def sample_store(store: Store, sample_extractions: list[Extraction]) -> Store:
    """The test's store holding the bundled sample corpus."""
    store.write(sample_extractions)
    return store
