"""Web archives (.warc, .warc.gz) to documents: one per HTML response record.

A record cut short (a truncated download) is rejected rather than coded as if whole: its
Content-Length says how many bytes it should have. A .warc.gz is checked to its last gzip member
first, since a gzip stream cut mid-member reads as a shorter archive without an error.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from bilateral.errors import InputError
from bilateral.ingest import streams
from bilateral.ingest.reject import Reject
from bilateral.model import Document, stable_id

_CHUNK = 1024 * 1024


def read_warc(path: Path, pub_date: date | None) -> Iterator[Document | Reject]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        streams.check_regular_file(path)
        if path.stat().st_size == 0:
            raise InputError(str(path), "empty file")
        cut_at = _gzip_cut(path) if path.name.lower().endswith(".gz") else None
        stream = path.open("rb")
    except InputError as exc:
        yield Reject(exc.location, exc.reason)
        return
    except OSError as exc:
        yield Reject(str(path), f"cannot read: {exc.strerror}")
        return
    with stream:
        n = html_records = 0
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                n += 1
                for item in _record_document(record, path, n, pub_date):
                    html_records += 1
                    yield item
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
            yield Reject(f"{path} after record {n}", f"corrupt or truncated WARC ({exc})")
            return
        except (AttributeError, TypeError, KeyError, IndexError) as exc:
            # warcio fails this way on record headers cut short (a WARC-Target-URI it reads as None).
            yield Reject(f"{path} after record {n}", f"corrupt or truncated WARC (unreadable record headers: "
                         f"{type(exc).__name__}: {exc})")
            return
    if cut_at is not None:
        yield Reject(f"{path} after record {n}", f"truncated gzip: the file ends inside a compressed member "
                     f"(at byte {cut_at}); the records before the cut were read")
    elif html_records == 0:
        yield Reject(str(path), "the archive holds no HTML response record")


def _record_document(record: Any, path: Path, n: int, pub_date: date | None) -> Iterator[Document | Reject]:
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"record{n}"
    where = f"{path}#{uri}"
    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
    if "html" not in ctype.lower():
        return
    try:
        data = record.content_stream().read(streams.MAX_BYTES + 1)
        if len(data) > streams.MAX_BYTES:
            raise InputError(where, f"record larger than {streams.limit_text(streams.MAX_BYTES)}, "
                             "the limit for one document")
        missing = getattr(record.raw_stream, "limit", 0)
        if missing:
            raise InputError(where, f"truncated record: {missing} byte(s) of its Content-Length are missing")
        html = streams.decode(data, where)
        yield _html_document(html, uri, where, pub_date)
    except InputError as exc:
        yield Reject(exc.location, exc.reason)


def _html_document(html: str, uri: str, where: str, pub_date: date | None) -> Document:
    from bilateral.ingest.text import html_to_document

    return html_to_document(html, stable_id(uri), where, pub_date, {"url": uri})


def _gzip_cut(path: Path) -> int | None:
    """The offset where a multi-member gzip file is cut short, or None if it ends whole. Reads
    the file once in chunks; decompressed output is thrown away as it comes."""
    decompressor = zlib.decompressobj(wbits=31)
    offset = 0
    started = False
    with path.open("rb") as raw:
        while chunk := raw.read(_CHUNK):
            offset += len(chunk)
            data = chunk
            while data:
                started = True
                try:
                    decompressor.decompress(data, _CHUNK)
                    while decompressor.unconsumed_tail:
                        decompressor.decompress(decompressor.unconsumed_tail, _CHUNK)
                except zlib.error:
                    return offset
                if not decompressor.eof:
                    break
                data = decompressor.unused_data
                decompressor = zlib.decompressobj(wbits=31)
                started = False
    return offset if started and not decompressor.eof else None
