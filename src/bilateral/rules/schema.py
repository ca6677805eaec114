"""One small validator for every rule and word-list file: each entry is a mapping with declared
fields of declared types; an error names the file, the line of the entry and the field."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from bilateral.datafiles import LINE_KEY, load_yaml, load_yaml_mapping
from bilateral.errors import DataFileError
from bilateral.ontology import PLOVER_TYPES

# What the entries of a word list may be, by the list's `kind`.
WORD_KINDS: dict[str, Callable[[str], bool]] = {
    "word": lambda w: re.fullmatch(r"[a-z'][a-z'-]*", w) is not None,
    "phrase": lambda w: re.fullmatch(r"[a-z'][a-z' -]*[a-z]", w) is not None,
    "sector": lambda w: re.fullmatch(r"[A-Z]{3}", w) is not None,
    "plover_type": lambda w: w in PLOVER_TYPES,
    "cameo": lambda w: re.fullmatch(r"\d{2,4}", w) is not None,
}


@dataclass(frozen=True)
class Field:
    """A field of an entry: its Python type(s), whether it must be there, and an extra check
    returning the reason it fails (or None)."""

    types: type | tuple[type, ...]
    required: bool = True
    check: Callable[[Any], str | None] | None = None


@dataclass(frozen=True)
class Shape:
    fields: Mapping[str, Field] = field(default_factory=dict)


def load_entries(path: Path, shape: Shape) -> dict[str, dict[str, Any]]:
    """A YAML file whose top level maps names to entries of `shape`, checked; entries keep
    their line under `__line__`."""
    data = load_yaml_mapping(path, "a mapping of names to entries")
    out: dict[str, dict[str, Any]] = {}
    for name, entry in data.items():
        if name == LINE_KEY:
            continue
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise DataFileError(str(path), _line(entry), f"{name!r}: names are lowercase words joined by _")
        out[name] = check_entry(path, name, entry, shape)
    return out


def check_entry(path: Path, name: str, entry: Any, shape: Shape) -> dict[str, Any]:
    line = _line(entry)
    if not isinstance(entry, dict):
        raise DataFileError(str(path), line, f"{name}: expected a mapping")
    unknown = set(entry) - set(shape.fields) - {LINE_KEY}
    if unknown:
        raise DataFileError(str(path), line, f"{name}: unknown field(s) {', '.join(sorted(unknown))}; "
                                             f"expected {', '.join(shape.fields)}")
    for key, spec in shape.fields.items():
        if key not in entry:
            if spec.required:
                raise DataFileError(str(path), line, f"{name}: missing field {key!r}")
            continue
        value = entry[key]
        if not isinstance(value, spec.types):
            raise DataFileError(str(path), line, f"{name}.{key}: expected {_type_names(spec.types)}, "
                                                 f"found {type(value).__name__}")
        reason = spec.check(value) if spec.check else None
        if reason:
            raise DataFileError(str(path), line, f"{name}.{key}: {reason}")
    return entry


def _line(entry: Any) -> int | None:
    return entry.get(LINE_KEY) if isinstance(entry, dict) else None


def _type_names(types: type | tuple[type, ...]) -> str:
    return " or ".join(t.__name__ for t in (types if isinstance(types, tuple) else (types,)))


# The fields of a rule, in constructions.yaml and slots.yaml alike.
RULE = Shape({
    "id": Field(str), "stage": Field(str), "when": Field(list), "then": Field(dict),
    "example": Field(str), "expect": Field(list), "follows": Field(str), "why": Field(str, required=False),
})


class _Rule(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def line(self) -> int: ...


R = TypeVar("R", bound=_Rule)


def read_rules(path: Path, build: Callable[[Any], R]) -> list[R]:
    """A YAML list of rules, each built (and checked) by `build`; ids must be unique."""
    data = load_yaml(path)
    if not isinstance(data, list):
        raise DataFileError(str(path), None, "expected a list of rules")
    rules = [build(entry) for entry in data]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise DataFileError(str(path), rule.line, f"rule id {rule.id!r} is used twice")
        seen.add(rule.id)
    return rules


def compiled_condition(condition: Any, tests: Mapping[str, Callable[[Any], bool]],
                       value_tests: Mapping[str, Callable[[Any, Any, Any], bool]], words: Any,
                       makers: Mapping[str, Callable[[Any, Any], Callable[[Any], bool]]] | None = None,
                       ) -> Callable[[Any], bool]:
    """A rule's condition as a function of what the rule looks at: a test name, `not`, `any`,
    `all`, or a one-key mapping naming a value test and its value (a word list, a type...).
    `makers` make a value test from its value and the word lists, once, where `value_tests` are
    called with them each time."""
    if isinstance(condition, str):
        return tests[condition]
    key, value = next((k, v) for k, v in condition.items() if k != LINE_KEY)
    if key == "not":
        inner = compiled_condition(value, tests, value_tests, words, makers)
        return lambda at: not inner(at)
    if key in {"any", "all"}:
        options = [compiled_condition(c, tests, value_tests, words, makers) for c in value]
        combine = any if key == "any" else all
        return lambda at: combine(option(at) for option in options)
    if makers is not None and key in makers:
        return makers[key](value, words)
    test = value_tests[key]
    return lambda at: test(at, value, words)


def condition_leaves(condition: Any) -> list[tuple[str | None, Any]]:
    """What a rule's condition tests, `not`, `any` and `all` looked through: (None, NAME) for a
    test name, (KEY, VALUE) for a value test. A condition of neither form raises ValueError."""
    if isinstance(condition, str):
        return [(None, condition)]
    keys = [k for k in condition if k != LINE_KEY] if isinstance(condition, dict) else []
    if len(keys) != 1:
        raise ValueError(f"a condition is a test name or a one-key mapping, not {condition!r}")
    key, value = keys[0], condition[keys[0]]
    if key == "not":
        return condition_leaves(value)
    if key in {"any", "all"}:
        return [leaf for inner in value for leaf in condition_leaves(inner)]
    return [(key, value)]
