"""What a story has named so far, for the words of a later sentence that point back at it.

Wire stories keep to a centre: the lead's subject is who the story is about, and later sentences
name its bodies without naming it again ("BEIJING - China downgraded ties with Lithuania ... The
ministry accused the Lithuanian government ..."). `StoryFocus` records, as `ActorFinder` walks the
mentions in order, how often and where each state was named, which states were named together
("Iran and Saudi Arabia agreed ..."), and whose body each body noun last was ("Taiwan's foreign
ministry"), and answers three questions from it:

- `story_state`: the state the story is about: the single state of the lead's subject, else the
  state named most often, if no other is named as often;
- `body_owner`: whose "ministry" (or "government", "junta", ...) a definite description is: the
  state whose body of that name the last sentences named, else the story's state;
- `best_pair`: which two states "the two sides" are: the two named together most often (a
  coordination counts twice), ties going to the pair named most, then to the later one;
- `main_subject_state` and `previous_subject_state`: the state a description ("the West African
  country") stands for as a subject, from the clause it hangs on or the sentence before.

The rules and their examples: docs/actors.md, "Words that point back to an actor named earlier".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from spacy.tokens import Doc, Span, Token

from bilateral.model import Actor
from bilateral.nlp.tree import children, root_of, sentence_at, span_tokens, subtree_indices
from bilateral.rules.words import word_lists

WORDS = word_lists()  # data/rules/words.yaml
BODY_NOUNS = WORDS["government_body_nouns"]
STATE_KINDS = {"state", "person", "group"}  # a person or armed group stands for its country here
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_MODIFIER_DEPS = {"poss", "amod", "compound", "nmod"}
_SUBORDINATE_DEPS = {"advcl", "conj"}  # clauses of time, cause or sequence, and a second verb
_BODY_WINDOW = 2  # sentences back in which a named body ("Taiwan's foreign ministry") is still the one meant


@dataclass
class _Named:
    actor: Actor
    start: int
    end: int
    sentence: int  # its sentence's number in the document


@dataclass
class StoryFocus:
    """The states a document has named up to the mention being read (see the module docstring)."""

    doc: Doc
    named: list[_Named] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    last_sentence: dict[str, int] = field(default_factory=dict)
    # body lemma -> (sentence number, the state whose body it was)
    owners: dict[str, tuple[int, Actor]] = field(default_factory=dict)
    coordinated: set[tuple[int, frozenset[str]]] = field(default_factory=set)  # (sentence number, pair)
    sentence_numbers: dict[int, int] = field(default_factory=dict)
    _lead: Actor | None = None
    _lead_read: bool = False

    def sentence_number(self, i: int) -> int:
        start = sentence_at(self.doc, i).start
        if start not in self.sentence_numbers:
            self.sentence_numbers[start] = len(self.sentence_numbers)
        return self.sentence_numbers[start]

    def note(self, actor: Actor, span: Span) -> None:
        """A named actor (not a pronoun or "the two sides")."""
        self.counts[actor.code] = self.counts.get(actor.code, 0) + 1
        sentence = sentence_at(self.doc, span.start).start
        self.last_sentence[actor.code] = sentence
        if actor.kind not in STATE_KINDS:
            return
        number = self.sentence_numbers.setdefault(sentence, len(self.sentence_numbers))
        root = root_of(span)
        if root.dep_ == "conj":
            # "Iran and Saudi Arabia", "Nicaraguan and Chinese officials": named as a pair
            other = next((n for n in reversed(self.named) if n.start <= root.head.i < n.end), None)
            if other is not None and other.actor.code != actor.code:
                self.coordinated.add((number, frozenset((other.actor.code, actor.code))))
        # "Taiwan's foreign ministry said ... The ministry accused ...", "Chinese Foreign Minister
        # Wang Yi said ... The minister added ...": a subject continues a subject; "accused the
        # Lithuanian government" leaves the story's own government be.
        for lemma in _titles_of_subject(root, span):
            self.owners[lemma] = (number, actor)
        self.named.append(_Named(actor, span.start, span.end, number))

    def note_body(self, lemma: str, actor: Actor, i: int) -> None:
        """A body resolved by `body_owner`: "The foreign ministry ... The ministry" stay one."""
        self.owners[lemma] = (self.sentence_number(i), actor)

    def lead_state(self) -> Actor | None:
        """The single state of the subject of the first sentence that names a state."""
        if not self._lead_read:
            self._lead_read = True
            self._lead = self._read_lead()
        return self._lead

    def _read_lead(self) -> Actor | None:
        if not self.named:
            return None
        sent = sentence_at(self.doc, self.named[0].start)
        for token in sent:
            if token.dep_ not in SUBJECT_DEPS:
                continue
            inside = subtree_indices(token)
            found = [n.actor for n in self.named if n.start in inside and n.actor.kind in STATE_KINDS]
            if found:
                codes = {a.code for a in found}
                return found[0] if len(codes) == 1 else None
        return None

    def story_state(self) -> Actor | None:
        lead = self.lead_state()
        if lead is not None:
            return lead
        ranked = sorted(((self.counts[n.actor.code], n.actor) for n in self.named), key=lambda c: -c[0])
        if not ranked:
            return None
        top = ranked[0]
        if any(count == top[0] and actor.code != top[1].code for count, actor in ranked):
            return None  # no one state dominates
        return top[1]

    def body_owner(self, head: Token) -> Actor | None:
        number = self.sentence_number(head.i)
        owned = self.owners.get(head.lemma_.lower())
        if owned is not None and number - owned[0] <= _BODY_WINDOW:
            return owned[1]
        return self.story_state()

    def main_subject_state(self, clause: Token) -> Actor | None:
        """For the subject of a clause that hangs on another ("Burkina Faso restored relations
        with China, two days after the West African country cut its ties with Taiwan"): the
        single state of the subject of the clause it hangs on; a report ("the ministry said the
        Baltic state had ...") is not such a clause."""
        if clause.dep_ not in _SUBORDINATE_DEPS or clause.head.i == clause.i:
            return None
        return self._single_state_in(next((c for c in children(clause.head) if c.dep_ in SUBJECT_DEPS), None))

    def previous_subject_state(self, token: Token) -> Actor | None:
        """The single state named in the subject of the sentence before `token`'s ("Niger
        expelled the French ambassador. The country also ended ..." is Niger)."""
        start = sentence_at(self.doc, token.i).start
        if start == 0:
            return None
        return self._single_state_in(first_subject(sentence_at(self.doc, start - 1)))

    def _single_state_in(self, phrase: Token | None) -> Actor | None:
        """The one state (or person, or group) named in the phrase headed by `phrase`, if one."""
        if phrase is None:
            return None
        inside = subtree_indices(phrase)
        found = {n.actor.code: n.actor for n in self.named if n.start in inside}
        return next(iter(found.values())) if len(found) == 1 else None

    def best_pair(self, before: int) -> list[Actor] | None:
        """The two states "the two sides" (at token `before`) most likely are, or None."""
        by_sentence: dict[int, dict[str, Actor]] = {}
        for n in self.named:
            if n.start < before:
                by_sentence.setdefault(n.sentence, {}).setdefault(n.actor.code, n.actor)
        scores: dict[frozenset[str], tuple[int, int, int]] = {}
        actors: dict[str, Actor] = {}
        for number, named in by_sentence.items():
            actors.update(named)
            for a, b in combinations(sorted(named), 2):
                pair = frozenset((a, b))
                together, _, _ = scores.get(pair, (0, 0, 0))
                together += 2 if (number, pair) in self.coordinated else 1
                scores[pair] = (together, self.counts.get(a, 0) + self.counts.get(b, 0), number)
        if not scores:
            return None
        best = max(scores, key=lambda p: scores[p])
        # The more often named first, then the first named: never the set's own order, which
        # changes from process to process with Python's string hashing.
        first: dict[str, int] = {}
        for i, n in enumerate(self.named):
            first.setdefault(n.actor.code, i)
        return [actors[c] for c in sorted(best, key=lambda c: (-self.counts.get(c, 0), first.get(c, 0)))]


def _titles_of_subject(root: Token, span: Span) -> set[str]:
    """The body or title nouns of the subject phrase a name sits in ("Taiwan's foreign ministry",
    "Chinese Foreign Minister Wang Yi"), if it is the subject of its clause."""
    head = root
    while head.dep_ in _MODIFIER_DEPS and head.head.i != head.i:
        head = head.head
    if head.dep_ not in SUBJECT_DEPS:
        return set()
    return {t.lemma_.lower() for t in (head, *children(head)) if not span.start <= t.i < span.end
            and t.lemma_.lower() in BODY_NOUNS and (t.i == head.i or t.dep_ == "compound")}


def first_subject(sent: Span) -> Token | None:
    """The subject of the sentence's main clause: the root's, else (a report put last, "...,
    the ministry said") the first subject of a clause the root governs."""
    tokens = span_tokens(sent)
    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    own = [c for c in children(root) if c.dep_ in SUBJECT_DEPS]
    reported = [t for t in tokens if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ccomp"
                and t.head.head.i == root.i and t.i < root.i]
    # "Chinese ships fired on the boats, the military said": the report's subject is the centre
    # only when the report comes first.
    if reported and own and own[0].i > reported[0].i:
        return reported[0]
    return own[0] if own else None


def opens_sentence(subject: Token) -> bool:
    """No subject comes before this one in its sentence."""
    sent = sentence_at(subject.doc, subject.i)
    return not any(t.dep_ in SUBJECT_DEPS for t in span_tokens(sent) if t.i < subject.i)
