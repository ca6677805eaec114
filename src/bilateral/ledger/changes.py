"""Reports from many documents grouped into changes of a relationship (docs/store.md).

A *series* is one relationship: a kind and its parties (a partnership or diplomatic relations
between two states, one state's membership of one organization). Each stored ledger fact is a
report on a series; `reconcile` groups a series' reports into changes, each with its value, date,
reports, sources and conflicts. It reads only the reports, sorted by what they say, so the result
does not depend on the order in which documents were coded.

The rules, in the order they are applied:
1. Reports with a stated date, oldest first: one that repeats the value in force (no other change
   in between) confirms that change; its date, if it disagrees and is close (within
   CONFLICT_GAP_DAYS), is kept as a conflict. Any other value starts a change.
2. Reports dated only by when they appeared (publication, or the day someone told of it), oldest
   first: one that came out within REPORT_WINDOW_DAYS after a stated change of the same value is
   another report of it; one that repeats the value in force confirms it; otherwise it starts a
   change dated by its publication.
3. Undated reports ("Belarus, an SCO observer, ..."): they confirm the latest change of the same
   value before their publication (or the first one after it); only a value never reported
   otherwise starts a change, known from its first publication.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bilateral.ledger.datespan import agrees, close, precision_of, reported_within
from bilateral.ledger.transitions import same_state, transition
from bilateral.model import stable_id

Report = dict[str, Any]  # a ledger_facts row with its document's pub_date and source


@dataclass
class Change:
    kind: str
    parties: tuple[str, str]
    reports: list[Report] = field(default_factory=list)
    value: str = ""
    date: str | None = None
    date_precision: str | None = None
    date_source: str | None = None
    effective: str | None = None  # the date from which it is in force: its date, else first seen
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    previous: str | None = None
    flag: str | None = None  # why the step from `previous` needs a reader's check, if it does
    best: Report | None = None  # the report its date comes from

    @property
    def id(self) -> str:
        return stable_id("change", self.kind, *self.parties, self.value, self.date or self.effective)

    def first_value(self) -> str:
        return str(self.reports[0]["value"])

    def start(self) -> str:
        return str(self.reports[0]["fact_date"] or _published(self.reports[0]) or "")


def report_value(row: Report) -> str:
    return str(row.get("label") or row.get("status"))


def reconcile(reports: list[Report]) -> list[Change]:
    """The changes of one series, oldest first, each with every report of it."""
    if not reports:
        return []
    rows = [dict(r, value=report_value(r)) for r in reports]
    kind, parties = rows[0]["kind"], (rows[0]["party_a"], rows[0]["party_b"])
    changes: list[Change] = []
    for r in sorted((r for r in rows if _stated(r)), key=_stated_order):
        current = changes[-1] if changes else None
        if current is not None and same_state(kind, parties, current.first_value(), r["value"]):
            current.reports.append(r)
        else:
            changes.append(Change(kind, parties, [r]))
    for r in sorted((r for r in rows if not _stated(r) and r["fact_date"]), key=_stated_order):
        _place_defaulted(changes, r, kind, parties)
    for r in sorted((r for r in rows if not r["fact_date"]), key=_undated_order):
        _place_undated(changes, r, kind, parties)
    for c in changes:
        _settle(c)
    changes.sort(key=lambda c: (c.effective or "", c.value))
    previous: Change | None = None
    for c in changes:
        c.previous, c.flag = (previous.value if previous else None), transition(
            kind, parties, previous.value if previous else None, c.value)
        if previous is not None and _rivals(previous, c):
            previous.conflicts.append(_conflict(c.best, c.value))
            c.conflicts.append(_conflict(previous.best, previous.value))
        previous = c
    return changes


def _rivals(a: Change, b: Change) -> bool:
    """Two values stated for the same date ("a strategic partnership in June 2016" against "a
    comprehensive strategic partnership in June 2016"): reports that disagree on what changed."""
    return a.date_source == b.date_source == "stated" and agrees(str(a.date), str(b.date))


def _conflict(r: Report | None, value: str | None = None) -> dict[str, Any]:
    out = {"date": r["fact_date"] if r else None, "doc_id": r["doc_id"] if r else None,
           "fact_id": r["fact_id"] if r else None}
    if value is not None:
        out["value"] = value
    return out


def _stated(r: Report) -> bool:
    # Rows stored before date provenance was recorded have a date but no source: count them stated.
    return bool(r["fact_date"]) and r.get("date_source") in ("stated", None)


def _stated_order(r: Report) -> tuple[str, str, str]:
    return (str(r["fact_date"]), str(r["doc_id"]), str(r["fact_id"]))


def _undated_order(r: Report) -> tuple[str, str, str]:
    return (_published(r) or "", str(r["doc_id"]), str(r["fact_id"]))


def _published(r: Report) -> str | None:
    pub = r.get("pub_date")
    return pub.isoformat() if isinstance(pub, date) else (str(pub)[:10] if pub else None)


def _in_force(changes: list[Change], when: str) -> Change | None:
    before = [c for c in changes if c.start() <= when]
    return before[-1] if before else None


def _place_defaulted(changes: list[Change], r: Report, kind: str, parties: tuple[str, str]) -> None:
    when = str(r["fact_date"])
    told = [c for c in changes if same_state(kind, parties, c.first_value(), r["value"])
            and _stated(c.reports[0]) and reported_within(str(c.reports[0]["fact_date"]), when)]
    home = told[-1] if told else _in_force(changes, when)
    if home is not None and same_state(kind, parties, home.first_value(), r["value"]):
        home.reports.append(r)
        return
    changes.append(Change(kind, parties, [r]))
    changes.sort(key=lambda c: c.start())


def _place_undated(changes: list[Change], r: Report, kind: str, parties: tuple[str, str]) -> None:
    published = _published(r) or "9999"
    alike = [c for c in changes if same_state(kind, parties, c.first_value(), r["value"])]
    before = [c for c in alike if c.start() <= published]
    home = before[-1] if before else (alike[0] if alike else None)
    if home is None:
        home = Change(kind, parties, [])
        changes.append(home)
    home.reports.append(r)
    changes.sort(key=lambda c: c.start())


def _settle(c: Change) -> None:
    """The change's value and date from its reports. A stated date beats a coarser one it agrees
    with ("2021-12-09" over "2021-12"); of dates that disagree, the one more reports agree with
    wins, then the one reported first (the earliest reports stand closest to the change). The
    others are kept as conflicts."""
    stated = sorted((r for r in c.reports if _stated(r)), key=_stated_order)
    # Stated dates far after the first are later reports confirming the change, not rival dates.
    stated = [r for r in stated if close(str(r["fact_date"]), str(stated[0]["fact_date"]))]
    if stated:
        dates = {str(r["fact_date"]) for r in stated}
        finest = sorted(d for d in dates if not any(o != d and o.startswith(d) for o in dates))

        def weight(d: str) -> tuple[int, str]:
            first = min(_published(r) or "9999" for r in stated if r["fact_date"] == d)
            return sum(agrees(str(r["fact_date"]), d) for r in stated), _negate(first)

        chosen = max(finest, key=weight)
        c.best = next(r for r in stated if r["fact_date"] == chosen)
        c.date, c.date_source = chosen, "stated"
        c.conflicts = [_conflict(r) for r in stated if not agrees(str(r["fact_date"]), chosen)]
    else:
        dated = sorted((r for r in c.reports if r["fact_date"]), key=_stated_order)
        c.best = dated[0] if dated else sorted(c.reports, key=_undated_order)[0]
        c.date, c.date_source = c.best["fact_date"], c.best.get("date_source") if dated else None
    for r in c.reports:  # disagreements inside one document travel with its fact
        for other in r.get("date_conflicts") or []:
            c.conflicts.append({"date": other, "doc_id": r["doc_id"], "fact_id": r["fact_id"]})
    c.value = str(c.best["value"])
    c.date_precision = precision_of(c.date)
    c.effective = c.date or min((p for p in map(_published, c.reports) if p), default=None)
    c.reports.sort(key=lambda r: (_published(r) or "", str(r["doc_id"]), str(r["fact_id"])))


def _negate(iso: str) -> str:
    """A key that sorts an ISO date backwards (the earlier date is the larger key)."""
    return "".join(chr(ord("9") - ord(ch) + ord("0")) if ch.isdigit() else ch for ch in iso)


def state_at(changes: list[Change], as_of: str) -> Change | None:
    """The change in force on a day (ISO date): the latest one in effect on or before it."""
    current = None
    for c in changes:
        if c.effective is not None and c.effective[: len(as_of)] <= as_of:
            current = c
    return current
