"""Reading input files into documents."""

from __future__ import annotations

import glob
import gzip
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from bilateral.errors import InputError
from bilateral.ingest.reject import Reject
from bilateral.ingest.text import clean_text, html_to_document
from bilateral.model import Document

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".rss", ".atom",
                      ".xml")
MAX_BYTES = 20 * 1024 * 1024  # one document or JSONL file larger than this is refused


def read_inputs(paths: Iterable[str | Path], pub_date: date | None = None,
                screen: bool = False, known: dict[str, str] | None = None) -> Iterator[Document | Reject]:
    """Documents from files, directories, globs, feed URLs and "-" (JSON Lines on standard input),
    in order; a Reject for each bad file, line, record or page. With `screen`, documents not in
    English and duplicates of earlier ones are skipped as Rejects of kind language/duplicate.
    `known` maps content hashes of documents already stored to their ids: a copy under another
    id is a duplicate too."""
    items = _read_all(paths, pub_date)
    yield from _screened(items, known or {}) if screen else items


def _screened(items: Iterator[Document | Reject], known: dict[str, str]) -> Iterator[Document | Reject]:
    from bilateral.ingest.screening import DuplicateFinder, LanguageDetector

    languages, duplicates = LanguageDetector(), DuplicateFinder()
    for item in items:
        if isinstance(item, Reject):
            yield item
            continue
        where = item.origin or item.id
        language = languages.language(item.text)
        if language is not None and language != "en":
            yield Reject(where, f"not in English (detected: {language}); skipped", "language")
            continue
        stored = known.get(item.content_hash)
        if stored is not None and stored != item.id:
            yield Reject(where, f"exact duplicate of stored document {stored!r}; not coded again", "duplicate")
            continue
        repeated = duplicates.check(item)
        if repeated is not None:
            how, original = repeated
            yield Reject(where, f"{how} duplicate of document {original!r}; not coded again", "duplicate")
            continue
        yield item


def _read_all(paths: Iterable[str | Path], pub_date: date | None) -> Iterator[Document | Reject]:
    for raw in paths:
        text = str(raw)
        if text == "-":
            yield from _read_jsonl(Path("<stdin>"), sys.stdin.read(), pub_date)
            continue
        if text.startswith(("http://", "https://")):
            from bilateral.ingest.feeds import read_feed

            yield from read_feed(text, text, pub_date)
            continue
        if any(ch in text for ch in "*?[") and not Path(text).exists():
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                yield Reject(text, "the pattern matches no file")
            for match in matches:
                yield from _read_all([match], pub_date)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if _suffix(p) in SUPPORTED_SUFFIXES)
            if not files:
                yield Reject(str(path), "directory holds no .txt, .html or .jsonl files")
            for f in files:
                yield from _read_file(f, pub_date)
        else:
            yield from _read_file(path, pub_date)


def _read_file(path: Path, pub_date: date | None) -> Iterator[Document | Reject]:
    try:
        suffix = _suffix(path)
        if suffix not in SUPPORTED_SUFFIXES:
            raise InputError(str(path), f"unsupported file type {suffix or '(none)'!r}: bilateral reads "
                             + ", ".join(SUPPORTED_SUFFIXES))
        if suffix in {".warc", ".warc.gz"}:
            from bilateral.ingest.warc import read_warc

            yield from read_warc(path, pub_date)
            return
        text = _read_text(path)
        if suffix in {".rss", ".atom", ".xml"}:
            from bilateral.ingest.feeds import read_feed

            yield from read_feed(text, str(path), pub_date)
        elif suffix in {".jsonl", ".jsonl.gz"}:
            yield from _read_jsonl(path, text, pub_date)
        elif suffix in {".html", ".htm"}:
            yield html_to_document(text, path.stem, str(path), pub_date)
        else:
            yield _text_document(text, path.stem, str(path), pub_date)
    except InputError as exc:
        yield Reject(exc.location, exc.reason)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for double in (".jsonl.gz", ".warc.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            data = _gunzip(data, path)
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None
    if not data.strip():
        raise InputError(str(path), "empty file")
    return _decode(data, str(path))


def _gunzip(data: bytes, path: Path) -> bytes:
    try:
        return gzip.decompress(data)
    except (EOFError, OSError, zlib.error) as exc:
        raise InputError(str(path), f"truncated or corrupt gzip file ({exc})") from None


def _decode(data: bytes, path: str) -> str:
    if len(data) > MAX_BYTES:
        raise InputError(path, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start} cannot be decoded)") from None


def _text_document(text: str, doc_id: str, origin: str, pub_date: date | None,
                   meta: dict[str, Any] | None = None) -> Document:
    cleaned = clean_text(text)
    if not cleaned:
        raise InputError(origin, "no text")
    meta = meta or {}
    return Document(id=doc_id, text=cleaned, pub_date=pub_date, title=meta.get("title"),
                    url=meta.get("url"), source=meta.get("source"), origin=origin,
                    translated=bool(meta.get("translated", False)),
                    meta={k: v for k, v in meta.items() if k not in {"text", "html"}})


def _read_jsonl(path: Path, text: str, pub_date: date | None) -> Iterator[Document | Reject]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            yield _jsonl_document(line, where, pub_date)
        except InputError as exc:
            yield Reject(exc.location, exc.reason)


def _jsonl_document(line: str, where: str, pub_date: date | None) -> Document:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(rec, dict):
        raise InputError(where, "expected a JSON object")
    doc_id = rec.get("id")
    if doc_id is None or str(doc_id).strip() == "":
        raise InputError(where, "missing 'id'")
    when = pub_date
    if rec.get("pub_date") and not pub_date:
        try:
            when = date.fromisoformat(str(rec["pub_date"])[:10])
        except ValueError:
            raise InputError(where, f"'pub_date' is not an ISO date: {rec['pub_date']!r}") from None
    if isinstance(rec.get("html"), str) and rec["html"].strip():
        return html_to_document(rec["html"], str(doc_id), where, when,
                                {k: rec.get(k) for k in ("title", "url", "source") if rec.get(k)})
    if not isinstance(rec.get("text"), str) or not rec["text"].strip():
        raise InputError(where, "needs a non-empty 'text' or 'html' field")
    return _text_document(rec["text"], str(doc_id), where, when, rec)
