"""`relations(store, A, B)` and `partners(store, A)`: what the ledger says about relationships,
as of any day, from the reports the store has grouped into changes (bilateral.ledger.changes)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from bilateral.ledger.relations import Relationship, organization_codes, partnership_rank
from bilateral.store import Store

QUADS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


def relations(store: Store, a: str, b: str, as_of: date | None = None) -> Relationship:
    """The relationship between A and B as it stood on `as_of` (default: today): partnership and
    its rank, diplomatic status, A's status in B when B is an organization, each party's and their
    shared memberships, one history entry per change with all its reports, conflicting reports,
    and event counts by quad class per month."""
    a, b = a.upper(), b.upper()
    if a in organization_codes() and b not in organization_codes():
        a, b = b, a  # a membership reads state first: "BLR in SCO"
    day = (as_of or date.today()).isoformat()
    rows = [r for r in store.changes(a, b) if {r["party_a"], r["party_b"]} == {a, b}]
    reports = _reports_by_fact(store, rows)
    history = [_entry(r, reports) for r in rows if _in_effect(r, day)]
    rel = Relationship(parties=(a, b), history=history, as_of=day)
    rel.partnership = _current(history, "partnership")
    rel.diplomatic_status = _current(history, "diplomatic_relations")
    rel.membership = _current(history, "membership")
    rel.organization = rel.membership is not None or b in organization_codes()
    rel.conflicts = [e for e in history if e["conflicts"]]
    rel.flagged = [e for e in history if e["flag"]]
    if not rel.organization:  # two states: each one's organizations, and the ones they share
        rel.memberships = {code: partners(store, code, "membership", as_of) for code in (a, b)}
        theirs = {m["organization"]: m for m in rel.memberships[b]}
        rel.shared_memberships = [{"organization": m["organization"], a: m["status"], b: theirs[m["organization"]]["status"]}
                                  for m in rel.memberships[a] if m["organization"] in theirs]
    rel.events_by_month = _events_by_month(store, a, b, day)
    return rel


def partners(store: Store, a: str, kind: str | None = None, as_of: date | None = None) -> list[dict[str, Any]]:
    """A's relations as they stood on `as_of` (default: today): each partner's designation, highest
    rank first (then oldest); with kind="membership", A's organizations and status in each (for an
    organization, its members and theirs)."""
    a = a.upper()
    day = (as_of or date.today()).isoformat()
    out: list[dict[str, Any]] = []
    if kind in (None, "partnership"):
        for partner, rows in _by_counterpart(store, a, "partnership").items():
            now = _state(rows, day)
            if now is None:
                continue
            rank, ladder = partnership_rank((now["party_a"], now["party_b"]), now["value"])
            out.append({"kind": "partnership", "partner": partner, "label": now["value"], "since": now["change_date"],
                        "date_source": now["date_source"], "known_by": now["effective_date"], "rank": rank, "ladder": ladder,
                        "reports": now["report_count"], "flag": now["transition_flag"]})
        out.sort(key=lambda r: (r["rank"] or 99, r["since"] or "", r["partner"]))
    if kind in (None, "membership"):
        organization = a in organization_codes()  # an organization's members, else A's organizations
        rows_by_other = _by_counterpart(store, a, "membership", first_party=not organization)
        for _, rows in sorted(rows_by_other.items()):
            now = _state(rows, day)
            if now is not None:
                out.append({"kind": "membership", "state": now["party_a"], "organization": now["party_b"],
                            "status": now["value"], "since": now["change_date"], "date_source": now["date_source"],
                            "known_by": now["effective_date"], "reports": now["report_count"],
                            "flag": now["transition_flag"]})
    return out


def _in_effect(row: dict[str, Any], day: str) -> bool:
    return row["effective_date"] is not None and str(row["effective_date"]) <= day


def _state(rows: list[dict[str, Any]], day: str) -> dict[str, Any] | None:
    """The change in force on `day`: the latest in effect by then."""
    current = None
    for r in sorted(rows, key=lambda r: str(r["effective_date"] or "")):
        if _in_effect(r, day):
            current = r
    return current


def _by_counterpart(store: Store, a: str, kind: str, first_party: bool | None = None) -> dict[str, list[dict[str, Any]]]:
    """A's series of one kind by the other party; with first_party, only those where A is (or,
    False, is not) the first party: a state's memberships, an organization's members."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.changes(a, kind=kind):
        if first_party is not None and (r["party_a"] == a) != first_party:
            continue  # "SCO in SCO": an organization is not its own member
        out[r["party_b"] if r["party_a"] == a else r["party_a"]].append(r)
    return out


def _current(history: list[dict[str, Any]], kind: str) -> dict[str, Any] | None:
    of_kind = [e for e in history if e["kind"] == kind]
    return of_kind[-1] if of_kind else None


def _reports_by_fact(store: Store, rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.fact_reports([f for row in rows for f in row["fact_ids"]]):
        out[r["fact_id"]].append(r)
    return out


def _entry(row: dict[str, Any], reports: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """One change as `relations` shows it: its value, date and where the date comes from, its
    report counts, the best evidence sentence and every report."""
    parties = (row["party_a"], row["party_b"])
    entry: dict[str, Any] = {
        "change_id": row["change_id"], "kind": row["kind"], "parties": list(parties), "value": row["value"],
        "label": row["value"] if row["kind"] == "partnership" else None,
        "status": None if row["kind"] == "partnership" else row["value"],
        "date": row["change_date"], "date_precision": row["date_precision"], "date_source": row["date_source"],
        "effective_date": row["effective_date"], "report_count": row["report_count"],
        "article_count": row["article_count"], "source_count": row["source_count"],
        "first_report": _iso(row["first_report"]), "last_report": _iso(row["last_report"]),
        "sources": list(row["sources"] or []), "previous": row["previous_value"], "flag": row["transition_flag"],
        "conflicts": [dict(zip(("date", "doc_id", "value"), c.split(" ", 2), strict=False)) for c in row["conflicts"] or []],
    }
    every = [r for f in row["fact_ids"] for r in reports.get(f, [])]
    every.sort(key=lambda r: (_iso(r["pub_date"]) or "", r["doc_id"], r["sentence_index"]))
    entry["reports"] = [{"doc_id": r["doc_id"], "pub_date": _iso(r["pub_date"]), "source": r["source"],
                         "sentence_index": r["sentence_index"], "sentence": r["sentence"], "evidence": r["evidence"],
                         "date": r["report_date"], "date_source": r["date_source"], "date_text": r["date_text"]}
                        for r in every]
    entry["evidence"] = _best_evidence(row, every)
    if row["kind"] == "partnership":
        entry["rank"], entry["ladder"] = partnership_rank(parties, row["value"])
        before, _ = partnership_rank(parties, row["previous_value"]) if row["previous_value"] else (None, None)
        if entry["rank"] is not None and before is not None and entry["rank"] != before:
            entry["change"] = "upgrade" if entry["rank"] < before else "downgrade"
    return entry


def _best_evidence(row: dict[str, Any], every: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The sentence the change's date comes from: its best report's dated sentence."""
    own = [r for r in every if r["fact_id"] == row["best_fact_id"]] or every
    if not own:
        return None
    best = next((r for r in own if r["report_date"] == row["change_date"] and r["date_source"] == row["date_source"]),
                own[0])
    return {"doc_id": best["doc_id"], "sentence": best["sentence"], "date_text": best["date_text"]}


def _events_by_month(store: Store, a: str, b: str, day: str) -> list[dict[str, Any]]:
    months: dict[str, dict[str, Any]] = {}
    for row in store.quad_counts_by_month(a, b):
        if row["month"] > day[:7]:
            continue
        entry = months.setdefault(row["month"], {"month": row["month"], **{q: 0 for q in QUADS.values()}})
        entry[QUADS[int(row["quad"])]] = int(row["events"])
    return list(months.values())


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else (str(value) if value is not None else None)
