"""Which steps a relationship can take, and which ones a reader should check.

A membership moves dialogue_partner/observer -> applicant -> accession_started -> member, and from
member to suspended or withdrawn; diplomatic relations move between established (or restored),
downgraded and severed; a partnership moves along the ladder of one of its parties
(data/ledger/ladders.yaml). A step that goes back, or skips what must come before it, is kept
(the text may be right, or a report may be missing) but flagged, so that `relations` can show it.
"""

from __future__ import annotations

from bilateral.ledger.relations import partnership_rank

MEMBERSHIP_STAGES = {"dialogue_partner": 0, "observer": 1, "applicant": 2, "accession_started": 3, "member": 4}
RELATION_LEVELS = {"severed": 0, "downgraded": 1, "established": 2, "restored": 2}
# Values that say the same about a relationship: relations restored are relations established.
_SAME = {"diplomatic_relations": {"restored": "established"}}


def canonical_value(kind: str, value: str) -> str:
    """The value with aliases resolved (relations "restored" are relations "established")."""
    return _SAME.get(kind, {}).get(value, value)


def same_state(kind: str, parties: tuple[str, str], a: str, b: str) -> bool:
    """Two values that say the same: relations restored are relations established; designations on
    one rung of a ladder ("... partnership" and "... partnership for a new era") are one designation."""
    if canonical_value(kind, a) == canonical_value(kind, b):
        return True
    if kind == "partnership":
        rank_a, ladder_a = partnership_rank(parties, a)
        return rank_a is not None and (rank_a, ladder_a) == partnership_rank(parties, b)
    return False


def transition(kind: str, parties: tuple[str, str], previous: str | None, value: str) -> str | None:
    """None for an expected step; otherwise what a reader should check."""
    if previous is None:
        return None
    if kind == "membership":
        return _membership_step(previous, value)
    if kind == "diplomatic_relations":
        if previous == "severed" and value == "downgraded":
            return "skips: downgraded after severed, with no restoration recorded"
        return None
    if kind == "partnership":
        return _partnership_step(parties, previous, value)
    return None


def _membership_step(previous: str, value: str) -> str | None:
    if value == "suspended" and previous != "member":
        return f"skips: suspended from {previous}, with no membership recorded"
    if previous in {"suspended", "withdrawn"} or value == "withdrawn":
        return None
    before, after = MEMBERSHIP_STAGES.get(previous), MEMBERSHIP_STAGES.get(value)
    if before is not None and after is not None and after < before:
        return f"goes back: {previous} -> {value}"
    return None


def _partnership_step(parties: tuple[str, str], previous: str, value: str) -> str | None:
    before, ladder = partnership_rank(parties, previous)
    after, ladder_after = partnership_rank(parties, value)
    if before is None or after is None or ladder != ladder_after:
        return None
    if after > before:
        return f"goes back: downgrade on {ladder}'s ladder ({previous} -> {value})"
    if before - after > 2:
        return f"skips {before - after - 1} rungs of {ladder}'s ladder"
    return None
