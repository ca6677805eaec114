"""Partnership ladders and the shape of a relationship as `relations` answers it.

The relationship is read from reconciled changes (bilateral.ledger.changes): every stored report is
kept, under the change it reports; stated dates that disagree are kept as conflicts, never
overwritten. A partnership's rank comes from the published ladder of either party
(data/ledger/ladders.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bilateral.datafiles import LINE_KEY, load_yaml_list, load_yaml_mapping, package_data
from bilateral.errors import DataFileError


@dataclass(frozen=True)
class Ladder:
    state: str
    source: str
    tiers: tuple[tuple[str, ...], ...]  # highest first; each tier: its labels

    def rank(self, label: str) -> int | None:
        """1 for the highest tier; None when the label is not on this ladder."""
        for i, labels in enumerate(self.tiers, start=1):
            if label in labels:
                return i
        return None


@lru_cache(maxsize=1)
def ladders() -> dict[str, Ladder]:
    path = package_data("ledger", "ladders.yaml")
    data = load_yaml_mapping(path, "a mapping from state code to its ladder")
    out = {}
    for state, spec in data.items():
        if state == LINE_KEY:
            continue
        try:
            tiers = tuple(tuple([t["label"], *(t.get("also") or [])]) for t in spec["tiers"])
            out[state] = Ladder(state, " ".join(str(spec.get("source", "")).split()), tiers)
        except (KeyError, TypeError) as exc:
            raise DataFileError(str(path), spec.get(LINE_KEY) if isinstance(spec, dict) else None,
                                f"ladder {state}: needs tiers with a label each ({exc})") from exc
    return out


@lru_cache(maxsize=1)
def organization_codes() -> frozenset[str]:
    """Codes of the organizations the gazetteer knows: the B of "A in B" memberships."""
    return frozenset(str(rec["code"]) for rec in load_yaml_list(package_data("actors", "organizations.yaml")))


def partnership_rank(parties: tuple[str, ...], label: str) -> tuple[int | None, str | None]:
    """The rank of a designation on the ladder of one of its parties, and whose ladder that is."""
    for state in parties:
        ladder = ladders().get(state)
        if ladder is not None:
            rank = ladder.rank(label)
            if rank is not None:
                return rank, state
    return None, None


@dataclass
class Relationship:
    """Everything the ledger and the events say about two actors, as of one day."""

    parties: tuple[str, str]
    history: list[dict[str, Any]] = field(default_factory=list)  # one entry per change, oldest first
    as_of: str | None = None
    partnership: dict[str, Any] | None = None
    diplomatic_status: dict[str, Any] | None = None
    membership: dict[str, Any] | None = None  # A's status in B, when B is an organization
    organization: bool = False  # B is an organization: A's membership of it is what there is to know
    shared_memberships: list[dict[str, Any]] = field(default_factory=list)
    memberships: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # each party's
    conflicts: list[dict[str, Any]] = field(default_factory=list)  # changes whose reports disagree on the date
    flagged: list[dict[str, Any]] = field(default_factory=list)  # changes whose step a reader should check
    events_by_month: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "parties": list(self.parties), "as_of": self.as_of, "partnership": self.partnership,
            "diplomatic_status": self.diplomatic_status, "organization": self.organization, "membership": self.membership,
            "shared_memberships": self.shared_memberships, "memberships": self.memberships,
            "history": self.history, "conflicts": [e["change_id"] for e in self.conflicts],
            "flagged": [e["change_id"] for e in self.flagged], "events_by_month": self.events_by_month,
        }
