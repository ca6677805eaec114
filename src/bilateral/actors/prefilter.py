"""Which sentences can hold an event, decided before parsing.

Every event and ledger fact needs an actor: a name, adjective, capital or place from the
gazetteer, a pronoun, or an anaphor ("the two sides", "the bloc"). A sentence with none of them
cannot give one, so it need not be parsed. The test runs on the tokenizer's output, which costs a
few percent of the parse, with the same phrase matcher the actor finder uses.

A skipped sentence is blanked rather than cut out: its characters become one filler word of the
same length ("xxxx"), which the pipeline keeps as a sentence of its own (bilateral.nlp), so every
character offset and sentence number in the document stays what it was. A sentence never spans a
line break here, so the filler is always a single token. Sentences are split here with
a cautious rule: a full stop after a short capitalized word ("Mr.", "U.S.", "Gen.") does not end
one, so a doubtful split keeps the text together, and only costs a parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.tokens import Doc

from bilateral.actors.mentions import PAIR_NOUNS, SINGLE_NOUNS, ActorFinder, plural
from bilateral.actors.pronouns import PRONOUNS
from bilateral.actors.resolve import DOMESTIC_SECTORS
from bilateral.actors.story import WORDS
from bilateral.nlp.tree import token_strings

# After a sentence-final mark (and closing quotes or brackets), spaces, then what can open a sentence.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_SHORT_CAPITALIZED = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|(?:[A-Za-z]\.)+[A-Za-z]?)\.[\"'”’)\]]*$")


FILLER = "x"
# Sectors whose members seldom act in an event of their own, and commentators (analysts,
# experts), whose words are opinion (words.yaml).
PASSIVE_SECTORS = frozenset({"BUS", "REL", "PTY"}) | WORDS["commentators"]
EVERYDAY_PEOPLE = WORDS["everyday_people_nouns"]


@dataclass(frozen=True)
class Screened:
    text: str  # the document text with skipped sentences blanked
    skipped: list[tuple[int, int]]  # character spans of the skipped sentences
    sentences: int  # sentences the rule found, kept or not


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`, by the cautious rule in the module docstring."""
    spans = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if boundary.group().startswith("\n") or not _SHORT_CAPITALIZED.search(text[start:boundary.start()]):
            if text[start:boundary.start()].strip():
                spans.append((start, boundary.start()))
            start = boundary.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


class SentenceFilter:
    """Blanks the sentences of a text that name no actor and refer to none."""

    def __init__(self, finder: ActorFinder) -> None:
        self.finder = finder
        nouns = set(PAIR_NOUNS) | set(SINGLE_NOUNS) | set(finder.gaz.generic_orgs)
        # Plurals by the spelling rules: "countries", "armies" and "parties" were missed as "-ys".
        self.referring = set(PRONOUNS) | {"each", "both"} | nouns | {plural(n) for n in nouns}
        # Roles that act at home ("riot police", "protesters") take the story's state in a
        # sentence that names none (ActorResolver.sentence_country): such a sentence can hold an
        # event once the story has named a state.
        # Only roles that act in events (not companies or churches), and only role words of
        # their own, not the everyday words for people (words.yaml), which would cost a parse
        # of most sentences.
        roles = {phrase for phrase, sector in finder.gaz.sectors.items()
                 if sector in DOMESTIC_SECTORS - PASSIVE_SECTORS and " " not in phrase}
        self.domestic_roles = (roles | {plural(r) for r in roles}) - self.referring - EVERYDAY_PEOPLE

    def screen(self, tokens: Doc, text: str | None = None) -> Screened:
        """`tokens` is the tokenizer's output for the document (no parse needed); `text` the
        text it was made from, if the caller has it (`Doc.text` joins the tokens again)."""
        text = tokens.text if text is None else text
        spans = sentence_spans(text)
        marks = [tokens[s].idx for _, s, _ in self.finder.phrases(tokens)]
        named_from = min(marks, default=len(text))
        for i, lower in enumerate(token_strings(tokens, LOWER)):
            # (Lower case keeps the hyphens: only a token with one is read as written.)
            if lower in self.referring or ("-" in lower and self.finder.hyphen_prefix(tokens[i].text)) \
                    or lower in self.domestic_roles and tokens[i].idx > named_from:
                marks.append(tokens[i].idx)
        marks.sort()
        skipped = []
        m = 0
        for start, end in spans:
            while m < len(marks) and marks[m] < start:
                m += 1
            if m < len(marks) and marks[m] < end:
                continue
            skipped.append((start, end))
        if not skipped:
            return Screened(text, [], len(spans))
        pieces = []
        last = 0
        for start, end in skipped:
            pieces += [text[last:start], FILLER * (end - start)]
            last = end
        pieces.append(text[last:])
        return Screened("".join(pieces), skipped, len(spans))
