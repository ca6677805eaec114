"""`bilateral` commands. Each parses its options, calls the library, and turns bilateral's errors
into a message on stderr and an exit status: 0 all went well, 1 some input was rejected, 2 usage
or setup error."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from bilateral import __version__
from bilateral.cli.filters import event_filters
from bilateral.cli.filters import parse_date as _date
from bilateral.cli.progress import Progress
from bilateral.errors import BilateralError

DEFAULT_DB = "bilateral.duckdb"


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from bilateral.store.schema import LATEST  # imports DuckDB: only when asked

    click.echo(f"bilateral {__version__} (database schema version {LATEST})")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Print bilateral's version and the database schema version it writes, and exit.")
def cli() -> None:
    """bilateral: political events and the ledger of relations between states, from news text.

    \b
    Example:
      bilateral code examples/ --db bilateral.duckdb
      bilateral events --dyad CHN BLR
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="DuckDB file to code into.")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="Print one JSON object per document; write no database.")
@click.option("--all-acts", is_flag=True, help="With --jsonl: also keep acts whose source or target is unknown; "
              "each event says which side is (unknown_side).")
@click.option("--date", "pub_date", callback=_date, help="Publication date for inputs that give none (YYYY-MM-DD).")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor file (gazetteer YAML or PETRARCH .actors.txt); repeatable.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line and no summary; errors are still reported.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes that parse in parallel (output is the same, in the same order).")
@click.option("--on-duplicate-id", type=click.Choice(["error", "skip", "replace"]), default="error",
              show_default=True, help="A document whose id an earlier one of the run has: reject it, "
              "skip it, or let it replace the earlier one.")
@click.option("--cluster", type=click.Choice(["local"]), help="Code on a Dask LocalCluster of --workers workers.")
@click.option("--scheduler", metavar="ADDRESS", help="Code on the Dask cluster of this scheduler (tcp://host:8786).")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False),
              help="With --cluster/--scheduler: where workers write Parquet (default DB.parquet; shared by all).")
@click.option("--learned/--no-learned", default=True, show_default=True,
              help="Where the rules code nothing, let the learned fallback name the event type "
                   "(docs/learned-fallback.md).")
def code(inputs: tuple[str, ...], db_path: str, as_jsonl: bool, all_acts: bool, pub_date: date | None,
         actor_files: tuple[str, ...], quiet: bool, workers: int, on_duplicate_id: str, cluster: str | None,
         scheduler: str | None, parquet_dir: str | None, learned: bool) -> None:
    """Code INPUT files (.txt, .html, .jsonl, or directories of them) into events and ledger facts.
    One document (a file, a JSON line, a WARC record) may be up to 20 MB; each bad input is
    reported and the rest is coded.

    \b
    Example:
      bilateral code examples/china-belarus-2022.html
      bilateral code ../shared/gold/dev_sentences.jsonl --jsonl > coded.jsonl
      bilateral code articles.jsonl --cluster local --workers 2
      bilateral code ../shared/gold/plover_gsr.jsonl --jsonl --all-acts
    """
    if all_acts and not as_jsonl:
        _fail("--all-acts keeps acts with an unknown side, which the database does not hold: use it with --jsonl")
    if cluster or scheduler:
        from bilateral.cli.scale import code_on_cluster

        if as_jsonl or (cluster and scheduler) or not learned:
            _fail("--cluster and --scheduler write a database with the default coder: use one of them, "
                  "without --jsonl or --no-learned")
        code_on_cluster(inputs, db_path, scheduler, workers, parquet_dir, pub_date, actor_files, quiet,
                        on_duplicate_id)
        return
    progress = Progress(enabled=not quiet and sys.stderr.isatty())

    def note(item: Any) -> None:
        verb = "rejected" if item.kind == "error" else "skipped"
        progress.clear()
        click.echo(f"bilateral: {verb} {item}", err=True)
        progress.rejects += 1

    options: dict[str, Any] = {"pub_date": pub_date, "actor_files": actor_files, "workers": workers,
                               "on_duplicate_id": on_duplicate_id, "on_reject": note, "learned": learned}
    with _errors():
        if as_jsonl:
            run = _code_to_jsonl(inputs, all_acts, options, progress)
        else:
            run = _code_to_store(inputs, db_path, options, progress, quiet)
        progress.clear()
    if run.skipped:
        click.echo(f"bilateral: {len(run.skipped)} input(s) skipped (not English or duplicates)", err=True)
    if run.errors:
        click.echo(f"bilateral: {len(run.errors)} input(s) rejected (see `bilateral rejects`)", err=True)
        sys.exit(1)


def _code_to_jsonl(inputs: tuple[str, ...], all_acts: bool, options: dict[str, Any], progress: Progress) -> Any:
    """`code --jsonl`: one JSON line a coded document on standard output; the run's tally."""
    from bilateral.coding import CodingRun

    run = CodingRun()
    for coded in _coded_documents(inputs, run, all_acts, options):
        line = coded.to_json()
        if all_acts:
            for event in line["events"]:
                event["unknown_side"] = _unknown_side(event)
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        progress.update(coded)
    return run


def _code_to_store(inputs: tuple[str, ...], db_path: str, options: dict[str, Any], progress: Progress,
                   quiet: bool) -> Any:
    """`code` into the database, then its summary; the run's tally."""
    from bilateral.coding import code_into
    from bilateral.store import Store

    # The store first: a database that cannot be written is reported before the model loads.
    with Store(db_path) as store:
        results: list[Any] = []

        def stored(coded: Any) -> None:
            results.append(coded)
            progress.update(coded)

        run = code_into(store, inputs, on_coded=stored, **options)
        progress.clear()
        if not quiet:
            _print_summary(results, store.counts(), db_path)
    return run


def _coded_documents(inputs: tuple[str, ...], run: Any, all_acts: bool, options: dict[str, Any]) -> Iterator[Any]:
    """The documents `code --jsonl` prints; with `all_acts`, coded keeping acts without a dyad."""
    from bilateral.coding import code_inputs

    if not all_acts:
        yield from code_inputs(inputs, run=run, **options)
        return
    from bilateral.pipeline import Coder

    coder = Coder(actor_files=[Path(p) for p in options["actor_files"]], learned=options["learned"])
    with coder.all_acts():
        yield from code_inputs(inputs, run=run, coder=coder, **options)


def _unknown_side(event: dict[str, Any]) -> str | None:
    """"source", "target" or "both" for an act whose side(s) name no known actor; else None."""
    missing = [side for side in ("source", "target") if event[f"{side}_code"] is None]
    return "both" if len(missing) == 2 else missing[0] if missing else None


def _print_summary(results: list[Any], counts: dict[str, int], db_path: str) -> None:
    events = sum(len(r.events) for r in results)
    facts = sum(len(r.ledger) for r in results)
    click.echo(f"coded {len(results)} document(s): {events} event(s), {facts} ledger fact(s) -> {db_path}")
    for r in results:
        for e in r.events:
            click.echo(f"  {e.date or '?':10}  {e.type:9} {_actor(e.source):>6} -> {_actor(e.target):<6} "
                       f"{e.cameo:>5}  {_short(e.sentence, 70)}")
        for f in r.ledger:
            click.echo(f"  {f.date or '?':10}  {f.kind}: {' / '.join(f.parties)} {f.label or f.status}")
    click.echo(store_totals(counts))


def store_totals(counts: dict[str, int]) -> str:
    """The line every writing command ends with: what the database holds now."""
    return (f"database now holds {counts['documents']} document(s), {counts['events']} event(s), "
            f"{counts['ledger_facts']} ledger fact(s)")


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(), help="DuckDB file.")
@event_filters
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "parquet"]), default="table",
              show_default=True, help="csv, jsonl and parquet hold every field of the event record "
                                      "(docs/json-output.md); parquet needs --out.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write to this file, not stdout.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many events (0 or more).")
def events(db_path: str, country: str | None, dyad: tuple[str, str] | None, since: date | None,
           until: date | None, event_type: str | None, fmt: str, out: str | None, limit: int | None) -> None:
    """List stored events with the sentence each came from.

    \b
    Example:
      bilateral events --dyad China Belarus --since 2022-09-01 --until 2022-12-31 --format csv
    """
    from bilateral.analysis import events_frame
    from bilateral.cli.export import write_event_records

    if fmt == "parquet" and not out:
        _fail("--format parquet needs --out FILE")
    with _errors(), _open_store(db_path) as store:
        frame = events_frame(store, country=country, dyad=dyad, since=since, until=until, event_type=event_type,
                             limit=limit)
    if frame.is_empty():
        click.echo("bilateral: no events match the filters", err=True)
    if fmt == "table":
        for row in frame.iter_rows(named=True):
            click.echo(f"{row['event_date'] or '?':10}  {row['event_type']:9} {row['source_code'] or '-':>6} -> "
                       f"{row['target_code'] or '-':<6} {row['cameo']:>5} {row['goldstein']:>5}  "
                       f"{_short(row['sentence'], 80)}")
        click.echo(f"{frame.height} event(s)")
        return
    with _errors():
        write_event_records(frame, fmt, out)


@cli.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--show", is_flag=True, help="List misses and false positives.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--causes", is_flag=True,
              help="Count why events were missed or wrongly coded (wrong source, wrong target, wrong type, "
                   "not coded, no such event) and why ledger facts were missed (date, label or status, not found).")
@click.option("--all-acts", is_flag=True,
              help="Code every act, whoever its actors, and also score each sentence's event type as "
                   "plover_gsr.jsonl is scored (the first gold event's types against the first coded event).")
@click.option("--learned/--no-learned", default=True, show_default=True,
              help="Where the rules code nothing, let the learned fallback name the event type "
                   "(docs/learned-fallback.md).")
def eval_command(gold: tuple[str, ...], show: bool, as_json: bool, causes: bool, all_acts: bool,
                 learned: bool) -> None:
    """Score the coder on annotated files: dev_sentences.jsonl, dev_articles.jsonl,
    plover_gsr.jsonl or an *.expected.json file.

    \b
    Example:
      bilateral eval ../shared/gold/dev_sentences.jsonl --show
      bilateral eval ../shared/gold/plover_gsr.jsonl --no-learned
      bilateral eval tests/data/types7_check.jsonl --all-acts
      bilateral eval ../shared/gold/dev_articles.jsonl --causes
    """
    from bilateral.evaluation import evaluate
    from bilateral.pipeline import Coder

    with _errors():
        coder = Coder(learned=learned)
        for path in gold:
            report = evaluate(Path(path), coder, all_acts=all_acts)
            if as_json:
                click.echo(json.dumps(report.to_json()))
                continue
            _print_report(report)
            if causes:
                for label, counts in (("misses", report.miss_causes),
                                      ("false positives", report.false_positive_causes),
                                      ("ledger misses", report.ledger_miss_causes)):
                    listed = ", ".join(f"{cause} {n}" for cause, n in counts.most_common()) or "none"
                    click.echo(f"  {label} by cause: {listed}")
            if show:
                for line in report.misses:
                    click.echo(f"  MISS {line}")
                for line in report.false_positives:
                    click.echo(f"  FP   {line}")


def _print_report(report: Any) -> None:
    click.echo(f"{report.name}: {report.items} item(s)")
    if report.type_items:
        click.echo(f"  event type accuracy {report.type_correct / report.type_items:.3f} "
                   f"(any coded type: {report.type_any_correct / report.type_items:.3f}; "
                   f"{report.type_items} sentence(s) with an event)")
    if report.none_items:
        click.echo(f"  no event coded from {report.none_correct} of the {report.none_items} sentence(s) "
                   f"that have none")
    if report.type_items == report.items:  # the PLOVER records: types only
        return
    for label, t in (("events", report.events), ("ledger", report.ledger)):
        click.echo(f"  {label:7} P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}  "
                   f"(tp {t.tp}, fp {t.fp}, fn {t.fn})")
    for name, t in sorted(report.by_type.items()):
        click.echo(f"    {name:10} P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}  (tp {t.tp}, fp {t.fp}, fn {t.fn})")


def _open_store(db_path: str) -> Any:
    from bilateral.analysis.frames import open_store

    if not Path(db_path).exists():
        _fail(f"no database at {db_path}: run `bilateral code` first or pass --db")
    return open_store(db_path)  # read-only; a database from an older bilateral is migrated first


@cli.command("rejects")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(), help="DuckDB file.")
@click.option("--kind", type=click.Choice(["error", "language", "duplicate"]), help="Only this kind.")
def rejects_command(db_path: str, kind: str | None) -> None:
    """List the inputs `bilateral code` rejected or skipped, with where and why.

    \b
    Example:
      bilateral rejects --kind error
    """
    with _errors(), _open_store(db_path) as store:
        rows = store.rejects(kind)
    for row in rows:
        click.echo(f"{row['kind']:9} {row['location']}: {row['reason']}")
    click.echo(f"{len(rows)} input(s)")


@cli.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--date", "pub_date", callback=_date, help="Publication date for inputs that give none (YYYY-MM-DD).")
def extract_command(inputs: tuple[str, ...], pub_date: date | None) -> None:
    """Print, as JSON Lines, each document's clean text and metadata (title, publication date,
    site, language, caption, translated flag) without coding it: what the coder will read.

    \b
    Example:
      bilateral extract examples/china-belarus-2022.html
    """
    from bilateral.ingest import Reject, read_inputs
    from bilateral.ingest.screening import detect_language

    bad = 0
    with _errors():
        for item in read_inputs(inputs, pub_date):
            if isinstance(item, Reject):
                bad += 1
                click.echo(f"bilateral: rejected {item}", err=True)
                continue
            click.echo(json.dumps({
                "id": item.id, "title": item.title, "pub_date": item.pub_date.isoformat() if item.pub_date else None,
                "pub_date_source": item.meta.get("pub_date_source") or ("input" if item.pub_date else None),
                "dateline": item.meta.get("dateline"),
                "site": item.meta.get("site") or item.source, "url": item.url, "author": item.meta.get("author"),
                "language": detect_language(item.text), "caption": item.meta.get("caption"),
                "translated": item.translated, "origin": item.origin, "text": item.text,
            }, ensure_ascii=False))
    if bad:
        sys.exit(1)


@cli.command("clusters")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(), help="DuckDB file.")
@click.option("--min-articles", type=int, default=2, show_default=True, help="Only events reported this often.")
def clusters_command(db_path: str, min_articles: int) -> None:
    """Events reported by several articles: one line per real-world event with its number of
    reports, distinct sources and articles (like GDELT's NumMentions/NumSources/NumArticles).

    \b
    Example:
      bilateral clusters --min-articles 3
    """
    with _errors(), _open_store(db_path) as store:
        rows = store.clusters(min_articles)
    for r in rows:
        click.echo(f"{r['event_date']}  {r['event_type']:9} {r['source_code'] or '-':>6} -> {r['target_code'] or '-':<6} "
                   f"reports {r['num_mentions']}, sources {r['num_sources']}, articles {r['num_articles']}")
    click.echo(f"{len(rows)} event cluster(s)")


@cli.group()
def actors() -> None:
    """Check what the gazetteer knows and what a mention resolves to.

    \b
    Example:
      bilateral actors lookup "the Belarusian president" --date 2022-09-15
      bilateral actors list --kind organization
    """


def _lookup_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    from bilateral.actors.lookup import parse_lookup_date

    if value is None:
        return None
    try:
        return parse_lookup_date(value).day
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@actors.command("lookup")
@click.argument("text", required=False)
@click.option("--date", "day", callback=_lookup_date,
              help='Resolve offices as on this date: "2015-05-10", "10 May 2015", "May 10, 2015", "10/05/2015" '
                   '(day first), "May 2015" or "2015" (a month or year: its first day).')
@click.option("--context", help="Text that comes before the mention (for 'the two sides', 'the bloc').")
@click.option("--jsonl", "jsonl_file", type=click.File("rb"),
              help='Resolve many mentions: one {"text", "date"} object a line from FILE (- for stdin).')
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor file (gazetteer YAML or PETRARCH .actors.txt); repeatable.")
def actors_lookup(text: str | None, day: date | None, context: str | None, jsonl_file: Any,
                  actor_files: tuple[str, ...]) -> None:
    """Print, as JSON, the actor(s) TEXT resolves to: code, country, sector, name, office.

    \b
    Example:
      bilateral actors lookup "Russian warships"
      bilateral actors lookup "the Belarusian president" --date "10 May 2015"
      echo '{"text": "Xi Jinping", "date": "2012-01-01"}' | bilateral actors lookup --jsonl -
    """
    from bilateral.actors import ActorLookup, Gazetteer
    from bilateral.cli.explain import lookup_record
    from bilateral.nlp import load_base_model

    if text is None and jsonl_file is None:
        _fail("give a TEXT to look up or --jsonl FILE")
    with _errors():
        lookup = ActorLookup(load_base_model(), Gazetteer.load(extra=[Path(p) for p in actor_files]))
        if jsonl_file is None:
            click.echo(json.dumps(lookup.lookup(str(text), day, context), ensure_ascii=False))
            return
        bad = 0
        for lineno, raw in enumerate(jsonl_file, start=1):
            if not raw.strip():
                continue
            try:
                rec, when = lookup_record(raw, day)
                result = lookup.lookup(rec["text"], when, rec.get("context") or context)
            except ValueError as exc:
                bad += 1
                click.echo(f"bilateral: rejected line {lineno}: {exc}", err=True)
                continue
            click.echo(json.dumps({"text": rec["text"], "date": rec.get("date"), "actors": result},
                                  ensure_ascii=False))
        if bad:
            sys.exit(1)


@actors.command("list")
@click.option("--kind", type=click.Choice(["state", "organization", "person", "group"]), help="Only this kind.")
def actors_list(kind: str | None) -> None:
    """List the states, organizations and people the gazetteer knows, one JSON object a line.

    \b
    Example:
      bilateral actors list --kind state
    """
    from bilateral.actors import Gazetteer, list_actors

    with _errors():
        for row in list_actors(Gazetteer.load(), kind):
            click.echo(json.dumps(row, ensure_ascii=False))


class _errors:
    """Turns bilateral's errors into a clean message and exit status 2."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc is not None and isinstance(exc, BilateralError):
            _fail(str(exc))


def _fail(message: str) -> None:
    click.echo(f"bilateral: error: {message}", err=True)
    sys.exit(2)


def _actor(actor: Any) -> str:
    return actor.code if actor else "-"


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


from bilateral.cli.export import export_command, series_command  # noqa: E402  (they import this module's helpers lazily)

cli.add_command(export_command)
cli.add_command(series_command)
from bilateral.cli.web import plot, serve  # noqa: E402  (the charts and web commands)

for _command in (plot, serve):
    cli.add_command(_command)
# The ledger's commands (relations, partners) register themselves on `cli` when imported.
from bilateral.cli import ledger  # noqa: E402, F401
from bilateral.cli.scale import store_group  # noqa: E402  (it uses the helpers above)

cli.add_command(store_group)


def main() -> None:
    cli(prog_name="bilateral")
