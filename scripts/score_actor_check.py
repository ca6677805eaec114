"""Country and sector accuracy of actor resolution on tests/data/actor_check.jsonl (or FILE).

    .venv/bin/python scripts/score_actor_check.py [FILE] [--misses] [--alone]

--alone looks each mention up without its sentence (as `bilateral actors lookup TEXT` does).
"""

from __future__ import annotations

import sys
from pathlib import Path

from bilateral.actors import ActorLookup, Gazetteer
from bilateral.actors.checkset import read_check_set, score_check_set
from bilateral.nlp import load_base_model

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> None:
    files = [a for a in argv if not a.startswith("--")]
    path = Path(files[0]) if files else ROOT / "tests" / "data" / "actor_check.jsonl"
    alone = "--alone" in argv
    score = score_check_set(ActorLookup(load_base_model(), Gazetteer.load()), read_check_set(path), alone)
    print(f"{path.name}{' (mentions alone)' if alone else ''}: {score.items} mentions; country {score.country:.3f}, sector {score.sector:.3f} "
          f"({score.sectors} scored)")
    for cat, n in sorted(score.by_category.items()):
        print(f"  {cat:18} {score.right_by_category[cat]:3}/{n}")
    if "--misses" in argv:
        print("\n".join(score.misses))


if __name__ == "__main__":
    main(sys.argv[1:])
