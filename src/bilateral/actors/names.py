"""Actor codes and the names people use for them: "China", "Chinese", "PRC" -> CHN, CHN -> "China".

Read from the packaged gazetteer files (states and organizations only: the people, places and
sector files are not needed to name a code, and loading them would triple the time).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache

from bilateral.actors.gazetteer import ORG_FILE, STATE_FILE
from bilateral.datafiles import load_yaml_list, package_data
from bilateral.errors import UnknownActorError

_STATE_FORMS = ("official", "aliases", "adjectives", "demonyms")


@dataclass
class ActorNames:
    """Code -> name and kind, and every written form (lower case) -> code."""

    names: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # state | organization
    forms: dict[str, str] = field(default_factory=dict)

    def name(self, code: str | None) -> str | None:
        return self.names.get(code) if code else None

    def kind(self, code: str | None) -> str | None:
        return self.kinds.get(code) if code else None

    def resolve(self, text: str) -> str:
        """The code a user means by TEXT: a code ("CHN", "chn"), a name ("China"), an official
        name, an alias ("PRC") or a demonym ("Chinese"). Raises UnknownActorError with the
        nearest names when nothing matches."""
        cleaned = " ".join(str(text).split())
        if cleaned.upper() in self.names:
            return cleaned.upper()
        key = cleaned.lower().removeprefix("the ")
        if key in self.forms:
            return self.forms[key]
        raise UnknownActorError(text, self.suggest(cleaned))

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """The names (with their codes) closest in spelling to TEXT."""
        matcher = difflib.SequenceMatcher(b=text.lower())
        scored = []
        for form in self.forms:
            matcher.set_seq1(form)
            if matcher.real_quick_ratio() >= 0.7 and matcher.quick_ratio() >= 0.7 and matcher.ratio() >= 0.7:
                scored.append((matcher.ratio(), form))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        out: list[str] = []
        for score, form in scored:
            if score < scored[0][0] - 0.1:  # only names about as close as the closest
                break
            code = self.forms[form]
            label = f"{self.names[code]} ({code})"
            if label not in out:
                out.append(label)
        return out[:n]

    def _add(self, code: str, name: str, kind: str, forms: list[str]) -> None:
        # The first file that names a code keeps it (several EU institutions share the code EU).
        self.names.setdefault(code, name)
        self.kinds.setdefault(code, kind)
        for form in [name, *forms]:
            self.forms.setdefault(" ".join(str(form).split()).lower(), code)


@lru_cache(maxsize=1)
def actor_names() -> ActorNames:
    """The packaged gazetteer's names, loaded once per process."""
    out = ActorNames()
    folder = package_data("actors")
    for rec in load_yaml_list(folder / STATE_FILE):
        forms = [str(v) for key in _STATE_FORMS for v in (rec.get(key) or [])]
        out._add(str(rec["code"]), str(rec["name"]), "state", forms)
    for rec in load_yaml_list(folder / ORG_FILE):
        if (rec.get("sector") or "IGO") == "IGO" or rec["code"] not in out.names:
            out.names[str(rec["code"])] = str(rec["name"])
        out._add(str(rec["code"]), str(rec["name"]), "organization", [str(v) for v in rec.get("aliases") or []])
    return out


def resolve_country(text: str) -> str:
    """An actor code from a code, name or demonym ("China", "Chinese", "chn" -> "CHN")."""
    return actor_names().resolve(text)
