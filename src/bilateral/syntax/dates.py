"""Which clause a written date belongs to: the verb that governs it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from bilateral.nlp.tree import root_of
from bilateral.syntax.clause import clause_verb

if TYPE_CHECKING:
    from bilateral.events.dates import DateMention


def governed_dates(doc: Doc, mentions: Iterable[DateMention]) -> dict[int, DateMention]:
    """Each clause verb's date (by the verb's token index): of several, the one nearest the verb
    in the tree; at equal distance the first written. A date inside an apposition ("Belarus, an
    SCO observer since 2015, ...") is the apposition's, never its clause's."""
    governed: dict[int, tuple[int, DateMention]] = {}
    for d in mentions:
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        root = root_of(span)
        verb = clause_verb(root.head if root.dep_ == "pobj" else root)
        path = _path_up(root, verb)
        if any(t.dep_ == "appos" for t in path):
            # "The United States, a treaty ally since 1951, condemned ...": the apposition's date
            # describes the noun, not the clause's act.
            continue
        depth = len(path)
        if verb.i not in governed or depth < governed[verb.i][0]:
            governed[verb.i] = (depth, d)
    return {i: d for i, (_, d) in governed.items()}


def _path_up(token: Token, to: Token) -> list[Token]:
    path: list[Token] = []
    while token.i != to.i and token.head.i != token.i and len(path) < 50:
        path.append(token)
        token = token.head
    return path
