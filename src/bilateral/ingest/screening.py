"""Screening documents before coding: language, exact and near duplicates.

Non-English documents and duplicates are not coded; each is reported as a skip with its reason
(and the document it duplicates), so nothing disappears silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bilateral.model import Document

_WORD = re.compile(r"\w+", re.UNICODE)
# Languages the detector chooses among: restricting it keeps it fast and small (STACK-NOTES: about
# 6,500 paragraphs/s and 129 MB) and these cover most of the world's international news.
DETECTED_LANGUAGES = ("ENGLISH", "FRENCH", "GERMAN", "SPANISH", "PORTUGUESE", "ITALIAN", "RUSSIAN",
                      "UKRAINIAN", "TURKISH", "ARABIC", "PERSIAN", "CHINESE", "JAPANESE", "KOREAN")
MIN_WORDS_FOR_LANGUAGE = 12  # detectors get very short strings wrong ("Samarkand, Uzbekistan")


SAMPLE_CHARS = 800

_DETECTOR: LanguageDetector | None = None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (one detector per process), or None if unsure."""
    global _DETECTOR
    if _DETECTOR is None:
        _DETECTOR = LanguageDetector()
    return _DETECTOR.language(text)


class LanguageDetector:
    def __init__(self) -> None:
        from lingua import Language, LanguageDetectorBuilder

        langs = [getattr(Language, name) for name in DETECTED_LANGUAGES]
        self._detector = LanguageDetectorBuilder.from_languages(*langs).build()

    def language(self, text: str) -> str | None:
        """ISO 639-1 code of the text's language, or None when it is too short to tell."""
        # The opening 800 characters (over a hundred words) decide it as well as the whole text
        # would, at a fraction of the cost: detection time grows with the length.
        sample = text[:SAMPLE_CHARS]
        if len(_WORD.findall(sample)) < MIN_WORDS_FOR_LANGUAGE:
            return None
        found = self._detector.detect_language_of(sample)
        return found.iso_code_639_1.name.lower() if found is not None else None


@dataclass
class DuplicateFinder:
    """Exact duplicates by content hash, near duplicates by MinHash LSH over word 3-grams. A document
    that repeats an earlier one of the batch, under any id, is a duplicate."""

    threshold: float = 0.7
    num_perm: int = 128
    _exact: dict[str, str] = field(default_factory=dict)
    _lsh: Any = None
    _seen: int = 0
    # The first document's LSH key and text: datasketch (which imports scipy, about half a second)
    # is loaded only when a second document needs comparing, so that coding one is quick.
    _first: tuple[str, str] | None = None

    def _index(self) -> Any:
        if self._lsh is None:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
            if self._first is not None:
                key, text = self._first
                self._lsh.insert(key, self._minhash(text))
                self._first = None
        return self._lsh

    def check(self, doc: Document) -> tuple[str, str] | None:
        """("exact" or "near", id of the earlier document) if `doc` repeats one; else remember it."""
        digest = doc.content_hash
        if digest in self._exact:
            return "exact", self._exact[digest]
        self._exact[digest] = doc.id
        if len(_WORD.findall(doc.text.lower())) < 3:
            return None
        if self._lsh is None and self._first is None:
            self._seen += 1
            self._first = (f"{doc.id}\x1f{self._seen}", doc.text)
            return None
        lsh = self._index()
        signature = self._minhash(doc.text)
        similar = lsh.query(signature)
        if similar:
            return "near", min(similar, key=lambda k: int(k.rsplit("\x1f", 1)[1])).rsplit("\x1f", 1)[0]
        self._seen += 1
        lsh.insert(f"{doc.id}\x1f{self._seen}", signature)
        return None

    def _minhash(self, text: str) -> Any:
        from datasketch import MinHash

        words = _WORD.findall(text.lower())
        if len(words) < 3:
            return None
        signature = MinHash(num_perm=self.num_perm, seed=7)
        # One vectorized update for all shingles: the same signature as updating one at a time.
        signature.update_batch([" ".join(words[i : i + 3]).encode("utf-8") for i in range(len(words) - 2)])
        return signature
