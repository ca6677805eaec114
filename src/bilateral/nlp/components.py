"""bilateral's spaCy pipeline components: actors, dates, events and ledger facts.

Each is registered with `Language.factory` and has a `default_config` naming its data files
(None: the files shipped in `bilateral/data/`). Building a component reads nothing: its
`initialize()` loads the data (through the on-disk cache of `bilateral.nlp.compiled`), and
`to_disk`/`from_disk` save and restore what it loaded, so that `nlp.to_disk(path)` followed by
`spacy.load(path)` gives the same output. The gazetteer is the actor component's; the event and
ledger components use that one (named by their `actors` setting) rather than a second copy.

Each component reads what the ones before it assigned and writes Doc extensions; per-document
state lives on the Doc. Document metadata (id, publication date, translated flag, and whether
acts without a dyad are kept) is set on the Doc before the pipeline runs (`bilateral.pipeline`).
"""


import pickle
import shutil
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from bilateral.actors.gazetteer import Gazetteer
from bilateral.actors.mentions import ActorFinder, form_words
from bilateral.actors.resolve import ActorResolver
from bilateral.datafiles import package_data
from bilateral.errors import BilateralError
from bilateral.events.coder import EventCoder
from bilateral.events.contexts import ContextFinder
from bilateral.events.lexicon import Lexicon
from bilateral.learned.classifier import shipped_classifier
from bilateral.learned.fallback import LearnedFallback
from bilateral.ledger.extractor import LedgerExtractor
from bilateral.nlp.compiled import code_files, load_or_build
from bilateral.nlp.dating import document_dates, placed_by_dateline
from bilateral.nlp.repairs import mend_parse
from bilateral.nlp.tree import doc_text, release

for _name, _default in (("doc_id", ""), ("pub_date", None), ("translated", False), ("actor_mentions", None),
                        ("events", None), ("ledger", None), ("dates", None),
                        ("skipped", None), ("source_text", None), ("all_acts", False), ("dateline", None),
                        ("story_date", None), ("window", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class NotInitializedError(BilateralError):
    """A component was called before `initialize()` or `from_disk()` gave it its data."""


def _pub_date(doc: Doc) -> date | None:
    value = doc._.pub_date
    if isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _story_date(doc: Doc) -> date | None:
    """The day the story tells of as "today": its dateline's, else the publication date
    (bilateral.nlp.dating). Acts and facts the text gives no date for take it."""
    value = doc._.story_date
    return date.fromisoformat(value) if isinstance(value, str) else _pub_date(doc)


def load_gazetteer(actor_files: Iterable[str | Path] = (), data_dir: str | Path | None = None
                   ) -> tuple[Gazetteer, list[list[str]]]:
    """The gazetteer of the packaged (or `data_dir`'s) actor files plus `actor_files`, and its
    forms as the tokenizer splits them, from the compiled cache when none of the files changed."""
    folder = Path(data_dir) if data_dir else package_data("actors")
    extra = [Path(p) for p in actor_files]
    sources = sorted(folder.glob("*.yaml")) + extra + code_files("bilateral.actors.gazetteer",
                                                                  "bilateral.actors.petrarch")

    def build() -> tuple[Gazetteer, list[list[str]]]:
        gazetteer = Gazetteer.load(extra=extra, folder=folder)
        return gazetteer, form_words(gazetteer)

    return load_or_build("gazetteer", sources + code_files("bilateral.actors.mentions"), build)


def load_lexicon(predicates: str | None = None, nominals: str | None = None) -> Lexicon:
    paths = [Path(predicates) if predicates else package_data("lexicon", "predicates.tsv"),
             Path(nominals) if nominals else package_data("lexicon", "nominals.tsv")]
    return load_or_build("lexicon", paths + code_files("bilateral.events.lexicon"),
                         lambda: Lexicon.load(paths[0], paths[1]))


def _write_pickle(path: Path, value: object) -> None:
    with path.open("wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)


def _read_pickle(path: Path) -> Any:
    with path.open("rb") as f:
        return pickle.load(f)  # noqa: S301 - written by to_disk of the same component


class ActorComponent:
    """Finds actor mentions (`doc._.actor_mentions`) from the gazetteer."""

    def __init__(self, nlp: Language, name: str, actor_files: list[str], data_dir: str | None) -> None:
        self.vocab = nlp.vocab
        self.name = name
        self.actor_files = list(actor_files)
        self.data_dir = data_dir
        self.gazetteer: Gazetteer | None = None
        self.finder: ActorFinder | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None) -> None:
        self.use(*load_gazetteer(self.actor_files, self.data_dir))

    def use(self, gazetteer: Gazetteer, words: list[list[str]] | None = None) -> None:
        """Use this gazetteer; `words` are its forms as `form_words` gives them."""
        self.gazetteer = gazetteer
        self.finder = ActorFinder(self.vocab, gazetteer, words)

    def __call__(self, doc: Doc) -> Doc:
        if self.finder is None:
            raise NotInitializedError(f"{self.name}: call initialize() or from_disk() first")
        mend_parse(doc)  # (first of bilateral's components: every stage after reads the mended tree)
        doc._.actor_mentions = self.finder(doc, _pub_date(doc))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.gazetteer is None:
            raise NotInitializedError(f"{self.name}: nothing to save before initialize()")
        _write_pickle(path / "gazetteer.pickle", (self.gazetteer, form_words(self.gazetteer)))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "ActorComponent":
        self.use(*_read_pickle(Path(path) / "gazetteer.pickle"))
        return self


class DateComponent:
    """Every resolvable date expression of the document (`doc._.dates`), read from the text as
    written, also where the pre-filter blanked a sentence; the story's dateline (`doc._.dateline`)
    and the day its relative dates are told from (`doc._.story_date`, ISO text). It has no data
    files (bilateral.nlp.dating)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None) -> None:
        return None

    def __call__(self, doc: Doc) -> Doc:
        found = document_dates(doc, doc._.source_text or doc_text(doc), _pub_date(doc), doc._.window)
        doc._.dates = found.mentions
        doc._.story_date = found.story_date.isoformat() if found.story_date else None
        doc._.dateline = found.dateline.to_json(found.story_date) if found.dateline else None
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "DateComponent":
        return self


class _UsesGazetteer:
    """A component that resolves mentions with the actor component's gazetteer."""

    def __init__(self, nlp: Language, name: str, actors: str) -> None:
        self.nlp = nlp
        self.name = name
        self.actors = actors

    def gazetteer(self) -> Gazetteer:
        component = self.nlp.get_pipe(self.actors)
        gazetteer = getattr(component, "gazetteer", None)
        if not isinstance(gazetteer, Gazetteer):
            raise NotInitializedError(f"{self.name}: the actor component {self.actors!r} has no gazetteer yet")
        return gazetteer


class EventComponent(_UsesGazetteer):
    """Codes events (`doc._.events`). Two coders share one lexicon: the dyadic one, and the one
    that also keeps acts without a dyad, chosen per document by `doc._.all_acts`."""

    def __init__(self, nlp: Language, name: str, actors: str, predicates: str | None, nominals: str | None,
                 contexts: str | None, learned: bool = True) -> None:
        super().__init__(nlp, name, actors)
        self.predicates, self.nominals, self.contexts = predicates, nominals, contexts
        self.learned = learned  # the learned fallback (bilateral.learned) where the rules code nothing
        self.lexicon: Lexicon | None = None
        self.coder: EventCoder | None = None
        self.all_acts_coder: EventCoder | None = None
        self._gazetteer: Gazetteer | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None) -> None:
        self.use(load_lexicon(self.predicates, self.nominals))

    def use(self, lexicon: Lexicon, contexts: Path | None = None) -> None:
        gazetteer = self.gazetteer()
        contexts = contexts or (Path(self.contexts) if self.contexts else None)
        self.lexicon = lexicon
        self._gazetteer = gazetteer
        self.coder = EventCoder(lexicon, ContextFinder(gazetteer, contexts))
        self.all_acts_coder = EventCoder(lexicon, ContextFinder(gazetteer, contexts), dyadic=False)
        self.use_fallback(LearnedFallback(shipped_classifier()) if self.learned else None)

    def use_fallback(self, fallback: LearnedFallback | None) -> None:
        """Codes with this fallback (None: rules only), e.g. a model trained on other folds."""
        if fallback is not None and self.all_acts_coder is not None:
            fallback.all_acts_rules = self.all_acts_coder.code_sentence
        for coder in (self.coder, self.all_acts_coder):
            if coder is not None:
                coder.fallback = fallback

    def __call__(self, doc: Doc) -> Doc:
        coder = self.all_acts_coder if doc._.all_acts else self.coder
        if coder is None or self._gazetteer is None:
            raise NotInitializedError(f"{self.name}: call initialize() or from_disk() first")
        resolver = ActorResolver(doc._.actor_mentions or [], self._gazetteer)
        events = coder.code(doc, resolver, doc._.doc_id, _story_date(doc), doc._.dates or [],
                            bool(doc._.translated))
        doc._.events = placed_by_dateline(events, doc, self._gazetteer) if doc._.dateline else events
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        _write_pickle(path / "lexicon.pickle", self.lexicon)
        shutil.copyfile(self.contexts or package_data("lexicon", "contexts.yaml"), path / "contexts.yaml")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "EventComponent":
        path = Path(path)
        self.use(_read_pickle(path / "lexicon.pickle"), path / "contexts.yaml")
        return self


class LedgerComponent(_UsesGazetteer):
    """Extracts ledger facts (`doc._.ledger`). The last component: it also drops the document's
    tree tables (`bilateral.nlp.tree`), which nothing after it reads."""

    def __init__(self, nlp: Language, name: str, actors: str, cues: str | None) -> None:
        super().__init__(nlp, name, actors)
        self.cues = cues
        self.extractor: LedgerExtractor | None = None
        self._gazetteer: Gazetteer | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None) -> None:
        self.use(Path(self.cues) if self.cues else None)

    def use(self, cues: Path | None) -> None:
        self._gazetteer = self.gazetteer()
        self.extractor = LedgerExtractor(cues)

    def __call__(self, doc: Doc) -> Doc:
        if self.extractor is None or self._gazetteer is None:
            raise NotInitializedError(f"{self.name}: call initialize() or from_disk() first")
        resolver = ActorResolver(doc._.actor_mentions or [], self._gazetteer)
        doc._.ledger = self.extractor.extract(doc, resolver, doc._.doc_id, _story_date(doc), doc._.dates or [])
        release(doc)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.cues or package_data("ledger", "cues.yaml"), path / "cues.yaml")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "LedgerComponent":
        self.use(Path(path) / "cues.yaml")
        return self


@Language.factory("bilateral_actors", assigns=["doc._.actor_mentions"], requires=["token.lemma", "token.dep"],
                  default_config={"actor_files": [], "data_dir": None})
def make_actor_component(nlp: Language, name: str, actor_files: list[str], data_dir: str | None) -> ActorComponent:
    return ActorComponent(nlp, name, actor_files, data_dir)


@Language.factory("bilateral_dates", assigns=["doc._.dates", "doc._.dateline", "doc._.story_date"])
def make_date_component(nlp: Language, name: str) -> DateComponent:
    return DateComponent(name)


@Language.factory("bilateral_events", assigns=["doc._.events"], requires=["doc._.actor_mentions", "doc._.dates"],
                  default_config={"actors": "bilateral_actors", "predicates": None, "nominals": None,
                                  "contexts": None, "learned": True})
def make_event_component(nlp: Language, name: str, actors: str, predicates: str | None, nominals: str | None,
                         contexts: str | None, learned: bool) -> "EventComponent":
    return EventComponent(nlp, name, actors, predicates, nominals, contexts, learned)


@Language.factory("bilateral_ledger", assigns=["doc._.ledger"], requires=["doc._.actor_mentions", "doc._.dates"],
                  default_config={"actors": "bilateral_actors", "cues": None})
def make_ledger_component(nlp: Language, name: str, actors: str, cues: str | None) -> LedgerComponent:
    return LedgerComponent(nlp, name, actors, cues)
