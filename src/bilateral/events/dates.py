"""Date expressions in news text, resolved against the publication date.

"on Thursday" is the Thursday on or before publication; "September 15, 2022", "15 Sept", "in August
2020", "since 2015", "last month", "yesterday". Each resolves to ISO text at its precision.

A date written without its year or week (a weekday, "in September", "Sept 15") is read as the last
such day on or before publication; `ahead()` gives its other reading, the next such day on or after
publication, for a date that belongs to a promised or planned act ("will visit Moscow on Tuesday").
Which reading a date takes is decided by the clause it belongs to (bilateral.nlp.dating).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_PATTERNS = [
    ("mdy", re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("dmy", re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("my", re.compile(r"\b(?:in|since|from|until|by|of|last|early|late|mid-?)\s+" + _MONTH + r"(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.I)),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b")),
    ("weekday", re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?\b")),
    ("relative", re.compile(r"\b(?P<rel>yesterday|today|last month|last year|this month|this year)\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|from|until|by|of|early|late|mid-?)\s+(?P<year>(?:19|20)\d\d)\b")),
]

_DASH_AFTER = re.compile(r"\s*(?:—|–|--)")


@dataclass(frozen=True)
class DateMention:
    start: int  # character offsets in the text searched
    end: int
    value: str  # ISO at its precision
    precision: str  # day | month | year
    # What the text left open, so that the date could also lie ahead: "weekday" ("on Tuesday"),
    # "month" ("in September"), "day" ("Sept 15"); None for a date that says its year.
    open: str | None = None


def find_dates(text: str, pub_date: date | None) -> list[DateMention]:
    """Every date expression in `text` that can be resolved, left to right, without overlaps."""
    found: list[DateMention] = []
    taken = bytearray(len(text))  # 1 for each character of a date already found
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if 1 in taken[start:end]:
                continue
            if _DASH_AFTER.match(text, end, end + 4):
                continue  # a dateline ("SAMARKAND, Sept 16 —") dates the story, not an event
            resolved = _resolve(kind, m, pub_date)
            if resolved:
                taken[start:end] = b"\x01" * (end - start)
                found.append(DateMention(start, end, *resolved))
    return sorted(found, key=lambda d: d.start)


def _resolve(kind: str, m: re.Match[str], pub: date | None) -> tuple[str, str, str | None] | None:
    g = m.groupdict()
    if kind == "weekday":
        if pub is None:
            return None
        back = (pub.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7
        return (pub - timedelta(days=back)).isoformat(), "day", "weekday"
    if kind == "relative":
        return _relative(g["rel"].lower(), pub)
    if kind == "year":
        return g["year"], "year", None
    if g.get("mnum"):
        month = int(g["mnum"])
    else:
        if not g["month"][0].isupper():  # "in may", "by march": the verb or noun, not the month
            return None
        month = MONTHS[g["month"].lower().rstrip(".")]
    year = int(g["year"]) if g.get("year") else None
    if g.get("day"):
        day = int(g["day"])
        if year is None:
            if pub is None:
                return None
            # A day without a year is the most recent such day on or before publication.
            year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
        try:
            return date(year, month, day).isoformat(), "day", None if g.get("year") else "day"
        except ValueError:
            return None
    if year is None:
        if pub is None:
            return None
        year = pub.year if month <= pub.month else pub.year - 1
    return f"{year:04d}-{month:02d}", "month", None if g.get("year") else "month"


def ahead(mention: DateMention, pub: date) -> DateMention:
    """The date's reading as the next such day (or month) on or after publication, for a date
    the text left open; a date that says its year, or already lies ahead, is kept."""
    if mention.open is None or mention.value >= pub.isoformat()[: len(mention.value)]:
        return mention
    if mention.open == "weekday":
        value = (date.fromisoformat(mention.value) + timedelta(days=7)).isoformat()
    else:  # a month or a day of a month: the same one a year on
        moved = f"{int(mention.value[:4]) + 1:04d}{mention.value[4:]}"
        if mention.open == "day" and _not_a_day(moved):
            return mention  # Feb 29 of a year that has none
        value = moved
    return DateMention(mention.start, mention.end, value, mention.precision, mention.open)


def _not_a_day(iso: str) -> bool:
    try:
        date.fromisoformat(iso)
    except ValueError:
        return True
    return False


def _relative(rel: str, pub: date | None) -> tuple[str, str, None] | None:
    if pub is None:
        return None
    if rel == "yesterday":
        return (pub - timedelta(days=1)).isoformat(), "day", None
    if rel == "today":
        return pub.isoformat(), "day", None
    if rel == "last month":
        first = pub.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}", "month", None
    if rel == "this month":
        return f"{pub.year:04d}-{pub.month:02d}", "month", None
    if rel == "last year":
        return str(pub.year - 1), "year", None
    return str(pub.year), "year", None


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}
_UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
          "year": "year", "years": "year", "decade": "decade", "decades": "decade"}


def quantity(words: list[str]) -> tuple[int, str] | None:
    """("47", "years") -> (47, "year"); ("two", "days") -> (2, "day"); None if not a duration."""
    if len(words) < 2 or words[-1].lower() not in _UNITS:
        return None
    raw = words[-2].lower()
    amount = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
    return (amount, _UNITS[words[-1].lower()]) if amount else None


def shift(value: str, precision: str, amount: int, unit: str) -> tuple[str, str]:
    """Move an ISO date of the given precision by a duration; the result's precision is the
    coarser of the two ("47 years after" a day gives a year)."""
    year = int(value[:4])
    month = int(value[5:7]) if len(value) >= 7 else 1
    day = int(value[8:10]) if len(value) >= 10 else 1
    if unit in {"year", "decade"}:
        return str(year + amount * (10 if unit == "decade" else 1)), "year"
    if unit == "month":
        total = year * 12 + (month - 1) + amount
        return f"{total // 12:04d}-{total % 12 + 1:02d}", "month"
    if precision != "day":
        return value, precision
    moved = date(year, month, day) + timedelta(days=amount * (7 if unit == "week" else 1))
    return moved.isoformat(), "day"
