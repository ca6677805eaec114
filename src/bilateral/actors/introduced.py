"""People a story introduces by their office, then names alone.

Wire copy names a person the gazetteer does not know once with the office that places them, and
from then on by name: "Bangladesh's foreign minister, Abul Hassan Mahmood Ali, signed ... Mahmood
Ali told reporters"; "Malaysia expelled North Korea's ambassador, Kang Chol ... Kang accused
Malaysia". The office's owner is the person's country, and its role word their sector, so a later
mention of the name, whole or by its first or last words (family names come first in some
languages), stands for that actor.

Only the apposition after a role noun owned by a state ("X's foreign minister, NAME") introduces a
name, and a later word sequence counts only when it is a run of proper nouns that no other mention
covers and that no second introduced name shares.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from bilateral.model import Actor
from bilateral.nlp.tree import children

Named = tuple[int, int, Sequence[Actor]]  # a mention's start and end tokens, and its actors
_OWNER_DEPS = {"poss", "amod", "compound"}  # "Bangladesh's minister", "the Malaysian envoy"


def introduced_people(doc: Doc, mentions: Sequence[Named],
                      role_of: Callable[[Token], str | None]) -> list[tuple[int, int, Actor]]:
    """Where the story names again, by name alone, the people `mentions` introduce by their office
    (see the module docstring): each such span and its actor; `role_of` gives a role noun's sector."""
    covered = {i for start, end, _ in mentions for i in range(start, end)}
    names: dict[tuple[str, ...], tuple[int, Actor]] = {}  # a name's words -> (where it ends, who)
    for mention in mentions:
        for name, actor in _introduced(doc, mention, covered, role_of):
            names.setdefault(tuple(t.text for t in name), (name[-1].i, actor))
    if not names:
        return []
    forms = _forms(names)
    found = []
    for start, end in _proper_runs(doc, covered):
        key = tuple(t.text for t in doc[start:end])
        who = forms.get(key)
        if who is not None and who[0] < start:
            found.append((start, end, replace(who[1], text=" ".join(key))))
    return found


def _introduced(doc: Doc, mention: Named, covered: set[int],
                role_of: Callable[[Token], str | None]) -> list[tuple[list[Token], Actor]]:
    """The name set beside the role noun this state mention owns, with the actor it names."""
    start, end, actors = mention
    if len(actors) != 1 or actors[0].kind != "state":
        return []
    root = doc[start:end].root
    head = root.head
    if root.dep_ not in _OWNER_DEPS or head.i < end or (sector := role_of(head)) is None:
        return []
    out = []
    for appos in children(head):
        if appos.dep_ != "appos" or appos.pos_ != "PROPN":
            continue
        name = [c for c in children(appos) if c.dep_ == "compound" and c.pos_ == "PROPN"] + [appos]
        name.sort(key=lambda t: t.i)
        if name[-1].i - name[0].i + 1 != len(name) or any(t.i in covered for t in name):
            continue
        text = " ".join(t.text for t in name)
        out.append((name, Actor(actors[0].code, sector, text, "person", text)))
    return out


def _forms(names: dict[tuple[str, ...], tuple[int, Actor]]) -> dict[tuple[str, ...], tuple[int, Actor]]:
    """Each name, and its first and last words alone or together, when no other name shares them."""
    forms: dict[tuple[str, ...], tuple[int, Actor] | None] = {}
    for words, who in names.items():
        parts = {words} | {words[:k] for k in range(1, len(words))} | {words[k:] for k in range(1, len(words))}
        for part in parts:
            forms[part] = who if part not in forms or forms[part] == who else None
    return {part: who for part, who in forms.items() if who is not None}


def _proper_runs(doc: Doc, covered: set[int]) -> list[tuple[int, int]]:
    """The runs of proper nouns that no mention covers, as (start, end) token offsets."""
    runs = []
    start = None
    for token in doc:
        inside = token.pos_ == "PROPN" and token.i not in covered and token.is_alpha
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            runs.append((start, token.i))
            start = None
    if start is not None:
        runs.append((start, len(doc)))
    return runs
