"""A sentence's PLOVER event type from word and character n-grams: a multinomial logistic
regression trained by scikit-learn (`scripts/train_fallback.py`) and scored here with numpy.

The features are made by `sentence_features` both when training (scikit-learn's TfidfVectorizer
calls it as its analyzer) and here, so the two cannot drift apart. What is left to reproduce is
TfidfVectorizer's weighting (sublinear term frequency times idf, then L2 norm) and the model's
softmax over `x @ coef.T + intercept`; tests/test_learned.py checks the decisions against
scikit-learn's on saved sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bilateral.datafiles import package_data
from bilateral.errors import DataFileError

NO_EVENT = "NONE"  # the class of sentences that code no event
_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d")
_CHAR_SIZES = (3, 4, 5)
_CHUNK_CACHE = 50_000  # chunks whose columns are kept (some 20 MB at most)
# What a model file holds (numpy .npz, no pickled objects).
_ARRAYS = ("features", "idf", "coef", "intercept", "classes", "threshold", "all_acts_threshold")


def sentence_features(text: str) -> list[str]:
    """Word unigrams and bigrams ("w:...") and character 3-5-grams within words padded by a space
    ("c:..."), lower-cased, every digit read as 0 (a number's value says nothing of the act)."""
    lowered = _normalized(text)
    out = _word_features(lowered)
    for chunk in lowered.split():
        out += _char_features(chunk)
    return out


def _normalized(text: str) -> str:
    return _DIGITS.sub("0", text.lower())


def _word_features(lowered: str) -> list[str]:
    words = _WORD.findall(lowered)
    return [f"w:{w}" for w in words] + [f"w:{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def _char_features(chunk: str) -> list[str]:
    """The character n-grams of one whitespace-separated chunk of the text."""
    padded = f" {chunk} "
    return [f"c:{padded[i:i + n]}" for n in _CHAR_SIZES for i in range(max(len(padded) - n + 1, 1))]


@dataclass(frozen=True)
class TypeDecision:
    type: str  # a PLOVER type, or NO_EVENT
    probability: float


class TypeClassifier:
    """The exported model: feature index, idf weights, class weights and the fallback's thresholds
    (the probability below which its decision is not used, chosen on held-out folds): one for
    the default, dyadic output, one for coding every act (`Coder.all_acts()`)."""

    def __init__(self, features: list[str], idf: np.ndarray, coef: np.ndarray, intercept: np.ndarray,
                 classes: list[str], threshold: float, all_acts_threshold: float | None = None) -> None:
        if coef.shape != (len(features), len(classes)) or idf.shape != (len(features),) \
                or intercept.shape != (len(classes),):
            raise ValueError(f"model arrays do not fit: {len(features)} features, {len(classes)} classes, "
                             f"coef {coef.shape}, idf {idf.shape}, intercept {intercept.shape}")
        self.index = {f: i for i, f in enumerate(features)}
        # The same columns by the n-gram itself, without its "w:" or "c:" prefix: `columns` looks
        # up a sentence's n-grams as it cuts them, with no string made for each.
        self._word_index = {f[2:]: i for f, i in self.index.items() if f.startswith("w:")}
        self._char_index = {f[2:]: i for f, i in self.index.items() if f.startswith("c:")}
        self.idf = idf.astype(np.float64)
        self.coef = coef.astype(np.float64)  # (features, classes): one row gathered per feature present
        self.intercept = intercept.astype(np.float64)
        self.classes = classes
        self.threshold = threshold
        self.all_acts_threshold = threshold if all_acts_threshold is None else all_acts_threshold
        # The columns of each chunk's character n-grams, worked out once: news repeats its words,
        # and making the n-grams is most of the cost of scoring a sentence.
        self._chunk_columns: dict[str, list[int]] = {}

    @classmethod
    def load(cls, path: str | Path) -> TypeClassifier:
        try:
            with np.load(path, allow_pickle=False) as data:
                missing = [name for name in _ARRAYS if name not in data]
                if missing:
                    raise DataFileError(str(path), None, f"not a fallback model (no {', '.join(missing)}); "
                                        "rebuild it with scripts/train_fallback.py")
                return cls([str(f) for f in data["features"]], data["idf"], data["coef"], data["intercept"],
                           [str(c) for c in data["classes"]], float(data["threshold"]),
                           float(data["all_acts_threshold"]))
        except (OSError, ValueError) as exc:
            raise DataFileError(str(path), None, f"cannot read the fallback model ({exc}); "
                                "rebuild it with scripts/train_fallback.py") from exc

    def save(self, path: str | Path, **notes: str) -> None:
        """Writes the model as .npz; `notes` (source, license) are stored as text arrays beside it."""
        features = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(path, features=np.array(features), idf=self.idf.astype(np.float32),
                            coef=self.coef.astype(np.float32), intercept=self.intercept, classes=np.array(self.classes),
                            threshold=np.array(self.threshold),
                            all_acts_threshold=np.array(self.all_acts_threshold),
                            **{k: np.array(v) for k, v in notes.items()})

    def columns(self, text: str) -> list[int]:
        """The model's columns of `sentence_features(text)` that it knows, each as often as it
        occurs (in another order). The n-grams are cut as `_word_features` and `_char_features`
        cut them, and looked up without their prefix."""
        lowered = _normalized(text)
        words = _WORD.findall(lowered)
        word_index = self._word_index
        out = [j for j in map(word_index.get, words) if j is not None]
        out += [j for j in map(word_index.get, map(" ".join, zip(words, words[1:], strict=False))) if j is not None]
        known, char_index = self._chunk_columns, self._char_index
        for chunk in lowered.split():
            cols = known.get(chunk)
            if cols is None:
                if len(known) > _CHUNK_CACHE:
                    known.clear()
                padded = f" {chunk} "
                cols = known[chunk] = [j for n in _CHAR_SIZES for i in range(max(len(padded) - n + 1, 1))
                                       if (j := char_index.get(padded[i:i + n])) is not None]
            out += cols
        return out

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The sentence's TF-IDF vector as (columns, weights): TfidfVectorizer with sublinear_tf
        and norm="l2"."""
        columns, counts = np.unique(np.array(self.columns(text), dtype=np.intp), return_counts=True)
        weights = (1.0 + np.log(counts)) * self.idf[columns]
        norm = float(np.sqrt(weights @ weights))
        return columns, weights / norm if norm else weights

    def probabilities(self, text: str) -> np.ndarray:
        columns, weights = self.vector(text)
        scores = weights @ self.coef[columns] + self.intercept
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def decide(self, text: str) -> TypeDecision:
        probs = self.probabilities(text)
        best = int(probs.argmax())
        return TypeDecision(self.classes[best], float(probs[best]))


@lru_cache(maxsize=4)
def shipped_classifier(path: str | None = None) -> TypeClassifier:
    """The model in data/learned/ (or at `path`), read once per process: pipelines built later
    share it, as they share the cached gazetteer."""
    return TypeClassifier.load(path or package_data("learned", "fallback_model.npz"))
