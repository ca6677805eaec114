"""`bilateral plot` and `bilateral serve`: charts from the store, and the read-only web app."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from bilateral.cli.main import DEFAULT_DB, _date, _errors, _fail


@click.group()
def plot() -> None:
    """Draw a chart from the database as a PNG or SVG file.

    \b
    Example:
      bilateral plot dyad China Belarus --out china-belarus.png
      bilateral plot network --since 2022-01-01 --out network.svg
    """


def _format(out: str) -> str:
    fmt = Path(out).suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        _fail(f"--out {out}: the file name must end in .png or .svg")
    return fmt


@plot.command("dyad")
@click.argument("a")
@click.argument("b")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Chart file: .png or .svg.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(), help="DuckDB file.")
@click.option("--freq", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True,
              help="One bar per period of this length.")
def plot_dyad(a: str, b: str, out: str, db_path: str, freq: str) -> None:
    """Cooperation and conflict between A and B over time (events per period by quad class),
    with the ledger's changes marked on the time axis. A and B are codes, names or demonyms.

    \b
    Example:
      bilateral plot dyad CHN BLR --out china-belarus.png --freq month
    """
    from bilateral.analysis.charts import dyad_figure, render
    from bilateral.analysis.frames import open_store

    fmt = _format(out)
    with _errors(), open_store(db_path) as store:
        spec = dyad_figure(store, a, b, freq=freq)
        Path(out).write_bytes(render(spec, fmt))
    click.echo(f"wrote {out}")


@plot.command("network")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Chart file: .png or .svg.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(), help="DuckDB file.")
@click.option("--since", callback=_date, help="Events whose date span ends on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_date, help="Events whose date span starts on or before this date (YYYY-MM-DD).")
def plot_network(out: str, db_path: str, since: date | None, until: date | None) -> None:
    """The network of events between actors in a period: one line per pair, as wide as its
    events and coloured by its mean Goldstein score; ledger partnerships without events dashed.

    \b
    Example:
      bilateral plot network --since 2022-01-01 --until 2023-12-31 --out network.png
    """
    from bilateral.analysis.charts import network_figure, render
    from bilateral.analysis.frames import open_store

    fmt = _format(out)
    with _errors(), open_store(db_path) as store:
        spec = network_figure(store, since=since, until=until)
        Path(out).write_bytes(render(spec, fmt))
    click.echo(f"wrote {out}")


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(), help="DuckDB file.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default lets only this machine in.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
def serve(db_path: str, host: str, port: int) -> None:
    """Serve the database read-only in the browser: an overview, dyad, country and document
    pages, and a JSON API with its OpenAPI docs at /api/docs. Nothing is fetched from other sites.

    \b
    Example:
      bilateral serve --db bilateral.duckdb --port 8000
      (then open http://127.0.0.1:8000/dyads/CHN/BLR)
    """
    import uvicorn

    from bilateral.web.app import create_app

    # Only names of this machine may reach a local server (IPv6 literals are left out: Starlette's
    # host check cannot read "[::1]:8000").
    allowed = ["127.0.0.1", "localhost"] if host in ("127.0.0.1", "localhost") else None
    with _errors():
        app = create_app(db_path, allowed_hosts=allowed)
    if host not in LOOPBACK:
        click.echo(f"bilateral: warning: listening on {host}: other machines can read this database", err=True)
    click.echo(f"bilateral: serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
