"""Exceptions raised by bilateral. Library code raises these; only the CLI prints them.

    BilateralError
     ├── ModelNotInstalledError   the English spaCy model is missing
     ├── DataFileError            a lexicon or gazetteer file is malformed (file and line)
     ├── InputError               an input document, file or line cannot be read
     │    └── UnsupportedInputError   a file type bilateral does not read
     ├── StoreError               the database cannot be opened, migrated or written
     └── ClusterError             Dask is missing, or the cluster cannot be reached
"""

from __future__ import annotations


class BilateralError(Exception):
    """Base class of every error bilateral raises on purpose."""


class ModelNotInstalledError(BilateralError):
    """The English spaCy model is not installed."""


class DataFileError(BilateralError):
    """A packaged or user-supplied data file (lexicon, gazetteer) has a bad entry."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


class InputError(BilateralError):
    """An input file, line or page cannot be read as a document."""

    def __init__(self, location: str, reason: str) -> None:
        self.location, self.reason = location, reason
        super().__init__(f"{location}: {reason}")


class UnsupportedInputError(InputError):
    """The input's file type is not one bilateral reads."""


class StoreError(BilateralError):
    """The DuckDB store cannot be opened, migrated or written."""


class ClusterError(BilateralError):
    """A Dask run cannot start: dask/distributed are not installed or the scheduler is unreachable."""
