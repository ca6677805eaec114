"""The Python API over the store: events, dyad series, the ledger and the network as frames and graphs."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bilateral
from bilateral.analysis import dyad_series, events_frame, ledger_frame, network, open_store, resolve_country
from bilateral.errors import BilateralError, StoreError, UnknownActorError
from bilateral.model import EVENT_FIELDS, date_span

from .eventdata import TEXT, fill


@pytest.fixture()
def filled(store):
    return fill(store)



def test_date_spans_cover_what_the_precision_says():
    assert date_span("2022-09", "month") == (date(2022, 9, 1), date(2022, 9, 30))
    assert date_span("2024-02", "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_span("2016", "year") == (date(2016, 1, 1), date(2016, 12, 31))
    assert date_span("2022-09-15", "day") == (date(2022, 9, 15), date(2022, 9, 15))
    assert date_span("2022-09", None) == (date(2022, 9, 1), date(2022, 9, 30))
    assert date_span(None, None) == (None, None) == date_span("someday", "day")


def test_events_frame_has_every_field_of_the_record_with_codes_as_strings(filled):
    frame = events_frame(filled)
    assert frame.columns == list(EVENT_FIELDS)
    assert frame.height == 6
    assert frame.schema["cameo"] == pl.String and "040" in frame["cameo"].to_list()
    assert frame.schema["date_start"] == pl.Date and frame.schema["pub_date"] == pl.Date
    row = frame.filter(pl.col("event_date") == "2022-09").row(0, named=True)
    assert (row["date_start"], row["date_end"]) == (date(2022, 9, 1), date(2022, 9, 30))
    assert row["source_name"] == "China" and row["target_name"] == "Belarus"
    assert row["title"] == "<title a>" and row["sentence"] == TEXT[:29]
    assert frame["event_date"].to_list()[-1] is None  # undated last
    assert frame.to_pandas().shape == (6, len(EVENT_FIELDS))


def test_since_and_until_compare_date_spans_not_text(filled):
    dates = events_frame(filled, since=date(2022, 9, 1), until=date(2022, 12, 31))["event_date"].to_list()
    assert dates == ["2022", "2022-09", "2022-09-15", "2022-11-02"]
    assert events_frame(filled, since=date(2022, 9, 20))["event_date"].to_list() == ["2022", "2022-09", "2022-11-02",
                                                                                     "2023-01-10"]
    assert events_frame(filled, until=date(2021, 12, 31)).is_empty()


def test_events_frame_filters_and_pages(filled):
    assert events_frame(filled, country="rus").height == 1
    assert events_frame(filled, dyad=("BLR", "CHN")).height == 4
    assert events_frame(filled, event_type="consult").height == 6
    everything = events_frame(filled)["event_id"].to_list()
    pages = [events_frame(filled, limit=4, offset=o)["event_id"].to_list() for o in (0, 4)]
    assert pages[0] + pages[1] == everything and len(pages[1]) == 2
    with pytest.raises(BilateralError):
        events_frame(filled, limit=-1)


def test_store_events_and_events_frame_give_the_same_records(filled):
    rows = filled.events()
    assert [list(r) for r in rows] == [list(EVENT_FIELDS)] * len(rows)
    assert rows == events_frame(filled).to_dicts()


def test_monthly_series_fills_gaps_and_leaves_out_coarser_dates(filled):
    series = dyad_series(filled, "blr", "chn", freq="month")
    assert series.columns == ["period", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict",
                              "events", "goldstein_sum", "goldstein_mean"]
    assert series["period"].to_list() == [date(2022, 9, 1), date(2022, 10, 1), date(2022, 11, 1)]
    assert series["events"].to_list() == [2, 0, 1]  # the year-dated event is in no month
    assert series["verbal_conflict"].to_list() == [0, 0, 1]
    assert series["goldstein_sum"].to_list() == [4.0, 0.0, -2.0]
    assert series["goldstein_mean"].to_list() == [2.0, None, -2.0]


def test_yearly_directed_series_has_both_directions(filled):
    series = dyad_series(filled, "CHN", "BLR", freq="year", directed=True)
    assert series.select("source", "target", "events").rows() == [("BLR", "CHN", 1), ("CHN", "BLR", 3)]
    weekly = dyad_series(filled, "CHN", "BLR", freq="week")
    assert weekly["period"][0] == date(2022, 9, 12)  # a Monday
    assert weekly.height == (date(2022, 10, 31) - date(2022, 9, 12)).days // 7 + 1
    assert dyad_series(filled, "CHN", "FRA").is_empty()
    with pytest.raises(BilateralError, match="frequency"):
        dyad_series(filled, "CHN", "BLR", freq="fortnight")


def test_ledger_frame_has_evidence_document_and_spans(filled):
    frame = ledger_frame(filled, dyad=("CHN", "BLR"))
    assert frame["label"].to_list() == ["strategic partnership", "all-weather comprehensive strategic partnership"]
    first = frame.row(0, named=True)
    assert (first["date_start"], first["date_end"]) == (date(2013, 1, 1), date(2013, 12, 31))
    assert first["evidence"] == "strategic partnership" and first["url"] == "https://example.org/a"
    assert first["party_a_name"] == "Belarus"
    assert ledger_frame(filled, actor="RUS").is_empty()


def test_network_counts_events_by_direction_and_carries_partnerships(filled):
    graph = network(filled)
    assert graph.nodes["CHN"] == {"name": "China", "kind": "state"}
    edge = graph.edges["CHN", "BLR"]
    assert (edge["events"], edge["verbal_coop"], edge["goldstein_sum"]) == (3, 3, 6.0)
    assert edge["partnership"] == "all-weather comprehensive strategic partnership"
    assert graph.edges["BLR", "CHN"]["verbal_conflict"] == 1
    assert graph.has_edge("USA", "CHN")  # an undated event is in the whole network, in no period
    assert not network(filled, since=date(2000, 1, 1)).has_edge("USA", "CHN")
    early = network(filled, until=date(2020, 1, 1))
    assert early.edges["CHN", "BLR"]["partnership"] == "strategic partnership"
    assert early.edges["CHN", "BLR"]["events"] == 0


def test_countries_resolve_from_codes_names_and_demonyms():
    assert resolve_country("China") == resolve_country("Chinese") == resolve_country("chn") == "CHN"
    assert resolve_country("the United States") == "USA"
    assert resolve_country("NATO") == "NATO"
    with pytest.raises(UnknownActorError) as err:
        resolve_country("Chna")
    assert "China (CHN)" in str(err.value)
    with pytest.raises(UnknownActorError):
        resolve_country("Atlantis")


def test_open_store_is_read_only_and_says_when_the_file_is_missing(tmp_path, filled):
    with pytest.raises(StoreError, match="no database"):
        open_store(tmp_path / "nothing.duckdb")
    assert bilateral.open_store is open_store


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)),
       precision=st.sampled_from(["day", "month", "year"]))
def test_the_migration_and_python_give_the_same_span(day, precision):
    import duckdb

    from bilateral.store.schema import MIGRATIONS

    written = day.isoformat()[: {"day": 10, "month": 7, "year": 4}[precision]]
    start, end = date_span(written, precision)
    assert start <= day <= end and date_span(written, None) == (start, end)
    con = duckdb.connect()
    con.execute("CREATE TABLE events (event_date VARCHAR, date_precision VARCHAR, date_start DATE, date_end DATE)")
    con.execute("INSERT INTO events VALUES (?, ?, NULL, NULL)", [written, precision])
    con.execute(next(m for m in MIGRATIONS if m[0] == 5)[2][-1])  # the UPDATE that fills old rows
    assert con.execute("SELECT date_start, date_end FROM events").fetchall() == [(start, end)]
