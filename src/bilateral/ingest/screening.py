"""Screening documents before coding: language, exact and near duplicates.

Non-English documents and duplicates are not coded; each is reported as a skip with its reason
(and the document it duplicates), so nothing disappears silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bilateral.model import Document

_WORD = re.compile(r"\w+", re.UNICODE)
# Languages the detector chooses among: restricting it keeps it fast and small (STACK-NOTES: about
# 6,500 paragraphs/s and 129 MB) and these cover most of the world's international news.
DETECTED_LANGUAGES = ("ENGLISH", "FRENCH", "GERMAN", "SPANISH", "PORTUGUESE", "ITALIAN", "RUSSIAN",
                      "UKRAINIAN", "TURKISH", "ARABIC", "PERSIAN", "CHINESE", "JAPANESE", "KOREAN")
MIN_WORDS_FOR_LANGUAGE = 12  # detectors get very short strings wrong ("Samarkand, Uzbekistan")
# Words that make up a sixth to a quarter of any English news text and are not words of the other
# detected languages. A sample where they are at least a tenth of the words (and three or more) is
# English without asking the detector: 800-character samples of English news measured 0.11 at the
# least and 0.21 at the median, French, German, Spanish, Italian and Portuguese news 0.0. Most
# corpora are English, and loading the detector's models costs 1-3 s per process.
ENGLISH_MARKERS = frozenset([
    "the", "of", "and", "to", "that", "for", "with", "was", "were", "said", "has", "have", "had", "from",
    "by", "which", "their", "been", "will", "would", "this", "its", "are", "who", "not", "after", "also", "they",
])
ENGLISH_MARKER_SHARE = 0.1


SAMPLE_CHARS = 800

def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (one detector per process), or None if unsure."""
    return _process_detector().language(text)


@lru_cache(maxsize=1)
def _process_detector() -> LanguageDetector:
    return LanguageDetector()


class LanguageDetector:
    """Clearly English text by its commonest words; anything else by lingua, built on first need."""

    def __init__(self) -> None:
        self._detector: Any = None

    def language(self, text: str) -> str | None:
        """ISO 639-1 code of the text's language, or None when it is too short to tell."""
        # The opening 800 characters (over a hundred words) decide it as well as the whole text
        # would, at a fraction of the cost: detection time grows with the length.
        sample = text[:SAMPLE_CHARS]
        words = _WORD.findall(sample)
        if len(words) < MIN_WORDS_FOR_LANGUAGE:
            return None
        markers = sum(1 for w in words if w.lower() in ENGLISH_MARKERS)
        if markers >= 3 and markers >= ENGLISH_MARKER_SHARE * len(words):
            return "en"
        found = self._lingua().detect_language_of(sample)
        return found.iso_code_639_1.name.lower() if found is not None else None

    def _lingua(self) -> Any:
        if self._detector is None:
            from lingua import Language, LanguageDetectorBuilder

            langs = [getattr(Language, name) for name in DETECTED_LANGUAGES]
            self._detector = LanguageDetectorBuilder.from_languages(*langs).build()
        return self._detector


@dataclass
class DuplicateFinder:
    """Exact duplicates by content hash, near duplicates by MinHash LSH over word 3-grams. A document
    that repeats an earlier one of the batch, under any id, is a duplicate."""

    threshold: float = 0.7
    num_perm: int = 128
    _exact: dict[str, str] = field(default_factory=dict)
    _lsh: Any = None
    _seen: int = 0
    # The first document's LSH key and words: datasketch (which imports scipy, about half a second)
    # is loaded only when a second document needs comparing, so that coding one is quick.
    _first: tuple[str, list[str]] | None = None
    _template: Any = None

    def _index(self) -> Any:
        if self._lsh is None:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
            if self._first is not None:
                key, words = self._first
                self._lsh.insert(key, self._minhash(words))
                self._first = None
        return self._lsh

    def check(self, doc: Document) -> tuple[str, str] | None:
        """("exact" or "near", id of the earlier document) if `doc` repeats one; else remember it."""
        digest = doc.content_hash
        if digest in self._exact:
            return "exact", self._exact[digest]
        self._exact[digest] = doc.id
        words = _WORD.findall(doc.text.lower())
        if len(words) < 3:
            return None
        if self._lsh is None and self._first is None:
            self._seen += 1
            self._first = (f"{doc.id}\x1f{self._seen}", words)
            return None
        lsh = self._index()
        signature = self._minhash(words)
        similar = lsh.query(signature)
        if similar:
            return "near", min(similar, key=lambda k: int(k.rsplit("\x1f", 1)[1])).rsplit("\x1f", 1)[0]
        self._seen += 1
        lsh.insert(f"{doc.id}\x1f{self._seen}", signature)
        return None

    def _minhash(self, words: list[str]) -> Any:
        from datasketch import MinHash

        if self._template is None:  # its permutations, drawn once rather than for every document
            self._template = MinHash(num_perm=self.num_perm, seed=7)
        template = self._template
        signature = MinHash(num_perm=self.num_perm, seed=7, permutations=template.permutations,
                            scheme=template.scheme)
        # One vectorized update for all shingles: the same signature as updating one at a time.
        signature.update_batch([" ".join(words[i : i + 3]).encode("utf-8") for i in range(len(words) - 2)])
        return signature
