"""The actor gazetteer: states, organizations, people and sector role words, from data files.

The files live in `bilateral/data/actors/` (schemas in docs/gazetteer-*.md). Users can add files of
the same format (`Gazetteer.load(extra=[...])`) or PETRARCH/TABARI `.actors.txt` dictionaries
(`bilateral.actors.petrarch`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from bilateral.actors.spellings import Spellings
from bilateral.datafiles import LINE_KEY, load_yaml_list, load_yaml_mapping, package_data
from bilateral.errors import DataFileError

STATE_FILE = "states.yaml"
ORG_FILE = "organizations.yaml"
PEOPLE_FILE = "people.yaml"
GROUP_FILE = "groups.yaml"
PARTY_FILE = "parties.yaml"
BODY_FILE = "bodies.yaml"
SPELLING_FILE = "spellings.yaml"
SECTOR_FILE = "sectors.yaml"
PLACE_FILE = "places.yaml"
DESCRIPTION_FILE = "descriptions.yaml"
BORDER_FILE = "borders.yaml"


@dataclass(frozen=True)
class Blocker:
    """Words that, next to an ambiguous name, show it means something other than the actor."""

    unless_next: tuple[str, ...] = ()
    unless_prev: tuple[str, ...] = ()
    unless_sentence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Office:
    country: str
    office: str
    sector: str
    start: str | None
    end: str | None

    def held_on(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        iso = day.isoformat()
        # A bound given as "2013" or "2013-03" covers the whole year or month.
        return (self.start is None or self.start <= iso) and (self.end is None or iso[: len(self.end)] <= self.end)


@dataclass(frozen=True)
class Entry:
    """What one written form can denote."""

    code: str
    kind: str  # state | organization | person | group | place
    form: str  # name | official | alias | adjective | demonym | prefix | capital | seat | generic | members
    name: str
    sector: str | None = None
    offices: tuple[Office, ...] = ()
    blocker: Blocker | None = None
    weak: bool = False  # an ambiguous surname: only resolved after the full name was seen
    coordinates: tuple[float, float] | None = None  # places: latitude, longitude


@dataclass
class Gazetteer:
    """Every written form bilateral recognizes, with what it denotes."""

    forms: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    sectors: dict[str, str] = field(default_factory=dict)  # role phrase (lower case) -> sector
    generic_orgs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    states: dict[str, str] = field(default_factory=dict)  # code -> name
    organizations: dict[str, str] = field(default_factory=dict)
    people: dict[str, tuple[Office, ...]] = field(default_factory=dict)
    groups: dict[str, tuple[Office, ...]] = field(default_factory=dict)  # name -> periods
    places: int = 0
    petrarch_forms: int = 0
    spellings: Spellings = field(default_factory=lambda: Spellings())
    made_spellings: set[str] = field(default_factory=set)  # forms only spellings.yaml gave
    # Organizations with a body coded GOV (the EU's Commission and Councils): their officials are
    # that executive's, not officials of an intergovernmental body.
    executive_orgs: set[str] = field(default_factory=set)
    # Describing words -> the states they fit ("island", "former soviet"): descriptions.yaml
    descriptions: dict[str, frozenset[str]] = field(default_factory=dict)
    described_heads: frozenset[str] = frozenset()  # "giant": a state only with a describing word
    compass_points: dict[str, frozenset[str]] = field(default_factory=dict)  # "the North": PRK
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)  # land borders: borders.yaml

    @classmethod
    def load(cls, extra: Iterable[Path] = (), folder: Path | None = None) -> Gazetteer:
        """The actor files of `folder` (default: the packaged ones), then the `extra` files."""
        gaz = cls()
        folder = folder or package_data("actors")
        if (folder / SPELLING_FILE).exists():
            gaz.spellings = Spellings.load(folder / SPELLING_FILE)
        gaz.add_states(folder / STATE_FILE)
        gaz.add_organizations(folder / ORG_FILE)
        gaz.add_people(folder / PEOPLE_FILE)
        gaz.add_groups(folder / GROUP_FILE)
        for optional in (PARTY_FILE, BODY_FILE):  # a user's folder of actor files may have none
            if (folder / optional).exists():
                gaz.add_groups(folder / optional)
        gaz.add_sectors(folder / SECTOR_FILE)
        gaz.add_places(folder / PLACE_FILE)
        if (folder / DESCRIPTION_FILE).exists():
            gaz.add_descriptions(folder / DESCRIPTION_FILE)
        if (folder / BORDER_FILE).exists():
            gaz.add_borders(folder / BORDER_FILE)
        for path in extra:
            gaz.add_file(Path(path))
        return gaz

    def add_file(self, path: Path) -> None:
        """A user file: its name says which kind it holds (states/organizations/people/sectors),
        or `.actors.txt` for a PETRARCH/TABARI dictionary."""
        name = path.name.lower()
        if name.endswith(".txt"):  # PETRARCH/TABARI dictionary
            from bilateral.actors.petrarch import read_petrarch_actors

            for text, entry in read_petrarch_actors(path):
                self._add(text, entry)
                self.petrarch_forms += 1
        elif "organi" in name:
            self.add_organizations(path)
        elif "people" in name or "person" in name:
            self.add_people(path)
        elif "group" in name or "part" in name or "bod" in name:
            self.add_groups(path)
        elif "place" in name:
            self.add_places(path)
        elif "sector" in name:
            self.add_sectors(path)
        elif "state" in name or "countr" in name:
            self.add_states(path)
        else:
            raise DataFileError(str(path), None, "cannot tell the file's kind from its name: name it "
                                "*states*.yaml, *organizations*.yaml, *people*.yaml, *groups*.yaml, *parties*.yaml, *bodies*.yaml, "
                                "*sectors*.yaml "
                                "or *.actors.txt")

    def _add(self, text: str, entry: Entry) -> None:
        text = " ".join(str(text).split())
        if text in self.made_spellings:
            # A name listed in a file outranks the same letters made from someone else's name.
            self.made_spellings.discard(text)
            self.forms[text] = []
        if text and entry not in self.forms[text]:
            self.forms[text].append(entry)

    def _add_name(self, text: str, entry: Entry) -> None:
        """A name of a person or group, with the other spellings news gives it (spellings.yaml).
        A made spelling never joins a form that names someone else, before or after it."""
        self._add(text, entry)
        for variant in self.spellings.variants(text):
            if variant not in self.forms:
                self.forms[variant].append(entry)
                self.made_spellings.add(variant)

    def add_states(self, path: Path) -> None:
        for rec in load_yaml_list(path):
            code, name = _required(rec, path, "code"), _required(rec, path, "name")
            self.states[code] = name
            blockers = _blockers(rec, path)
            forms = [("name", name)]
            for key, form in (("official", "official"), ("aliases", "alias"), ("adjectives", "adjective"),
                              ("demonyms", "demonym"), ("prefixes", "prefix"), ("capitals", "capital")):
                forms += [(form, str(v)) for v in _list(rec, key, path)]
            for text_form, text in forms:
                self._add(text, Entry(code, "state", text_form, name, _default_sector(text_form),
                                      blocker=blockers.get(text)))
            for seat in _list(rec, "seats", path):
                text = str(seat.get("text")) if isinstance(seat, dict) else str(seat)
                sector = str(seat.get("sector") or "GOV") if isinstance(seat, dict) else "GOV"
                self._add(text, Entry(code, "state", "seat", name, sector, blocker=blockers.get(text)))

    def add_organizations(self, path: Path) -> None:
        for rec in load_yaml_list(path):
            code, name = _required(rec, path, "code"), _required(rec, path, "name")
            sector = rec.get("sector") or "IGO"
            if sector == "GOV":
                self.executive_orgs.add(code)
            # Several bodies may share a code (EU institutions): the intergovernmental one names it.
            if code not in self.organizations or sector == "IGO":
                self.organizations[code] = name
            blockers = _blockers(rec, path)
            for text in [name, *_list(rec, "aliases", path)]:
                self._add(str(text), Entry(code, "organization", "name", name, sector, blocker=blockers.get(str(text))))
            for noun in _list(rec, "generic", path):
                self.generic_orgs[str(noun).lower()].append(code)
            # "West African leaders": the members' adjective before a word for its members
            # (ActorFinder keeps it only there).
            for text in _list(rec, "members_adjectives", path):
                self._add(str(text), Entry(code, "organization", "members", name, sector))

    def add_people(self, path: Path) -> None:
        for rec in load_yaml_list(path):
            name = _required(rec, path, "name")
            offices = tuple(_office(o, path, rec.get(LINE_KEY)) for o in _list(rec, "offices", path))
            if not offices:
                raise DataFileError(str(path), rec.get(LINE_KEY), f"{name}: a person needs at least one office")
            self.people[name] = offices
            first = offices[0]
            self._add_name(name, Entry(first.country, "person", "name", name, first.sector, offices))
            for alias in _list(rec, "aliases", path):
                self._add_name(str(alias), Entry(first.country, "person", "alias", name, first.sector, offices))
            for alias in _list(rec, "ambiguous_aliases", path):
                self._add_name(str(alias), Entry(first.country, "person", "alias", name, first.sector, offices,
                                                 weak=True))

    def add_groups(self, path: Path) -> None:
        """Armed, militant and political groups that are not states or international bodies,
        coded to the country they fight or act in, with the sector each period of their history
        gives them (the Taliban: rebels, then the government of Afghanistan)."""
        for rec in load_yaml_list(path):
            name = _required(rec, path, "name")
            periods = tuple(_office({**o, "office": "group"} if isinstance(o, dict) else o, path, rec.get(LINE_KEY))
                            for o in _list(rec, "periods", path))
            if not periods:
                raise DataFileError(str(path), rec.get(LINE_KEY), f"{name}: a group needs at least one period")
            self.groups[name] = periods
            blockers = _blockers(rec, path)
            first = periods[0]
            for text in [name, *_list(rec, "aliases", path)]:
                self._add_name(str(text), Entry(first.country, "group", "name", name, first.sector, periods,
                                                blocker=blockers.get(str(text))))

    def add_places(self, path: Path) -> None:
        """Towns, regions, islands and sites with the country they belong to (null when disputed
        with no holder: such places are kept out, as they name no country)."""
        for rec in load_yaml_list(path):
            name = _required(rec, path, "name")
            country = rec.get("country")
            if not country:
                continue
            blockers = _blockers(rec, path)
            coords = (float(rec["lat"]), float(rec["lon"])) if "lat" in rec and "lon" in rec else None
            self.places += 1
            for text in [name, *_list(rec, "aliases", path)]:
                self._add(str(text), Entry(str(country), "place", "place", name, None,
                                           blocker=blockers.get(str(text)) or blockers.get(name),
                                           coordinates=coords))

    def add_sectors(self, path: Path) -> None:
        data = load_yaml_mapping(path, "a mapping from sector code to role words")
        for code, words in data.items():
            if code == LINE_KEY:
                continue
            if not isinstance(words, list):
                raise DataFileError(str(path), None, f"sector {code}: expected a list of role words")
            for word in words:
                self.sectors.setdefault(" ".join(str(word).lower().split()), str(code))

    def add_descriptions(self, path: Path) -> None:
        """descriptions.yaml: which states each describing word fits (after the states file)."""
        data = load_yaml_mapping(path, "a mapping with 'heads' and 'descriptions'")
        heads, table = data.get("heads", []), data.get("descriptions")
        if not isinstance(heads, list) or not isinstance(table, dict):
            raise DataFileError(str(path), None, "expected 'heads' (a list of nouns) and 'descriptions' (a mapping)")
        self.described_heads = frozenset(str(h).lower() for h in heads)
        self.descriptions = self._fitted(path, table)
        self.compass_points = self._fitted(path, data.get("compass_points") or {})

    def _fitted(self, path: Path, table: dict[str, Any]) -> dict[str, frozenset[str]]:
        """A table of descriptions.yaml: words -> {states, source}, every code a known state."""
        out = {}
        for words, rec in table.items():
            if words == LINE_KEY:
                continue
            codes = rec.get("states") if isinstance(rec, dict) else None
            line = rec.get(LINE_KEY) if isinstance(rec, dict) else None
            if not isinstance(codes, list) or not codes or not rec.get("source"):
                raise DataFileError(str(path), line, f"{words!r}: needs a list of 'states' and a 'source'")
            unknown = [c for c in codes if c not in self.states]
            if unknown:
                raise DataFileError(str(path), line, f"{words!r}: {', '.join(map(str, unknown))} is no state of states.yaml")
            out[" ".join(str(words).lower().split())] = frozenset(codes)
        return out

    def add_borders(self, path: Path) -> None:
        """borders.yaml: pairs of states that share a land border (after the states file)."""
        pairs = load_yaml_mapping(path, "a mapping with 'borders'").get("borders")
        if not isinstance(pairs, list):
            raise DataFileError(str(path), None, "expected 'borders': a list of \"AAA BBB\" pairs")
        found: dict[str, set[str]] = defaultdict(set)
        for pair in pairs:
            codes = str(pair).split()
            if len(codes) != 2 or any(c not in self.states for c in codes) or codes[0] == codes[1]:
                raise DataFileError(str(path), None, f"{pair!r}: a border is two different state codes of states.yaml")
            found[codes[0]].add(codes[1])
            found[codes[1]].add(codes[0])
        self.neighbours = {code: frozenset(others) for code, others in found.items()}

    def fitting_states(self, words: Iterable[str]) -> frozenset[str] | None:
        """The states every listed describing word among `words` fits ("the former Soviet
        republic": the former Soviet republics), or None when no word of them is listed. Of two
        listed phrases that overlap ("asian", "southeast asian"), only the longer counts."""
        text = f" {' '.join(w.lower() for w in words)} "
        found = [k for k in self.descriptions if f" {k} " in text]
        found = [k for k in found if not any(k != other and f" {k} " in f" {other} " for other in found)]
        if not found:
            return None
        fits = self.descriptions[found[0]]
        for k in found[1:]:
            fits &= self.descriptions[k]
        return fits

    @cached_property
    def former_words(self) -> frozenset[str]:
        """Words that make an office a former one, from the ELI role phrases of sectors.yaml
        ("former president", "ex-minister", "retired general": former, ex, retired)."""
        out = set()
        for phrase, sector in self.sectors.items():
            first, _, rest = phrase.replace("-", " ", 1).partition(" ")
            if sector == "ELI" and self.sectors.get(rest.split(" ")[-1]) in {"GOV", "MIL"}:
                out.add(first)
        return frozenset(out)

    def office_holder(self, country: str, office: str, day: date | None) -> str | None:
        """Who held `office` for `country` on `day` (today's holder when no day is given)."""
        for name, offices in self.people.items():
            if any(o.country == country and o.office == office and o.held_on(day) for o in offices):
                return name
        return None

    def lookup(self, text: str) -> list[Entry]:
        text = " ".join(text.split())
        if text.lower().startswith("the "):
            text = text[4:]
        return list(self.forms.get(text, ()))


def _required(rec: dict[str, Any], path: Path, key: str) -> str:
    value = rec.get(key)
    if not value:
        raise DataFileError(str(path), rec.get(LINE_KEY), f"missing required key {key!r}")
    return str(value)


def _list(rec: dict[str, Any], key: str, path: Path) -> list[Any]:
    value = rec.get(key) or []
    if not isinstance(value, list):
        raise DataFileError(str(path), rec.get(LINE_KEY), f"{key!r} must be a list")
    return value


def _blockers(rec: dict[str, Any], path: Path) -> dict[str, Blocker]:
    out = {}
    for amb in _list(rec, "ambiguous", path):
        if not isinstance(amb, dict) or ("text" not in amb and "name" not in rec):
            raise DataFileError(str(path), rec.get(LINE_KEY), "each 'ambiguous' item needs a 'text'")
        out[str(amb.get("text") or rec["name"])] = Blocker(
            tuple(str(w).lower() for w in amb.get("unless_next") or ()),
            tuple(str(w).lower() for w in amb.get("unless_prev") or ()),
            tuple(str(w).lower() for w in amb.get("unless_sentence") or ()),
        )
    return out


def _office(rec: Any, path: Path, line: int | None) -> Office:
    if not isinstance(rec, dict) or not rec.get("country") or not rec.get("office"):
        raise DataFileError(str(path), line, "each office needs 'country' and 'office'")
    return Office(str(rec["country"]), str(rec["office"]), str(rec.get("sector") or "GOV"),
                  _iso(rec.get("start")), _iso(rec.get("end")))


def _iso(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _default_sector(form: str) -> str | None:
    # A state's name or capital used as an actor means its government; an adjective alone does not
    # say which sector ("Chinese analysts" are EDU): the role noun decides.
    return "GOV" if form in {"name", "official", "alias", "capital", "seat"} else None
