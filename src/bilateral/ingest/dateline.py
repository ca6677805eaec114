"""Wire datelines: "MINSK, July 9 -", "BEIJING, Sept 11, 2019 (Wire) -", "KYIV, Ukraine (AP) —",
"NEW DELHI, Oct 2 (PTI): ...", "MOSCOW, September 16. /TASS/. ...".

A dateline opens a story (or a paragraph of one): the place or places it was filed from, in
capitals or title case, then optionally the region, the day and the agency in parentheses, then a
dash (or, after a place in capitals and its day or agency, a colon; or TASS's "/TASS/."). It is not part of the lead sentence. Its place is where the story was reported from and its
date the day it was filed; the story's relative dates ("on Thursday") are told from that day.

What is not a dateline: a title-case sentence start or headline ("Russia, China hold drills -
ministry"), which has no date or agency before its dash; an acronym starting a sentence ("NATO -
the alliance ... -"), after whose dash the text goes on in lower case; a date line with no place
("Wednesday, January 3, 2024 -").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from bilateral.events.dates import MONTHS, WEEKDAYS
from bilateral.model import Document
from bilateral.rules.words import word_lists

_CAPS = r"[A-Z][A-Z.'’\-]*[A-Z.]"  # KYIV, U.S., GUINEA-BISSAU
_TITLE = r"[A-Z][a-z.'’\-]*[a-z.]"  # Kyiv, St., Addis
_JOIN = r"(?:[ \t]+(?:de|da|del|al|el|es|of|the|la|le)[ \t]+|[ \t]+)"  # Rio de Janeiro, Dar es Salaam
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_DATE = (rf"(?:(?P<m1>{_MONTH})[ \t]+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
         rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?P<m2>{_MONTH}))"
         r"(?:,?[ \t]+(?P<year>(?:19|20)\d\d))?")


def _places(word: str) -> str:
    one = rf"{word}(?:{_JOIN}{word}){{0,3}}"
    return rf"{one}(?:[ \t]*/[ \t]*{one}){{0,3}}"


_TAIL = (rf"(?:,[ \t]*(?P<date>{_DATE}))?"
         r"(?:[ \t]*\((?P<agency>[A-Za-z][A-Za-z&.' \-]{0,30})\)"  # (Reuters)
         r"|\.?[ \t]*/(?P<slashed>[A-Za-z][A-Za-z\-]{1,20})/\.?)?"  # TASS: "MOSCOW, September 16. /TASS/."
         r"(?P<dash>[ \t]*(?:—|–|―|--)\s*|[ \t]+-\s+|[ \t]*:\s+|(?<=/\.)\s+|(?<=/)\s+)")
_HEADS = [re.compile(rf"(?P<place>{_places(word)})(?:,[ \t]*(?P<region>(?!{_MONTH}\b){_places(word)}))?{_TAIL}")
          for word in (_CAPS, _TITLE)]
_REGION_ANY = re.compile(rf"(?P<place>{_places(_CAPS)}),[ \t]*(?P<region>(?!{_MONTH}\b){_places(_TITLE)}){_TAIL}")
# Newsroom labels that open a headline or a line the way a place opens a dateline.
_LABELS = word_lists()["newsroom_labels"]
_NOT_PLACES = {w.lower() for w in [*MONTHS, *WEEKDAYS]} | _LABELS
_LINE_STARTS = re.compile(r"(?:^|\n)[ \t]*")
# A story is dated where it was filed: Beijing's morning of Feb 6 is still Feb 5 in a feed that
# dates by UTC or New York time. A dateline up to this far after the publication date is that day.
LEEWAY = timedelta(days=2)
HEAD_CHARS = 1500  # a story's own dateline opens one of its first lines (after a headline, a caption)


@dataclass(frozen=True)
class Dateline:
    """A dateline's parts, with character offsets in the text it was found in."""

    start: int
    end: int  # where the lead sentence begins (after the dash and its spaces)
    place: str  # as written: "KYIV/MOSCOW", "SAMARKAND, Uzbekistan"
    place_start: int
    place_end: int
    places: tuple[str, ...]  # "KYIV", "MOSCOW"
    month: int | None = None
    day: int | None = None
    year: int | None = None
    date_text: str | None = None
    agency: str | None = None

    def resolve(self, reference: date | None) -> date | None:
        """The dateline's day: its own year if it gives one, else the year that puts the day
        nearest on or before `reference` (the publication date or the file's date), allowing
        `LEEWAY` days after it; None when it gives no day, or no year and there is no reference."""
        if self.month is None or self.day is None:
            return None
        if self.year is not None:
            return _day(self.year, self.month, self.day)
        if reference is None:
            return None
        latest = reference + LEEWAY
        days = [_day(year, self.month, self.day) for year in (latest.year - 1, latest.year)]
        return max((d for d in days if d is not None and d <= latest), default=None)

    def to_json(self, reference: date | None = None) -> dict[str, object]:
        day = self.resolve(reference)
        return {"text_start": self.start, "text_end": self.end, "place": self.place, "places": list(self.places),
                "place_start": self.place_start, "place_end": self.place_end,
                "date_text": self.date_text, "date": day.isoformat() if day else None, "agency": self.agency}


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # "Feb 30", or Feb 29 in a year that has none
        return None


def dateline_at(text: str, pos: int = 0) -> Dateline | None:
    """The dateline that starts at `pos` of `text`, if one does."""
    for pattern in (_REGION_ANY, *_HEADS):
        m = pattern.match(text, pos)
        if m is not None and _plausible(m, text):
            return _dateline(m)
    return None


def find_datelines(text: str, limit: int | None = None) -> list[Dateline]:
    """Datelines that open the text or one of its lines (paragraphs), in order; with `limit`,
    only lines that start within the first `limit` characters."""
    found = []
    for m in _LINE_STARTS.finditer(text):
        if limit is not None and m.end() > limit:
            break
        line = dateline_at(text, m.end())
        if line is not None:
            found.append(line)
    return found


def story_dateline(text: str, lines: list[Dateline] | None = None) -> Dateline | None:
    """The dateline of the story: the first that opens one of the text's first lines. `lines`:
    `find_datelines(text)`, if the caller has it (each starts where its line's text does)."""
    if lines is not None:
        return lines[0] if lines and lines[0].start <= HEAD_CHARS else None
    lines = find_datelines(text, HEAD_CHARS)
    return lines[0] if lines else None


def _plausible(m: re.Match[str], text: str) -> bool:
    place = m.group("place")
    words = re.findall(r"[A-Za-z]+", place)
    if not words or words[0].lower() in _NOT_PLACES or sum(len(w) for w in words) < 3:
        return False
    rest = text[m.end(): m.end() + 1]
    if not rest or rest.isspace():
        return False  # a dateline is followed by its story
    capitals = place.upper() == place
    starts_sentence = rest.isupper() or rest.isdigit() or rest in "\"'“‘"
    dated = bool(m.group("date") or m.group("agency") or m.group("slashed"))
    if m.group("dash").strip() == ":":
        # "BEIJING, Sept 16: China said ...": a place in capitals with its day or agency. Without
        # one, "NATO: Russia must withdraw" is a headline's speaker, and "ISLAMABAD: Pakistan
        # summoned ..." codes the same unsplit.
        return capitals and dated and starts_sentence
    if dated:
        return True
    # No date and no agency: only a place in capitals before a dash ("KYIV —"), and the story
    # starting as a sentence does; "NATO - the alliance ..." goes on in lower case.
    return capitals and starts_sentence


def _dateline(m: re.Match[str]) -> Dateline:
    place = m.group("place") + (f", {m.group('region')}" if m.group("region") else "")
    month_word = m.group("m1") or m.group("m2")
    day = m.group("d1") or m.group("d2")
    return Dateline(
        start=m.start(), end=m.end(), place=place, place_start=m.start("place"),
        place_end=m.end("region") if m.group("region") else m.end("place"),
        places=tuple(p.strip() for p in m.group("place").split("/")),
        month=MONTHS[month_word.lower().rstrip(".")] if month_word else None,
        day=int(day) if day else None, year=int(m.group("year")) if m.group("year") else None,
        date_text=m.group("date"), agency=m.group("agency") or m.group("slashed"),
    )


def date_from_dateline(document: Document) -> Document:
    """A document with no publication date takes its dateline's day as one, with the year from
    the dateline, else from the document's context: a date in its URL ("/2024/01/11/"), else the
    date of the file it was read from (the story was filed on or before either). The day is the
    one that year nearest on or before that date. `meta["pub_date_source"]` says where the date
    came from, and the dateline is kept in `meta["dateline"]`. A document that has a date, or
    whose dateline gives no day (or no year and no context gives one), keeps its date."""
    line = story_dateline(document.text)
    if line is None:
        return document
    meta = dict(document.meta)
    if document.pub_date is not None:
        meta["dateline"] = line.to_json(document.pub_date)
        return replace(document, meta=meta)
    hint, where = year_context(document)
    day = line.resolve(hint)
    meta["dateline"] = line.to_json(hint)
    if day is None:
        return replace(document, meta=meta)
    meta["pub_date_source"] = "dateline" if line.year is not None else f"dateline, year from {where}"
    return replace(document, pub_date=day, meta=meta)


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)(?:[/-](\d\d))?(?:/|$|[^0-9])")


def year_context(document: Document) -> tuple[date | None, str]:
    """The latest day the story can have been filed, from its URL's date or its file's date."""
    m = _URL_DATE.search(document.url or "")
    if m is not None:
        year, month = int(m.group(1)), int(m.group(2))
        day = _day(year, month, int(m.group(3))) if m.group(3) else _last_day(year, month)
        if day is not None:
            return day, "the URL"
    return file_date(document.origin), "the file's date"


def _last_day(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def file_date(origin: str | None) -> date | None:
    """The modification day of the file a document was read from (None for a line of a JSON
    Lines file, a feed entry, standard input or a file that cannot be read)."""
    if not origin:
        return None
    path = Path(origin)
    try:
        if not path.is_file():
            return None
        return date.fromtimestamp(path.stat().st_mtime)
    except (OSError, ValueError):
        return None
