"""What the pages and charts show of a relationship, read from the documented JSON form of
`relations()` and `partners()` (docs/ledger.md). Everything that depends on the shape of those
results is here, so that a change to the ledger's output is adapted in one module.
"""

from __future__ import annotations

from typing import Any

from bilateral.analysis.relations import partners, relations
from bilateral.store import Store


def dyad_summary(store: Store, a: str, b: str) -> dict[str, Any]:
    """The current partnership (label, since, rank, whose ladder), diplomatic status, shared
    memberships and the dated ledger timeline with each report's document and sentence."""
    rel = relations(store, a, b).to_json()
    p = rel.get("partnership")
    d = rel.get("diplomatic_status")
    timeline = [{
        "date": e.get("date"), "date_precision": e.get("date_precision"), "date_source": e.get("date_source"),
        "kind": e["kind"], "parties": e["parties"], "value": e.get("value"), "change": e.get("change"),
        "rank": e.get("rank"), "report_count": e.get("report_count"), "source_count": e.get("source_count"),
        "flag": e.get("flag"),
        "reports": [{"doc_id": r["doc_id"], "sentence": r["sentence"], "evidence": r.get("evidence")}
                    for r in e.get("reports", [])],
    } for e in rel.get("history", [])]
    return {
        "parties": rel["parties"],
        "as_of": rel.get("as_of"),
        "partnership": {"label": p["value"], "since": p.get("date"), "rank": p.get("rank"),
                        "ladder": p.get("ladder")} if p else None,
        "diplomatic_relations": {"status": d.get("value"), "since": d.get("date")} if d else None,
        "shared_memberships": rel.get("shared_memberships", []),
        "memberships": rel.get("memberships", {}),
        "timeline": timeline,
        # Per change whose reports disagree: what it says and when, then each disagreeing report.
        "conflicting_reports": [
            [f"{e['value']} ({e.get('date') or 'undated'})"]
            + [f"{c.get('value', e['value'])} ({c['date']}, {c['doc_id']})" for c in e["conflicts"]]
            for e in rel.get("history", []) if e.get("conflicts")
        ],
    }


def ledger_marks(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dated ledger entries as chart marks: placed at the first day of the span their date
    covers ("2015" at 2015-01-01) and labelled with the date as written."""
    marks = []
    for e in timeline:
        if not e["date"]:
            continue
        written = e["date"]
        placed = written + {4: "-01-01", 7: "-01"}.get(len(written), "")
        what = {"partnership": "partnership", "membership": "in", "diplomatic_relations": "relations"}[e["kind"]] \
            if e["kind"] in ("partnership", "membership", "diplomatic_relations") else e["kind"]
        if e["kind"] == "membership":
            text = f"{e['parties'][0]} {what} {e['parties'][1]}: {e['value']}"
        else:
            text = f"{what}: {e['value']}"
        marks.append({"date": placed[:10], "label_date": written, "text": _short(text, 64)})
    return marks


def country_summary(store: Store, code: str) -> dict[str, Any]:
    """A state's partners by ladder rank (highest first) and its memberships."""
    rows = partners(store, code)
    return {
        "partners": [{"partner": r["partner"], "label": r["label"], "since": r.get("since"), "rank": r.get("rank"),
                      "ladder": r.get("ladder"), "reports": r.get("reports")}
                     for r in rows if r["kind"] == "partnership"],
        "memberships": [{"organization": r["organization"], "status": r["status"], "since": r.get("since"),
                         "reports": r.get("reports")} for r in rows if r["kind"] == "membership"],
    }


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
