"""Sources to documents: text files, HTML pages and JSON Lines, with every rejection reported.

`read_inputs(paths)` yields `Document`s and `Reject`s in input order; a bad file, line or page is a
Reject with its location and reason, and reading goes on with the rest.
"""

from __future__ import annotations

from bilateral.ingest.readers import SUPPORTED_SUFFIXES, read_inputs
from bilateral.ingest.reject import Reject
from bilateral.ingest.text import clean_text, html_to_document

__all__ = ["SUPPORTED_SUFFIXES", "Reject", "clean_text", "html_to_document", "read_inputs"]
