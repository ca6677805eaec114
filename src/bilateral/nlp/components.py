"""bilateral's spaCy pipeline components: actors, events and ledger facts.

Each is registered with `Language.factory`, reads what the components before it assigned, and
writes one Doc extension. Document metadata (id, publication date, translated flag) is set on the
Doc before the pipeline runs (see `bilateral.pipeline`).
"""


from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from bilateral.actors.gazetteer import Gazetteer
from bilateral.actors.mentions import ActorFinder
from bilateral.actors.resolve import ActorResolver
from bilateral.events.coder import EventCoder
from bilateral.events.contexts import ContextFinder
from bilateral.events.dates import find_dates
from bilateral.events.lexicon import Lexicon
from bilateral.ledger.extractor import LedgerExtractor
from bilateral.nlp.tree import doc_text

for _name, _default in (("doc_id", ""), ("pub_date", None), ("translated", False), ("actor_mentions", None),
                        ("events", None), ("ledger", None), ("dates", None),
                        ("skipped", None), ("source_text", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _pub_date(doc: Doc) -> date | None:
    value = doc._.pub_date
    if isinstance(value, str):
        return date.fromisoformat(value)
    return value


class ActorComponent:
    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.finder = ActorFinder(nlp.vocab, gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        doc._.actor_mentions = self.finder(doc, _pub_date(doc))
        # Dates are read from the text as written, also where the pre-filter blanked a sentence.
        doc._.dates = find_dates(doc._.source_text or doc_text(doc), _pub_date(doc))
        return doc


class EventComponent:
    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.coder = EventCoder(lexicon, ContextFinder(gazetteer))

    def __call__(self, doc: Doc) -> Doc:
        resolver = ActorResolver(doc._.actor_mentions or [], self.gazetteer)
        doc._.events = self.coder.code(doc, resolver, doc._.doc_id, _pub_date(doc), doc._.dates or [],
                                       bool(doc._.translated))
        return doc


class LedgerComponent:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.extractor = LedgerExtractor()

    def __call__(self, doc: Doc) -> Doc:
        resolver = ActorResolver(doc._.actor_mentions or [], self.gazetteer)
        doc._.ledger = self.extractor.extract(doc, resolver, doc._.doc_id, _pub_date(doc), doc._.dates or [])
        return doc


# The gazetteer and lexicon are large and shared by the three components: they are built once
# per process and handed over through this registry rather than serialized into the config.
_SHARED: dict[str, object] = {}


def _gazetteer() -> Gazetteer:
    gaz = _SHARED.get("gazetteer")
    if not isinstance(gaz, Gazetteer):
        gaz = Gazetteer.load()
        _SHARED["gazetteer"] = gaz
    return gaz


def use_gazetteer(gazetteer: Gazetteer) -> None:
    _SHARED["gazetteer"] = gazetteer


@Language.factory("bilateral_actors", assigns=["doc._.actor_mentions", "doc._.dates"],
                  requires=["token.lemma", "token.dep"])
def make_actor_component(nlp: Language, name: str) -> ActorComponent:
    return ActorComponent(nlp, _gazetteer())


@Language.factory("bilateral_events", assigns=["doc._.events"], requires=["doc._.actor_mentions"])
def make_event_component(nlp: Language, name: str) -> EventComponent:
    return EventComponent(_gazetteer(), Lexicon.load())


@Language.factory("bilateral_ledger", assigns=["doc._.ledger"], requires=["doc._.actor_mentions"])
def make_ledger_component(nlp: Language, name: str) -> LedgerComponent:
    return LedgerComponent(_gazetteer())
