"""The web app: `create_app(db_path)` gives a FastAPI application that serves the store read-only
as HTML pages (jinja2, autoescaped) and a JSON API (OpenAPI docs at /api/docs).

The database is opened read-only once; requests take turns on it (a lock), since the ledger
questions run on the store's one connection. Everything the pages load is served from here:
the stylesheet, the page script and the Vega/Vega-Lite/vega-embed bundle that vl-convert
provides offline, so no page reaches another site (the Content-Security-Policy says so too).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from bilateral import __version__
from bilateral.errors import BilateralError, UnknownActorError
from bilateral.store import Store

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class StoreAccess:
    """The open store, handed to one request at a time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lock = threading.Lock()

    def __call__(self) -> Iterator[Store]:
        with self.lock:
            yield self.store


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one script, as vl-convert ships them (built once)."""
    import vl_convert

    return str(vl_convert.javascript_bundle("window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"))


def create_app(db_path: str | Path, *, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over the database at DB_PATH, opened read-only (raises StoreError if absent).
    With `allowed_hosts`, requests naming any other host are refused (400): a page on another
    site cannot reach a server on 127.0.0.1 by pointing its own name at it (DNS rebinding)."""
    from bilateral.analysis.frames import open_store
    from bilateral.web import api, pages

    store = open_store(db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(lifespan=lifespan, title="bilateral", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Political events and the ledger of relations between states, read-only. "
                              "The schema is at /api/openapi.json and described at /api/docs (served here: "
                              "Swagger UI would load its scripts from a CDN). "
                              "Country arguments take codes, names or demonyms (CHN, China, Chinese).")
    app.state.store = store
    access = StoreAccess(store)
    app.dependency_overrides[get_store] = access
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_api_route("/vendor/vega-bundle.js", _bundle, methods=["GET"], include_in_schema=False)
    app.add_exception_handler(UnknownActorError, _unknown_actor)
    app.add_exception_handler(BilateralError, _bad_request)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return app


def get_store() -> Iterator[Store]:
    """Replaced by the app's StoreAccess; a route that asks for it gets the open store."""
    raise RuntimeError("the store is only available inside create_app()")  # pragma: no cover
    yield  # pragma: no cover


StoreDep = Depends(get_store)


def _bundle() -> Response:
    return Response(vega_bundle(), media_type="text/javascript",
                    headers={"Cache-Control": "public, max-age=86400"})


def _unknown_actor(request: Request, exc: Exception) -> Response:
    return _error(request, 404, str(exc))


def _bad_request(request: Request, exc: Exception) -> Response:
    return _error(request, 400, str(exc))


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=status)
    from bilateral.web.pages import render

    return render(request, "error.html", {"status": status, "message": message}, status_code=status)
