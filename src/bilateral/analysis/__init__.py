"""Questions over the store: the state of a relationship, the ladder of a state's partners."""

from __future__ import annotations

from bilateral.analysis.relations import partners, relations

__all__ = ["partners", "relations"]
