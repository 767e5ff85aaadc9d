"""Everything between a source and an Extraction: readers, the NLP pipeline, the extractor."""

from actorgraph.loaders.extract import Extractor
from actorgraph.loaders.readers import ReadFailure, iter_files, read_file, read_sources

__all__ = ["Extractor", "ReadFailure", "iter_files", "read_file", "read_sources"]
