"""Dump bilateral's full JSON output on a fixed set of inputs, or compare two dumps.

A refactoring that must not change what is coded is checked by dumping before and after and
comparing: every document's JSON (events, facts, spans) in default and all-acts modes.

    .venv/bin/python scripts/compare_output.py dump /tmp/before
    .venv/bin/python scripts/compare_output.py dump /tmp/after
    .venv/bin/python scripts/compare_output.py compare /tmp/before /tmp/after

`dump --also FILE...` adds more input files, each dumped under its own name (the check sets:
`--also tests/data/*check*.jsonl`).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _inputs(workdir: Path, also: list[Path]) -> dict[str, list[str]]:
    """Name -> input paths; the GSR file and the benchmark corpus are written as documents."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus  # type: ignore[import-not-found]

    gsr = workdir / "plover_gsr_docs.jsonl"
    with (SHARED / "gold" / "plover_gsr.jsonl").open(encoding="utf-8") as src, \
            gsr.open("w", encoding="utf-8") as out:
        for line in src:
            if line.strip():
                record = json.loads(line)
                out.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
    bench = workdir / "bench300.jsonl"
    with bench.open("w", encoding="utf-8") as out:
        for document in corpus.documents(300):
            out.write(json.dumps(document, ensure_ascii=False) + "\n")
    fresh = sorted(str(p) for p in (ROOT / "tests" / "data" / "fresh").glob("*.jsonl"))
    return {"dev_sentences": [str(SHARED / "gold" / "dev_sentences.jsonl")],
            "dev_articles": [str(SHARED / "gold" / "dev_articles.jsonl")],
            "plover_gsr": [str(gsr)],
            "seed_article": [str(SHARED / "examples" / "seed-article.html")],
            "fresh": fresh,
            "bench300": [str(bench)],
            **{f"also_{path.stem}": [str(path)] for path in also}}


def dump(out_dir: Path, also: list[Path]) -> None:
    from bilateral.ingest import Reject, read_inputs
    from bilateral.pipeline import Coder

    out_dir.mkdir(parents=True, exist_ok=True)
    coder = Coder()
    with tempfile.TemporaryDirectory() as tmp:
        for name, paths in _inputs(Path(tmp), also).items():
            documents = [d for d in read_inputs(paths) if not isinstance(d, Reject)]
            for mode in ("default", "all_acts"):
                if mode == "all_acts":
                    with coder.all_acts():
                        coded = coder.code(documents)
                else:
                    coded = coder.code(documents)
                with (out_dir / f"{name}.{mode}.jsonl").open("w", encoding="utf-8") as f:
                    for item in coded:
                        f.write(json.dumps(item.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
            print(f"{name}: {len(documents)} documents", file=sys.stderr)


def compare(before: Path, after: Path) -> int:
    differences = 0
    for old_file in sorted(before.glob("*.jsonl")):
        new_file = after / old_file.name
        old_lines = old_file.read_text(encoding="utf-8").splitlines()
        new_lines = new_file.read_text(encoding="utf-8").splitlines() if new_file.exists() else []
        changed = [i for i in range(max(len(old_lines), len(new_lines)))
                   if i >= len(old_lines) or i >= len(new_lines) or old_lines[i] != new_lines[i]]
        print(f"{old_file.name}: {len(old_lines)} documents, {len(changed)} differ")
        for i in changed[:5]:
            old = json.loads(old_lines[i]) if i < len(old_lines) else {}
            new = json.loads(new_lines[i]) if i < len(new_lines) else {}
            print(f"  document {old.get('id', new.get('id'))}:")
            for key in sorted(set(old) | set(new)):
                if old.get(key) != new.get(key):
                    print(f"    {key}: before {json.dumps(old.get(key))[:400]}")
                    print(f"    {key}: after  {json.dumps(new.get(key))[:400]}")
        differences += len(changed)
    print("identical" if differences == 0 else f"{differences} documents differ")
    return 1 if differences else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    dump_parser = sub.add_parser("dump")
    dump_parser.add_argument("out", type=Path)
    dump_parser.add_argument("--also", type=Path, nargs="*", default=[], help="more input files to dump")
    compare_parser = sub.add_parser("compare")
    compare_parser.add_argument("before", type=Path)
    compare_parser.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.also)
    else:
        sys.exit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
