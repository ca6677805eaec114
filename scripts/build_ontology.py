"""Regenerate src/bilateral/data/ontology/cameo.tsv from the reference data in ../shared/ontology.

The package ships only facts derived from the reference files (code, short name, Goldstein value,
quad class, and the PLOVER type/mode/contexts we assign to each code); it does not ship the codebook
descriptions. Decisions where the PLOVER manual is inconsistent are documented in docs/ontology.md.

Usage: python scripts/build_ontology.py [SHARED_ONTOLOGY_DIR]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "bilateral" / "data" / "ontology" / "cameo.tsv"

# CAMEO root -> PLOVER type for codes the 2021 detailed mapping does not list. Roots 01 and 02
# (public statements, appeals) were dropped from PLOVER: such codes get no PLOVER type.
ROOT_TYPES = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
    "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
    "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}
# Modes in the 2021 mapping that the v2.0 manual no longer has, mapped to the closest v2.0 mode
# (or none). See docs/ontology.md, decision 4.
MODE_FIXES = {
    ("RETREAT", "ease"): None, ("RETREAT", "return"): None, ("CONCEDE", "ease"): None,
    ("COERCE", "ban"): "restrict", ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "cleansing"): "unconventional", ("ASSAULT", "massacre"): "unconventional",
    ("REQUEST", "political"): "change", ("REJECT", "political"): "change",
}

# Where the project's annotation conventions (shared/gold/ANNOTATION.md) differ from the 2021
# mapping: imposing sanctions is SANCTION, not COERCE. See docs/ontology.md, decision 7.
CONVENTION_OVERRIDES = {"163": ("SANCTION", None)}


def main(shared: Path) -> None:
    plover = json.loads((shared / "plover.json").read_text(encoding="utf-8"))
    valid_modes = {
        t["event_type"]: {m["mode"] if isinstance(m, dict) else m for m in t["modes"]}
        for t in plover["event_types"]
    }
    detailed = {row["cameo_code"]: row for row in plover["cameo_to_plover_detailed_2021"]}
    rows = []
    with (shared / "cameo_codes.tsv").open(encoding="utf-8") as f:
        for rec in csv.DictReader(f, delimiter="\t"):
            code = rec["code"]
            det = detailed.get(code)
            ptype = det["plover_event"] if det else ROOT_TYPES.get(code[:2])
            if code[:2] == "08" and not det:
                ptype = "RETREAT" if code[:3] in {"084", "085", "086", "087"} else "CONCEDE"
            mode = det["plover_mode"] if det else None
            if ptype and (ptype, mode) in MODE_FIXES:
                mode = MODE_FIXES[(ptype, mode)]
            if ptype and mode and mode not in valid_modes.get(ptype, set()):
                mode = None
            if code in CONVENTION_OVERRIDES:
                ptype, mode = CONVENTION_OVERRIDES[code]
            if code.startswith("20") and not det:
                mode = "unconventional"
            contexts = ",".join(det["plover_context"]) if det and det["plover_context"] else ""
            rows.append([code, rec["name"], rec["goldstein"], rec["quadclass"],
                         ptype or "", mode or "", contexts])
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write("# CAMEO 1.1b3 event codes with Goldstein values and quad classes (source: CAMEO codebook,\n")
        f.write("# via github.com/andybega/icews data-raw/cameo-codes.csv, MIT) and the PLOVER type, mode and\n")
        f.write("# contexts assigned to each code (source: openeventdata/PLOVER CAMEO2PLOVER-2021, CC BY-SA 4.0,\n")
        f.write("# with the decisions in docs/ontology.md). Regenerate with scripts/build_ontology.py.\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "name", "goldstein", "quad", "plover_type", "plover_mode", "contexts"])
        w.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "ontology")
