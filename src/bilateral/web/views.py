"""What each page shows, as plain data: the HTML page renders it and the JSON API returns it, so
the two never disagree (datasette's one-view-two-formats). Every list is one page of rows with
the numbers needed to page on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bilateral.actors.names import actor_names, resolve_country
from bilateral.analysis.charts import dyad_chart, network_chart, network_title
from bilateral.analysis.frames import dyad_series, events_frame, network
from bilateral.analysis.relationship_summary import country_summary, dyad_summary, ledger_marks
from bilateral.store import Store, event_filters
from bilateral.web import queries
from bilateral.web.highlight import Span, event_spans, fact_spans, find_words, segments

MAX_PAGE_SIZE = 500


def paging(page: int, per_page: int, total: int) -> dict[str, Any]:
    """Page numbers for a list of `total` rows shown `per_page` at a time."""
    pages = max(1, -(-total // per_page))
    return {"page": page, "per_page": per_page, "total": total, "pages": pages,
            "previous": page - 1 if page > 1 else None, "next": page + 1 if page < pages else None}


def _offset(page: int, per_page: int) -> int:
    return (page - 1) * per_page


def actor(code: str) -> dict[str, Any]:
    """A code with its gazetteer name, for headings and links."""
    return {"code": code, "name": actor_names().name(code) or code}


def overview(store: Store, page: int = 1, per_page: int = 20) -> dict[str, Any]:
    """The latest events, the most active dyads and the latest ledger changes (one page each)."""
    latest, n_events = queries.latest_events(store, limit=per_page, offset=_offset(page, per_page))
    dyads, n_dyads = queries.active_dyads(store, limit=per_page, offset=_offset(page, per_page))
    changes, n_changes = queries.ledger_changes(store, limit=per_page, offset=_offset(page, per_page))
    for row in dyads:
        row["a_name"], row["b_name"] = actor(row["a"])["name"], actor(row["b"])["name"]
    return {"counts": store.counts(), "latest_events": latest, "active_dyads": dyads, "ledger_changes": changes,
            "paging": paging(page, per_page, max(n_events, n_dyads, n_changes))}


def events_list(store: Store, *, country: str | None = None, dyad: tuple[str, str] | None = None,
                since: date | None = None, until: date | None = None, event_type: str | None = None,
                page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """One page of events (the shared event record) matching the filters; country arguments may
    be codes, names or demonyms."""
    code = resolve_country(country) if country else None
    pair = (resolve_country(dyad[0]), resolve_country(dyad[1])) if dyad else None
    frame = events_frame(store, country=code, dyad=pair, since=since, until=until, event_type=event_type,
                         limit=per_page, offset=_offset(page, per_page))
    where, params = event_filters(code, pair, since, until, event_type)
    rows = [_with_highlight(e) for e in frame.to_dicts()]
    return {"events": rows, "paging": paging(page, per_page, queries.count_events(store, where, params))}


def _with_highlight(event: dict[str, Any]) -> dict[str, Any]:
    event["segments"] = segments(event["sentence"], event_spans(event, event["sentence_start"], event["sentence"]))
    return event


def dyad(store: Store, a: str, b: str, *, freq: str = "month", page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """The relationship between A and B: the ledger's current state and timeline with evidence,
    the chart of events over time, and one page of events with their sentences highlighted."""
    a, b = resolve_country(a), resolve_country(b)
    summary = dyad_summary(store, a, b)
    series = dyad_series(store, a, b, freq=freq)
    title = f"{actor(a)['name']} – {actor(b)['name']}: events per {freq}"
    marks = ledger_marks(summary["timeline"])
    chart = dyad_chart(series, marks, title=title, freq=freq) if (series.height or marks) else None
    listing = events_list(store, dyad=(a, b), page=page, per_page=per_page)
    for entry in summary["timeline"]:
        for report in entry["reports"]:
            where = find_words(report["sentence"], report.get("evidence"))
            report["segments"] = segments(report["sentence"], [Span(*where, "ledger")] if where else [])
    return {"a": actor(a), "b": actor(b), "freq": freq, **summary, "chart": chart,
            "series": series.to_dicts(), **listing}


def country(store: Store, code: str, *, page: int = 1, per_page: int = 20) -> dict[str, Any]:
    """A state's (or organization's) partners by ladder rank, memberships, event counts and its
    most active dyads."""
    code = resolve_country(code)
    dyads, total = queries.active_dyads(store, country=code, limit=per_page, offset=_offset(page, per_page))
    for row in dyads:
        other = row["b"] if row["a"] == code else row["a"]
        row["partner"] = actor(other)
    partners = country_summary(store, code)
    for row in partners["partners"]:
        row["partner_name"] = actor(row["partner"])["name"]
    return {"actor": actor(code), **partners, "event_counts": queries.event_counts(store, code),
            "dyads": dyads, "paging": paging(page, per_page, total)}


def documents(store: Store, *, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    rows, total = queries.documents(store, limit=per_page, offset=_offset(page, per_page))
    return {"documents": rows, "paging": paging(page, per_page, total)}


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document's text cut into segments at every coded span (event triggers, actors, ledger
    evidence), with its events and ledger facts; None when there is no such document."""
    doc = queries.document(store, doc_id)
    if doc is None:
        return None
    sentences = {s["sentence_index"]: s for s in doc["sentences"]}
    spans: list[Span] = []
    for e in doc["events"]:
        s = sentences.get(e["sentence_index"])
        if s is not None:
            spans += [_shift(sp, s["start_char"]) for sp in event_spans(e, s["start_char"], s["text"])]
    for f in doc["ledger"]:
        s = sentences.get(f["sentence_index"])
        if s is not None:
            spans += [_shift(sp, s["start_char"]) for sp in fact_spans(f, s["text"])]
    doc["segments"] = segments(doc["text"], spans)
    doc["title_segments"] = segments(doc["title"] or "", [])
    return doc


def _shift(span: Span, by: int) -> Span:
    return Span(span.start + by, span.end + by, span.kind, span.title)


def search(store: Store, text: str, *, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """Sentences holding TEXT, the words marked, with the ids of the events coded from them."""
    rows, total = queries.search(store, text, limit=per_page, offset=_offset(page, per_page))
    for row in rows:
        spans, at = [], 0
        while text and (where := find_words(row["sentence"], text, at)):
            spans.append(Span(where[0], where[1], "match"))
            at = where[1]
        row["segments"] = segments(row["sentence"], spans)
    return {"query": text, "results": rows, "paging": paging(page, per_page, total)}


def network_view(store: Store, *, since: date | None = None, until: date | None = None, page: int = 1,
                 per_page: int = MAX_PAGE_SIZE, chart: bool = True) -> dict[str, Any]:
    """The relations network of a period: every actor in it (as many as the gazetteer knows at
    most), one page of its directed pairs, busiest first, and the chart of the whole network."""
    graph = network(store, since=since, until=until)
    nodes = [{"code": n, **data} for n, data in sorted(graph.nodes(data=True))]
    edges = sorted(({"source": u, "target": v, **data} for u, v, data in graph.edges(data=True)),
                   key=lambda e: (-e.get("events", 0), e["source"], e["target"]))
    drawn = network_chart(graph, title=network_title(since, until)) if chart and any(
        e.get("events") for e in edges) else None
    return {"since": since, "until": until, "nodes": nodes, "edges": edges[_offset(page, per_page):][:per_page],
            "chart": drawn, "paging": paging(page, per_page, len(edges))}
