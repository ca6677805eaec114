"""`relations(store, A, B)` and `partners(store, A)`: what the ledger says about relationships."""

from __future__ import annotations

from typing import Any

from bilateral.ledger.relations import Relationship, conflicts, group_reports, latest, partnership_rank
from bilateral.store import Store

QUADS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


def relations(store: Store, a: str, b: str) -> Relationship:
    """The current partnership and its rank, diplomatic status, shared memberships, the dated
    history with its evidence, conflicting reports, and event counts by quad class per month."""
    a, b = a.upper(), b.upper()
    history = group_reports(store.facts_between(a, b))
    rel = Relationship(parties=(a, b), history=history)
    rel.partnership = latest(history, "partnership")
    rel.diplomatic_status = latest(history, "diplomatic_relations")
    rel.conflicts = conflicts(history)
    rel.shared_memberships = _shared_memberships(store, a, b)
    rel.memberships = {code: [r for r in partners(store, code, "membership")] for code in (a, b)}
    months: dict[str, dict[str, Any]] = {}
    for row in store.quad_counts_by_month(a, b):
        entry = months.setdefault(row["month"], {"month": row["month"], **{q: 0 for q in QUADS.values()}})
        entry[QUADS[int(row["quad"])]] = int(row["events"])
    rel.events_by_month = list(months.values())
    return rel


def _shared_memberships(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    def current(code: str) -> dict[str, dict[str, Any]]:
        history = group_reports(store.facts_of(code, "membership"))
        out: dict[str, dict[str, Any]] = {}
        for e in history:  # dated last, so the latest status wins
            org = e["parties"][1] if e["parties"][0] == code else e["parties"][0]
            out[org] = e
        return out

    mine, theirs = current(a), current(b)
    return [{"organization": org, a: mine[org]["status"], b: theirs[org]["status"]}
            for org in sorted(set(mine) & set(theirs))]


def partners(store: Store, a: str, kind: str | None = None) -> list[dict[str, Any]]:
    """The ladder of A's relations: for each partner its latest designation, ranked highest
    first (then by date); with kind="membership", A's organizations and latest status."""
    a = a.upper()
    out = []
    if kind in (None, "partnership"):
        by_partner: dict[str, dict[str, Any]] = {}
        for e in group_reports(store.facts_of(a, "partnership")):
            partner = e["parties"][1] if e["parties"][0] == a else e["parties"][0]
            by_partner[partner] = e
        for partner, e in by_partner.items():
            rank, ladder = partnership_rank(tuple(e["parties"]), e["label"])
            out.append({"kind": "partnership", "partner": partner, "label": e["label"], "since": e["date"],
                        "rank": rank, "ladder": ladder, "reports": len(e["reports"])})
        out.sort(key=lambda r: (r["rank"] or 99, r["since"] or ""))
    if kind in (None, "membership"):
        orgs: dict[str, dict[str, Any]] = {}
        for e in group_reports(store.facts_of(a, "membership")):
            orgs[e["parties"][1]] = e
        out += [{"kind": "membership", "organization": org, "status": e["status"], "since": e["date"],
                 "reports": len(e["reports"])} for org, e in sorted(orgs.items())]
    return out
