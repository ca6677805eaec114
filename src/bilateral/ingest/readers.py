"""Reading input files into documents."""

from __future__ import annotations

import codecs
import glob
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from bilateral.errors import InputError
from bilateral.ingest import streams
from bilateral.ingest.dateline import date_from_dateline
from bilateral.ingest.reject import Reject
from bilateral.ingest.streams import decode as _decode
from bilateral.ingest.text import clean_text, html_to_document
from bilateral.model import Document

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".rss", ".atom",
                      ".xml")
MAX_BYTES = streams.MAX_BYTES  # one document (file, JSON line, WARC record) larger than this is refused
DUPLICATE_ID_POLICIES = ("error", "skip", "replace")


def read_inputs(paths: Iterable[str | Path], pub_date: date | None = None,
                screen: bool = False, known: dict[str, str] | None = None,
                on_duplicate_id: str = "error") -> Iterator[Document | Reject]:
    """Documents from files, directories, globs, feed URLs and "-" (JSON Lines on standard input),
    in order; a Reject for each bad file, line, record or page. With `screen`, documents not in
    English and duplicates of earlier ones are skipped as Rejects of kind language/duplicate.
    `known` maps content hashes of documents already stored to their ids: a copy under another
    id is a duplicate too. `pub_date` is the date of documents that give none.

    Two documents of one batch with the same id would be stored as one: with `on_duplicate_id`
    "error" (the default) the later one is a Reject, with "skip" a skip of kind duplicate, with
    "replace" it is read and replaces the earlier one when stored."""
    if on_duplicate_id not in DUPLICATE_ID_POLICIES:
        raise ValueError(f"on_duplicate_id must be one of {DUPLICATE_ID_POLICIES}, not {on_duplicate_id!r}")
    items = _dated_by_datelines(_read_all(paths, pub_date))
    if screen:
        items = _screened(items, known or {})
    yield from _unique_ids(items, on_duplicate_id)


def _dated_by_datelines(items: Iterator[Document | Reject]) -> Iterator[Document | Reject]:
    """A wire story's dateline ("MINSK, July 9 -") dates a document that has no date of its own
    and got none from --date (bilateral.ingest.dateline)."""
    for item in items:
        yield date_from_dateline(item) if isinstance(item, Document) else item


def _unique_ids(items: Iterator[Document | Reject], policy: str) -> Iterator[Document | Reject]:
    first_seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Document) and policy != "replace":
            where = item.origin or item.id
            earlier = first_seen.setdefault(item.id, where)
            if earlier != where:
                if policy == "skip":
                    yield Reject(where, f"document id {item.id!r} was already read from {earlier}; "
                                 "skipped (--on-duplicate-id skip)", "duplicate")
                else:
                    yield Reject(where, f"document id {item.id!r} was already read from {earlier}; "
                                 "give each document its own id (or pass --on-duplicate-id skip|replace)")
                continue
        yield item


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
            yield from _read_jsonl_stream(sys.stdin.buffer, "<stdin>", pub_date)
            continue
        if text.startswith(("http://", "https://")):
            from bilateral.ingest.feeds import read_feed

            yield from read_feed(text, text, pub_date)
            continue
        if any(ch in text for ch in "*?[") and not Path(text).exists():
            yield from _read_glob(text, pub_date)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _read_directory(path, pub_date)
        else:
            yield from _read_file(path, pub_date, None)


def _read_glob(pattern: str, pub_date: date | None) -> Iterator[Document | Reject]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield Reject(pattern, "the pattern matches no file")
    # Ids are paths below the pattern's fixed part: "data/*/report.txt" gives "a/report", "b/report".
    root = _glob_root(pattern)
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _read_directory(path, pub_date)
        else:
            yield from _read_file(path, pub_date, root)


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed = [p for p in parts[: next(i for i, p in enumerate(parts) if any(c in p for c in "*?["))]]
    return Path(*fixed) if fixed else Path(".")


def _read_directory(path: Path, pub_date: date | None) -> Iterator[Document | Reject]:
    files = sorted(p for p in path.rglob("*") if _suffix(p) in SUPPORTED_SUFFIXES)
    if not files:
        yield Reject(str(path), "directory holds no file bilateral reads (" + ", ".join(SUPPORTED_SUFFIXES) + ")")
    for f in files:
        yield from _read_file(f, pub_date, path)


def file_id(path: Path, root: Path | None) -> str:
    """A file's document id: its name without the extension, or, for a file found under a
    directory or a glob, its path below that root ("a/report" for dir/a/report.txt), so that two
    files of one name in different folders stay two documents."""
    name = path.name[: len(path.name) - len(_suffix(path))] if _suffix(path) else path.name
    if root is None:
        return name
    try:
        parent = path.parent.relative_to(root)
    except ValueError:
        return name
    return (parent / name).as_posix() if parent.parts else name


def _read_file(path: Path, pub_date: date | None, root: Path | None) -> Iterator[Document | Reject]:
    try:
        streams.check_regular_file(path)
        suffix = _suffix(path)
        if suffix not in SUPPORTED_SUFFIXES:
            raise InputError(str(path), f"unsupported file type {suffix or '(none)'!r}: bilateral reads "
                             + ", ".join(SUPPORTED_SUFFIXES))
        if suffix in {".warc", ".warc.gz"}:
            from bilateral.ingest.warc import read_warc

            yield from read_warc(path, pub_date)
        elif suffix in {".jsonl", ".jsonl.gz"}:
            with streams.open_bytes(path) as stream:
                yield from _read_jsonl_stream(stream, str(path), pub_date)
        else:
            yield from _read_one_document_file(path, suffix, file_id(path, root), pub_date)
    except InputError as exc:
        yield Reject(exc.location, exc.reason)


def _read_one_document_file(path: Path, suffix: str, doc_id: str,
                            pub_date: date | None) -> Iterator[Document | Reject]:
    text = _decode(streams.read_limited(path, MAX_BYTES), str(path))
    if suffix in {".rss", ".atom", ".xml"}:
        from bilateral.ingest.feeds import read_feed

        yield from read_feed(text, str(path), pub_date)
    elif suffix in {".html", ".htm"}:
        yield html_to_document(text, doc_id, str(path), pub_date)
    else:
        yield _text_document(text, doc_id, str(path), pub_date)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for double in (".jsonl.gz", ".warc.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def _headline(text: str) -> str | None:
    """A plain-text story's headline: its first paragraph, when that is one short line with no
    closing punctuation and a paragraph follows ("Saudi Arabia and Iran agree to restore ties")."""
    first, _, rest = text.partition("\n\n")
    first = first.strip()
    if not rest.strip() or "\n" in first or not first or len(first.split()) > 20 or first[-1] in ".!?\"'”’:;,":
        return None
    return first


def _text_document(text: str, doc_id: str, origin: str, pub_date: date | None,
                   meta: dict[str, Any] | None = None) -> Document:
    cleaned = clean_text(text)
    if not cleaned:
        raise InputError(origin, "no text")
    meta = meta or {}
    return Document(id=doc_id, text=cleaned, pub_date=pub_date, title=meta.get("title") or _headline(cleaned),
                    url=meta.get("url"), source=meta.get("source"), origin=origin,
                    translated=bool(meta.get("translated", False)),
                    meta={k: v for k, v in meta.items() if k not in {"text", "html"}})


def _read_jsonl_stream(stream: BinaryIO, where: str, pub_date: date | None) -> Iterator[Document | Reject]:
    """One document a line, read a line at a time (so a JSON Lines file may be any size; each line
    is held to the one-document limit)."""
    try:
        head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    except streams.GZIP_ERRORS as exc:
        yield Reject(f"{where}:1", f"truncated or corrupt gzip file ({exc}); nothing could be read")
        return
    except OSError as exc:
        yield Reject(where, f"cannot read: {exc.strerror or exc}")
        return
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield from _read_utf16_jsonl(stream, where, pub_date)
        return
    for lineno, line in streams.bounded_lines(stream, where, MAX_BYTES):
        if isinstance(line, InputError):
            yield Reject(line.location, line.reason)
            continue
        if line.strip():
            yield _jsonl_line(line, f"{where}:{lineno}", pub_date)


def _read_utf16_jsonl(stream: BinaryIO, where: str, pub_date: date | None) -> Iterator[Document | Reject]:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        yield Reject(where, f"UTF-16 JSON Lines larger than {streams.limit_text(MAX_BYTES)}; save it as UTF-8")
        return
    try:
        text = _decode(data, where)
    except InputError as exc:
        yield Reject(exc.location, exc.reason)
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _jsonl_line(line.encode("utf-8"), f"{where}:{lineno}", pub_date)


def _jsonl_line(line: bytes, where: str, pub_date: date | None) -> Document | Reject:
    try:
        return _jsonl_document(_decode_line(line, where), where, pub_date)
    except InputError as exc:
        return Reject(exc.location, exc.reason)


def _decode_line(line: bytes, where: str) -> str:
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not UTF-8 text (byte {exc.start} of the line cannot be decoded)") from None


def _jsonl_document(line: str, where: str, pub_date: date | None) -> Document:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise InputError(where, "malformed JSON (nested too deeply)") from None
    if not isinstance(rec, dict):
        raise InputError(where, f"expected a JSON object, found a JSON {_json_kind(rec)}")
    doc_id = rec.get("id")
    if doc_id is None or str(doc_id).strip() == "":
        raise InputError(where, "missing 'id'")
    if isinstance(doc_id, dict | list):
        raise InputError(where, "'id' must be a string or a number")
    rec = _checked_fields(rec, where)
    # The record's own date wins; --date is for records that give none.
    when = pub_date
    if rec.get("pub_date"):
        try:
            when = date.fromisoformat(str(rec["pub_date"])[:10])
        except ValueError:
            raise InputError(where, f"'pub_date' is not an ISO date: {rec['pub_date']!r}") from None
    if isinstance(rec.get("html"), str) and rec["html"].strip():
        return html_to_document(rec["html"], str(doc_id), where, when,
                                {k: rec.get(k) for k in ("title", "url", "source") if rec.get(k)},
                                page_date_wins=not rec.get("pub_date"))
    if not isinstance(rec.get("text"), str) or not rec["text"].strip():
        raise InputError(where, "needs a non-empty 'text' or 'html' field")
    return _text_document(rec["text"], str(doc_id), where, when, rec)


def _checked_fields(rec: dict[str, Any], where: str) -> dict[str, Any]:
    """The record with its metadata fields as text; InputError for a field that is not text or a
    number, or that holds half of a surrogate pair ("\\ud800" in JSON is no character at all)."""
    rec = dict(rec)
    for key in ("title", "url", "source"):
        value = rec.get(key)
        if value is None or isinstance(value, str):
            continue
        if isinstance(value, dict | list):
            raise InputError(where, f"'{key}' must be a string, not a JSON {_json_kind(value)}")
        rec[key] = str(value)
    for key in ("id", "text", "html", "title", "url", "source"):
        value = rec.get(key)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(where, f"'{key}' holds a lone surrogate escape at character {exc.start}, "
                                 "which is not valid Unicode") from None
    return rec


def _json_kind(value: Any) -> str:
    return {list: "array", dict: "object", str: "string", bool: "boolean",
            type(None): "null"}.get(type(value), "number")
