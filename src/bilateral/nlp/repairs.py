"""Parses the English model gets wrong in a way news text repeats, mended before any stage reads
the tree (the actor component calls `mend_parse` first).

"At an emergency summit in the Nigerian capital, Abuja, the Economic Community of West African
States (ECOWAS) closed its borders with Niger": the parser makes "Abuja", the name set in apposition
to the fronted phrase's "capital", the subject of "closed", with the real subject hung on it as an
apposition. Every stage then reads Nigeria as a doer. The mend gives the verb its subject back and
hangs the place name on the noun it names.
"""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.tokens import Doc

from bilateral.nlp.tree import token_strings
from bilateral.rules.words import word_lists

PLACE_APPOSITION_NOUNS = word_lists()["place_apposition_nouns"]


def mend_parse(doc: Doc) -> Doc:
    texts = token_strings(doc, ORTH)  # (the strings first: Token objects only where a place noun and a comma are)
    for i in range(2, len(texts)):
        if texts[i - 1] != "," or texts[i - 2].lower() not in PLACE_APPOSITION_NOUNS:
            continue
        token, place = doc[i], doc[i - 2]
        if token.dep_ not in {"nsubj", "nsubjpass"} or token.pos_ != "PROPN" or place.dep_ != "pobj":
            continue
        subject = next((c for c in token.children if c.dep_ == "appos" and c.i > token.i), None)
        if subject is None or not any(a.i == token.head.i for a in place.ancestors):
            continue  # only a phrase fronted on the same verb ("In the capital, Kyiv, X said")
        subject.head, subject.dep_ = token.head, token.dep_
        token.head, token.dep_ = place, "appos"
    return doc
