"""The ledger's tables: facts with every sentence that reports them, and changes rebuilt from them.

Called inside `Store.write`'s transaction, so a document's facts and the changes they feed are
written together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import duckdb

from bilateral.ledger.changes import Change, reconcile
from bilateral.model import LedgerFact

FACT_COLUMNS = ("fact_id", "doc_id", "kind", "party_a", "party_b", "label", "status", "fact_date",
                "date_precision", "sentence_index", "evidence", "date_source", "date_text", "date_conflicts")
REPORT_COLUMNS = ("fact_id", "doc_id", "sentence_index", "evidence", "report_date", "date_precision",
                  "date_source", "date_text")
CHANGE_COLUMNS = ("change_id", "kind", "party_a", "party_b", "value", "change_date", "date_precision",
                  "date_source", "effective_date", "report_count", "article_count", "source_count",
                  "first_report", "last_report", "sources", "fact_ids", "best_fact_id", "conflicts",
                  "previous_value", "transition_flag")

Series = tuple[str, str, str]  # kind, party_a, party_b
Insert = Callable[[str, Sequence[str], list[tuple[Any, ...]]], None]


def fact_rows(facts: list[LedgerFact]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    facts_out, reports_out = [], []
    for f in facts:
        facts_out.append((f.id, f.doc_id, f.kind, f.parties[0], f.parties[1], f.label, f.status, f.date,
                          f.date_precision, f.sentence_index, f.evidence, f.date_source, f.date_text,
                          list(f.date_conflicts)))
        for r in f.reports or (f.report(),):
            reports_out.append((f.id, f.doc_id, r.sentence_index, r.evidence, r.date, r.date_precision,
                                r.date_source, r.date_text))
    return facts_out, reports_out


def series_of(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> set[Series]:
    """The relationships these documents report on, in one statement for the whole batch (one per
    document was a third of a batch's write time)."""
    rows = con.execute("SELECT DISTINCT kind, party_a, party_b FROM ledger_facts "
                       "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(doc_ids)])
    return {(k, a, b) for k, a, b in rows.fetchall()}


def all_series(con: duckdb.DuckDBPyConnection) -> set[Series]:
    return {(k, a, b) for k, a, b in con.execute("SELECT DISTINCT kind, party_a, party_b FROM ledger_facts").fetchall()}


def refresh_changes(con: duckdb.DuckDBPyConnection, series: set[Series], insert: Insert) -> None:
    """Regroup every report of each series into changes, replacing the series' old changes
    (three statements for all of them: a write touches one or two series, and each statement
    costs more than the rows it moves)."""
    if not series:
        return
    keys = sorted("|".join(s) for s in series)
    match = "list_contains(?, concat_ws('|', kind, party_a, party_b))"
    cur = con.execute(
        "SELECT f.*, d.pub_date, coalesce(d.source, d.doc_id) AS source FROM ledger_facts f "
        f"JOIN documents d USING (doc_id) WHERE {match.replace('kind', 'f.kind').replace('party_', 'f.party_')}",
        [keys])
    names = [c[0] for c in cur.description]
    by_series: dict[Series, list[dict[str, Any]]] = {}
    for row in cur.fetchall():
        report = dict(zip(names, row, strict=True))
        by_series.setdefault((report["kind"], report["party_a"], report["party_b"]), []).append(report)
    con.execute(f"DELETE FROM ledger_changes WHERE {match}", [keys])
    insert("ledger_changes", CHANGE_COLUMNS,
           [change_row(c) for key in sorted(by_series) for c in reconcile(by_series[key])])


def change_row(c: Change) -> tuple[Any, ...]:
    published = sorted(r["pub_date"] for r in c.reports if r.get("pub_date") is not None)
    sources = sorted({str(r["source"]) for r in c.reports})
    return (
        c.id, c.kind, c.parties[0], c.parties[1], c.value, c.date, c.date_precision, c.date_source,
        c.effective, len(c.reports), len({r["doc_id"] for r in c.reports}), len(sources),
        published[0] if published else None, published[-1] if published else None, sources,
        [r["fact_id"] for r in c.reports], c.best["fact_id"] if c.best else None,
        [" ".join(str(x[k]) for k in ("date", "doc_id", "value") if k in x) for x in c.conflicts], c.previous, c.flag,
    )
