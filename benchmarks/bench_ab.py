"""Coding time of two source trees on the same corpus, in interleaved rounds (fastest kept).

For a refactoring that must not slow coding down: each round codes the corpus once with each tree
(a fresh process each, the model loaded and warmed before the clock starts), alternating, so that
the load of a shared machine falls on both alike.

    git archive main src | tar -x -C /tmp/base
    .venv/bin/python benchmarks/bench_ab.py /tmp/base/src src --documents 300 --rounds 3
    .venv/bin/python benchmarks/bench_ab.py /tmp/base/src src --full --workers 2 --documents 400 --rounds 3

By default the timing is `Coder.code` on documents in memory, one process (wall time, and the
process's CPU time, steadier when other work loads the machine). With `--full` it is the
whole job of `bilateral code FILE --workers N`: `code_into` reading the corpus as a JSON Lines file,
screening it, coding it with --workers processes and writing it into a fresh DuckDB store (the
pipeline loaded, and every module a run imports, before the clock starts). Besides the wall time,
each run reports the CPU time of the feeding process and of its workers, which on a shared machine
is the steadier figure.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
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
start, cpu = time.perf_counter(), time.process_time()
list(coder.code(docs))
print(time.perf_counter() - start, time.process_time() - cpu)
"""

# The whole job on a file, as `bilateral code FILE --db DB --workers N` runs it. A first small run
# into a throwaway store loads what a run loads once per process (datasketch, pyarrow's pandas).
_FULL_TIMER = """
import os, resource, sys, tempfile, time
from pathlib import Path
from bilateral import Store, code_into
from bilateral.pipeline import Coder
corpus_file, warm_file, workers = Path({corpus!r}), Path({warm!r}), {workers}
coder = Coder()
folder = Path(tempfile.mkdtemp())
with Store(folder / "warm.duckdb") as store:
    code_into(store, [warm_file], coder=coder, workers=workers)

def cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime

main, children = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
start = time.perf_counter()
with Store(folder / "run.duckdb") as store:
    run = code_into(store, [corpus_file], coder=coder, workers=workers)
wall = time.perf_counter() - start
assert run.documents and not run.errors, run.rejects[:3]
print(wall, cpu(resource.RUSAGE_SELF) - main, cpu(resource.RUSAGE_CHILDREN) - children)
"""


def _time(src: Path, code: str) -> tuple[float, ...]:
    """(wall seconds[, CPU of the process, CPU of its workers]) of one run of `code` with `src`."""
    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return tuple(float(x) for x in out.stdout.strip().splitlines()[-1].split())


def _corpus_files(documents: int, folder: Path) -> tuple[Path, Path]:
    """The corpus as a JSON Lines file, and a file of its first two documents (for warming up)."""
    sys.path.insert(0, str(HERE))
    import corpus

    lines = [json.dumps(d, ensure_ascii=False) + "\n" for d in corpus.documents(documents)]
    (folder / "corpus.jsonl").write_text("".join(lines), encoding="utf-8")
    (folder / "warm.jsonl").write_text("".join(json.dumps(dict(json.loads(line), id=f"warm-{i}")) + "\n"
                                               for i, line in enumerate(lines[:2])), encoding="utf-8")
    return folder / "corpus.jsonl", folder / "warm.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a", type=Path, help="first source tree (the directory holding bilateral/)")
    parser.add_argument("b", type=Path, help="second source tree")
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="time `code_into` on a file (read, screen, code, store)")
    parser.add_argument("--workers", type=int, default=2, help="with --full: coding processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.full:
            corpus_file, warm_file = _corpus_files(args.documents, Path(tmp))
            code = _FULL_TIMER.format(corpus=str(corpus_file), warm=str(warm_file), workers=args.workers)
        else:
            code = _TIMER.format(bench=str(HERE), n=args.documents)
        runs: dict[str, list[tuple[float, ...]]] = {"a": [], "b": []}
        for _ in range(args.rounds):
            runs["a"].append(_time(args.a, code))
            runs["b"].append(_time(args.b, code))
    for key, src in (("a", args.a), ("b", args.b)):
        walls = [r[0] for r in runs[key]]
        print(f"{key} {src}: " + ", ".join(f"{t:.2f}" for t in walls) + f" s (fastest {min(walls):.2f})")
        if not args.full:
            print("   CPU " + ", ".join(f"{r[1]:.2f}" for r in runs[key]) + f" s (least {min(r[1] for r in runs[key]):.2f})")
        if args.full:
            print("   CPU feeding process " + ", ".join(f"{r[1]:.2f}" for r in runs[key])
                  + " s, workers " + ", ".join(f"{r[2]:.2f}" for r in runs[key])
                  + f" s (least in all {min(r[1] + r[2] for r in runs[key]):.2f})")
    print(f"b / a = {min(r[0] for r in runs['b']) / min(r[0] for r in runs['a']):.3f} (fastest wall times)")
    if args.full:
        least = {key: min(r[1] + r[2] for r in runs[key]) for key in runs}
        print(f"b / a = {least['b'] / least['a']:.3f} (least CPU, feeding process and workers)")
    else:
        least = {key: min(r[1] for r in runs[key]) for key in runs}
        print(f"b / a = {least['b'] / least['a']:.3f} (least CPU)")


if __name__ == "__main__":
    main()
