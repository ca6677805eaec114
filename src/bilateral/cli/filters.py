"""Options shared by the commands that select events: --country, --dyad, --since, --until, --type.

Countries may be given as codes, names or demonyms ("CHN", "China", "Chinese"); an unknown one stops
the command with exit status 2 and the nearest names the gazetteer knows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click

from bilateral.errors import UnknownActorError


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def country_code(text: str) -> str:
    """The code for a country argument, or a usage error (exit 2) that suggests names."""
    from bilateral.actors.names import resolve_country

    try:
        return resolve_country(text)
    except UnknownActorError as exc:
        raise click.BadParameter(str(exc)) from None


def country_argument(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A country argument (`relations A B`, `partners A`) as a code, from a code, name or demonym."""
    return country_code(value)


def _country(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, tuple):
        return tuple(country_code(v) for v in value) or None
    return country_code(value)


def event_filters(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the event-selection options; the command receives country, dyad, since, until, event_type."""
    options = [
        click.option("--country", callback=_country,
                     help="Events with this actor as source or target: a code, name or demonym (CHN, China, Chinese)."),
        click.option("--dyad", nargs=2, callback=_country, help="Events between two actors, either direction."),
        click.option("--since", callback=parse_date,
                     help="Events whose date reaches this day or later (YYYY-MM-DD); a month or year counts whole."),
        click.option("--until", callback=parse_date,
                     help="Events whose date reaches back to this day or earlier (YYYY-MM-DD)."),
        click.option("--type", "event_type", help="PLOVER event type, e.g. CONSULT."),
    ]
    for option in reversed(options):
        command = option(command)
    return command
