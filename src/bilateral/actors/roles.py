"""The sector a role word names ("troops" MIL, "foreign ministry" GOV, "analysts" EDU), and
whether an actor keeps its own sector under a role word."""

from __future__ import annotations

from spacy.tokens import Token

from bilateral.actors.gazetteer import Gazetteer
from bilateral.actors.story import WORDS
from bilateral.nlp.tree import children, lemmas, lowers, slice_text, token_answers

LANDSCAPE_NOUNS = WORDS["landscape_nouns"]
# Groups fighting a state keep their sector under a government role word ("FARC negotiators").
ARMED_GROUP_SECTORS = WORDS["armed_opponent_sectors"]

# Heads of a body take its sector: "the chief of the general staff" MIL, "head of the police" COP.
_HEADS_OF = WORDS["heads_of_forces"]


def role_sector(token: Token, gaz: Gazetteer) -> str | None:
    """The sector a role noun names: "troops" MIL, "foreign ministry" GOV, "analysts" EDU."""
    # Asked of the same nouns by the actor finder, the resolver and the coder's rules: answered
    # once per token, document and gazetteer (which outlives the document's tables).
    known = token_answers(token.doc, role_sector)
    key = (token.i, id(gaz))
    if key not in known:
        known[key] = _role_sector(token, gaz)
    return known[key]


def _role_sector(token: Token, gaz: Gazetteer) -> str | None:
    # A name before the noun is no part of its role: "European Union leaders" are not union leaders.
    compounds = [c for c in children(token) if c.dep_ in {"compound", "amod"} and c.i < token.i
                 and not (c.tag_ == "NNP" and c.left_edge.i < c.i and gaz.lookup(slice_text(token.doc, c.left_edge.i, c.i + 1)))]
    if compounds:
        phrase = " ".join([c.lower_ for c in compounds] + [token.lemma_.lower()])
        if phrase in gaz.sectors:
            return gaz.sectors[phrase]
        # Compounds of compounds: "police inspector general", where "police" hangs on "inspector".
        nested = " ".join(lowers(token.doc)[compounds[0].left_edge.i:token.i] + [token.lemma_.lower()])
        if nested in gaz.sectors:
            return gaz.sectors[nested]
        last = f"{compounds[-1].lower_} {token.lemma_.lower()}"
        if last in gaz.sectors:
            return gaz.sectors[last]
    lemma = lemmas(token.doc)[token.i]
    own = gaz.sectors.get(lemma) or gaz.sectors.get(lowers(token.doc)[token.i])
    if own is not None and any(p.lemma_.lower() in LANDSCAPE_NOUNS for c in children(token)
                               if c.dep_ == "prep" and c.lower_ == "of" for p in children(c) if p.dep_ == "pobj"):
        return None  # "the banks of a disputed lake": its shores
    if lemma in _HEADS_OF:
        body = next((p for c in children(token) if c.dep_ == "prep" and c.lower_ == "of"
                     for p in children(c) if p.dep_ == "pobj"), None)
        return (role_sector(body, gaz) if body is not None else None) or own
    if own is None and compounds and token.pos_ == "PROPN":
        return title_sector(token, compounds, gaz)
    if own is None and compounds and compounds[-1].dep_ == "compound" and token.tag_ == "NNS":
        # Things named after a body are that body's: "coast guard ships" MIL, "police vans" COP
        # (plural heads only: "press freedom" is no one's).
        words = lowers(token.doc)[compounds[-1].left_edge.i:token.i]
        return gaz.sectors.get(" ".join(words)) or gaz.sectors.get(words[-1])
    return own


def title_sector(name: Token, compounds: list[Token], gaz: Gazetteer) -> str | None:
    """"Gen. Mark Milley", "Interior Minister Abdi Noor", "Senator Tom Hardy": the title before a
    name gives the person's sector (the longest role phrase among the words before it)."""
    words = lowers(name.doc)[min(c.left_edge.i for c in compounds):name.i]
    for n in (3, 2, 1):
        for i in range(len(words) - n, -1, -1):
            sector = gaz.sectors.get(" ".join(words[i:i + n]))
            if sector:
                # "Former Malian President Ibrahim Boubacar Keita", "Ex-President Evo Morales"
                return "ELI" if gaz.former_words.intersection(words[:i]) else sector
    return None


def keeps_own_sector(kind: str, own: str | None, role: str, executive: bool = False) -> bool:
    """Whether an actor keeps its own sector under a role word: an armed group's negotiators,
    officials and spokesmen are the group's people, not a government ("FARC negotiators" REB), and
    an intergovernmental body's envoys and spokesmen are its own ("UN envoy", "NATO spokeswoman"
    IGO), unless the body has an executive coded GOV (`executive`: the EU's commissioners)."""
    if role != "GOV":
        return False
    if kind == "group":
        return own in ARMED_GROUP_SECTORS
    return kind == "organization" and own == "IGO" and not executive
