"""The command line: each command, the JSON contract, idempotent coding, clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from click.testing import CliRunner

from bilateral.cli.main import cli
from bilateral.model import EVENT_FIELDS, SCHEMA_VERSION

from .conftest import EXAMPLES, ROOT, shared_path

FACT_FIELDS = {"id", "kind", "parties", "date", "date_precision", "sentence", "sentence_start", "sentence_end"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def _jsonl(runner, *args):
    result = runner.invoke(cli, ["code", *map(str, args), "--jsonl"])
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result, lines


def check_contract(obj, text_of=None):
    assert {"schema_version", "id", "events", "ledger"} <= set(obj)
    assert obj["schema_version"] == SCHEMA_VERSION
    for e in obj["events"]:
        assert list(e) == list(EVENT_FIELDS), set(EVENT_FIELDS) ^ set(e)
        assert e["doc_id"] == obj["id"] and e["pub_date"] == obj["pub_date"]
        assert e["event_type"] in PLOVER
        assert isinstance(e["cameo"], str) and e["cameo"].isdigit()
        assert isinstance(e["goldstein"], (int, float)) and e["quad"] in {1, 2, 3, 4}
        assert isinstance(e["contexts"], list) and isinstance(e["reciprocal"], bool)
        assert e["negated"] is False and e["modality"] in {"asserted", "future"}
        assert e["date_precision"] in {None, "day", "month", "year"}
        assert e["source_code"] is not None
        if e["event_date"]:
            assert e["date_start"] <= e["date_end"] and e["date_start"][:4] == e["event_date"][:4]
        if text_of is not None:
            text = text_of(obj["id"])
            assert text[e["sentence_start"]:e["sentence_end"]] == e["sentence"]
            assert text[e["trigger_start"]:e["trigger_end"]] == e["trigger"]
    for f in obj["ledger"]:
        assert set(f) >= FACT_FIELDS
        assert f["kind"] in {"partnership", "membership", "diplomatic_relations"}
        assert len(f["parties"]) == 2
        assert ("label" in f) if f["kind"] == "partnership" else ("status" in f)


def test_code_jsonl_keeps_the_contract_on_text_html_and_jsonl_inputs(runner, tmp_path):
    from bilateral.ingest import read_inputs

    inputs = [EXAMPLES / "china-belarus-2022.txt", EXAMPLES / "finland-nato-2023.html", EXAMPLES / "articles.jsonl"]
    texts = [d.text for d in read_inputs(inputs, date(2022, 9, 16), screen=True) if hasattr(d, "text")]
    result, objs = _jsonl(runner, *inputs, "--date", "2022-09-16")
    assert result.exit_code == 0, result.output
    assert [o["id"] for o in objs][:2] == ["china-belarus-2022", "finland-nato-2023"]
    # articles.jsonl repeats those two articles: skipped as duplicates, reported on stderr
    assert len(objs) == len(texts) == 4
    assert "duplicate of document 'china-belarus-2022'" in result.stderr
    for obj, text in zip(objs, texts, strict=True):
        check_contract(obj, lambda _id, t=text: t)
    assert any(o["events"] for o in objs)


def test_code_jsonl_on_the_dev_sentences_gives_one_valid_object_per_line(runner):
    gold = shared_path("gold", "dev_sentences.jsonl")
    ids = [json.loads(line)["id"] for line in gold.read_text().splitlines() if line.strip()]
    result, objs = _jsonl(runner, gold)
    assert result.exit_code == 0
    assert [o["id"] for o in objs] == ids
    for obj in objs:
        check_contract(obj)


def test_code_twice_into_the_database_leaves_the_same_rows(runner, tmp_path):
    db = tmp_path / "b.duckdb"
    first = runner.invoke(cli, ["code", str(EXAMPLES), "--db", str(db)])
    assert first.exit_code == 0, first.output
    from bilateral.store import Store

    with Store(db, read_only=True) as s:
        counts, ids = s.counts(), sorted(r["event_id"] for r in s.events())
    second = runner.invoke(cli, ["code", str(EXAMPLES), "--db", str(db)])
    assert second.exit_code == 0
    with Store(db, read_only=True) as s:
        assert s.counts() == counts
        assert sorted(r["event_id"] for r in s.events()) == ids
    # .txt, .html and articles.jsonl hold the same four articles under the same ids: the later
    # form replaces the earlier, as re-coding a document does.
    assert counts["documents"] == 4


def test_events_command_lists_stored_events_in_each_format(runner, tmp_path):
    db = tmp_path / "b.duckdb"
    runner.invoke(cli, ["code", str(EXAMPLES / "china-belarus-2022.txt"), "--db", str(db), "--date", "2022-09-16"])
    table = runner.invoke(cli, ["events", "--db", str(db), "--dyad", "CHN", "BLR"])
    assert table.exit_code == 0 and "CONSULT" in table.output and "Lukashenko" in table.output
    csv_out = runner.invoke(cli, ["events", "--db", str(db), "--country", "BLR", "--format", "csv"])
    assert csv_out.output.splitlines()[0] == ",".join(EVENT_FIELDS)  # the event record, as jsonl and parquet
    jl = runner.invoke(cli, ["events", "--db", str(db), "--type", "CONSULT", "--format", "jsonl",
                             "--since", "2022-09-01", "--until", "2022-09-30"])
    rows = [json.loads(line) for line in jl.output.splitlines()]
    assert rows and all(r["event_type"] == "CONSULT" for r in rows)
    missing = runner.invoke(cli, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no database" in missing.output


def test_bad_inputs_are_reported_and_the_rest_is_coded(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Poland expelled 45 Russian diplomats on Wednesday.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\xff" * 50)
    odd = tmp_path / "x.docx"
    odd.write_bytes(b"PK")
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": "a", "text": "Iran rejected the demand."}\n{oops\n', encoding="utf-8")
    result = runner.invoke(cli, ["code", str(tmp_path / "missing.txt"), str(empty), str(binary), str(odd),
                                 str(batch), str(good), "--jsonl"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "good"]
    err = result.stderr
    for expected in ("missing.txt: no such file", "empty.txt: empty file", "bin.txt: binary file",
                     "unsupported file type '.docx'", f"{batch}:2: malformed JSON"):
        assert expected in err, err


def test_errors_never_show_a_traceback_from_the_real_executable(tmp_path):
    exe = ROOT / ".venv" / "bin" / "bilateral"
    if not exe.exists():
        pytest.skip("the console script is installed by ./scripts/setup")
    proc = subprocess.run([str(exe), "code", str(tmp_path / "nope.txt"), "--jsonl"], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 1 and "no such file" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([str(exe), "code", "x.txt", "--date", "2022-13-45"], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"bilateral {name}" in readme, name
        assert "Example" in (cli.commands[name].help or ""), name


def test_help_works_without_loading_the_model():
    proc = subprocess.run([sys.executable, "-m", "bilateral.cli", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "code" in proc.stdout


def test_eval_counts_the_causes_of_misses_and_false_positives(runner, tmp_path):
    gold = tmp_path / "gold.jsonl"
    records = [
        # coded as annotated
        {"id": "g1", "pub_date": "2023-03-11", "text": "Chinese President Xi Jinping met Russian President "
         "Vladimir Putin in Moscow on Monday.", "events": [{"type": ["CONSULT"], "source": ["CHN"],
                                                              "target": ["RUS"], "reciprocal": True}], "ledger": []},
        # the annotation names another target than the text, so the coded event is a near miss
        {"id": "g2", "pub_date": "2023-03-11", "text": "Japan imposed sanctions on Russia on Friday.",
         "events": [{"type": ["SANCTION"], "source": ["JPN"], "target": ["PRK"]}], "ledger": []},
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(gold), "--causes"])
    assert result.exit_code == 0, result.output
    assert "tp 1, fp 1, fn 1" in result.output
    assert "misses by cause: target 1" in result.output
    assert "false positives by cause: target 1" in result.output
    as_json = json.loads(runner.invoke(cli, ["eval", str(gold), "--json"]).stdout)
    assert as_json["miss_causes"] == {"target": 1}
