"""The HTML pages: each renders a view from bilateral.web.views with a jinja2 template.
Templates autoescape everything, so text from documents is shown, never run."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bilateral import __version__
from bilateral.store import Store
from bilateral.web import views
from bilateral.web.app import HERE, StoreDep

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
Page = Query(1, ge=1)
PerPage = Query(50, ge=1, le=views.MAX_PAGE_SIZE)

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def with_params(request: Request, **params: Any) -> str:
    """This page's own path and query with some parameters changed: a link that stays on this site."""
    url = request.url.include_query_params(**params)
    return f"{url.path}?{url.query}"


_env.globals.update(version=__version__, quads=QUADS, with_params=with_params)


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    html = _env.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code)


@router.get("/")
def overview(request: Request, store: Store = StoreDep, page: int = Page) -> Response:
    return render(request, "overview.html", views.overview(store, page=page))


@router.get("/events")
def events(request: Request, store: Store = StoreDep, country: str | None = None, since: date | None = None,
           until: date | None = None, event_type: str | None = Query(None, alias="type"), page: int = Page,
           per_page: int = PerPage) -> Response:
    data = views.events_list(store, country=country or None, since=since, until=until,
                             event_type=event_type or None, page=page, per_page=per_page)
    filters = {"country": country or "", "since": since or "", "until": until or "", "type": event_type or ""}
    return render(request, "events.html", {**data, "filters": filters})


@router.get("/dyads/{a}/{b}")
def dyad(request: Request, a: str, b: str, store: Store = StoreDep,
         freq: Literal["day", "week", "month", "year"] = "month", page: int = Page, per_page: int = PerPage) -> Response:
    data = views.dyad(store, a, b, freq=freq, page=page, per_page=per_page)
    if (data["a"]["code"], data["b"]["code"]) != (a, b):  # a name or demonym: go to the page's own address
        return RedirectResponse(request.url.replace(path=f"/dyads/{data['a']['code']}/{data['b']['code']}"))
    return render(request, "dyad.html", data)


@router.get("/countries/{code}")
def country(request: Request, code: str, store: Store = StoreDep, page: int = Page) -> Response:
    data = views.country(store, code, page=page, per_page=20)
    if data["actor"]["code"] != code:
        return RedirectResponse(request.url.replace(path=f"/countries/{data['actor']['code']}"))
    return render(request, "country.html", data)


@router.get("/documents")
def documents(request: Request, store: Store = StoreDep, page: int = Page) -> Response:
    return render(request, "documents.html", views.documents(store, page=page))


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: str, store: Store = StoreDep) -> Response:
    doc = views.document(store, doc_id)
    if doc is None:
        return render(request, "error.html", {"status": 404, "message": f"no document {doc_id!r}"}, status_code=404)
    return render(request, "document.html", {"doc": doc})


@router.get("/search")
def search(request: Request, store: Store = StoreDep, q: str = Query("", max_length=200), page: int = Page) -> Response:
    data = views.search(store, q, page=page) if q.strip() else {"query": "", "results": [],
                                                                 "paging": views.paging(1, 50, 0)}
    return render(request, "search.html", data)


@router.get("/network")
def network(request: Request, store: Store = StoreDep, since: date | None = None, until: date | None = None,
            page: int = Page) -> Response:
    return render(request, "network.html", views.network_view(store, since=since, until=until, page=page,
                                                              per_page=50))


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    """The OpenAPI schema as a page: each path with its parameters (served locally, no CDN)."""
    schema = request.app.openapi()
    routes = [{"path": path, "method": method.upper(), "summary": op.get("summary", ""),
               "description": op.get("description", ""),
               "parameters": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                               "type": _type_name(p.get("schema", {})), "description": p.get("description", "")}
                              for p in op.get("parameters", [])]}
              for path, ops in schema["paths"].items() for method, op in ops.items()]
    return render(request, "api_docs.html", {"info": schema["info"], "routes": routes})


def _type_name(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(_type_name(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    return str(schema.get("format") or schema.get("type") or "")
