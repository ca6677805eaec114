"""Web archives (.warc, .warc.gz) to documents: one per HTML response record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from bilateral.errors import InputError
from bilateral.ingest.reject import Reject
from bilateral.model import Document, stable_id


def read_warc(path: Path, pub_date: date | None) -> Iterator[Document | Reject]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from bilateral.ingest.readers import _decode
    from bilateral.ingest.text import html_to_document

    try:
        stream = path.open("rb")
    except OSError as exc:
        yield Reject(str(path), "no such file" if isinstance(exc, FileNotFoundError) else f"cannot read: {exc.strerror}")
        return
    with stream:
        n = 0
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                n += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"record{n}"
                where = f"{path}#{uri}"
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
                if "html" not in ctype.lower():
                    continue
                try:
                    html = _decode(record.content_stream().read(), where)
                    yield html_to_document(html, stable_id(uri), where, pub_date, {"url": uri})
                except InputError as exc:
                    yield Reject(exc.location, exc.reason)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            yield Reject(f"{path} after record {n}", f"corrupt or truncated WARC ({exc})")
