"""Loading the packaged data files (YAML and TSV) with errors that name the file and line."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from bilateral.errors import DataFileError

LINE_KEY = "__line__"


# libyaml's parser, where PyYAML was built with it, reads the gazetteer five to ten times faster
# than the pure-Python one, to the same values (checked on every packaged file).
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A safe YAML loader that records the line of every mapping under `__line__`."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def package_data(*parts: str) -> Path:
    """Path of a file shipped in `bilateral/data/`."""
    return Path(str(resources.files("bilateral").joinpath("data", *parts)))


def load_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.load(f, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise DataFileError(str(path), line, f"not valid YAML: {getattr(exc, 'problem', exc)}") from exc


def load_yaml_mapping(path: Path, expected: str) -> dict[Any, Any]:
    """A YAML file whose top level is a mapping (without its line key), or a DataFileError saying
    what was `expected` ("a mapping from sector code to role words")."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(str(path), None, f"expected {expected}")
    data.pop(LINE_KEY, None)
    return data


def load_yaml_list(path: Path) -> list[dict[str, Any]]:
    data = load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise DataFileError(str(path), None, "expected a list of mappings")
    return data


def read_tsv(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Rows of a tab-separated file without its header and `#` comments, padded to `columns`."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read: {exc.strerror}") from exc
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        row = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(row) > columns:
            raise DataFileError(str(path), lineno, f"expected at most {columns} columns, found {len(row)}")
        yield lineno, [c.strip() for c in row] + [""] * (columns - len(row))
