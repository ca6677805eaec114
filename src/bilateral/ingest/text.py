"""Clean text from raw text and HTML pages."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import ftfy

from bilateral.errors import InputError
from bilateral.model import Document

# Site furniture that extraction keeps: "Previous ..."/"Next ..." links, share prompts.
_FURNITURE = re.compile(
    r"^\s*(?:(?:previous|next|prev)(?:\s+(?:article|story|post))?\s*[:|»«>-]?\s+.{0,200}"
    r"|share(?: this)?(?: on| article| story)?\s*[:|]?.{0,60}|read more\s*[:.]?.{0,200}|advertisement"
    r"|related(?: stories| articles)?\s*:?.{0,200}|(?:tweet|facebook|twitter|whatsapp|email|linkedin|print)"
    r"(?:\s*[|/]\s*(?:tweet|facebook|twitter|whatsapp|email|linkedin|print))*)\s*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")


# What ftfy can change in ASCII text: HTML entities, terminal escapes, control characters and
# carriage returns. ASCII text with none of them comes out of ftfy as it went in (tests/test_ingest.py
# checks that on generated text), and skipping it saves about a quarter of reading a JSON Lines file.
_ASCII_FTFY_WORK = re.compile(r"[&\x00-\x08\x0b-\x1f\x7f]")


def repair(text: str) -> str:
    """Mojibake from mis-decoded pages ("donâ€™t") repaired; curly quotes kept as written."""
    if text.isascii() and not _ASCII_FTFY_WORK.search(text):
        return text
    return ftfy.fix_text(text, uncurl_quotes=False)


def clean_text(text: str) -> str:
    """Normalized paragraphs, furniture lines removed, one blank line between paragraphs."""
    text = repair(text)
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line or _FURNITURE.match(line):
            continue
        lines.append(line)
    return "\n\n".join(lines)


def html_to_document(html: str, doc_id: str, origin: str, pub_date: date | None = None,
                     meta: dict[str, Any] | None = None, page_date_wins: bool = True) -> Document:
    """The article of an HTML page as a Document: title, caption and body text, publication date.

    `pub_date` is the date of a page that gives none; with `page_date_wins` False (a record that
    states its own date) it is the date whatever the page says."""
    # Imported here: trafilatura takes 0.1-0.2 s to import, which a run of text or JSON Lines
    # files never needs.
    import trafilatura

    # With a date to fall back on, the page's date is taken only from its own markup (meta tags,
    # <time>), not guessed from dates in its links' URLs (STACK-NOTES: htmldate guesses so).
    date_params = {"extensive_search": False, "original_date": True} if pub_date else None
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_images=False, include_tables=False,
                                            date_extraction_params=date_params)
    body = getattr(extracted, "text", None) if extracted is not None else None
    # Extraction falls back to whatever the page has ("Home"): a page with no line of prose has no article.
    if not body or not any(len(line.split()) >= 4 for line in body.splitlines()):
        raise InputError(origin, "the HTML page has no article text")
    title = getattr(extracted, "title", None)
    captions = _captions(html)
    lines = body.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        lines = lines[1:]
    # The caption often carries the date and place of the main event: keep it as a paragraph
    # after the headline, as print does, and in the metadata.
    parts = [title] if title else []
    parts += [c for c in captions if c not in body]
    parts += lines
    found_date = getattr(extracted, "date", None)
    page_date = _iso_date(found_date) if found_date else None
    when = (page_date or pub_date) if page_date_wins else (pub_date or page_date)
    info = dict(meta or {})
    info.update({k: v for k, v in {"author": getattr(extracted, "author", None),
                                    "site": getattr(extracted, "sitename", None),
                                    "caption": captions[0] if captions else None}.items() if v})
    return Document(id=doc_id, text=clean_text("\n".join(p for p in parts if p)), pub_date=when,
                    title=title, url=info.get("url"), source=info.get("source") or info.get("site"),
                    origin=origin, meta=info)


def _captions(html: str) -> list[str]:
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    out = []
    for node in tree.iter("figcaption"):
        text = " ".join(node.text_content().split())
        if text:
            out.append(text)
    return out


def _iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
