"""`bilateral export`: events or the relations network to a file another tool reads."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from bilateral.cli.filters import country_argument, event_filters, parse_date

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


def write_event_records(frame: Any, fmt: str, out: str | None) -> None:
    """`bilateral events --format csv|jsonl|parquet`: the event records to OUT or stdout."""
    from pathlib import Path

    from bilateral.export.tables import records_csv, write_parquet

    if fmt == "parquet":
        write_parquet(frame, Path(str(out)), set())
        return
    text = records_csv(frame) if fmt == "csv" else frame.write_ndjson()
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@click.command("series")
@click.argument("a", callback=country_argument)
@click.argument("b", callback=country_argument)
@click.option("--freq", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True,
              help="Length of a period (weeks start on Monday).")
@click.option("--directed", is_flag=True, help="One row per period and direction (A -> B, B -> A).")
@click.option("--since", callback=parse_date, help="Only events whose date reaches this day or later (YYYY-MM-DD).")
@click.option("--until", callback=parse_date, help="Only events whose date reaches back to this day or earlier.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.option("--db", "db_path", default="bilateral.duckdb", show_default=True, type=click.Path(), help="DuckDB file.")
def series_command(a: str, b: str, freq: str, directed: bool, since: date | None, until: date | None, fmt: str,
                   db_path: str) -> None:
    """Events between A and B per period: counts per CAMEO quad class, all events, and the sum and
    mean Goldstein score; periods without events between the first and the last are zeros. An event
    counts only in a period that holds its whole date (a month-dated event is in no week).

    \b
    Example:
      bilateral series China Belarus --freq month --format csv > china-belarus-monthly.csv
    """
    from bilateral.analysis import dyad_series
    from bilateral.cli.main import _errors, _open_store

    with _errors(), _open_store(db_path) as store:
        frame = dyad_series(store, a, b, freq=freq, directed=directed, since=since, until=until)
    if frame.is_empty():
        click.echo(f"bilateral: no events between {a} and {b} dated to a {freq} or finer", err=True)
    if fmt == "csv":
        click.echo(frame.write_csv(null_value=""), nl=False)
    elif fmt == "jsonl":
        click.echo(frame.write_ndjson(), nl=False)
    else:
        _print_series(frame, directed)


def _print_series(frame: Any, directed: bool) -> None:
    who = "source target " if directed else ""
    click.echo(f"period      {who}v.coop m.coop v.confl m.confl events goldstein(sum, mean)")
    for row in frame.iter_rows(named=True):
        pair = f"{row['source']:>6} {row['target']:<6} " if directed else ""
        mean = "" if row["goldstein_mean"] is None else f"{row['goldstein_mean']:6.2f}"
        click.echo(f"{row['period']}  {pair}{row['verbal_coop']:6} {row['material_coop']:6} {row['verbal_conflict']:7} "
                   f"{row['material_conflict']:7} {row['events']:6} {row['goldstein_sum']:8.1f} {mean}")
