"""Reading inputs: each bad file or line is a Reject naming where and why; the rest goes on."""

from __future__ import annotations

import gzip
import json
from datetime import date

from bilateral.ingest import Reject, clean_text, read_inputs
from bilateral.model import Document

from .conftest import EXAMPLES


def _read(*paths, pub_date=None):
    return list(read_inputs(paths, pub_date))


def test_text_file_is_one_document(tmp_path):
    f = tmp_path / "note.txt"
    f.write_text("Headline here\n\nChina and Belarus held talks on Thursday.\n", encoding="utf-8")
    [doc] = _read(f, pub_date=date(2022, 9, 16))
    assert isinstance(doc, Document)
    assert doc.id == "note" and doc.pub_date == date(2022, 9, 16)
    assert doc.text == "Headline here\n\nChina and Belarus held talks on Thursday."
    assert doc.title == "Headline here"


def test_a_plain_text_story_has_a_headline_only_when_it_opens_with_one(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("China and Belarus held talks on Thursday.\n\nThey agreed to meet again.\n", encoding="utf-8")
    g = tmp_path / "b.txt"
    g.write_text("Belarus, China upgrade ties\n", encoding="utf-8")
    assert [d.title for d in _read(f, g)] == [None, None]  # a sentence; a headline with no story


def test_html_page_gives_article_text_date_and_caption_without_navigation():
    [doc] = _read(EXAMPLES / "china-belarus-2022.html")
    assert isinstance(doc, Document)
    assert doc.pub_date == date(2022, 9, 16)
    assert "Lukashenko" in doc.text
    assert doc.meta.get("caption")
    for line in doc.text.splitlines():
        assert not line.lower().startswith(("previous", "next")), line


def test_jsonl_malformed_line_is_reported_with_its_number_and_others_are_read(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "a", "text": "Poland expelled 45 Russian diplomats."}),
        '{"id": "b", "text": "broken',
        json.dumps({"id": "c", "text": "Iran rejected the demand.", "pub_date": "2023-09-17"}),
        json.dumps({"text": "no id"}),
        json.dumps({"id": "e"}),
    ]), encoding="utf-8")
    items = _read(f)
    docs = [i for i in items if isinstance(i, Document)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert [d.id for d in docs] == ["a", "c"]
    assert docs[1].pub_date == date(2023, 9, 17)
    assert [r.location for r in rejects] == [f"{f}:2", f"{f}:4", f"{f}:5"]
    assert "malformed JSON" in rejects[0].reason
    assert "missing 'id'" in rejects[1].reason


def test_bad_files_are_rejected_with_reasons(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary" * 10)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 news".encode("latin-1"))
    unknown = tmp_path / "report.pdf"
    unknown.write_bytes(b"%PDF-1.4")
    gz = tmp_path / "x.gz"
    gz.write_bytes(gzip.compress(b"hi"))
    good = tmp_path / "good.txt"
    good.write_text("Chad ended its defence cooperation agreement with France.", encoding="utf-8")
    items = _read(tmp_path / "missing.txt", empty, binary, latin, unknown, good)
    reasons = {str(i.location).rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Reject)}
    assert reasons["missing.txt"] == "no such file"
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["blob.txt"]
    assert "UTF-8" in reasons["latin.txt"]
    assert "unsupported file type '.pdf'" in reasons["report.pdf"]
    assert isinstance(items[-1], Document)


def test_html_without_text_is_rejected(tmp_path):
    f = tmp_path / "empty.html"
    f.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    [item] = _read(f)
    assert isinstance(item, Reject) and "no article text" in item.reason


def test_directory_reads_supported_files_in_order(tmp_path):
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00")
    assert [d.id for d in _read(tmp_path)] == ["a", "b"]


def test_clean_text_drops_previous_next_and_share_lines():
    raw = "Body one.\nPrevious Deterioration of ties\nNext [Watch] A film festival\nShare this\nBody two."
    assert clean_text(raw) == "Body one.\n\nBody two."


def test_ascii_text_that_ftfy_would_not_touch_is_left_as_it_is():
    import ftfy
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from bilateral.ingest.text import repair

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=200))
    def check(text):
        assert repair(text) == ftfy.fix_text(text, uncurl_quotes=False)

    check()
    assert repair("Caf\u00c3\u00a9 talks") == "Caf\u00e9 talks"  # non-ASCII still goes to ftfy
    assert repair("AT&amp;T") == ftfy.fix_text("AT&amp;T", uncurl_quotes=False)
