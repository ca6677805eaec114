"""The data the components compile from their files, cached on disk between runs.

Reading the gazetteer's YAML and the lexicon's TSV takes seconds; every CLI call and every test
that builds a coder would pay it. The compiled objects are pickled under the user's cache folder
(`$BILATERAL_CACHE_DIR`, else `$XDG_CACHE_HOME/bilateral`, else `~/.cache/bilateral`), keyed by a
hash of the data files' contents and of the code that reads them: editing any of them builds a
fresh entry. `BILATERAL_CACHE_DIR=off` turns the cache off.

Two processes may build the same entry at once: each writes a temporary file in the cache folder
and renames it into place, which is atomic, so a reader sees a whole entry or none.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from bilateral import __version__

T = TypeVar("T")

CACHE_ENV = "BILATERAL_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in {"", "off", "0", "no"} else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bilateral"


def fingerprint(kind: str, files: Iterable[Path]) -> str:
    """A hash of everything the compiled object depends on: the files' names and contents, the
    bilateral and Python versions (pickles are not portable across either)."""
    digest = hashlib.sha256(f"{kind}\0{__version__}\0{sys.version_info[:2]}\0".encode())
    for path in files:
        digest.update(Path(path).name.encode() + b"\0")
        digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
    return digest.hexdigest()[:32]


def code_files(*modules: str) -> list[Path]:
    """The source files of modules whose classes end up in a pickle: a change to them must not
    load an object built by the old code."""
    out = []
    for name in modules:
        module = sys.modules.get(name) or __import__(name, fromlist=["_"])
        if module.__file__:
            out.append(Path(module.__file__))
    return out


def load_or_build(kind: str, files: Iterable[Path], build: Callable[[], T]) -> T:
    """The object `build()` returns, from the cache when the files are unchanged. A cache that
    cannot be read or written is skipped: the object is then built, never lost."""
    folder = cache_dir()
    if folder is None:
        return build()
    entry = folder / f"{kind}-{fingerprint(kind, files)}.pickle"
    try:
        with entry.open("rb") as f:
            return pickle.load(f)  # noqa: S301 - our own file, in the user's own cache folder
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass  # a damaged or foreign entry: rebuilt below, and replaced
    value = build()
    store(entry, value)
    return value


def store(entry: Path, value: object) -> None:
    """Write `value` to `entry` through a temporary file and an atomic rename."""
    tmp_name = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=entry.parent, prefix=".build-", delete=False) as tmp:
            tmp_name = tmp.name
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp_name, entry)
        tmp_name = None
    except OSError:
        pass  # a read-only home or a full disk: the run goes on without a cache
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
