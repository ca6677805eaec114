"""The benchmark corpus: real news sentences from ../shared arranged into many distinct documents.

    .venv/bin/python benchmarks/corpus.py --documents 2000 --out /tmp/corpus.jsonl

How it is built:
1. The pool is every sentence of ../shared/gold/dev_sentences.jsonl and plover_gsr.jsonl, and
   every paragraph of the eight dev articles (dev_articles.jsonl, extracted from their HTML as
   `bilateral code` extracts them) and of the example article. Without ../shared the pool is the
   paragraphs of this repository's example articles (examples/articles.jsonl).
2. Each document draws 6 to 14 pool items at random without replacement (a seeded generator, so a
   size and seed always give the same corpus), joins them as paragraphs, and gets a headline made of
   its first sentence's opening words and a publication date in 2018-2024.
3. A document whose set of items has been drawn before is drawn again, so no two documents are
   the same; with a pool of about 600 items, documents share few items, and the near-duplicate
   screen (MinHash, threshold 0.7) passes them all.
Larger sizes are more draws from the same pool: sentences repeat across documents, as quotes and
background paragraphs do across a news archive, but documents do not.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def sentence_pool() -> list[str]:
    from bilateral.ingest import read_inputs

    pool: list[str] = []
    for name in ("dev_sentences.jsonl", "plover_gsr.jsonl"):
        path = SHARED / "gold" / name
        if path.exists():
            pool += [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]
    paths: list[Path] = [p for p in (SHARED / "gold" / "dev_articles.jsonl", SHARED / "examples" / "seed-article.html")
                         if p.exists()] or [ROOT / "examples" / "articles.jsonl"]
    for doc in read_inputs(paths):
        if hasattr(doc, "text"):
            pool += [p.strip() for p in doc.text.split("\n") if len(p.split()) >= 4]
    return list(dict.fromkeys(pool))


def documents(n: int, seed: int = 13) -> list[dict[str, str]]:
    pool = sentence_pool()
    rng = random.Random(seed)
    seen: set[frozenset[int]] = set()
    out = []
    start = date(2018, 1, 1)
    while len(out) < n:
        picks = rng.sample(range(len(pool)), k=min(len(pool), rng.randint(6, 14)))
        key = frozenset(picks)
        if key in seen:
            continue
        seen.add(key)
        body = [pool[i] for i in picks]
        headline = " ".join(body[0].split()[:8]).rstrip(".,;:")
        out.append({"id": f"bench-{len(out):06d}", "title": headline,
                    "pub_date": (start + timedelta(days=rng.randrange(7 * 365))).isoformat(),
                    "text": headline + "\n\n" + "\n\n".join(body)})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, help="JSON Lines file (default: standard output)")
    args = parser.parse_args()
    lines = (json.dumps(d, ensure_ascii=False) + "\n" for d in documents(args.documents, args.seed))
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            f.writelines(lines)
    else:
        sys.stdout.writelines(lines)


if __name__ == "__main__":
    main()
