"""PLOVER contexts of an event, from its lexicon entry and the words of its sentence."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Span

from bilateral.actors.gazetteer import Gazetteer
from bilateral.datafiles import LINE_KEY, load_yaml, package_data
from bilateral.errors import DataFileError


class ContextFinder:
    def __init__(self, gazetteer: Gazetteer, path: Path | None = None) -> None:
        self.gazetteer = gazetteer
        path = path or package_data("lexicon", "contexts.yaml")
        data = load_yaml(path)
        if not isinstance(data, dict):
            raise DataFileError(str(path), None, "expected a mapping from context to words")
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
        found = list(first)
        for token in sent:
            ctx = self.words.get(token.lemma_.lower()) or self.words.get(token.lower_)
            if ctx and ctx not in found:
                found.append(ctx)
        text = sent.text.lower()
        for phrase, ctx in self.phrases:
            if ctx not in found and phrase in text:
                found.append(ctx)
        return tuple(found)
