"""The pipeline's own speed-ups give exactly what the stock spaCy components give."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from bilateral.nlp import EXCLUDED, load_base_model, model_name
from bilateral.nlp.tree import children

pytestmark = pytest.mark.slow

# Written for this test: news sentences plus the contractions and spoken forms that the model's
# multi-token attribute rules are about.
TEXTS = [
    "Chinese President Xi Jinping met his Belarusian counterpart in Samarkand on Thursday.",
    "The two sides agreed to hold joint military exercises next year, officials said.",
    "We ain't gonna sign that, and they can't make us, let's be clear.",
    "I gotta say the talks were useful; you'd think they'd wanna continue.",
    "Protesters gathered outside the embassy\n\nNATO jets intercepted two Russian bombers over the Baltic.",
    "Is it the U.S.-led coalition's last stand?  Nobody knows -- yet.",
]


@pytest.fixture(scope="module")
def pipelines():
    stock = spacy.load(model_name(), exclude=list(EXCLUDED))
    stock.add_pipe("bilateral_sentences", before="parser")
    return stock, load_base_model()


def test_cached_attribute_ruler_matches_the_stock_one(pipelines):
    stock, ours = pipelines
    assert "attribute_ruler" in stock.pipe_names and "bilateral_attribute_ruler" in ours.pipe_names
    for a, b in zip(stock.pipe(TEXTS * 2), ours.pipe(TEXTS * 2), strict=True):  # twice: cold and warm cache
        cols = [POS, TAG, MORPH, LEMMA, DEP, HEAD]
        assert np.array_equal(a.to_array(cols), b.to_array(cols)), a.text
    doc = ours("We ain't gonna sign that.")
    assert [t.lemma_ for t in doc[1:5]] == ["be", "not", "go", "to"]


def test_children_table_matches_spacy(pipelines):
    _, ours = pipelines
    for doc in ours.pipe(TEXTS):
        for token in doc:
            assert [c.i for c in children(token)] == [c.i for c in token.children]
