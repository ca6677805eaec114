"""The model's attribute rules (tag to part of speech and morphology, lemma exceptions), applied
from lookup tables instead of spaCy's Matcher.

The small English model's `attribute_ruler` holds about 180 one- and two-token patterns. spaCy runs
every pattern on every token, which here costs more than the parser itself (about 27 µs a token).
Nearly all patterns test one token's tag, lower-case form, dependency label or whether it is
space, so the merged result of all patterns is a function of those four values: it is computed
once per distinct combination and cached. Patterns of several tokens ("gon na", "let 's") are few
and still go through a Matcher. The output is the stock component's, token for token
(tests/test_nlp.py compares them); a model whose patterns use anything else keeps the stock
component.
"""

# No `from __future__ import annotations`: spaCy's factory reads the annotations at run time.
import re
from collections.abc import Callable
from typing import Any, cast

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

from bilateral.nlp.stock import CompiledFromStock

# What each pattern key reads from a token, as the Matcher reads it.
_READERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
TokenKey = tuple[str, str, str, bool]


class UnsupportedPattern(ValueError):
    """A pattern reads something the lookup tables do not key on."""


def _value_test(spec: Any) -> Callable[[Any], bool]:
    if isinstance(spec, (str, bool)):
        return lambda value: value == spec
    if isinstance(spec, dict) and len(spec) == 1:
        ((op, arg),) = spec.items()
        if op == "IN":
            options = set(arg)
            return lambda value: value in options
        if op == "NOT_IN":
            excluded = set(arg)
            return lambda value: value not in excluded
        if op == "REGEX":
            regex = re.compile(arg)
            return lambda value: bool(regex.search(value))
    raise UnsupportedPattern(repr(spec))


def _token_test(pattern_token: dict[str, Any]) -> Callable[[TokenKey], bool]:
    tests = []
    for attr, spec in pattern_token.items():
        if attr not in _READERS:
            raise UnsupportedPattern(attr)
        tests.append((list(_READERS).index(attr), _value_test(spec)))
    return lambda key: all(test(key[i]) for i, test in tests)


class CachedAttributeRuler(CompiledFromStock):
    """Applies the rules of a stock AttributeRuler; see the module docstring."""

    def __init__(self, ruler: AttributeRuler) -> None:
        super().__init__(ruler)
        self.ruler = ruler
        self.single: list[tuple[int, Callable[[TokenKey], bool]]] = []
        self.multi = Matcher(ruler.vocab)
        self.attrs: list[dict[int, int]] = list(ruler.attrs)
        self.indices: list[int] = list(ruler.indices)
        # Rules that read the word are indexed by the words they accept, so that a new word costs
        # a few tests; the others depend on tag, dependency label and space only.
        self.lexical: set[int] = set()
        self.by_lower: dict[str, list[tuple[int, Callable[[TokenKey], bool]]]] = {}
        self.lexical_other: list[tuple[int, Callable[[TokenKey], bool]]] = []
        # The first tokens of the multi-token patterns: the Matcher runs only on a document that
        # has a token one of them accepts (a pattern without operators can match nowhere else).
        self.multi_openers: list[Callable[[TokenKey], bool]] = []
        rules: list[list[list[dict[str, Any]]]] = [cast(Any, p)["patterns"] for p in ruler.patterns]
        # The stock component numbers rules in the order they were added and applies later ones last.
        for rule, patterns in enumerate(rules):
            for tokens in patterns:
                if len(tokens) > 1:
                    tests = [_token_test(token) for token in tokens]  # only keys the tables know
                    self.multi.add(str(rule), [tokens])
                    self.multi_openers.append(tests[0])
                    continue
                test = _token_test(tokens[0])
                self.single.append((rule, test))
                if "LOWER" not in tokens[0]:
                    continue
                self.lexical.add(rule)
                spec = tokens[0]["LOWER"]
                words = [spec] if isinstance(spec, str) else spec.get("IN") if isinstance(spec, dict) else None
                if words is None:
                    self.lexical_other.append((rule, test))
                for word in words or ():
                    self.by_lower.setdefault(word, []).append((rule, test))
        self.by_context: dict[tuple[str, str, bool], list[int]] = {}
        # token key (hashes) -> (rules that apply; their attributes merged in rule order; whether
        # a multi-token pattern may start at the token)
        self.cache: dict[tuple[int, int, int, bool], tuple[list[int], dict[int, int], bool]] = {}

    def _merge(self, rules: list[int]) -> dict[int, int]:
        merged: dict[int, int] = {}
        for rule in sorted(rules):
            merged.update(self.attrs[rule])
        return merged

    def _rules_for(self, key: TokenKey) -> tuple[list[int], dict[int, int], bool]:
        general = self.by_context.get((key[0], key[2], key[3]))
        if general is None:
            general = self.by_context[(key[0], key[2], key[3])] = [
                rule for rule, test in self.single if rule not in self.lexical and test(key)]
        rules = general + [rule for rule, test in self.by_lower.get(key[1], ()) if test(key)]
        rules += [rule for rule, test in self.lexical_other if test(key)]
        return rules, self._merge(rules), any(opens(key) for opens in self.multi_openers)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        may_match_multi = False
        for token in doc:
            # Keyed by the hashes; the strings are looked up only for a combination not seen before.
            key = (token.tag, token.lower, token.dep, token.is_space)
            found = self.cache.get(key)
            if found is None:
                found = self._rules_for((strings[key[0]], strings[key[1]], strings[key[2]], key[3]))
                if len(self.cache) < 500_000:
                    self.cache[key] = found
            if found[1]:
                set_token_attrs(token, found[1])
            if found[2]:
                may_match_multi = True
        if may_match_multi:
            # Rare ("gon na", "let 's"): these tokens get all their rules again, in order.
            extra: dict[int, list[int]] = {}
            for match_id, start, end in self.multi(doc, allow_missing=True):
                rule = int(strings[match_id])
                extra.setdefault(doc[start:end][self.indices[rule]].i, []).append(rule)
            for i, rules in extra.items():
                token = doc[i]
                single = self._rules_for((token.tag_, token.lower_, token.dep_, token.is_space))[0]
                set_token_attrs(token, self._merge(single + rules))
        return doc




@Language.factory("bilateral_attribute_ruler")
def make_cached_attribute_ruler(nlp: Language, name: str) -> CachedAttributeRuler:
    return CachedAttributeRuler(cast(AttributeRuler, nlp.get_pipe("attribute_ruler")))


def use_cached_attribute_ruler(nlp: Language) -> None:
    """Swap the model's attribute_ruler for the cached one, in place, when its patterns allow."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    try:
        nlp.add_pipe("bilateral_attribute_ruler", after="attribute_ruler")
    except UnsupportedPattern:
        return
    # Disabled rather than removed: `nlp.to_disk` saves its patterns, which the cached one reads
    # again when the saved pipeline is loaded.
    nlp.disable_pipe("attribute_ruler")
