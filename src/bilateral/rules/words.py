"""The word lists (`data/rules/words.yaml`) and code tables (`data/rules/codes.yaml`) that the
coder and the ledger extractor consult by name, loaded once and checked against their kind."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bilateral.datafiles import package_data
from bilateral.errors import DataFileError
from bilateral.ontology import PLOVER_TYPES
from bilateral.rules.schema import WORD_KINDS, Field, Shape, load_entries


def _check_kind(kind: Any) -> str | None:
    return None if kind in WORD_KINDS else f"unknown kind {kind!r}; one of {', '.join(WORD_KINDS)}"


WORD_LIST = Shape({"about": Field(str), "kind": Field(str, check=_check_kind), "words": Field(list)})
CODE_TABLE = Shape({"about": Field(str), "codes": Field(dict)})


@dataclass(frozen=True)
class WordLists:
    """Named, immutable word sets and code tables."""

    sets: dict[str, frozenset[str]]
    ordered: dict[str, tuple[str, ...]]
    tables: dict[str, dict[str, str]]

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.sets[name]

    def table(self, name: str) -> dict[str, str]:
        return dict(self.tables[name])


def load_word_lists(words_path: Path, codes_path: Path) -> WordLists:
    sets: dict[str, frozenset[str]] = {}
    ordered: dict[str, tuple[str, ...]] = {}
    for name, entry in load_entries(words_path, WORD_LIST).items():
        accepts = WORD_KINDS[entry["kind"]]
        for word in entry["words"]:
            if not isinstance(word, str) or not accepts(word):
                raise DataFileError(str(words_path), entry["__line__"],
                                    f"{name}: {word!r} is not a {entry['kind']}")
        if len(set(entry["words"])) != len(entry["words"]):
            raise DataFileError(str(words_path), entry["__line__"], f"{name}: a word is listed twice")
        sets[name] = frozenset(entry["words"])
        ordered[name] = tuple(entry["words"])
    tables: dict[str, dict[str, str]] = {}
    for name, entry in load_entries(codes_path, CODE_TABLE).items():
        table = {str(k): v for k, v in entry["codes"].items() if k != "__line__"}
        for key, code in table.items():
            if key.split(" ")[0] not in PLOVER_TYPES or not isinstance(code, str) or not re.fullmatch(r"\d{2,4}", code):
                raise DataFileError(str(codes_path), entry["__line__"],
                                    f"{name}: {key}: {code!r} (keys are PLOVER types, values quoted CAMEO codes)")
        tables[name] = table
    return WordLists(sets, ordered, tables)


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    """The packaged lists, read once per process (they are immutable)."""
    return load_word_lists(package_data("rules", "words.yaml"), package_data("rules", "codes.yaml"))
