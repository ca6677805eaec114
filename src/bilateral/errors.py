"""Exceptions raised by bilateral. Library code raises these; only the CLI prints them.

    BilateralError
     ├── ModelNotInstalledError   the English spaCy model is missing
     ├── DataFileError            a lexicon or gazetteer file is malformed (file and line)
     ├── InputError               an input document, file or line cannot be read
     │    ├── UnsupportedInputError   a file type bilateral does not read
     │    └── CodingError             a document could not be coded (a bug, or its worker died)
     ├── StoreError               the database cannot be opened, migrated or written
     │    └── OutdatedStoreError      opened read-only, but its schema is not this bilateral's
     ├── UnknownActorError        a country or actor named in a filter is not in the gazetteer
     ├── ExportError              an export format or output file cannot be used
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


class CodingError(InputError):
    """A document could not be coded: the coder failed on it, or the worker coding it died."""


class StoreError(BilateralError):
    """The DuckDB store cannot be opened, migrated or written."""


class OutdatedStoreError(StoreError):
    """A database opened read-only has another schema version than this bilateral writes."""


class UnknownActorError(BilateralError):
    """A country or organization named by a user (a filter argument) is not one the gazetteer
    knows; the message lists the nearest names."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        self.text, self.suggestions = text, suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else \
            "; give an ISO 3166-1 alpha-3 code, a country name or a demonym (see `bilateral actors list`)"
        super().__init__(f"unknown country or actor {text!r}{hint}")


class ExportError(BilateralError):
    """An export cannot be written: unknown format, or the output file cannot be created."""


class ClusterError(BilateralError):
    """A Dask run cannot start: dask/distributed are not installed or the scheduler is unreachable."""
