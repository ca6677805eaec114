"""Read-only questions the web pages ask that the analysis API does not: documents and their
coded spans, full-text search, the most active dyads and the latest ledger changes.

Every query binds its values as parameters; none builds SQL from user text. Each list takes
`limit` and `offset` and returns `(rows, total)` so that pages can be numbered.
"""

from __future__ import annotations

from typing import Any

from bilateral.store import Store

Page = tuple[list[dict[str, Any]], int]


def _dicts(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    rel = store.query(sql, params)
    return [dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall()]


def _count(store: Store, sql: str, params: list[Any]) -> int:
    rows = store.query(f"SELECT count(*) FROM ({sql})", params).fetchall()
    return int(rows[0][0]) if rows else 0


def count_events(store: Store, where: list[str], params: list[Any]) -> int:
    """How many events match filters built by bilateral.store.event_filters (for page numbers)."""
    return _count(store, f"SELECT 1 FROM events e {'WHERE ' + ' AND '.join(where) if where else ''}", params)


def documents(store: Store, *, limit: int = 50, offset: int = 0) -> Page:
    """Coded documents, newest publication first, with how many events and facts each gave."""
    sql = ("SELECT d.doc_id, d.title, d.url, d.source, d.pub_date, "
           "(SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events, "
           "(SELECT count(*) FROM ledger_facts f WHERE f.doc_id = d.doc_id) AS ledger_facts "
           "FROM documents d")
    rows = _dicts(store, sql + " ORDER BY d.pub_date DESC NULLS LAST, d.doc_id LIMIT ? OFFSET ?", [limit, offset])
    return rows, _count(store, sql, [])


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """One document with its sentences, events and ledger facts (offsets into `text`)."""
    found = _dicts(store, "SELECT doc_id, title, url, source, origin, pub_date, translated, text, coded_at, "
                          "coder_version FROM documents WHERE doc_id = ?", [doc_id])
    if not found:
        return None
    doc = found[0]
    doc["sentences"] = _dicts(store, "SELECT sentence_index, text, start_char, end_char FROM sentences "
                                     "WHERE doc_id = ? ORDER BY sentence_index", [doc_id])
    doc["events"] = _dicts(store, "SELECT event_id, sentence_index, event_type, cameo, goldstein, quad, "
                                  "source_code, source_sector, source_text, target_code, target_sector, "
                                  "target_text, event_date, date_precision, modality, trigger, trigger_start, "
                                  "trigger_end FROM events WHERE doc_id = ? "
                                  "ORDER BY sentence_index, trigger_start", [doc_id])
    doc["ledger"] = _dicts(store, "SELECT fact_id, kind, party_a, party_b, label, status, fact_date, "
                                  "date_precision, sentence_index, evidence FROM ledger_facts WHERE doc_id = ? "
                                  "ORDER BY sentence_index", [doc_id])
    return doc


def search(store: Store, text: str, *, limit: int = 50, offset: int = 0) -> Page:
    """Sentences that contain `text` (case-insensitive), with the events coded from them."""
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sql = ("SELECT s.doc_id, s.sentence_index, s.text AS sentence, d.title, d.pub_date, "
           "list(e.event_id ORDER BY e.trigger_start) FILTER (WHERE e.event_id IS NOT NULL) AS event_ids "
           "FROM sentences s JOIN documents d USING (doc_id) "
           "LEFT JOIN events e USING (doc_id, sentence_index) "
           "WHERE s.text ILIKE ? ESCAPE '\\' "
           "GROUP BY s.doc_id, s.sentence_index, s.text, d.title, d.pub_date")
    params = [pattern]
    rows = _dicts(store, sql + " ORDER BY d.pub_date DESC NULLS LAST, s.doc_id, s.sentence_index "
                               "LIMIT ? OFFSET ?", [*params, limit, offset])
    return rows, _count(store, sql, params)


def active_dyads(store: Store, *, country: str | None = None, limit: int = 20, offset: int = 0) -> Page:
    """Pairs of actors with the most events between them (either direction), with counts per
    quad class and the mean Goldstein score."""
    where, params = ["source_code IS NOT NULL", "target_code IS NOT NULL", "source_code <> target_code"], []
    if country:
        where.append("(source_code = ? OR target_code = ?)")
        params += [country, country]
    sql = ("SELECT least(source_code, target_code) AS a, greatest(source_code, target_code) AS b, "
           "count(*) AS events, "
           "count(*) FILTER (WHERE quad = 1) AS verbal_coop, count(*) FILTER (WHERE quad = 2) AS material_coop, "
           "count(*) FILTER (WHERE quad = 3) AS verbal_conflict, "
           "count(*) FILTER (WHERE quad = 4) AS material_conflict, "
           "round(avg(goldstein), 2) AS goldstein_mean, max(event_date) AS latest "
           f"FROM events WHERE {' AND '.join(where)} GROUP BY 1, 2")
    rows = _dicts(store, sql + " ORDER BY events DESC, a, b LIMIT ? OFFSET ?", [*params, limit, offset])
    return rows, _count(store, sql, params)


def latest_events(store: Store, *, limit: int = 20, offset: int = 0) -> Page:
    """Events, the most recently dated first, each with its sentence and document title."""
    sql = ("SELECT e.event_id, e.doc_id, e.event_type, e.cameo, e.goldstein, e.quad, e.source_code, "
           "e.target_code, e.event_date, e.date_precision, e.modality, s.text AS sentence, d.title "
           "FROM events e JOIN sentences s USING (doc_id, sentence_index) JOIN documents d USING (doc_id)")
    rows = _dicts(store, sql + " ORDER BY e.date_end DESC NULLS LAST, e.doc_id, e.sentence_index, "
                               "e.trigger_start LIMIT ? OFFSET ?", [limit, offset])
    return rows, _count(store, sql, [])


def ledger_changes(store: Store, *, limit: int = 20, offset: int = 0) -> Page:
    """Ledger facts, the most recently dated first, with the document that reported them."""
    sql = ("SELECT f.fact_id, f.doc_id, f.kind, f.party_a, f.party_b, f.label, f.status, f.fact_date, "
           "f.date_precision, f.evidence, d.title FROM ledger_facts f JOIN documents d USING (doc_id)")
    rows = _dicts(store, sql + " ORDER BY f.fact_date DESC NULLS LAST, f.doc_id, f.fact_id LIMIT ? OFFSET ?",
                  [limit, offset])
    return rows, _count(store, sql, [])


def event_counts(store: Store, code: str) -> dict[str, Any]:
    """How many events an actor took part in, as source and as target, by quad class."""
    rows = _dicts(store, "SELECT quad, count(*) FILTER (WHERE source_code = ?) AS as_source, "
                         "count(*) FILTER (WHERE target_code = ?) AS as_target FROM events "
                         "WHERE source_code = ? OR target_code = ? GROUP BY quad ORDER BY quad",
                  [code, code, code, code])
    return {"by_quad": rows, "as_source": sum(r["as_source"] for r in rows),
            "as_target": sum(r["as_target"] for r in rows)}
