"""The read-only web app over a bilateral database: HTML pages and a JSON API from the same views.

    from bilateral.web import create_app
    app = create_app("bilateral.duckdb")     # a FastAPI application; `bilateral serve` runs it
"""

from __future__ import annotations

from bilateral.web.app import create_app

__all__ = ["create_app"]
