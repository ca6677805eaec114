"""Questions over the store: the state of a relationship, the ladder of a state's partners, and
the store as DataFrames and a network (frames)."""

from __future__ import annotations

from bilateral.analysis.frames import (
           dyad_series,
           events_frame,
           ledger_frame,
           network,
           open_store,
           resolve_country,
)
from bilateral.analysis.relations import partners, relations

__all__ = ["dyad_series", "events_frame", "ledger_frame", "network", "open_store", "partners", "relations",
           "resolve_country"]
