"""The pipeline's own speed-ups give exactly what the stock spaCy components give."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from bilateral.nlp import EXCLUDED, load_base_model, model_name
from bilateral.nlp.tree import children, release, span_tokens

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


def test_cached_lemmatizer_matches_the_stock_one(pipelines):
    stock, ours = pipelines
    assert "lemmatizer" in stock.pipe_names and "bilateral_lemmatizer" in ours.pipe_names
    assert "lemmatizer" not in ours.pipe_names  # disabled: the cached one does its work
    for a, b in zip(stock.pipe(TEXTS * 2), ours.pipe(TEXTS * 2), strict=True):  # twice: cold and warm cache
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b], a.text


def test_children_table_matches_spacy(pipelines):
    _, ours = pipelines
    for doc in ours.pipe(TEXTS):
        for token in doc:
            assert [c.i for c in children(token)] == [c.i for c in token.children]


def test_table_tokens_read_as_spacy_tokens(pipelines):
    """The tables' tokens carry their attributes as values: each must give what spaCy gives, be
    equal to (and hash as) the Doc's own token, and keep its values once the tables are dropped."""
    _, ours = pipelines
    for doc in ours.pipe(TEXTS):
        tokens = span_tokens(doc[:])
        for token, plain in zip(tokens, doc, strict=True):
            assert (token.i, token.text, token.lower_, token.lemma_, token.pos_, token.tag_, token.dep_) == \
                (plain.i, plain.text, plain.lower_, plain.lemma_, plain.pos_, plain.tag_, plain.dep_)
            assert token.head == plain.head and token.head.i == plain.head.i
            assert token == plain and hash(token) == hash(plain) and token in {plain}
        held = tokens[:]
        release(doc)
        for token, plain in zip(held, doc, strict=True):
            assert token.head.i == plain.head.i and token.dep_ == plain.dep_
            assert [c.i for c in children(token)] == [c.i for c in plain.children]


def test_sentence_split_for_the_prefilter_is_cautious():
    from bilateral.actors.prefilter import sentence_spans

    text = "Mr. Smith met U.S. officials on Monday. It rained all day!\nTALKS RESUME\n\n\"Nothing changed,\" he said."
    pieces = [text[s:e] for s, e in sentence_spans(text)]
    assert pieces == ["Mr. Smith met U.S. officials on Monday.", "It rained all day!", "TALKS RESUME",
                      "\"Nothing changed,\" he said."]


def test_prefilter_skips_actorless_sentences_and_changes_nothing_else(coder):
    from datetime import date

    from bilateral.model import Document
    from bilateral.pipeline import Coder

    text = ("Heavy rain fell across the region on Tuesday, flooding roads and delaying trains.\n\n"
            "Russia and China signed an energy agreement in Beijing on Monday.\n\n"
            "Markets closed slightly higher. Analysts expect more volatility next week.\n\n"
            "The two sides also agreed to expand trade, and Moscow praised the talks.")
    document = Document(id="pf", text=text, pub_date=date(2024, 5, 22))
    unfiltered = Coder(nlp=coder.nlp, prefilter=False).code_one(document)
    before = dict(coder.stats)
    filtered = coder.code_one(document)
    assert coder.stats["skipped"] - before["skipped"] == 3  # weather, markets, analysts
    assert filtered.to_json() == unfiltered.to_json()
    assert filtered.events and all(text[e.trigger_start:e.trigger_end] == e.trigger for e in filtered.events)
    assert [s.text for s in filtered.sentences][0].startswith("Heavy rain fell")


def test_hyphenated_prefix_verbs_are_one_word_with_the_unhyphenated_lemma(pipelines):
    # Split in three, "re-established" left the subject hanging on "re" and the object on "-".
    _, ours = pipelines
    doc = ours("The two countries re-established diplomatic ties in 2023.")
    verb = next(t for t in doc if t.text == "re-established")
    assert (verb.lemma_, verb.norm_, verb.pos_) == ("reestablish", "reestablished", "VERB")
    assert {c.dep_ for c in verb.children} >= {"nsubj", "dobj"}
    doc = ours("Re-imposing sanctions on Iran, Washington co-operated with its allies.")
    assert [t.lemma_ for t in doc if "-" in t.text] == ["reimpose", "cooperate"]


def test_hyphenated_prefix_verbs_file_is_checked(tmp_path, monkeypatch):
    from bilateral.errors import DataFileError
    from bilateral.nlp import prefixed

    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "prefixed_verbs.yaml").write_text("reopen: [reopen, re-opens]\n")
    monkeypatch.setattr(prefixed, "package_data", lambda *parts: tmp_path.joinpath(*parts))
    prefixed.prefixed_lemmas.cache_clear()
    try:
        with pytest.raises(DataFileError, match="'reopen' is not a lower-case form with one hyphen"):
            prefixed.prefixed_lemmas()
    finally:
        prefixed.prefixed_lemmas.cache_clear()


@pytest.mark.parametrize("text, sentences", [
    ("The United Kingdom left the European Union at 11 p.m. London time on Friday.", 1),
    ("Russian missiles struck Kyiv at 4 a.m. local time on Monday.", 1),
    ("The vote closed at 8 p.m. GMT on Sunday.", 1),
])
def test_a_clock_time_with_its_zone_ends_no_sentence(pipelines, text, sentences):
    _, ours = pipelines
    assert len(list(ours(text).sents)) == sentences


def test_a_place_named_beside_a_fronted_phrase_is_not_the_subject(pipelines):
    from bilateral.nlp.repairs import mend_parse

    _, ours = pipelines
    doc = ours("At an emergency summit in the Nigerian capital, Abuja, the Economic Community of West African "
               "States (ECOWAS) imposed sanctions on Guinea.")
    assert [t.text for t in doc if t.dep_ == "nsubj"] == ["Abuja"]  # the model's parse
    mend_parse(doc)
    assert [t.text for t in doc if t.dep_ == "nsubj"] == ["Community"]
    abuja = next(t for t in doc if t.text == "Abuja")
    assert (abuja.dep_, abuja.head.text) == ("appos", "capital")
    # nothing else moves: a subject that is no such place keeps its place
    doc = ours("In Abuja, the Economic Community of West African States imposed sanctions on Guinea.")
    before = [(t.i, t.head.i, t.dep_) for t in doc]
    mend_parse(doc)
    assert [(t.i, t.head.i, t.dep_) for t in doc] == before
