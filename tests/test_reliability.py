"""Issue 17: no input may crash a batch, overwrite a document or hang a run. One test (or more)
per case the issue lists, each written to fail on the code before the fix."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import tracemalloc
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from bilateral.cli.main import cli
from bilateral.ingest import Reject, read_inputs
from bilateral.model import Document
from bilateral.store import Store

from .conftest import EXAMPLES

ARTICLE = (EXAMPLES / "china-belarus-2022.txt").read_text(encoding="utf-8")
POLAND = "Poland expelled 45 Russian diplomats on Wednesday on suspicion of espionage, officials said."


@pytest.fixture()
def one_pipeline(coder, monkeypatch):
    """The CLI in these tests codes with the session's pipeline instead of loading its own."""
    import bilateral.pipeline

    monkeypatch.setattr(bilateral.pipeline, "Coder", lambda actor_files=(): coder)


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging: the old code blocked forever on these inputs."""
    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _invoke(*args, **kw):
    result = CliRunner().invoke(cli, [str(a) for a in args], **kw)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr and "Aborted" not in result.stderr
    return result


def _docs(items):
    return [i for i in items if isinstance(i, Document)]


def _rejects(items):
    return [i for i in items if isinstance(i, Reject)]


# -- 1. documents over spaCy's max_length are coded in windows -------------------------------------

def _long_text(paragraphs: int) -> str:
    body = [p for p in ARTICLE.split("\n\n") if p.strip()]
    return "\n\n".join(body[i % len(body)] for i in range(paragraphs))


@pytest.mark.slow
def test_1_a_document_longer_than_the_parser_takes_is_coded_in_windows_with_whole_document_offsets(coder,
                                                                                               monkeypatch):
    text = _long_text(30)
    document = Document(id="long", text=text, pub_date=date(2022, 9, 16))
    whole = coder.code_one(document)
    monkeypatch.setattr(coder.nlp, "max_length", 3000)  # as spaCy's 1,000,000 for a 1.1M document
    windowed = coder.code_one(document)
    assert [e.to_json() for e in windowed.events] == [e.to_json() for e in whole.events] and whole.events
    assert [f.to_json() for f in windowed.ledger] == [f.to_json() for f in whole.ledger]
    assert windowed.sentences == whole.sentences
    for e in windowed.events:
        assert text[e.trigger_start:e.trigger_end] == e.trigger
        assert text[e.sentence_start:e.sentence_end] == e.sentence


def test_1_a_window_without_paragraph_breaks_is_cut_at_a_sentence_end():
    from bilateral.nlp.windows import cut_points

    text = " ".join([POLAND] * 200)
    starts = cut_points(text, 1000)
    ends = starts[1:] + [len(text)]
    assert len(starts) > 1 and all(e - s <= 1000 for s, e in zip(starts, ends, strict=True))
    assert all(text[s - 2:s] == ". " for s in starts[1:])


@pytest.mark.usefixtures("one_pipeline")
@pytest.mark.slow
def test_1_a_file_over_a_million_characters_is_coded_and_stored_with_the_rest_of_the_batch(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(POLAND, encoding="utf-8")
    filler = "The weather in the capital was mild and the markets were quiet all week.\n"
    big = tmp_path / "big.txt"
    big.write_text(filler * (1_050_000 // len(filler)) + ARTICLE, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    result = _invoke("code", good, big, "--db", db, "--date", "2022-09-16", "--quiet")
    assert result.exit_code == 0, result.stderr
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 2
        rows = store.events()
        [(text,)] = store.con.execute("SELECT text FROM documents WHERE doc_id = 'big'").fetchall()
    assert {r["doc_id"] for r in rows} == {"good", "big"} and len(text) > 1_000_000
    for row in rows:
        if row["doc_id"] == "big":
            assert row["trigger_start"] > 1_000_000 and text[row["trigger_start"]:row["trigger_end"]] == row["trigger"]


# -- 2. --date is for inputs that give no date ----------------------------------------------------

def test_2_date_option_does_not_replace_the_dates_inputs_give(tmp_path):
    batch = tmp_path / "b.jsonl"
    batch.write_text(json.dumps({"id": "dated", "text": POLAND, "pub_date": "2023-09-17"}) + "\n"
                     + json.dumps({"id": "undated", "text": POLAND + " Again."}) + "\n", encoding="utf-8")
    page = EXAMPLES / "china-belarus-2022.html"
    items = _docs(read_inputs([batch, page], date(2020, 1, 1)))
    assert [(d.id, d.pub_date) for d in items] == [
        ("dated", date(2023, 9, 17)), ("undated", date(2020, 1, 1)), ("china-belarus-2022", date(2022, 9, 16))]


# -- 3. document ids never collide silently --------------------------------------------------------

@pytest.mark.slow
@pytest.mark.usefixtures("one_pipeline")
def test_3_files_of_one_name_in_two_folders_are_two_documents(tmp_path):
    for folder, text in (("a", POLAND), ("b", ARTICLE)):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "report.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    assert _invoke("code", tmp_path / "in", "--db", db, "--quiet").exit_code == 0
    assert _invoke("code", str(tmp_path / "in" / "*" / "report.txt"), "--db", db, "--quiet").exit_code == 0
    with Store(db, read_only=True) as store:
        ids = [r[0] for r in store.con.execute("SELECT doc_id FROM documents ORDER BY 1").fetchall()]
    assert ids == ["a/report", "b/report"]


@pytest.mark.slow
@pytest.mark.usefixtures("one_pipeline")
def test_3_two_files_given_with_the_same_id_are_not_stored_as_one(tmp_path):
    for folder, text in (("a", POLAND), ("b", ARTICLE)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    result = _invoke("code", tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt", "--db", db)
    assert result.exit_code == 1
    assert f"{tmp_path / 'b' / 'report.txt'}: document id 'report' was already read from" in result.stderr
    with Store(db, read_only=True) as store:
        [(text,)] = store.con.execute("SELECT text FROM documents").fetchall()
        assert text == POLAND and len(store.rejects("error")) == 1


@pytest.mark.slow
@pytest.mark.usefixtures("one_pipeline")
def test_3_duplicate_ids_in_json_lines_error_skip_or_replace(tmp_path):
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join(json.dumps({"id": "x", "text": t}) for t in (POLAND, ARTICLE)), encoding="utf-8")
    for policy, status, kept in (("error", 1, POLAND), ("skip", 0, POLAND), ("replace", 0, ARTICLE)):
        db = tmp_path / f"{policy}.duckdb"
        result = _invoke("code", batch, "--db", db, "--on-duplicate-id", policy, "--quiet")
        assert result.exit_code == status, result.stderr
        with Store(db, read_only=True) as store:
            [(text,)] = store.con.execute("SELECT text FROM documents").fetchall()
            assert text.replace("\n\n", "\n") == kept.strip().replace("\n\n", "\n")
            if policy != "replace":
                [reject] = store.rejects()
                assert reject["location"] == f"{batch}:2" and f"already read from {batch}:1" in reject["reason"]


# -- 4. a truncated WARC is not coded as if whole ---------------------------------------------------

def _warc(path: Path, pages: dict[str, str], gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for uri, body in pages.items():
        html = f"<html><head><title>{uri}</title></head><body><article>{body}</article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers))
    path.write_bytes(buf.getvalue())
    return buf.getvalue()


@pytest.mark.slow
@pytest.mark.usefixtures("one_pipeline")
@pytest.mark.parametrize("gz", [True, False])
def test_4_a_truncated_warc_record_is_rejected_and_does_not_replace_a_good_copy(tmp_path, gz):
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    suffix = ".warc.gz" if gz else ".warc"
    data = _warc(tmp_path / f"whole{suffix}", {"http://news/1": f"<p>{POLAND}</p>", "http://news/2": paragraphs},
                 gz=gz)
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(data[: int(len(data) * 0.8)])  # inside the second, longer record
    items = list(read_inputs([cut]))
    assert len(_docs(items)) == 1 and _docs(items)[0].url == "http://news/1"
    assert any("truncated" in r.reason for r in _rejects(items)), items
    db = tmp_path / "x.duckdb"
    assert _invoke("code", tmp_path / f"whole{suffix}", "--db", db, "--quiet").exit_code == 0
    with Store(db, read_only=True) as store:
        before = store.con.execute("SELECT doc_id, text FROM documents ORDER BY 1").fetchall()
    assert _invoke("code", cut, "--db", db, "--quiet").exit_code == 1
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT doc_id, text FROM documents ORDER BY 1").fetchall() == before


# -- 5. a dead worker never hangs the parent --------------------------------------------------------

def _killing_make_doc(coder, word: str, marker: Path | None):
    """coder.make_doc that kills its own (worker) process on a document containing `word`: every
    time, or, with `marker`, the first time only."""
    original = coder.make_doc

    def make_doc(document):
        if word in document.text and os.getpid() != parent and (marker is None or not marker.exists()):
            if marker is not None:
                marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return original(document)

    parent = os.getpid()
    return make_doc


def _batch_of(n: int, poison: int, word: str) -> list[Document]:
    texts = [p for p in ARTICLE.split("\n\n") if len(p.split()) > 12]
    return [Document(id=f"d{i}", text=texts[i % len(texts)] + (f" {word}" if i == poison else "") + f" ({i})",
                     pub_date=date(2022, 9, 16), origin=f"batch.jsonl:{i + 1}") for i in range(n)]


@pytest.mark.slow
def test_5_a_worker_killed_once_has_its_batch_redone_and_the_output_is_unchanged(coder, monkeypatch, tmp_path):
    docs = _batch_of(12, 7, "OOMONCE")
    expected = [c.to_json() for c in coder.code(docs)]
    monkeypatch.setattr(coder, "make_doc", _killing_make_doc(coder, "OOMONCE", tmp_path / "killed"))
    with deadline(240):
        got = [c.to_json() for c in coder.code(docs, batch_size=2, n_process=2)]
    assert (tmp_path / "killed").exists() and got == expected


@pytest.mark.slow
def test_5_a_batch_that_kills_its_worker_twice_is_reported_and_the_run_ends(coder, monkeypatch):
    docs = _batch_of(10, 4, "OOMALWAYS")
    monkeypatch.setattr(coder, "make_doc", _killing_make_doc(coder, "OOMALWAYS", None))
    with deadline(240):
        items = list(coder.code_reporting(docs, batch_size=1, n_process=2))
    [reject] = _rejects(items)
    assert reject.location == "batch.jsonl:5" and "died" in reject.reason and "SIGKILL" in reject.reason
    assert [c.document.id for c in items if not isinstance(c, Reject)] == [d.id for d in docs if d.id != "d4"]


# -- 6. a FIFO among the inputs ---------------------------------------------------------------------

def test_6_a_named_pipe_among_the_inputs_is_rejected_without_blocking(tmp_path):
    (tmp_path / "dir").mkdir()
    pipe, inner = tmp_path / "pipe.txt", tmp_path / "dir" / "inner.jsonl"
    os.mkfifo(pipe)
    os.mkfifo(inner)
    good = tmp_path / "good.txt"
    good.write_text(POLAND, encoding="utf-8")
    with deadline(20):
        items = list(read_inputs([pipe, tmp_path / "dir", good]))
    assert [r.location for r in _rejects(items)] == [str(pipe), str(inner)]
    assert all("named pipe" in r.reason for r in _rejects(items))
    assert [d.id for d in _docs(items)] == ["good"]


# -- 7. actors lookup --jsonl -------------------------------------------------------------------------

@pytest.mark.slow
def test_7_actors_lookup_jsonl_rejects_bad_lines_in_words_and_goes_on(tmp_path):
    lines = tmp_path / "m.jsonl"
    lines.write_bytes(b'[1, 2]\n{"date": "2020-01-01"}\n{"text": "Caf\xe9"}\n{"text": "Xi Jinping", "date": "2013-05-01"}\n'
                      b'{"text": "Putin", "date": "May"}\n')
    result = _invoke("actors", "lookup", "--jsonl", lines)
    assert result.exit_code == 1
    err = result.stderr
    assert "line 1: expected a JSON object" in err and "line 2: needs a non-empty string 'text'" in err
    assert "line 3: not UTF-8" in err and "line 5: 'date': 'May' gives no year" in err
    [out] = [json.loads(line) for line in result.stdout.splitlines()]
    assert out["text"] == "Xi Jinping" and out["actors"]
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"text": "Président Macron"}\n'.encode("latin-1"))
    result = _invoke("actors", "lookup", "--jsonl", latin)
    assert result.exit_code == 1 and "line 1: not UTF-8" in result.stderr


# -- 8. compressed inputs are read with a bounded buffer ----------------------------------------------

def test_8_a_gzip_that_expands_far_past_the_limit_is_refused_as_it_is_read(tmp_path):
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as out:
        out.write(b'{"id": "big", "text": "')
        chunk = b" " * (1024 * 1024)
        for _ in range(120):
            out.write(chunk)
        out.write(b'"}\n' + json.dumps({"id": "after", "text": POLAND}).encode() + b"\n")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    try:
        items = list(read_inputs([bomb]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 70 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    [reject] = _rejects(items)
    assert reject.location == f"{bomb}:1" and "longer than 20 MB" in reject.reason
    assert [d.id for d in _docs(items)] == ["after"]


# -- 9. events --limit ---------------------------------------------------------------------------------

def _coded_db(tmp_path, coder) -> Path:
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        store.write(coder.code([Document(id="p", text=POLAND, pub_date=date(2022, 3, 23), origin="p.txt")]))
    return db


@pytest.mark.slow
def test_9_events_limit_must_not_be_negative_and_zero_gives_none(tmp_path, coder):
    db = _coded_db(tmp_path, coder)
    negative = _invoke("events", "--db", db, "--limit", "-5")
    assert negative.exit_code == 2 and "-5" in negative.stderr
    assert _invoke("events", "--db", db, "--limit", "0").output.strip().endswith("0 event(s)")
    assert _invoke("events", "--db", db, "--limit", "1").output.strip().endswith("1 event(s)")


# -- 10. another program's DuckDB file is left alone ----------------------------------------------------

@pytest.mark.parametrize("table", ["documents", "measurements"])
def test_10_code_refuses_another_programs_database_and_leaves_it_unchanged(tmp_path, table):
    db = tmp_path / "other.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(f"CREATE TABLE {table} (x INTEGER)")
    good = tmp_path / "good.txt"
    good.write_text(POLAND, encoding="utf-8")
    result = _invoke("code", good, "--db", db)
    assert result.exit_code == 2 and "another program" in result.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()] == [table]


# -- 11. a fixed and coded input is no longer a reject -----------------------------------------------------

@pytest.mark.slow
@pytest.mark.usefixtures("one_pipeline")
def test_11_rejects_forget_an_input_once_it_is_fixed_and_coded(tmp_path):
    db = tmp_path / "x.duckdb"
    broken = tmp_path / "report.txt"
    broken.write_bytes(b"\x00\x01binary")
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"id": "a", "text": "cut\n', encoding="utf-8")
    assert _invoke("code", broken, batch, "--db", db).exit_code == 1
    assert _invoke("rejects", "--db", db).output.strip().endswith("2 input(s)")
    broken.write_text(POLAND, encoding="utf-8")
    batch.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    assert _invoke("code", broken, batch, "--db", db).exit_code == 0
    assert _invoke("rejects", "--db", db).output.strip() == "0 input(s)"


# -- 12. messages ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_12_utf16_and_utf32_text_is_decoded(tmp_path, encoding):
    f = tmp_path / "wide.txt"
    f.write_bytes(POLAND.encode(encoding))
    [doc] = list(read_inputs([f]))
    assert isinstance(doc, Document) and doc.text == POLAND


def test_12_a_missing_path_without_extension_is_called_missing(tmp_path):
    [reject] = list(read_inputs([tmp_path / "data"]))
    assert isinstance(reject, Reject) and reject.reason == "no such file"


@pytest.mark.slow
def test_12_partners_says_why_it_lists_nothing(tmp_path, coder):
    empty = tmp_path / "empty.duckdb"
    Store(empty).close()
    result = _invoke("partners", "CHN", "--db", empty)
    assert result.exit_code == 0 and "holds no coded document" in result.stderr
    db = _coded_db(tmp_path, coder)
    assert "named in no stored event" in _invoke("partners", "ZWE", "--db", db).stderr
    unknown = _invoke("partners", "XYZ", "--db", db)  # not in the gazetteer: a usage error, with advice
    assert unknown.exit_code == 2 and "unknown country or actor 'XYZ'" in unknown.stderr
    assert "no partnership or membership of POL" in _invoke("partners", "POL", "--db", db).stderr


def test_12_the_size_limit_is_documented():
    from .conftest import ROOT

    assert "20 MB" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("gz", [True, False])
def test_4_a_warc_cut_at_any_byte_is_rejected_never_raises(tmp_path, gz):
    """Found by the long fuzz run: warcio raises AttributeError on record headers cut short."""
    whole = tmp_path / ("w.warc.gz" if gz else "w.warc")
    data = _warc(whole, {"http://news/1": f"<p>{POLAND}</p>"}, gz=gz)
    [document] = _docs(read_inputs([whole]))
    cut = tmp_path / whole.name.replace("w.", "cut.")
    for end in range(1, len(data) - 1, 3):
        cut.write_bytes(data[:end])
        items = list(read_inputs([cut]))
        # Cut inside the record: rejected. Cut after its last content byte: whole, so coded.
        assert [d.text for d in _docs(items)] in ([], [document.text]), (end, items)
        assert _docs(items) or _rejects(items), (end, items)
