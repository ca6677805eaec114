"""Walking the dependency tree, and reading token attributes, without rebuilding them.

spaCy makes a new Token object each time a token is reached through the Doc (`doc[i]`, iterating a
sentence, `Token.children`, `Token.subtree`), and `Token.children` scans the token's whole subtree
on every call; the coder and the ledger walk the same clauses dozens of times. The tokens and the
table of children are built once per document instead (for the document being worked on, which is
each Doc keeps its own under `doc.user_data[TREE_KEY]`; `release(doc)` drops it when the
pipeline is done with the document).

String attributes (`Token.text`, `.lower_`, `.lemma_`, `.tag_`, `.dep_`) decode a new string from
the StringStore on every access, and `Token.head` makes a new Token. The scans that test every
token of a sentence read them from lists built once per document, from one `Doc.to_array` call
each; and the tokens of the tables are `TreeToken`s, which carry those lists' values as plain
attributes, so that every stage reading `token.dep_` or `token.head` of a token it reached through
the tables reads a value rather than asking the Doc.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable, Sequence
from functools import cached_property, wraps
from itertools import repeat
from typing import Any, TypeVar, cast

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS, SPACY, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

# Strings by hash, for every document: a hash always names the same string. Cleared when large,
# so that a long run over new words does not keep them all twice (the StringStore keeps them).
_STRINGS: dict[int, str] = {}
_MAX_STRINGS = 500_000


def token_strings(doc: Doc, attr: int) -> list[str]:
    """Each token's string for `attr` (ORTH, LOWER, LEMMA, TAG or DEP), as `Token.text`,
    `.lower_`, `.lemma_`, `.tag_` or `.dep_` give it; also for a document that is not parsed
    (and so not the one the tables below are kept for)."""
    known = _STRINGS
    if len(known) > _MAX_STRINGS:
        known.clear()
    keys = doc.to_array(attr).tolist()
    store = doc.vocab.strings
    for key in set(keys).difference(known):
        known[key] = store[key]
    return list(map(known.__getitem__, keys))


def joined_text(doc: Doc, texts: list[str] | None = None) -> str:
    """`doc.text`, from the tokens' strings (`texts`, if the caller has them) read as a list:
    `Doc.text` makes a Token object for each token. Also for a document not parsed yet."""
    texts = token_strings(doc, ORTH) if texts is None else texts
    spaces = doc.to_array(SPACY).tolist()
    return "".join([text + " " if space else text for text, space in zip(texts, spaces, strict=True)])


class TreeToken(Token):
    """A token of a parsed document as the tables hold it: a spaCy Token (equal to `doc[i]`, and
    used wherever one is), whose `i`, `text`, `lower_`, `lemma_`, `pos_`, `tag_`, `dep_` and
    `head` are the values they had when the tables were built, kept on the object. Its head is
    the tables' token too, so a walk up the tree stays on them; its `kids` are its children. The
    tables are built after the parse and dropped with the document's other caches, and our
    components do not change the parse: the values cannot go stale."""

    __slots__ = ("i", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "head", "kids")
    kids: Sequence[TreeToken] | None  # None once the tables are dropped (`release`)


_LEAF: tuple[TreeToken, ...] = ()  # the children of every token that has none


def _tree_tokens(doc: Doc, texts: list[str], lowers: list[str]) -> list[TreeToken]:
    """The document's tokens as TreeTokens, their attributes read in one `to_array` call each.
    The collector is paused meanwhile: every object made here stays alive with the tables, and
    its passes over them (one each 700 objects made) would find nothing to free."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _make_tree_tokens(doc, texts, lowers)
    finally:
        if paused:
            gc.enable()


def _make_tree_tokens(doc: Doc, texts: list[str], lowers: list[str]) -> list[TreeToken]:
    vocab = doc.vocab
    tokens = [TreeToken(vocab, doc, i) for i in range(len(doc))]
    columns = zip(tokens, texts, lowers, token_strings(doc, LEMMA), token_strings(doc, TAG), token_strings(doc, DEP),
                  map(POS_NAMES.__getitem__, doc.to_array(POS).tolist()), doc.to_array(HEAD).astype("int64").tolist(),
                  strict=True)
    # About half the tokens have no children: they share one empty tuple rather than each
    # getting a list of its own.
    below: dict[int, list[TreeToken]] = {}
    for i, (token, text, lower, lemma, tag, dep, pos, offset) in enumerate(columns):
        token.i, token.lemma_, token.tag_, token.dep_, token.pos_ = i, lemma, tag, dep, pos
        token.text, token.lower_ = text, lower  # (read-only properties on Token, slots here)
        token.head = tokens[i + offset]  # heads as offsets (0 for a root, its own head)
        if offset:
            below.setdefault(i + offset, []).append(token)
    for token, kids in zip(tokens, map(below.get, range(len(tokens)), repeat(_LEAF)), strict=True):
        token.kids = kids
    return tokens


class _Tree:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tree_tokens = _tree_tokens(doc, self.texts, self.lowers)
        self.tokens: list[Token] = cast(list[Token], self.tree_tokens)  # (the same list, as callers type it)
        self.kids: list[Sequence[Token]] = [token.kids or _LEAF for token in self.tree_tokens]
        self.subtrees: dict[int, tuple[Token, ...]] = {}  # by head index, as `subtree` asks
        self.answers: dict[Hashable, dict[Any, Any]] = {}  # by question (`token_answers`)

    @cached_property
    def sents(self) -> list[Span]:
        return list(self.doc.sents)

    @cached_property
    def sent_of(self) -> list[Span]:
        # `Token.sent` walks the sentence starts and builds a new Span on every call.
        return [sent for sent in self.sents for _ in range(sent.end - sent.start)]

    @cached_property
    def text(self) -> str:
        # `Doc.text` joins every token again on each call.
        return joined_text(self.doc, self.texts)

    @cached_property
    def texts(self) -> list[str]:
        return token_strings(self.doc, ORTH)

    @cached_property
    def lowers(self) -> list[str]:
        return token_strings(self.doc, LOWER)

    @cached_property
    def lemmas(self) -> list[str]:
        return [token.lemma_.lower() for token in self.tokens]

    @cached_property
    def pos(self) -> list[str]:
        return [token.pos_ for token in self.tokens]

    @cached_property
    def tags(self) -> list[str]:
        return [token.tag_ for token in self.tokens]

# Where a Doc keeps its tables: a plain string key, so that it can never collide with the
# tuple keys spaCy uses for extension attributes.
TREE_KEY = "bilateral.tree"


def _of(doc: Doc) -> _Tree:
    tree = doc.user_data.get(TREE_KEY)
    if tree is None:
        tree = doc.user_data[TREE_KEY] = _Tree(doc)
    return tree


def release(doc: Doc) -> None:
    """Drop the document's tables and every other per-document cache of ours (string keys that
    start with "bilateral."): the tables refer back to the Doc, and `Doc.to_bytes` would try to
    serialize them with the rest of `user_data`.

    The tables' tokens refer to each other (a head to its children, each child to its head, a
    root to itself): those cycles are cut here, so that the tokens, and the Doc they refer to,
    are freed as soon as no one holds them rather than at the collector's next full pass. A
    token someone still holds keeps its values; its children are found again if asked."""
    tree = doc.user_data.get(TREE_KEY)
    if isinstance(tree, _Tree):
        for token in tree.tree_tokens:
            token.kids = None
            if token.head is token:
                token.head = doc[token.i]  # the same token, as a plain one
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("bilateral.")]:
        del doc.user_data[key]


R = TypeVar("R")
_UNKNOWN = object()  # a question not answered yet for a token (None is an answer)


def token_answers(doc: Doc, question: Hashable) -> dict[Any, Any]:
    """The document's table of answers to `question` (a function, or a key naming one), kept
    with its tree tables: for a pure question about the parse asked again and again."""
    answers = _of(doc).answers
    known = answers.get(question)
    if known is None:
        known = answers[question] = {}
    return known


def per_token(question: Callable[[Token], R]) -> Callable[[Token], R]:
    """`question`, a pure function of the parse around one token (it reads nothing but the
    Doc), answered once per token and document: the coder's stages ask whether the same verb is
    passive or negated, and for its particles, again and again (about half the asks are
    repeats). The answers live with the document's tables and go with them (`release`); an
    answer that is a container must not be changed by its callers (give tuples)."""

    @wraps(question)
    def answered(token: Token) -> R:
        # (the tables looked up in line: this is asked some 80,000 times per 300 documents)
        doc = token.doc
        tree = doc.user_data.get(TREE_KEY)
        known = tree.answers.get(question) if tree is not None else None
        if known is not None:
            answer = known.get(token.i, _UNKNOWN)
            if answer is not _UNKNOWN:
                return answer
        answer = token_answers(doc, question)[token.i] = question(token)
        return answer

    return answered


def children(token: Token) -> Sequence[Token]:
    """The token's syntactic children in document order, as `Token.children` gives them."""
    if type(token) is TreeToken:
        kids = token.kids
        if kids is not None:
            return kids
    return _of(token.doc).kids[token.i]


def root_of(span: Span) -> Token:
    """`span.root`, as the tables hold it: the questions asked of a phrase's root then read
    values (`TreeToken`), and so do those asked of its head."""
    return _of(span.doc).tokens[span.root.i]


def span_tokens(span: Span) -> list[Token]:
    """The tokens of a sentence or other span, as iterating it gives them."""
    return _of(span.doc).tokens[span.start:span.end]


def sentences(doc: Doc) -> list[Span]:
    """The sentences of the document, as `doc.sents` gives them."""
    return _of(doc).sents


def sentence_at(doc: Doc, i: int) -> Span:
    """The sentence of the token at `i`: `doc[i].sent`, and `span.sent` for a span starting at `i`."""
    return _of(doc).sent_of[i]


def sentences_before(doc: Doc, i: int, count: int) -> list[Span]:
    """Up to `count` sentences before the one of the token at `i`, the nearest first."""
    out: list[Span] = []
    start = sentence_at(doc, i).start
    while start > 0 and len(out) < count:
        out.append(sentence_at(doc, start - 1))
        start = out[-1].start
    return out


def subtree(token: Token) -> tuple[Token, ...]:
    """The token and its descendants, in the order `Token.subtree` gives them. Worked out once
    per token and document: the rules and finders walk the same phrases again for every verb
    and slot they ask about."""
    tree = _of(token.doc)
    known = tree.subtrees.get(token.i)
    if known is not None:
        return known
    kids = tree.kids
    out: list[Token] = []

    def walk(head: Token) -> None:
        below = kids[head.i]
        for child in below:
            if child.i < head.i:
                walk(child)
        out.append(head)
        for child in below:
            if child.i > head.i:
                walk(child)

    walk(token)
    known = tree.subtrees[token.i] = tuple(out)
    return known


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


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per document."""
    return _of(doc).text


def span_text(span: Span) -> str:
    """`span.text`, cut from the document's text rather than rebuilt token by token."""
    return _of(span.doc).text[span.start_char:span.end_char]


def slice_text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text` (indices not negative), without making the Span."""
    tree = _of(doc)
    end = min(end, len(tree.tokens))
    if start >= end:
        return ""
    last = tree.tokens[end - 1]
    return tree.text[tree.tokens[start].idx:last.idx + len(tree.texts[end - 1])]


# Token attributes as lists indexed by token: `lowers(doc)[i] == doc[i].lower_`.


def texts(doc: Doc) -> list[str]:
    """`text` of each token."""
    return _of(doc).texts


def lowers(doc: Doc) -> list[str]:
    """`lower_` of each token."""
    return _of(doc).lowers


def lemmas(doc: Doc) -> list[str]:
    """`lemma_.lower()` of each token: the lexicons are lower case."""
    return _of(doc).lemmas


def pos_tags(doc: Doc) -> list[str]:
    """`pos_` of each token."""
    return _of(doc).pos


def tags(doc: Doc) -> list[str]:
    """`tag_` of each token."""
    return _of(doc).tags
