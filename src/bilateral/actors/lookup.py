"""Resolving a written mention to actors, for users checking and fixing the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Span, Token

from bilateral.actors.gazetteer import Gazetteer, Office
from bilateral.actors.mentions import ActorFinder
from bilateral.actors.resolve import ActorResolver
from bilateral.datafiles import load_yaml_mapping, package_data
from bilateral.errors import DataFileError


def _office_words() -> dict[str, str]:
    """Title words -> office (data/actors/offices.yaml), longest first."""
    path = package_data("actors", "offices.yaml")
    data = load_yaml_mapping(path, "a mapping of title words to office names")
    for words, office in data.items():
        if not isinstance(office, str) or not words.strip():
            raise DataFileError(str(path), None, f"{words!r}: an office name must be a word, not {office!r}")
    return dict(sorted(data.items(), key=lambda kv: -len(kv[0])))


OFFICE_WORDS = _office_words()


@dataclass
class ActorLookup:
    """Looks up mentions with the same gazetteer and parser the coder uses."""

    nlp: Language
    gazetteer: Gazetteer

    def __post_init__(self) -> None:
        self.finder = ActorFinder(self.nlp.vocab, self.gazetteer)
        # Capitalized words of a title ("Prime", "Minister", "Defence") are not a person's name.
        self.title_words = {w for phrase in [*OFFICE_WORDS, *self.gazetteer.sectors] for w in phrase.split()}

    def lookup(self, text: str, day: date | None = None, context: str | None = None) -> list[dict[str, Any]]:
        full = f"{context.rstrip()} {text}" if context else text
        return self.lookup_in(full, len(full) - len(text), len(full), day)

    def lookup_in(self, sentence: str, start: int, end: int, day: date | None = None) -> list[dict[str, Any]]:
        """The actors of the mention at characters [start, end) of `sentence`, which gives the
        mention its context (a country named elsewhere in it, the actors named before it)."""
        text = sentence[start:end]
        doc = self.nlp(sentence)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        mentions = self.finder(doc, day)
        resolver = ActorResolver(mentions, self.gazetteer)
        out = []
        when = day.isoformat() if day else None
        root = _head_of(span)
        for actor in resolver.actors_of(root):
            person = actor.kind == "person" and actor.name is not None
            if person:
                # A named person keeps his own office, whatever title the text gives him.
                office, name = self._own_office(str(actor.name), day), actor.name
            else:
                office, name = self._office(span.text.lower(), actor.code, day)
                if name and any(t.pos_ == "PROPN" and resolver.mention_at(t) is None
                                and t.lower_ not in self.title_words for t in span):
                    name = None  # "Kenyan President John Doe": someone the gazetteer does not know
            holder = person or office is not None
            out.append({
                "text": text, "code": actor.code, "country": actor.code, "sector": actor.sector,
                "kind": "person" if holder else actor.kind,
                "name": name if holder else self._name(actor.code), "office": office, "date": when,
            })
        if not out:
            # A role with no actor named in it ("soldiers", "the ministry"): kept with its sector,
            # and the country where the sentence takes place, or no country.
            sector, place = resolver.role_without_actor(root)
            if sector is not None:
                code = place.code if place else None
                out.append({"text": text, "code": code, "country": code, "sector": sector, "kind": "role",
                            "name": self._name(code) if code else None, "office": None, "date": when})
        return out

    def _own_office(self, person: str, day: date | None) -> str | None:
        held = [o for o in self.gazetteer.people.get(person, ()) if o.held_on(day)]
        return held[0].office if held else None

    def _office(self, text: str, code: str, day: date | None) -> tuple[str | None, str | None]:
        for words, office in OFFICE_WORDS.items():
            # Whole words: "presidential" names no office.
            if re.search(rf"(?<![\w-]){re.escape(words)}(?![\w-])", text):
                holder = self.gazetteer.office_holder(code, office, day)
                return office, holder
        return None, None

    def _name(self, code: str) -> str | None:
        return self.gazetteer.states.get(code) or self.gazetteer.organizations.get(code)


def _head_of(span: Span) -> Token:
    """The word the mention is about. A mention cut out of a longer phrase ("The SCO" of "The SCO
    summit") has several words whose head lies outside it; the last noun among them is the one."""
    outside = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    nouns = [t for t in outside if t.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}]
    return nouns[-1] if nouns else span.root


def list_actors(gazetteer: Gazetteer, kind: str | None = None) -> list[dict[str, Any]]:
    """Everything the gazetteer knows, one record per state, organization, person or group."""
    rows: list[dict[str, Any]] = []
    if kind in (None, "state"):
        rows += [{"kind": "state", "code": c, "name": n} for c, n in sorted(gazetteer.states.items())]
    if kind in (None, "organization"):
        rows += [{"kind": "organization", "code": c, "name": n} for c, n in sorted(gazetteer.organizations.items())]
    if kind in (None, "person"):
        rows += [{"kind": "person", "name": n, "offices": [_office_json(o) for o in offices]}
                 for n, offices in sorted(gazetteer.people.items())]
    if kind in (None, "group"):
        rows += [{"kind": "group", "name": n, "periods": [_period_json(p) for p in periods]}
                 for n, periods in sorted(gazetteer.groups.items())]
    return rows


def _period_json(p: Office) -> dict[str, Any]:
    return {"country": p.country, "sector": p.sector, "start": p.start, "end": p.end}


def _office_json(o: Office) -> dict[str, Any]:
    return {"country": o.country, "office": o.office, "sector": o.sector, "start": o.start, "end": o.end}


DATE_FORMS = "2015-05-10; 10 May 2015; May 10, 2015; 10/05/2015 (day first); May 2015; 2015"
_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_IN = re.compile(r"(?<!\d)\d{4}(?!\d)")
_YEAR_MONTH = re.compile(r"((?:19|20)\d\d)-(\d\d)")


@dataclass(frozen=True)
class LookupDate:
    """A date as a user wrote it for a lookup: the day offices are resolved on (the first day of
    a month or year written alone) and the precision written."""

    day: date
    precision: str  # day | month | year


def parse_lookup_date(text: str) -> LookupDate:
    """A date in any form people write: ISO ("2015-05-10", "2015-05", "2015"), "10 May 2015",
    "May 10, 2015", "10th of May 2015", "10/05/2015". Numbers alone are read day first
    ("10/05/2015" is 10 May, as outside the United States and in the day-month-year order of
    "10 May 2015"), and month first only when no day-first reading exists ("12/31/2015").
    The year must be written in full: offices change from year to year, so "May" or "Tuesday"
    alone would be a guess. ValueError, naming the value, for what no form reads."""
    written = " ".join(str(text).split())
    if not written:
        raise ValueError("an empty date; write one such as " + DATE_FORMS)
    if _YEAR.fullmatch(written):
        return LookupDate(date(int(written), 1, 1), "year")
    m = _YEAR_MONTH.fullmatch(written)
    if m is not None and 1 <= int(m.group(2)) <= 12:
        return LookupDate(date(int(m.group(1)), int(m.group(2)), 1), "month")
    try:
        return LookupDate(date.fromisoformat(written), "day")
    except ValueError:
        pass
    if not _YEAR_IN.search(written):
        raise ValueError(f"{written!r} gives no year in full; write one such as {DATE_FORMS}")
    return _parsed_by_dateparser(written)


def _parsed_by_dateparser(written: str) -> LookupDate:
    # Loaded only for dates not in ISO form: importing dateparser costs a few tenths of a second.
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"], settings={"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"})
    found = parser.get_date_data(written)
    if found.date_obj is None:
        raise ValueError(f"{written!r} is not a date any known form reads; write one such as {DATE_FORMS}")
    day = found.date_obj.date()
    precision = found.period if found.period in {"day", "month", "year"} else "day"
    if precision == "year":
        day = date(day.year, 1, 1)
    elif precision == "month":
        day = day.replace(day=1)
    return LookupDate(day, precision)
