"""The JSON API under /api: the same views as the pages, as JSON. Every list is paged (`page`,
`per_page`) and says how many rows there are in all."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query

from bilateral.analysis.frames import dyad_series, ledger_frame, resolve_country
from bilateral.store import Store
from bilateral.web import views
from bilateral.web.app import StoreDep

router = APIRouter(prefix="/api", tags=["api"])
Page = Query(1, ge=1, description="Page number, from 1.")
PerPage = Query(50, ge=1, le=views.MAX_PAGE_SIZE, description="Rows per page.")
Freq = Literal["day", "week", "month", "year"]


@router.get("/events", summary="Events, filtered and paged")
def events(store: Store = StoreDep, country: str | None = None, a: str | None = Query(None, description="Dyad: one side."),
           b: str | None = Query(None, description="Dyad: the other side."), since: date | None = None,
           until: date | None = None, event_type: str | None = Query(None, alias="type"), page: int = Page,
           per_page: int = PerPage) -> dict[str, Any]:
    """Events in the shared event record (docs/json-output.md), oldest first. An event whose date
    span overlaps [since, until] is kept: one dated "2022-09" is inside since=2022-09-10."""
    if (a is None) != (b is None):
        raise HTTPException(400, "give both a and b for a dyad")
    return views.events_list(store, country=country, dyad=(a, b) if a and b else None, since=since, until=until,
                             event_type=event_type, page=page, per_page=per_page)


@router.get("/dyads", summary="The most active dyads")
def dyads(store: Store = StoreDep, country: str | None = None, page: int = Page, per_page: int = PerPage) -> dict[str, Any]:
    from bilateral.web import queries

    code = resolve_country(country) if country else None
    rows, total = queries.active_dyads(store, country=code, limit=per_page, offset=(page - 1) * per_page)
    return {"dyads": rows, "paging": views.paging(page, per_page, total)}


@router.get("/dyads/{a}/{b}", summary="A relationship: ledger, timeline, chart, events")
def dyad(a: str, b: str, store: Store = StoreDep, freq: Freq = "month", page: int = Page,
         per_page: int = PerPage) -> dict[str, Any]:
    return views.dyad(store, a, b, freq=freq, page=page, per_page=per_page)


@router.get("/dyads/{a}/{b}/series", summary="Dyad time series")
def series(a: str, b: str, store: Store = StoreDep, freq: Freq = "month", directed: bool = False,
           since: date | None = None, until: date | None = None) -> dict[str, Any]:
    """Events per period between A and B: counts per quad class, sum and mean Goldstein."""
    frame = dyad_series(store, resolve_country(a), resolve_country(b), freq=freq, directed=directed,
                        since=since, until=until)
    return {"freq": freq, "directed": directed, "rows": frame.to_dicts()}


@router.get("/dyads/{a}/{b}/chart", summary="The dyad chart as a Vega-Lite specification")
def chart(a: str, b: str, store: Store = StoreDep, freq: Freq = "month") -> Any:
    spec = views.dyad(store, a, b, freq=freq, per_page=1)["chart"]
    if spec is None:
        raise HTTPException(404, f"nothing to draw between {a} and {b}: no events and no dated ledger changes")
    return spec


@router.get("/countries/{code}", summary="A country: partners by rank, memberships, event counts")
def country(code: str, store: Store = StoreDep, page: int = Page, per_page: int = PerPage) -> dict[str, Any]:
    return views.country(store, code, page=page, per_page=per_page)


@router.get("/ledger", summary="Ledger facts, paged")
def ledger(store: Store = StoreDep, actor: str | None = None, a: str | None = None, b: str | None = None,
           page: int = Page, per_page: int = PerPage) -> dict[str, Any]:
    """Partnerships, memberships and diplomatic relations with the sentence that states each."""
    pair = (resolve_country(a), resolve_country(b)) if a and b else None
    frame = ledger_frame(store, actor=resolve_country(actor) if actor else None, dyad=pair)
    rows = frame.slice((page - 1) * per_page, per_page).to_dicts()
    return {"facts": rows, "paging": views.paging(page, per_page, frame.height)}


@router.get("/network", summary="The relations network of a period")
def network(store: Store = StoreDep, since: date | None = None, until: date | None = None, page: int = Page,
            per_page: int = Query(views.MAX_PAGE_SIZE, ge=1, le=views.MAX_PAGE_SIZE)) -> dict[str, Any]:
    """Every actor with events in the period (`nodes`: code, name, kind) and one page of the
    directed pairs (`edges`: events, quad counts, Goldstein sum and mean, ledger partnership),
    busiest first."""
    out = views.network_view(store, since=since, until=until, page=page, per_page=per_page, chart=False)
    return {k: out[k] for k in ("since", "until", "nodes", "edges", "paging")}


@router.get("/documents", summary="Coded documents, paged")
def documents(store: Store = StoreDep, page: int = Page, per_page: int = PerPage) -> dict[str, Any]:
    return views.documents(store, page=page, per_page=per_page)


@router.get("/documents/{doc_id}", summary="A document with its coded spans")
def document(doc_id: str, store: Store = StoreDep) -> dict[str, Any]:
    doc = views.document(store, doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return doc


@router.get("/search", summary="Sentences that contain some words")
def search(q: str = Query(..., min_length=1, max_length=200), store: Store = StoreDep, page: int = Page,
           per_page: int = PerPage) -> dict[str, Any]:
    return views.search(store, q, page=page, per_page=per_page)
