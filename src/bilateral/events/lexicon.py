"""The predicate lexicon: what actors do, mapped to CAMEO codes (and through them to PLOVER).

Two tab-separated files in `bilateral/data/lexicon/` (schema in docs/lexicon.md):
`predicates.tsv` (verbs with particle, object and where the target is) and `nominals.tsv`
(nouns that name events: "the visit by X to Y").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from bilateral.datafiles import package_data, read_tsv
from bilateral.errors import DataFileError
from bilateral.ontology import PLOVER_MODES, PLOVER_TYPES, cameo_codes

TARGET_SLOTS = {"obj", "dative", "poss", "-"}
SOURCE_SLOTS = {"poss", "amod", "compound", "subj"}


@dataclass(frozen=True)
class ObjectSpec:
    lemma: str
    modifier: str | None = None  # a child lemma the object must have: "diplomatic" in "diplomatic tie"
    infinitive: bool = False  # written "to:join": an infinitival complement, not a noun object
    prep: str | None = None  # written "into{partnership}": the object of this preposition


@dataclass(frozen=True)
class Slot:
    """Where an actor comes from: a dependency slot or a preposition's object."""

    kind: str  # obj | dative | poss | amod | compound | subj | prep | -
    prep: str | None = None
    required: bool = False


@dataclass(frozen=True, eq=False)
class Predicate:
    cameo: str
    lemma: str
    particle: str | None
    objects: tuple[ObjectSpec, ...]
    targets: tuple[Slot, ...]
    sources: tuple[Slot, ...]  # nominals only
    flags: frozenset[str]
    plover_type: str | None
    plover_mode: str | None
    contexts: tuple[str, ...]
    line: int
    modifier: str | None = None  # nominals written "air strike": the word the noun needs before it

    @cached_property
    def object_lemmas(self) -> frozenset[str]:
        """Every object word this entry can match: a cheap first test before the full one."""
        return frozenset(o.lemma for o in self.objects)

    @cached_property
    def required_preps(self) -> frozenset[str | None]:
        """The prepositions this entry's required target slots need in the clause."""
        return frozenset(s.prep for s in self.targets if s.kind == "prep" and s.required)

    @property
    def specificity(self) -> int:
        return (3 if self.modifier else 0) + (2 if self.particle else 0) + (2 if self.objects else 0) + sum(
            1 for o in self.objects if o.modifier) // max(len(self.objects), 1) + (
            1 if any(t.required for t in self.targets) else 0)


@dataclass
class Lexicon:
    verbs: dict[str, list[Predicate]]
    nouns: dict[str, list[Predicate]]

    @classmethod
    def load(cls, predicates: Path | None = None, nominals: Path | None = None) -> Lexicon:
        verbs = _index(_read(predicates or package_data("lexicon", "predicates.tsv"), nominal=False))
        nouns = _index(_read(nominals or package_data("lexicon", "nominals.tsv"), nominal=True))
        return cls(verbs, nouns)

    def plain(self, verb: str, plover_type: str) -> Predicate | None:
        """The verb's entry with no object and no particle ("criticize", "demand"), for acts the
        coder recognizes from the sentence's shape rather than from a lexicon row."""
        return next((p for p in self.verbs.get(verb, ()) if p.plover_type == plover_type
                     and not p.objects and not p.particle), None)

    def codes(self) -> set[str]:
        return {p.cameo for group in (self.verbs, self.nouns) for ps in group.values() for p in ps}


def _index(preds: list[Predicate]) -> dict[str, list[Predicate]]:
    out: dict[str, list[Predicate]] = defaultdict(list)
    for p in preds:
        out[p.lemma].append(p)
    for group in out.values():
        group.sort(key=lambda p: -p.specificity)
    return dict(out)


def _read(path: Path, nominal: bool) -> list[Predicate]:
    codes = cameo_codes()
    out = []
    columns = 5 if nominal else 6
    # Equal object specs and slots are made one object: the entries spell out some 51,000 specs
    # and 15,000 slots but only about 5,000 differ, and every full pass of the garbage collector
    # walks each object.
    specs: dict[ObjectSpec, ObjectSpec] = {}
    slots: dict[Slot, Slot] = {}
    for line, row in read_tsv(path, columns):
        where = (str(path), line)
        if nominal:
            cameo, lemma, source_col, target_col, flags_col = row
            particle, object_col = "", ""
        else:
            cameo, lemma, particle, object_col, target_col, flags_col = row
            source_col = ""
        if cameo not in codes:
            raise DataFileError(*where, f"unknown CAMEO code {cameo!r}")
        if not lemma:
            raise DataFileError(*where, "empty verb/noun column")
        flags = frozenset(f.strip() for f in flags_col.split(",") if f.strip())
        ptype, pmode, contexts = codes[cameo].plover_type, codes[cameo].plover_mode, codes[cameo].contexts
        extra_contexts: list[str] = []
        for flag in flags:
            if flag.startswith("plover="):
                ptype, _, mode = flag[7:].partition(":")
                pmode = mode or None
                if ptype not in PLOVER_TYPES or (pmode and pmode not in PLOVER_MODES.get(ptype, ())):
                    raise DataFileError(*where, f"bad PLOVER override {flag!r}")
            elif flag.startswith("context="):
                extra_contexts += flag[8:].split("|")
        if extra_contexts:
            contexts = tuple(dict.fromkeys([*extra_contexts, *contexts]))
        # A nominal of several words ("air strike") is indexed by its head, the last word.
        *mods, head = lemma.lower().split()
        out.append(Predicate(
            cameo=cameo, lemma=head if nominal else lemma.lower(), particle=particle.lower() or None,
            modifier=" ".join(mods) or None if nominal else None,
            objects=tuple(specs.setdefault(spec, spec) for o in _split_alternatives(object_col)
                          for spec in _object(o)),
            targets=tuple(slots.setdefault(slot, slot) for slot in _slots(target_col, where)),
            sources=tuple(slots.setdefault(slot, slot) for slot in _slots(source_col, where)),
            flags=flags, plover_type=ptype, plover_mode=pmode, contexts=contexts, line=line,
        ))
    return out


def _split_alternatives(text: str) -> list[str]:
    """Split on "|" outside braces: "tie|into{partnership|alliance}" -> ["tie", "into{...}"]."""
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += ch == "{"
        depth -= ch == "}"
        if ch == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def _object(text: str) -> list[ObjectSpec]:
    text = text.strip().lower()
    if ":" in text:
        # "to:join" is an infinitive complement or the object of "to"; "into:partnership" the
        # object of "into".
        prep, _, rest = text.partition(":")
        return [replace(spec, prep=prep, infinitive=prep == "to") for spec in _object(rest)]
    if "{" in text and text.endswith("}"):
        prep, _, inner = text[:-1].partition("{")
        return [replace(spec, prep=prep.strip()) for alt in inner.split("|") if alt.strip()
                for spec in _object(alt)]
    *mods, head = text.split()
    return [ObjectSpec(head, " ".join(mods) or None)]


def _slots(text: str, where: tuple[str, int]) -> tuple[Slot, ...]:
    slots = []
    for raw in (t.strip().lower() for t in text.split("|") if t.strip()):
        required = raw.endswith("!")
        raw = raw.rstrip("!")
        if raw.startswith("prep:"):
            slots.append(Slot("prep", raw[5:], required))
        elif raw in TARGET_SLOTS | SOURCE_SLOTS:
            slots.append(Slot(raw, None, required))
        else:
            raise DataFileError(*where, f"unknown actor slot {raw!r}")
    return tuple(slots)
