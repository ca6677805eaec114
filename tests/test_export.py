"""Exports: every format read back (polars, networkx, the csv module) gives the rows that were written."""

from __future__ import annotations

import csv
import json
from datetime import date

import networkx as nx
import polars as pl
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from bilateral import __version__
from bilateral.analysis import events_frame, network
from bilateral.cli.main import cli
from bilateral.errors import ExportError
from bilateral.export import EVENT_FORMATS, FORMATS, export_file
from bilateral.export.tables import POLECAT_COLUMNS
from bilateral.model import EVENT_FIELDS, SCHEMA_VERSION, CodedDocument, Document, Sentence

from .eventdata import event, fill

TRICKY = 'He said "yes, and no",\nthen\tleft; <script>alert(1)</script>'


@pytest.fixture()
def filled(store):
    fill(store)
    doc = Document(id="c", text=TRICKY, pub_date=date(2023, 2, 1), title='A "quoted", title')
    tricky = event("c", "2023-02-01", "day", source="FRA", target="NATO", quad=3, cameo="112", goldstein=-2.0)
    store.write([CodedDocument(doc, [Sentence(0, TRICKY, 0, len(TRICKY))], [tricky], [])])
    return store


def test_csv_reads_back_as_written_with_codes_as_strings(filled, tmp_path):
    out = tmp_path / "events.csv"
    summary = export_file(filled, "csv", out)
    assert summary.rows == 7
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM: read.csv would name the first column oddly
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 7 and all(len(r) == len(rows[0]) for r in rows)
    back = pl.read_csv(out, infer_schema=False)
    assert back.height == 7 and back["GLOBALEVENTID"].to_list() == events_frame(filled)["event_id"].to_list()
    assert set(back["EventCode"]) >= {"040", "111", "057", "190", "112"}
    assert set(back["EventRootCode"]) >= {"04", "11"}
    tricky = next(r for r in rows if r["DocId"] == "c")
    assert tricky["Sentence"] == TRICKY and tricky["Title"] == 'A "quoted", title'
    assert tricky["Actor2KnownGroupCode"] == "NATO" and tricky["Actor2CountryCode"] == ""
    assert tricky["IsReciprocal"] == "FALSE" and tricky["SQLDATE"] == "20230201"
    month = next(r for r in rows if r["EventDate"] == "2022-09")
    assert (month["SQLDATE"], month["MonthYear"], month["DateEnd"]) == ("", "202209", "2022-09-30")
    assert {r["BilateralVersion"] for r in rows} == {__version__} and {r["SchemaVersion"] for r in rows} == {SCHEMA_VERSION}


def test_polecat_tsv_has_polecat_columns_and_one_line_per_event(filled, tmp_path):
    out = tmp_path / "events.tsv"
    export_file(filled, "polecat", out, country="FRA")
    lines = out.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert tuple(header[: len(POLECAT_COLUMNS)]) == POLECAT_COLUMNS and len(lines) == 2
    back = pl.read_csv(out, separator="\t", quote_char=None, infer_schema=False)
    row = back.row(0, named=True)
    assert row["Actor Country"] == "FRA" and row["Recipient Country"] == "NATO" and row["CAMEO Code"] == "112"
    assert row["Sentence"] == 'He said "yes, and no", then left; <script>alert(1)</script>'
    assert row["Version"] == f"bilateral {__version__}"


def test_parquet_round_trips_types_and_records_versions(filled, tmp_path):
    out = tmp_path / "events.parquet"
    export_file(filled, "parquet", out, since=date(2022, 1, 1))
    back = pl.read_parquet(out)
    assert back.equals(events_frame(filled, since=date(2022, 1, 1)))
    assert back.schema["cameo"] == pl.String and back.schema["date_start"] == pl.Date
    meta = pq.read_metadata(out).metadata
    assert meta[b"bilateral_version"] == __version__.encode() and meta[b"schema_version"] == SCHEMA_VERSION.encode()


def test_jsonl_lines_are_the_store_records(filled, tmp_path):
    out = tmp_path / "events.jsonl"
    export_file(filled, "jsonl", out, dyad=("CHN", "BLR"))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = json.loads(json.dumps(filled.events(dyad=("CHN", "BLR")), default=str))
    assert lines == expected and list(lines[0]) == list(EVENT_FIELDS)
    assert pl.read_ndjson(out).height == 4


@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_files_round_trip(filled, tmp_path, fmt, read):
    out = tmp_path / f"net.{fmt}"
    export_file(filled, fmt, out)
    graph, back = network(filled), read(out)
    assert set(back.nodes) == set(graph.nodes) and set(back.edges) == set(graph.edges)
    assert back.is_directed()
    for s, t, attrs in graph.edges(data=True):
        assert back.edges[s, t]["events"] == attrs["events"]
        assert back.edges[s, t]["goldstein_sum"] == pytest.approx(attrs["goldstein_sum"])
        assert back.edges[s, t].get("partnership") == attrs.get("partnership")
    assert back.nodes["NATO"].get("kind") == "organization"
    if fmt == "graphml":
        assert back.graph["schema_version"] == SCHEMA_VERSION and back.graph["bilateral_version"] == __version__
    else:
        assert f"bilateral {__version__}" in out.read_text() and f"schema version {SCHEMA_VERSION}" in out.read_text()


def test_quads_hold_day_dated_dyadic_events(filled, tmp_path):
    out = tmp_path / "quads.tsv"
    summary = export_file(filled, "quads", out)
    back = pl.read_csv(out, separator="\t", has_header=False, new_columns=["head", "relation", "tail", "time"],
                       infer_schema=False)
    assert back.rows() == [("CHN", "CONSULT", "BLR", "2022-09-15"), ("BLR", "CONSULT", "CHN", "2022-11-02"),
                           ("CHN", "CONSULT", "RUS", "2023-01-10"), ("FRA", "CONSULT", "NATO", "2023-02-01")]
    assert summary.meta["events"] == 7 and summary.rows == 4


def test_every_export_leaves_a_meta_file(filled, tmp_path):
    for fmt in FORMATS:
        out = tmp_path / f"x.{fmt}"
        export_file(filled, fmt, out, country="CHN")
        meta = json.loads((tmp_path / f"x.{fmt}.meta.json").read_text())
        assert meta["bilateral_version"] == __version__ and meta["schema_version"] == SCHEMA_VERSION
        assert meta["format"] == fmt and meta["filters"] == {"country": "CHN"}


def test_a_failed_export_leaves_the_old_file_and_no_temporary(filled, tmp_path, monkeypatch):
    out = tmp_path / "events.csv"
    out.write_text("old\n")

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(EVENT_FORMATS, "csv", disk_full)
    with pytest.raises(ExportError, match="No space left"):
        export_file(filled, "csv", out)
    assert out.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(("events.csv.", ".events"))] == []


def test_unknown_format_and_missing_folder_are_clear_errors(filled, tmp_path):
    with pytest.raises(ExportError, match="unknown export format"):
        export_file(filled, "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(ExportError, match="does not exist"):
        export_file(filled, "csv", tmp_path / "nowhere" / "x.csv")


# -- the commands ----------------------------------------------------------------------------------

def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_export_command_resolves_names_and_reports(filled, tmp_path):
    filled.close()
    out = tmp_path / "cb.csv"
    result = _run("export", "--format", "csv", "--out", out, "--db", filled.path, "--dyad", "Chinese", "Belarus")
    assert result.exit_code == 0, result.output
    assert "wrote 4 row(s)" in result.stderr
    assert pl.read_csv(out, infer_schema=False).height == 4


def test_unknown_country_is_a_usage_error_with_suggestions(filled, tmp_path):
    filled.close()
    result = _run("export", "--format", "csv", "--out", tmp_path / "x.csv", "--db", filled.path, "--country", "Chnia")
    assert result.exit_code == 2 and "China (CHN)" in result.stderr
    result = _run("events", "--db", filled.path, "--country", "Atlantis")
    assert result.exit_code == 2 and "unknown country or actor 'Atlantis'" in result.stderr


def test_events_command_filters_by_date_spans_and_says_when_empty(filled):
    filled.close()
    result = _run("events", "--db", filled.path, "--dyad", "China", "Belarus", "--since", "2022-09-01",
                  "--until", "2022-12-31", "--format", "jsonl")
    dates = [json.loads(line)["event_date"] for line in result.stdout.splitlines()]
    assert dates == ["2022", "2022-09", "2022-09-15", "2022-11-02"]
    result = _run("events", "--db", filled.path, "--country", "Russia", "--until", "2020-01-01")
    assert result.exit_code == 0 and "no events match" in result.stderr


def test_events_csv_has_the_record_fields_and_parquet_needs_a_file(filled, tmp_path):
    filled.close()
    result = _run("events", "--db", filled.path, "--format", "csv")
    rows = list(csv.DictReader(result.stdout.splitlines(keepends=True)))
    assert list(rows[0]) == list(EVENT_FIELDS) and len(rows) == 7
    assert _run("events", "--db", filled.path, "--format", "parquet").exit_code == 2
    out = tmp_path / "e.parquet"
    assert _run("events", "--db", filled.path, "--format", "parquet", "--out", out).exit_code == 0
    assert pl.read_parquet(out).columns == list(EVENT_FIELDS)


def test_r_read_csv_takes_the_file_as_is(filled, tmp_path):
    import shutil
    import subprocess

    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("R is not installed (apt-get install r-base-core)")
    out = tmp_path / "events.csv"
    export_file(filled, "csv", out)
    script = (f'e <- read.csv("{out}", na.strings = "", colClasses = c(EventCode = "character")); '
              'cat(nrow(e), ncol(e), class(e$IsReciprocal), class(e$GoldsteinScale), sep = "|"); cat("\\n"); '
              'cat(sort(unique(e$EventCode)), sep = ","); cat("\\n"); cat(e$Sentence[e$DocId == "c"]); cat("\\n"); '
              'cat(sum(is.na(e$SQLDATE)), sum(is.na(e$PloverMode)), sep = "|")')
    proc = subprocess.run([rscript, "-e", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    shape, codes, *sentence, missing = proc.stdout.strip().split("\n")
    assert shape == f"7|{len(pl.read_csv(out, infer_schema=False).columns)}|logical|numeric"
    assert codes == "040,057,111,112,190"
    assert "\n".join(sentence) == TRICKY
    assert missing == "3|7"  # month, year and undated events have no SQLDATE; no event has a mode


def test_relations_and_partners_take_names(filled):
    filled.close()
    result = _run("relations", "China", "Belarusian", "--db", filled.path)
    assert result.exit_code == 0 and result.stdout.startswith("CHN - BLR")
    assert "all-weather comprehensive strategic partnership" in result.stdout
    result = _run("partners", "Chnia", "--db", filled.path)
    assert result.exit_code == 2 and "did you mean China (CHN)?" in result.stderr


def test_series_command_prints_the_dyad_series_as_csv_and_table(filled):
    filled.close()
    result = _run("series", "Chinese", "Belarus", "--freq", "month", "--format", "csv", "--db", filled.path)
    assert result.exit_code == 0, result.output
    back = pl.read_csv(result.stdout.encode())
    assert back["events"].to_list() == [2, 0, 1] and back["goldstein_mean"].to_list() == [2.0, None, -2.0]
    table = _run("series", "CHN", "BLR", "--freq", "year", "--directed", "--db", filled.path)
    assert "BLR CHN" in table.stdout.replace("  ", " ") and table.stdout.count("\n") == 3
    empty = _run("series", "CHN", "France", "--db", filled.path)
    assert empty.exit_code == 0 and "no events between CHN and FRA" in empty.stderr


def test_gexf_nodes_are_labelled_with_names(filled, tmp_path):
    out = tmp_path / "net.gexf"
    export_file(filled, "gexf", out)
    assert nx.read_gexf(out).nodes["CHN"]["label"] == "China"
