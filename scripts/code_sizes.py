"""Module and function sizes: every module over the line limit and every function over the
function limit (STYLE: no module over ~500 lines, no function over ~60).

    .venv/bin/python scripts/code_sizes.py [src/bilateral/events src/bilateral/ledger ...]
"""
from __future__ import annotations

import argparse
import ast
from pathlib import Path

MODULE_LIMIT, FUNCTION_LIMIT = 500, 60


def sizes(path: Path) -> tuple[int, list[tuple[str, int]]]:
    text = path.read_text(encoding="utf-8")
    functions = [(node.name, (node.end_lineno or node.lineno) - node.lineno + 1)
                 for node in ast.walk(ast.parse(text))
                 if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    return len(text.splitlines()), functions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("src/bilateral")])
    parser.add_argument("--all", action="store_true", help="list every module, not only those over a limit")
    args = parser.parse_args()
    files = sorted(p for root in args.paths for p in ([root] if root.is_file() else root.rglob("*.py")))
    for path in files:
        lines, functions = sizes(path)
        long = sorted((f for f in functions if f[1] > FUNCTION_LIMIT), key=lambda f: -f[1])
        if args.all or lines > MODULE_LIMIT or long:
            biggest = max((n for _, n in functions), default=0)
            print(f"{lines:5d} lines  longest function {biggest:3d}  {path}")
            for name, n in long:
                print(f"        {name}: {n} lines")


if __name__ == "__main__":
    main()
