"""A database coded from the example articles plus one hostile article, for the web tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bilateral.model import Document

from .conftest import EXAMPLES

HOSTILE_TITLE = '<script>alert("title")</script> Belarus & China <b>bold</b>'
HOSTILE_TEXT = (
    "China and Belarus held talks in Minsk on Monday <script>alert('body')</script> about trade.\n\n"
    'Officials said the <img src=x onerror="alert(1)"> visit went well.'
)


def build_database(coder, path: Path) -> Path:
    """Code the four example pages and the hostile article into a new database at PATH."""
    from bilateral.ingest import Reject, read_inputs
    from bilateral.store import Store

    documents = [d for d in read_inputs(sorted(EXAMPLES.glob("*.html")), None, screen=True)
                 if not isinstance(d, Reject)]
    documents.append(Document(id="hostile<1>", text=HOSTILE_TEXT, pub_date=date(2022, 10, 3), title=HOSTILE_TITLE,
                              url="javascript:alert('url')", source="<i>Evil</i> Wire"))
    with Store(path) as store:
        store.write(coder.code(documents))
    return path
