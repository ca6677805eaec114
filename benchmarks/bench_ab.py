"""Coding time of two source trees on the same corpus, in interleaved rounds (fastest kept).

For a refactoring that must not slow coding down: each round codes the corpus once with each tree
(a fresh process each, the model loaded and warmed before the clock starts), alternating, so that
the load of a shared machine falls on both alike.

    git archive main src | tar -x -C /tmp/base
    .venv/bin/python benchmarks/bench_ab.py /tmp/base/src src --documents 300 --rounds 3
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_TIMER = """
import sys, time
from datetime import date
sys.path.insert(0, {bench!r})
import corpus
from bilateral.model import Document
from bilateral.pipeline import Coder
docs = [Document(id=d["id"], text=d["text"], pub_date=date.fromisoformat(d["pub_date"])) for d in corpus.documents({n})]
coder = Coder()
list(coder.code(docs[:5]))
start = time.perf_counter()
list(coder.code(docs))
print(time.perf_counter() - start)
"""


def _time(src: Path, documents: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
    code = _TIMER.format(bench=str(HERE), n=documents)
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a", type=Path, help="first source tree (the directory holding bilateral/)")
    parser.add_argument("b", type=Path, help="second source tree")
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"a": [], "b": []}
    for _ in range(args.rounds):
        times["a"].append(_time(args.a, args.documents))
        times["b"].append(_time(args.b, args.documents))
    best_a, best_b = min(times["a"]), min(times["b"])
    print(f"a {args.a}: " + ", ".join(f"{t:.2f}" for t in times["a"]) + f" s (fastest {best_a:.2f})")
    print(f"b {args.b}: " + ", ".join(f"{t:.2f}" for t in times["b"]) + f" s (fastest {best_b:.2f})")
    print(f"b / a = {best_b / best_a:.3f}")


if __name__ == "__main__":
    main()
