"""The model's rule lemmatizer, with every answer cached.

spaCy's rule lemmatizer caches only the words that go through its suffix rules; a word it takes
as its own base form, a proper noun and a part of speech without rules are worked out again at
each occurrence (with a dictionary of the token's morphology built each time), and every token is
reached as a new Token object. Its answer depends on the word, the part of speech and the
morphology alone, so here it is computed once per distinct (word, part of speech, morphology) and
kept; the lemmas of a document are read and written as one array. The output is the stock
component's, token for token (tests/test_nlp.py compares them), but for the hyphenated verbs of
nlp/prefixed.py, which take their unhyphenated lemma; a lemmatizer in another mode, or
one that overwrites lemmas, keeps the stock component.
"""

# No `from __future__ import annotations`: spaCy's factory reads the annotations at run time.
from typing import Any, cast

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from bilateral.nlp.prefixed import prefixed_lemmas
from bilateral.nlp.stock import CompiledFromStock

# Distinct (word, part of speech, morphology) keys kept; past this the cache starts again.
_MAX_CACHED = 500_000


class CachedLemmatizer(CompiledFromStock):
    """Sets each token's lemma as the stock rule lemmatizer would (where no earlier component
    set one), from a cache keyed by the token's word, part of speech and morphology hashes."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        super().__init__(lemmatizer)
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        stock = self.lemmatizer
        if not stock._validated:
            stock._validate_tables(Errors.E1004)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        cache = self.cache
        strings = doc.vocab.strings
        prefixed = prefixed_lemmas()
        changed = False
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma == 0:  # the stock component leaves a lemma set earlier (attribute rules) be
                key = (orth, pos, morph)
                lemma = cache.get(key)
                if lemma is None:
                    # a verb kept whole with its hyphen ("re-established") has the lemma it has
                    # written without one; the stock rules would make it "re-establishe"
                    written = prefixed.get(strings[orth])
                    lemma = strings.add(written if written is not None else stock.lemmatize(doc[i])[0])
                    if len(cache) >= _MAX_CACHED:
                        cache.clear()
                    cache[key] = lemma
                changed = True
            lemmas.append(lemma)
        if changed:
            doc.from_array([LEMMA], cast(Any, numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1)))
        return doc



@Language.factory("bilateral_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(cast(Lemmatizer, nlp.get_pipe("lemmatizer")))


def use_cached_lemmatizer(nlp: Language) -> None:
    """Swap the model's lemmatizer for the cached one, in place, when it is a rule lemmatizer
    that keeps the lemmas set before it."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    stock = nlp.get_pipe("lemmatizer")
    if not isinstance(stock, Lemmatizer) or stock.mode != "rule" or stock.overwrite:
        return
    nlp.add_pipe("bilateral_lemmatizer", after="lemmatizer")
    # Disabled rather than removed: `nlp.to_disk` saves its tables.
    nlp.disable_pipe("lemmatizer")
