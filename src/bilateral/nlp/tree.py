"""Walking the dependency tree without rebuilding it.

spaCy's `Token.children` scans the token's whole subtree and makes a new Token object for each
position on every call; the coder and the ledger ask a clause head for its children dozens of
times. The table of children is built once per document instead (for the document being worked
on, which is the most recent one asked about).
"""

from __future__ import annotations

from spacy.attrs import HEAD
from spacy.tokens import Doc, Token

_table: tuple[Doc, list[list[Token]]] | None = None


def children(token: Token) -> list[Token]:
    """The token's syntactic children in document order, as `Token.children` gives them."""
    global _table
    doc = token.doc
    if _table is None or _table[0] is not doc:
        tokens = list(doc)
        kids: list[list[Token]] = [[] for _ in tokens]
        # Heads as offsets from each token (0 for a root), read in one call.
        for i, offset in enumerate(doc.to_array(HEAD).astype("int64").tolist()):
            if offset:
                kids[i + offset].append(tokens[i])
        _table = (doc, kids)
    return _table[1][token.i]
