"""Other spellings of the names of people and groups: accents left off, and transliterations.

News written in English, and machine translation into it, spells one name several ways:
"Erdoğan" and "Erdogan", "Tokayev" and "Tokaev", "Zelenskiy" and "Zelensky". The rules are data
(`data/actors/spellings.yaml`, schema in docs/gazetteer-orgs-people.md); the gazetteer adds the
spellings they give beside each name it lists, so the matcher stays an exact one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bilateral.datafiles import LINE_KEY, load_yaml_mapping
from bilateral.errors import DataFileError


@dataclass(frozen=True)
class Spellings:
    """`letters`: letters written plainly (after accents are taken off); `endings`: a word ending
    and the other ending it is written with."""

    fold_accents: bool = False
    letters: dict[str, str] = field(default_factory=dict)
    endings: tuple[tuple[str, str], ...] = ()

    @classmethod
    def load(cls, path: Path) -> Spellings:
        data = load_yaml_mapping(path, "a mapping with 'fold_accents', 'letters' and 'endings'")
        letters = data.get("letters") or {}
        if not isinstance(letters, dict) or not all(isinstance(v, str) for k, v in letters.items() if k != LINE_KEY):
            raise DataFileError(str(path), None, "'letters' must map a letter to the plain letters written for it")
        endings = []
        for rule in data.get("endings") or []:
            if not isinstance(rule, dict) or not rule.get("from") or not rule.get("to"):
                line = rule.get(LINE_KEY) if isinstance(rule, dict) else None
                raise DataFileError(str(path), line, "each ending needs 'from' and 'to' (the two ways of writing it)")
            endings.append((str(rule["from"]), str(rule["to"])))
        return cls(bool(data.get("fold_accents")), {k: v for k, v in letters.items() if k != LINE_KEY},
                   tuple(endings))

    def plain(self, text: str) -> str:
        """`text` with accents taken off and special letters written plainly ("Čaputová" ->
        "Caputova", "Þórdís" -> "Thordis")."""
        spelled = "".join(self.letters.get(ch, ch) for ch in text)
        decomposed = unicodedata.normalize("NFKD", spelled)
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

    def variants(self, text: str) -> list[str]:
        """The other spellings of `text`: plain letters, and each word ending written the other way
        (for every word that has it: "Kassym-Jomart Tokayev" -> "Kassym-Jomart Tokaev")."""
        out: list[str] = []
        bases = [text]
        if self.fold_accents:
            plain = self.plain(text)
            if plain != text:
                out.append(plain)
                bases.append(plain)
        for base in bases:
            for old, new in self.endings:
                words = base.split(" ")
                changed = [w[: -len(old)] + new if w.endswith(old) and len(w) > len(old) + 2 else w for w in words]
                variant = " ".join(changed)
                if variant != base and variant not in out:
                    out.append(variant)
        return out
