"""What the CLI says when a command has nothing to show or a line it reads is wrong: messages in
words, so that no command prints nothing or a raw exception."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bilateral.actors.lookup import parse_lookup_date


def why_no_partners(store: Any, a: str, kind: str | None, db_path: str) -> str:
    if not store.counts()["documents"]:
        return f"{db_path} holds no coded document yet: run `bilateral code` first"
    if not store.facts_of(a) and not store.events(country=a, limit=1):
        return (f"{a.upper()!r} is named in no stored event or ledger fact: actors are ISO3 codes for "
                "states (CHN) or organization codes (NATO); `bilateral actors list` shows them")
    what = f"{kind} " if kind else "partnership or membership "
    return f"no {what}of {a.upper()} is recorded in {db_path}"


def lookup_record(raw: bytes, day: date | None) -> tuple[dict[str, Any], date | None]:
    """One line of `actors lookup --jsonl`: a JSON object with a "text" string and an optional
    "date" in any form `parse_lookup_date` reads; ValueError says what is wrong with it in words."""
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start} cannot be decoded)") from None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(rec, dict):
        raise ValueError('expected a JSON object such as {"text": "Xi Jinping", "date": "2012-01-01"}')
    if not isinstance(rec.get("text"), str) or not rec["text"].strip():
        raise ValueError("needs a non-empty string 'text'")
    if not isinstance(rec.get("context") or "", str):
        raise ValueError("'context' must be a string")
    if rec.get("date") is None:
        return rec, day
    if isinstance(rec["date"], dict | list | bool):
        raise ValueError(f"'date' must be a string such as \"10 May 2015\", not {json.dumps(rec['date'])}")
    try:
        return rec, parse_lookup_date(str(rec["date"])).day
    except ValueError as exc:
        raise ValueError(f"'date': {exc}") from None
