"""Commands for scale: `bilateral code` on a Dask cluster, and the `store` group (compact, import).
Each parses its options and calls bilateral.cluster or bilateral.store.parquet."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import click

from bilateral.cli.main import DEFAULT_DB, _errors, _fail, store_totals


def code_on_cluster(inputs: tuple[str, ...], db_path: str, scheduler: str | None, local_workers: int,
                    parquet_dir: str | None, pub_date: date | None, actor_files: tuple[str, ...],
                    quiet: bool, on_duplicate_id: str = "error") -> None:
    """`bilateral code --cluster local | --scheduler ADDRESS`: what `code` runs then."""
    from bilateral.cluster import code_on_dask, connect, dashboard_link
    from bilateral.store import Store

    out_dir = Path(parquet_dir) if parquet_dir else Path(db_path + ".parquet")
    line = _ClusterLine(enabled=not quiet)

    def show_reject(reject: Any) -> None:
        verb = "rejected" if reject.kind == "error" else "skipped"
        line.clear()
        click.echo(f"bilateral: {verb} {reject}", err=True)

    with _errors(), connect(scheduler, local_workers=local_workers) as client:
        if not quiet:
            workers = len(client.nthreads())
            link = dashboard_link(client) or "none (the scheduler has no bokeh installed)"
            click.echo(f"bilateral: Dask cluster {client.scheduler.address} with {workers} worker(s); "
                       f"dashboard: {link}", err=True)
        with Store(db_path) as store:
            result = code_on_dask(inputs, store, client, out_dir, pub_date=pub_date, actor_files=actor_files,
                                  on_duplicate_id=on_duplicate_id, on_progress=line.update, on_reject=show_reject)
            counts = store.counts()
    line.clear()
    p = result.progress
    if not quiet:
        click.echo(f"coded {p.documents} document(s) in {p.imported} partition(s) on the cluster: {p.events} "
                   f"event(s), {p.facts} ledger fact(s) -> {db_path} (Parquet partitions in {result.parquet_dir})")
        if result.redone:
            click.echo(f"partition(s) redone after a worker died: {', '.join(result.redone)}")
        click.echo(store_totals(counts))
    for name in result.failed:
        click.echo(f"bilateral: partition {name} failed; its documents are listed as rejected", err=True)
    errors = [r for r in result.rejects if r.kind == "error"]
    skipped = len(result.rejects) - len(errors)
    if skipped:
        click.echo(f"bilateral: {skipped} input(s) skipped (not English or duplicates)", err=True)
    if errors:
        click.echo(f"bilateral: {len(errors)} input(s) rejected (see `bilateral rejects`)", err=True)
        sys.exit(1)


class _ClusterLine:
    """Progress of a cluster run on stderr: partitions imported and in flight, documents/s, events,
    rejects. Rewritten in place on a terminal; otherwise a line every 10 seconds."""

    def __init__(self, enabled: bool) -> None:
        self.enabled, self.tty = enabled, sys.stderr.isatty()
        self.last = 0.0

    def update(self, p: Any) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.last < (0.5 if self.tty else 10):
            return
        self.last = now
        text = (f"partitions {p.imported} done, {p.submitted - p.imported - p.failed} running, {p.failed} failed; "
                f"{p.documents} documents ({p.documents_per_second:.1f}/s), {p.events} events, {p.rejects} rejected")
        sys.stderr.write(f"\r{text} " if self.tty else f"bilateral: {text}\n")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled and self.tty:
            sys.stderr.write("\r" + " " * 110 + "\r")
            sys.stderr.flush()


@click.group("store")
def store_group() -> None:
    """Maintain the database: compact it, or import a corpus coded elsewhere (Parquet).

    \b
    Example:
      bilateral store import bilateral.duckdb.parquet --db bilateral.duckdb
      bilateral store compact --db bilateral.duckdb
    """


@store_group.command("import")
@click.argument("parquet_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="DuckDB file to import into.")
@click.option("--force", is_flag=True, help="Import partitions again that were imported before.")
def import_command(parquet_dir: str, db_path: str, force: bool) -> None:
    """Import PARQUET_DIR, written by `bilateral code --cluster/--scheduler` here or on another
    machine, into the database. Each partition is imported whole, in order, once: a document
    already stored is replaced, and partitions imported before are skipped (an interrupted import
    resumes). Partitions without a manifest (their worker never finished) are reported, not read.

    \b
    Example:
      bilateral store import /scratch/corpus.parquet --db bilateral.duckdb
    """
    from bilateral.store import Store
    from bilateral.store.parquet import import_parquet

    with _errors(), Store(db_path) as store:
        report = import_parquet(store, Path(parquet_dir), force=force)
        counts = store.counts()
    c = report.counts
    click.echo(f"imported {len(report.imported)} partition(s): {c['documents']} document(s), {c['events']} "
               f"event(s), {c['ledger_facts']} ledger fact(s), {report.rejects} reject(s) -> {db_path}")
    if report.already:
        click.echo(f"{len(report.already)} partition(s) were imported before and skipped (--force imports them again)")
    click.echo(store_totals(counts))
    for name in report.incomplete:
        click.echo(f"bilateral: partition {name} in {parquet_dir} has no manifest (its worker did not finish); "
                   "not imported", err=True)
    if report.incomplete:
        sys.exit(1)


@store_group.command("compact")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="DuckDB file to compact.")
def compact_command(db_path: str) -> None:
    """Rewrite the database into a fresh file: space left by replaced and deleted rows is given
    back, and events are stored in dyad and date order so a dyad's series reads few blocks. Run it
    after large imports or re-coding; nothing else may have the database open meanwhile.

    \b
    Example:
      bilateral store compact --db bilateral.duckdb
    """
    from bilateral.store.parquet import compact

    if not Path(db_path).exists():
        _fail(f"no database at {db_path}: run `bilateral code` first or pass --db")
    with _errors():
        before, after = compact(db_path)
    click.echo(f"compacted {db_path}: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
