"""The state of a relationship, derived from the ledger's dated history.

Every stored report is kept: a fact confirmed by several documents shows each of them, and
reports that disagree (another label or status for the same relationship and date) are shown side
by side as conflicts, never overwritten. The current partnership is the latest dated designation;
its rank comes from the published ladder of either party (data/ledger/ladders.yaml).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bilateral.datafiles import LINE_KEY, load_yaml, package_data
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
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(str(path), None, "expected a mapping from state code to its ladder")
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
    """Everything the ledger and the events say about two actors."""

    parties: tuple[str, str]
    history: list[dict[str, Any]] = field(default_factory=list)
    partnership: dict[str, Any] | None = None
    diplomatic_status: dict[str, Any] | None = None
    shared_memberships: list[dict[str, Any]] = field(default_factory=list)
    memberships: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # each party's, latest first
    conflicts: list[list[dict[str, Any]]] = field(default_factory=list)
    events_by_month: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "parties": list(self.parties), "partnership": self.partnership,
            "diplomatic_status": self.diplomatic_status, "shared_memberships": self.shared_memberships,
            "memberships": self.memberships,
            "history": self.history, "conflicts": self.conflicts, "events_by_month": self.events_by_month,
        }


def group_reports(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One history entry per distinct fact, with every report (document and sentence) of it."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        key = (r["kind"], r["party_a"], r["party_b"], r["label"] or r["status"], r["fact_date"])
        entry = groups.setdefault(key, {
            "kind": r["kind"], "parties": [r["party_a"], r["party_b"]], "label": r["label"],
            "status": r["status"], "date": r["fact_date"], "date_precision": r["date_precision"],
            "reports": [],
        })
        entry["reports"].append({"doc_id": r["doc_id"], "sentence": r["sentence"], "evidence": r["evidence"]})
    history = sorted(groups.values(), key=lambda e: (e["date"] or "", e["kind"]))
    previous_rank: int | None = None
    for e in history:
        if e["kind"] == "partnership":
            rank, ladder = partnership_rank(tuple(e["parties"]), e["label"])
            e["rank"], e["ladder"] = rank, ladder
            if rank is not None and previous_rank is not None and rank != previous_rank:
                e["change"] = "upgrade" if rank < previous_rank else "downgrade"
            if rank is not None:
                previous_rank = rank
    return history


def conflicts(history: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Reports that disagree: the same relationship given different values for the same date."""
    by_slot: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for e in history:
        if e["date"] is not None:
            by_slot[(e["kind"], tuple(e["parties"]) if e["kind"] != "membership" else tuple(e["parties"]),
                     e["date"])].append(e)
    return [entries for entries in by_slot.values()
            if len({x["label"] or x["status"] for x in entries}) > 1]


def latest(history: list[dict[str, Any]], kind: str) -> dict[str, Any] | None:
    dated = [e for e in history if e["kind"] == kind and e["date"]]
    undated = [e for e in history if e["kind"] == kind and not e["date"]]
    chosen = dated or undated
    return chosen[-1] if chosen else None
