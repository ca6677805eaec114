"""CAMEO codes with their Goldstein values and quad classes, and the PLOVER type of each.

Read from the packaged `data/ontology/cameo.tsv` (see its header for sources and license).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from bilateral.errors import DataFileError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# The PLOVER v2.0 modes of each type (manual, event type sections). REQUEST and REJECT share theirs.
PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"),
}

# A representative CAMEO code for each PLOVER type, used when an event's type is decided by a
# rule rather than a lexicon entry (e.g. a future cooperative act becomes AGREE: 030).
DEFAULT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060",
    "AID": "070", "RETREAT": "087", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170",
    "ASSAULT": "190",
}


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad: int
    plover_type: str | None
    plover_mode: str | None
    contexts: tuple[str, ...]


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """All CAMEO codes by code string ("010" and "10" differ)."""
    path = resources.files("bilateral") / "data" / "ontology" / "cameo.tsv"
    text = path.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    codes: dict[str, CameoCode] = {}
    for lineno, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
        try:
            codes[row["code"]] = CameoCode(
                code=row["code"], name=row["name"], goldstein=float(row["goldstein"]),
                quad=int(row["quad"]), plover_type=row["plover_type"] or None,
                plover_mode=row["plover_mode"] or None,
                contexts=tuple(c for c in row["contexts"].split(",") if c),
            )
        except (KeyError, ValueError) as exc:
            raise DataFileError(str(path), lineno, f"bad CAMEO row: {exc}") from exc
    return codes


def cameo(code: str) -> CameoCode:
    try:
        return cameo_codes()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None
