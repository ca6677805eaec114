"""PLOVER contexts of an event, from its lexicon entry and the words of its sentence."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Span

from bilateral.actors.gazetteer import Gazetteer
from bilateral.datafiles import LINE_KEY, load_yaml_mapping, package_data
from bilateral.nlp.tree import lemmas, lowers, span_text

CONTEXTS_KEY = "bilateral.contexts"


class ContextFinder:
    def __init__(self, gazetteer: Gazetteer, path: Path | None = None) -> None:
        self.gazetteer = gazetteer
        path = path or package_data("lexicon", "contexts.yaml")
        data = load_yaml_mapping(path, "a mapping from context to words")
        self.words: dict[str, str] = {}
        self.phrases: list[tuple[str, str]] = []
        for context, words in data.items():
            if context == LINE_KEY:
                continue
            for word in words or ():
                w = str(word).lower()
                if " " in w:
                    self.phrases.append((w, str(context)))
                else:
                    self.words.setdefault(w, str(context))

    def find(self, sent: Span, first: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The entry's own contexts (`first`), then those the sentence's words suggest."""
        return tuple(dict.fromkeys(first + self._of_sentence(sent)))

    def _of_sentence(self, sent: Span) -> tuple[str, ...]:
        # Several events share a sentence: its contexts are worked out once, and kept on the Doc
        # (dropped with the tree tables when the pipeline is done with it).
        known: dict[tuple[int, int], tuple[str, ...]] = sent.doc.user_data.setdefault(CONTEXTS_KEY, {})
        cached = known.get((sent.start, sent.end))
        if cached is not None:
            return cached
        found: dict[str, None] = {}
        lemma_of, lower_of = lemmas(sent.doc), lowers(sent.doc)
        for i in range(sent.start, sent.end):
            ctx = self.words.get(lemma_of[i]) or self.words.get(lower_of[i])
            if ctx:
                found[ctx] = None
        text = span_text(sent).lower()
        for phrase, ctx in self.phrases:
            if phrase in text:
                found[ctx] = None
        result = tuple(found)
        known[(sent.start, sent.end)] = result
        return result
