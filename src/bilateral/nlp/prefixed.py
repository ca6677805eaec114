"""Verbs written with a hyphen after their prefix, kept whole ("re-established", "co-operate").

The model's tokenizer splits "re-established" into three tokens and parses the sentence around
them wrongly; data/lexicon/prefixed_verbs.yaml lists the forms to keep as one token, with the
unhyphenated spelling as its norm (what the tagger and parser read) and as its lemma (what the
lexicon and the ledger's cues read).
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from bilateral.datafiles import load_yaml_mapping, package_data
from bilateral.errors import DataFileError


@lru_cache(maxsize=1)
def prefixed_lemmas() -> dict[str, str]:
    """Each listed form, lower-case and capitalised, -> its lemma."""
    path = package_data("lexicon", "prefixed_verbs.yaml")
    data = load_yaml_mapping(path, "a mapping of lemmas to lists of forms")
    out: dict[str, str] = {}
    for lemma, forms in data.items():
        if not isinstance(lemma, str) or "-" in lemma or not isinstance(forms, list) or not forms:
            raise DataFileError(str(path), None, f"{lemma!r}: expected an unhyphenated lemma with a list of forms")
        for form in forms:
            if not isinstance(form, str) or form.count("-") != 1 or form != form.lower():
                raise DataFileError(str(path), None, f"{lemma}: {form!r} is not a lower-case form with one hyphen")
            out[form] = out[form.capitalize()] = lemma
    return out


def keep_prefixed_verbs_whole(nlp: Language) -> None:
    """Tokenizer special cases for every listed form: one token, normalised without its hyphen."""
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    for form in prefixed_lemmas():
        tokenizer.add_special_case(form, [{ORTH: form, NORM: form.replace("-", "").lower()}])
