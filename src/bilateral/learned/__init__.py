"""The learned fallback: a linear classifier of a sentence's PLOVER event type, used only where
the coding rules find no event (docs/learned-fallback.md).

`classifier` turns text into features and scores them with weights exported from scikit-learn
(`scripts/train_fallback.py`), in numpy: coding needs no scikit-learn. `fallback` makes events of
its decisions, with actors from the parse as the rules have them.
"""

from bilateral.learned.classifier import TypeClassifier, sentence_features
from bilateral.learned.fallback import LearnedFallback

__all__ = ["LearnedFallback", "TypeClassifier", "sentence_features"]
