"""bilateral: political events and the ledger of relations between states, from news text."""

from __future__ import annotations

__version__ = "0.1.0"

from bilateral.errors import BilateralError  # noqa: E402
from bilateral.model import SCHEMA_VERSION, Actor, CodedDocument, Document, Event, LedgerFact  # noqa: E402

_ANALYSIS = {"dyad_series", "events_frame", "ledger_frame", "network", "open_store", "partners", "relations",
             "resolve_country"}


def __getattr__(name: str) -> object:
    # The pipeline and the store import spaCy and DuckDB: load them only when asked for.
    if name == "Coder":
        from bilateral.pipeline import Coder

        return Coder
    if name == "Store":
        from bilateral.store import Store

        return Store
    if name in _ANALYSIS:
        from bilateral import analysis

        return getattr(analysis, name)
    if name == "export_file":
        from bilateral.export import export_file

        return export_file
    if name == "code_into":
        from bilateral.coding import code_into

        return code_into
    if name == "read_inputs":
        from bilateral.ingest import read_inputs

        return read_inputs
    raise AttributeError(f"module 'bilateral' has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION", "Actor", "BilateralError", "CodedDocument", "Coder", "Document", "Event", "LedgerFact",
    "Store", "__version__", "code_into", "dyad_series", "events_frame", "export_file", "ledger_frame",
    "network", "open_store",
    "partners", "read_inputs", "relations", "resolve_country",
]
