"""Which clause a written date belongs to: the verb that governs it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from bilateral.syntax.clause import clause_verb

if TYPE_CHECKING:
    from bilateral.events.dates import DateMention


def governed_dates(doc: Doc, mentions: Iterable[DateMention]) -> dict[int, DateMention]:
    """Each clause verb's date (by the verb's token index): of several, the one nearest the verb
    in the tree ("became a member on Thursday" over the "since 2015" inside the subject's
    apposition); at equal distance the first written."""
    governed: dict[int, tuple[int, DateMention]] = {}
    for d in mentions:
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        verb = clause_verb(span.root.head if span.root.dep_ == "pobj" else span.root)
        depth = len(_path_up(span.root, verb))
        if verb.i not in governed or depth < governed[verb.i][0]:
            governed[verb.i] = (depth, d)
    return {i: d for i, (_, d) in governed.items()}


def _path_up(token: Token, to: Token) -> list[Token]:
    path: list[Token] = []
    while token.i != to.i and token.head.i != token.i and len(path) < 50:
        path.append(token)
        token = token.head
    return path
