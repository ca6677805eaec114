"""Import of PETRARCH/TABARI actor dictionaries (`.actors.txt`) into the gazetteer.

The format, as those coders read it: an entry starts with a name in capitals, words joined by
underscores, optionally followed by its code in brackets (`UNITED_STATES [USA]`); following lines
starting with `+` are synonyms of that entry; a line `[CODE YYMMDD-YYMMDD]`, `[CODE >YYMMDD]` or
`[CODE <YYMMDD]` gives the code the entry has between, after or before those dates (used for office
holders). A code is a 3-letter country or organization code, optionally followed by a 3-letter sector
(`USAGOV`). `#` starts a comment. Names are matched case-sensitively in bilateral, so each word is
written as news prints it: short words and words with dots stay in capitals ("U.S.", "UN"), the rest
are capitalized ("BARACK_OBAMA" -> "Barack Obama").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from bilateral.actors.gazetteer import Entry, Office
from bilateral.errors import DataFileError

_CODE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?(?:\s+([<>]?)(\d{6})(?:-(\d{6}))?)?\]")


def read_petrarch_actors(path: Path) -> Iterator[tuple[str, Entry]]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read: {exc.strerror}") from exc
    names: list[str] = []
    offices: list[Office] = []
    start_line = 0

    def flush() -> Iterator[tuple[str, Entry]]:
        if not names:
            return
        if not offices:
            raise DataFileError(str(path), start_line, f"entry {names[0]!r} has no code")
        dated = any(o.start or o.end for o in offices)
        first = offices[0]
        for name in names:
            yield name, Entry(first.country, "person" if dated else "state", "alias", names[0], first.sector,
                              tuple(offices) if dated else ())

    for lineno, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            if not names:
                raise DataFileError(str(path), lineno, "a synonym (+) before any entry")
            names.append(_news_case(stripped[1:].split("[", 1)[0]))
            continue
        if stripped.startswith("["):
            if not names:
                raise DataFileError(str(path), lineno, "a code line before any entry")
            offices.append(_office(stripped, path, lineno))
            continue
        yield from flush()
        names, offices, start_line = [], [], lineno
        head, _, rest = stripped.partition("[")
        names.append(_news_case(head))
        if rest:
            offices.append(_office("[" + rest, path, lineno))
    yield from flush()


def _office(text: str, path: Path, lineno: int) -> Office:
    m = _CODE.match(text.strip())
    if not m:
        raise DataFileError(str(path), lineno, f"cannot read the code {text.strip()!r}")
    country, sector, op, first, second = m.groups()
    start = end = None
    if first:
        if op == ">":
            start = _date(first)
        elif op == "<":
            end = _date(first)
        else:
            start, end = _date(first), _date(second) if second else None
    return Office(country, "other", sector or "GOV", start, end)


def _date(yymmdd: str) -> str:
    yy = int(yymmdd[:2])
    year = 2000 + yy if yy < 50 else 1900 + yy
    return f"{year:04d}-{yymmdd[2:4]}-{yymmdd[4:6]}"


def _news_case(name: str) -> str:
    words = name.strip().replace("_", " ").split()
    return " ".join(w if len(w) <= 3 or "." in w else w.capitalize() for w in words)
