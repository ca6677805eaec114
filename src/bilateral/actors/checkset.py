"""Scoring actor resolution on a check set of mentions in sentences (tests/data/actor_check.jsonl).

Each record gives a sentence (`text`), the `mention` in it, the document `date`, and the expected
`country` (ISO3 or organization code, null when the phrase names no country) and `sector` (null
with a null country: the phrase is no actor). `sector_scored: false` leaves the sector out (places,
whose sector depends on the use). The first actor the lookup gives is the answer; no actor counts
as country null and sector null.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bilateral.errors import DataFileError


@dataclass
class CheckScore:
    items: int = 0
    country_right: int = 0
    sectors: int = 0  # items whose sector is scored
    sector_right: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    right_by_category: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @property
    def country(self) -> float:
        return self.country_right / self.items if self.items else 0.0

    @property
    def sector(self) -> float:
        return self.sector_right / self.sectors if self.sectors else 0.0


def read_check_set(path: Path) -> list[dict[str, Any]]:
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        rec = json.loads(line)
        if not isinstance(rec, dict) or rec.get("mention") not in (rec.get("text") or ""):
            raise DataFileError(str(path), lineno, "each line needs a 'text' that contains its 'mention'")
        out.append(rec)
    return out


def score_check_set(lookup: Any, records: list[dict[str, Any]], alone: bool = False) -> CheckScore:
    """`lookup`: an `ActorLookup`. Both a country and (where scored) a sector must match for an
    item to count as right in its category. With `alone`, the mention is looked up without its
    sentence (as a list of mentions would be); items whose country only the sentence gives then
    fail by design."""
    score = CheckScore()
    for rec in records:
        day = date.fromisoformat(rec["date"]) if rec.get("date") else None
        mention = rec["mention"]
        if alone:
            found = lookup.lookup_in(mention, 0, len(mention), day)
        else:
            start = rec["text"].index(mention)
            found = lookup.lookup_in(rec["text"], start, start + len(mention), day)
        got = (found[0]["country"], found[0]["sector"]) if found else (None, None)
        country_ok = got[0] == rec["country"]
        scored = rec.get("sector_scored", True)
        sector_ok = got[1] == rec["sector"] if scored else True
        score.items += 1
        score.country_right += country_ok
        score.sectors += scored
        score.sector_right += scored and sector_ok
        score.by_category[rec["category"]] += 1
        if country_ok and sector_ok:
            score.right_by_category[rec["category"]] += 1
        else:
            score.misses.append(f"{rec['id']} {rec['mention']!r} ({rec['date']}): want "
                                f"{rec['country']}/{rec['sector']}, got {got[0]}/{got[1]}")
    return score
