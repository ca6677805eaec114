"""`bilateral export`: events or the relations network to a file another tool reads."""

from __future__ import annotations

from datetime import date

import click

from bilateral.cli.filters import event_filters

FORMAT_NAMES = ("csv", "polecat", "parquet", "jsonl", "gexf", "graphml", "quads")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), required=True,
              help="csv: GDELT-like columns (R read.csv, pandas); polecat: POLECAT-like TSV; parquet; "
                   "jsonl: one event record a line; gexf, graphml: the relations network; "
                   "quads: head, relation, tail, time TSV for temporal knowledge graphs.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, writable=True),
              help="File to write (replaced whole; OUT.meta.json records versions and filters).")
@click.option("--db", "db_path", default="bilateral.duckdb", show_default=True, type=click.Path(), help="DuckDB file.")
@event_filters
def export_command(fmt: str, out: str, db_path: str, country: str | None, dyad: tuple[str, str] | None,
                   since: date | None, until: date | None, event_type: str | None) -> None:
    """Write the stored events that match the filters (or their network) to OUT in FORMAT. Every
    export records the bilateral version and the schema version; codes stay strings.

    \b
    Example:
      bilateral export --format csv --out china-belarus.csv --dyad China Belarus --since 2022-01-01
      bilateral export --format graphml --out network.graphml
    """
    from bilateral.cli.main import _errors, _open_store
    from bilateral.export import export_file

    with _errors(), _open_store(db_path) as store:
        summary = export_file(store, fmt, out, country=country, dyad=dyad, since=since, until=until,
                         event_type=event_type)
    what = "edge(s)" if fmt in ("gexf", "graphml") else "row(s)"
    if not summary.rows:
        click.echo(f"bilateral: no events match the filters; {out} holds no {what[:-3]}s", err=True)
    left_out = summary.meta.get("events", 0) - summary.rows if fmt == "quads" else 0
    note = f" ({left_out} event(s) without two actors or a day date left out)" if left_out else ""
    click.echo(f"wrote {summary.rows} {what} to {out}{note}", err=True)
