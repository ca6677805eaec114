"""Dates at their precision ("2021-12-09", "2021-12", "2021") compared as the periods they name."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# How long after a change a report dated only by its publication may still be a report of it:
# wires and weeklies tell a change of Thursday on Friday, Monday or in next week's issue.
REPORT_WINDOW_DAYS = 10

# Two stated dates of one change this close are a disagreement between reports; further apart, a
# later report that confirms the change, or (in one document) another change.
CONFLICT_GAP_DAYS = 92


def period(value: str) -> tuple[date, date]:
    """The first and last day a date of any precision can mean."""
    year = int(value[:4])
    if len(value) >= 10:
        day = date.fromisoformat(value[:10])
        return day, day
    if len(value) >= 7:
        month = int(value[5:7])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


def agrees(a: str, b: str) -> bool:
    """Two dates can name the same day: one is the other at a finer precision ("2021-12", "2021-12-09")."""
    return a.startswith(b) or b.startswith(a)


def close(a: str | None, b: str | None, days: int = CONFLICT_GAP_DAYS) -> bool:
    """Two dates that agree, or name periods at most `days` apart."""
    if not a or not b:
        return False
    if agrees(a, b):
        return True
    (a_first, a_last), (b_first, b_last) = period(a), period(b)
    return max(a_first, b_first) - min(a_last, b_last) <= timedelta(days=days)


def finer(a: str, b: str) -> str:
    """The more precise of two agreeing dates."""
    return a if len(a) >= len(b) else b


def reported_within(stated: str, published: str, days: int = REPORT_WINDOW_DAYS) -> bool:
    """A report published on `published` (without a date of its own) can be telling of a change
    stated as `stated`: it came out during the change's period or within `days` after it."""
    first, last = period(stated)
    when = date.fromisoformat(published[:10])
    return first <= when <= last + timedelta(days=days)


def precision_of(value: str | None) -> str | None:
    if value is None:
        return None
    return "day" if len(value) >= 10 else "month" if len(value) >= 7 else "year"
