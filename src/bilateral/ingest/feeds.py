"""RSS and Atom feeds (files, or URLs where the machine has a network) to documents."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date

from bilateral.errors import InputError
from bilateral.ingest.reject import Reject
from bilateral.model import Document


def read_feed(source: str, where: str, pub_date: date | None) -> Iterator[Document | Reject]:
    """One document per feed entry, from its full content or else its summary."""
    import feedparser

    from bilateral.ingest.text import html_to_document

    parsed = feedparser.parse(source)
    if parsed.get("bozo") and not parsed.get("entries"):
        reason = str(parsed.get("bozo_exception") or "not an RSS or Atom feed")
        yield Reject(where, f"cannot read the feed: {reason}")
        return
    if not parsed.get("entries"):
        yield Reject(where, "the feed has no entries")
        return
    for n, entry in enumerate(parsed.entries, start=1):
        location = f"{where}#entry{n}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        title = entry.get("title")
        doc_id = entry.get("id") or entry.get("link") or hashlib.sha1(f"{where}{n}".encode()).hexdigest()[:16]
        # The entry's own date wins; `pub_date` is for entries that give none.
        when = pub_date
        parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed_time:
            when = date(parsed_time.tm_year, parsed_time.tm_mon, parsed_time.tm_mday)
        html = f"<html><head><title>{title or ''}</title></head><body><article><h1>{title or ''}</h1>{body}</article></body></html>"
        try:
            yield html_to_document(html, str(doc_id), location, when,
                                   {"url": entry.get("link"), "source": parsed.feed.get("title")})
        except InputError as exc:
            yield Reject(exc.location, exc.reason)
