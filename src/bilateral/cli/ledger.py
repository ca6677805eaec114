"""`bilateral relations` and `bilateral partners`: the ledger as of any day."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import click

from bilateral.cli.filters import country_argument
from bilateral.cli.main import DEFAULT_DB, _date, _errors, _open_store, _short, cli


@click.command("relations")
@click.argument("a", callback=country_argument)
@click.argument("b", callback=country_argument)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(), help="DuckDB file.")
@click.option("--as-of", "as_of", callback=_date, help="The relationship as it stood on this day (YYYY-MM-DD); default today.")
@click.option("--json", "as_json", is_flag=True, help="Print the relationship as one JSON object, with every report.")
def relations_command(a: str, b: str, db_path: str, as_of: date | None, as_json: bool) -> None:
    """The relationship between A and B (two states, or a state and an organization) as of a day:
    partnership and its rank, diplomatic status, memberships, then one line per change with its
    report count and best evidence sentence, flagged steps and conflicting dates.

    \b
    Example:
      bilateral relations NIC TWN
      bilateral relations BLR SCO --as-of 2023-01-01 --json
    """
    from bilateral.analysis import relations

    with _errors(), _open_store(db_path) as store:
        rel = relations(store, a, b, as_of)
    if as_json:
        click.echo(json.dumps(rel.to_json(), ensure_ascii=False, default=str))
        return
    for line in relation_lines(rel):
        click.echo(line)


def relation_lines(rel: Any) -> list[str]:
    a, b = rel.parties
    out = [f"{a} - {b} as of {rel.as_of}"]
    p = rel.partnership
    if p:
        rank = f", rank {p['rank']} on {p['ladder']}'s ladder" if p.get("rank") else ""
        out.append(f"  partnership: {p['value']} since {_when(p)}{rank}")
    elif not rel.organization:
        out.append("  partnership: none recorded")
    d = rel.diplomatic_status
    if d:
        out.append(f"  diplomatic relations: {d['value']} since {_when(d)}")
    elif not rel.organization:
        out.append("  diplomatic relations: none recorded")
    if rel.membership is not None:
        out.append(f"  {a} in {b}: {rel.membership['value']} since {_when(rel.membership)}")
    elif rel.organization:
        out.append(f"  {a} in {b}: none recorded")
    for m in rel.shared_memberships:
        out.append(f"  both in {m['organization']}: {a} {m[a]}, {b} {m[b]}")
    for code, rows in rel.memberships.items():
        for m in rows:
            out.append(f"  {code} in {m['organization']}: {m['status']} since {_since(m)}")
    out.append("  history (one line per change):")
    for e in rel.history:
        out += _change_lines(e)
    if rel.events_by_month:
        out.append("  events by month (verbal coop / material coop / verbal conflict / material conflict):")
        for m in rel.events_by_month:
            out.append(f"    {m['month']}  {m['verbal_cooperation']:3} {m['material_cooperation']:3} "
                       f"{m['verbal_conflict']:3} {m['material_conflict']:3}")
    return out


def _change_lines(e: dict[str, Any]) -> list[str]:
    change = f" [{e['change']}]" if e.get("change") else ""
    lines = [f"    {e['date'] or 'undated':10}  {e['kind']}: {' / '.join(e['parties'])} {e['value']}{change} "
             f"({e['report_count']} report(s), {e['source_count']} source(s), {_source_word(e)})"]
    if e["evidence"]:
        lines.append(f"                {e['evidence']['doc_id']}: {_short(e['evidence']['sentence'], 90)}")
    if e["flag"]:
        lines.append(f"                check: {e['flag']}")
    if e["conflicts"]:
        lines.append("                conflicting reports: " + ", ".join(
            f"{c.get('value', 'dated')} {c['date']} ({c['doc_id']})" for c in e["conflicts"]))
    return lines


def _when(e: dict[str, Any]) -> str:
    if not e["date"]:
        return f"at least {e['effective_date']} (undated: known from its first report)"
    return f"{e['date']} ({_source_word(e)})"


def _since(row: dict[str, Any]) -> str:
    return row["since"] or f"at least {row['known_by']} (undated)"


def _source_word(e: dict[str, Any]) -> str:
    return {"stated": "date stated", "publication": "publication date", "statement": "date it was told"}.get(
        e.get("date_source") or "", "undated")


@click.command("partners")
@click.argument("a", callback=country_argument)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(), help="DuckDB file.")
@click.option("--kind", type=click.Choice(["partnership", "membership"]), help="Only this kind of relation.")
@click.option("--as-of", "as_of", callback=_date, help="A's relations as they stood on this day (YYYY-MM-DD); default today.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
def partners_command(a: str, db_path: str, kind: str | None, as_of: date | None, as_json: bool) -> None:
    """The ladder of A's relations as of a day: each partner's designation, highest rank first,
    and A's memberships (for an organization: its members).

    \b
    Example:
      bilateral partners CHN --kind partnership --as-of 2020-01-01
    """
    from bilateral.analysis import partners
    from bilateral.cli.explain import why_no_partners

    with _errors(), _open_store(db_path) as store:
        rows = partners(store, a, kind, as_of)
        if not rows:
            click.echo(f"bilateral: {why_no_partners(store, a, kind, db_path)}", err=True)
    for row in rows:
        flag = f"  [check: {row['flag']}]" if row.get("flag") else ""
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        elif row["kind"] == "partnership":
            rank = f"rank {row['rank']}" if row["rank"] else "unranked"
            click.echo(f"  {row['partner']:6} {row['label']} since {_since(row)} ({rank}){flag}")
        else:
            other = row["organization"] if row["state"] == a.upper() else row["state"]
            click.echo(f"  {other:6} {row['status']} since {_since(row)}{flag}")


cli.add_command(relations_command)
cli.add_command(partners_command)
