"""Walking the dependency tree without rebuilding it.

spaCy makes a new Token object each time a token is reached through the Doc (`doc[i]`, iterating a
sentence, `Token.children`, `Token.subtree`), and `Token.children` scans the token's whole subtree
on every call; the coder and the ledger walk the same clauses dozens of times. The tokens and the
table of children are built once per document instead (for the document being worked on, which is
the most recent one asked about).
"""

from __future__ import annotations

from spacy.attrs import HEAD
from spacy.tokens import Doc, Span, Token


class _Tree:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # `Doc.text` joins every token again on each call
        self.tokens = list(doc)
        self.kids: list[list[Token]] = [[] for _ in self.tokens]
        # Heads as offsets from each token (0 for a root), read in one call.
        for i, offset in enumerate(doc.to_array(HEAD).astype("int64").tolist()):
            if offset:
                self.kids[i + offset].append(self.tokens[i])


_tree: _Tree | None = None


def _of(doc: Doc) -> _Tree:
    global _tree
    if _tree is None or _tree.doc is not doc:
        _tree = _Tree(doc)
    return _tree


def children(token: Token) -> list[Token]:
    """The token's syntactic children in document order, as `Token.children` gives them."""
    tree, doc = _tree, token.doc
    if tree is None or tree.doc is not doc:  # checked here too: this is called very often
        tree = _of(doc)
    return tree.kids[token.i]


def span_tokens(span: Span) -> list[Token]:
    """The tokens of a sentence or other span, as iterating it gives them."""
    return _of(span.doc).tokens[span.start:span.end]


def subtree_indices(token: Token) -> set[int]:
    """Indices of the token's subtree (itself included), as `{t.i for t in token.subtree}`."""
    kids = _of(token.doc).kids
    out = {token.i}
    stack = [token]
    while stack:
        for child in kids[stack.pop().i]:
            out.add(child.i)
            stack.append(child)
    return out


def span_text(span: Span) -> str:
    """`span.text`, cut from the document's text rather than rebuilt token by token."""
    return _of(span.doc).text[span.start_char:span.end_char]
