"""Events as tables: a GDELT-like CSV, a POLECAT-like TSV, Parquet and JSON Lines.

Each writer takes an events frame (bilateral.analysis.events_frame) and a path. Codes stay strings
in every format ("040" is written 040, never 40); a missing value is an empty field in CSV/TSV and
null in JSON and Parquet; lists (contexts) are joined with ";" in CSV/TSV.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from bilateral import __version__
from bilateral.model import SCHEMA_VERSION

# Our field -> the GDELT 2.0 event-table column it corresponds to, in GDELT's spirit where GDELT has
# one (GLOBALEVENTID, SQLDATE, Actor1Code, EventCode, QuadClass, GoldsteinScale, SOURCEURL), and
# named the same way where GDELT has none (DatePrecision, PloverType, Sentence).
_DATE = pl.col("date_start")
_DAY, _MONTH = pl.col("date_precision") == "day", pl.col("date_precision").is_in(["day", "month"])


def _actor_columns(role: str, n: int) -> list[pl.Expr]:
    code, sector, kind_state = pl.col(f"{role}_code"), pl.col(f"{role}_sector"), pl.col(f"_{role}_is_state")
    return [
        pl.concat_str(code, sector.fill_null(""), ignore_nulls=False).alias(f"Actor{n}Code"),
        pl.col(f"{role}_name").alias(f"Actor{n}Name"),
        pl.when(kind_state).then(code).alias(f"Actor{n}CountryCode"),
        pl.when(~kind_state).then(code).alias(f"Actor{n}KnownGroupCode"),
        sector.alias(f"Actor{n}Type1Code"),
        pl.col(f"{role}_text").alias(f"Actor{n}Text"),
    ]


def gdelt_frame(events: pl.DataFrame, states: set[str]) -> pl.DataFrame:
    """The events with GDELT-like column names (docs/exports.md lists every column)."""
    events = events.with_columns(pl.col("source_code").is_in(list(states)).alias("_source_is_state"),
                                 pl.col("target_code").is_in(list(states)).alias("_target_is_state"))
    return events.select(
        pl.col("event_id").alias("GLOBALEVENTID"),
        pl.when(_DAY).then(_DATE.dt.strftime("%Y%m%d")).alias("SQLDATE"),
        pl.when(_MONTH).then(_DATE.dt.strftime("%Y%m")).alias("MonthYear"),
        _DATE.dt.year().alias("Year"),
        pl.col("event_date").alias("EventDate"), pl.col("date_precision").alias("DatePrecision"),
        _DATE.alias("DateStart"), pl.col("date_end").alias("DateEnd"),
        *_actor_columns("source", 1), *_actor_columns("target", 2),
        pl.col("reciprocal").alias("IsReciprocal"),
        pl.col("cameo").alias("EventCode"), pl.col("cameo").str.slice(0, 3).alias("EventBaseCode"),
        pl.col("cameo").str.slice(0, 2).alias("EventRootCode"),
        pl.col("quad").alias("QuadClass"), pl.col("goldstein").alias("GoldsteinScale"),
        pl.col("event_type").alias("PloverType"), pl.col("mode").alias("PloverMode"),
        pl.col("contexts").list.join(";").alias("Contexts"),
        pl.col("modality").alias("Modality"), pl.col("promised_type").alias("PromisedType"),
        pl.col("negated").alias("IsNegated"),
        pl.col("location").alias("ActionGeo_CountryCode"), pl.col("location_text").alias("ActionGeo_FullName"),
        pl.col("doc_id").alias("DocId"), pl.col("sentence_index").alias("SentenceIndex"),
        pl.col("sentence").alias("Sentence"), pl.col("trigger").alias("Trigger"),
        pl.col("trigger_start").alias("TriggerStart"), pl.col("trigger_end").alias("TriggerEnd"),
        pl.col("pub_date").alias("PubDate"), pl.col("url").alias("SOURCEURL"), pl.col("title").alias("Title"),
        pl.col("translated").alias("IsTranslated"),
        pl.lit(__version__).alias("BilateralVersion"), pl.lit(SCHEMA_VERSION).alias("SchemaVersion"),
    )


def _r_friendly(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists joined with ";" and booleans as TRUE/FALSE, which read.csv takes as logical."""
    return frame.with_columns(pl.col(pl.List(pl.String)).list.join(";"),
                              pl.col(pl.Boolean).cast(pl.String).str.to_uppercase())


def write_csv(events: pl.DataFrame, path: Path, states: set[str]) -> int:
    """A comma-separated file that R's read.csv and pandas read as is: a header row, fields quoted
    when needed, UTF-8 without a byte-order mark, empty for missing, TRUE/FALSE for booleans."""
    frame = _r_friendly(gdelt_frame(events, states))
    frame.write_csv(path, null_value="", quote_style="necessary")
    return frame.height


def records_csv(events: pl.DataFrame) -> str:
    """The event records as CSV text with the record's own field names (`bilateral events --format csv`)."""
    return _r_friendly(events).write_csv(null_value="", quote_style="necessary")


# POLECAT's weekly TSV columns, in its order, filled where bilateral knows the value, then
# bilateral's own columns. POLECAT names the target "Recipient"; we use the same words.
POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version",
)


def polecat_frame(events: pl.DataFrame) -> pl.DataFrame:
    known = {
        "Event ID": pl.col("event_id"), "Event Date": pl.col("event_date"), "Event Type": pl.col("event_type"),
        "Event Mode": pl.col("mode"), "Quad Code": pl.col("quad").cast(pl.String),
        "Contexts": pl.col("contexts").list.join(";"),
        "Actor Name": pl.col("source_name"), "Actor Country": pl.col("source_code"),
        "Primary Actor Sector": pl.col("source_sector"), "Actor Sectors": pl.col("source_sector"),
        "Actor Name Raw": pl.col("source_text"),
        "Recipient Name": pl.col("target_name"), "Recipient Country": pl.col("target_code"),
        "Primary Recipient Sector": pl.col("target_sector"), "Recipient Sectors": pl.col("target_sector"),
        "Recipient Name Raw": pl.col("target_text"),
        "Placename": pl.col("location_text"), "Country": pl.col("location"), "Raw Placename": pl.col("location_text"),
        "Source": pl.col("url"), "Publication Date": pl.col("pub_date").cast(pl.String),
        "Language": pl.lit("en"), "Version": pl.lit(f"bilateral {__version__}"),
    }
    extra = {
        "Date Precision": pl.col("date_precision"), "Date Start": pl.col("date_start").cast(pl.String),
        "Date End": pl.col("date_end").cast(pl.String), "CAMEO Code": pl.col("cameo"),
        "Goldstein": pl.col("goldstein").cast(pl.String), "Modality": pl.col("modality"),
        "Promised Type": pl.col("promised_type"), "Story ID": pl.col("doc_id"),
        "Sentence Number": pl.col("sentence_index").cast(pl.String), "Sentence": pl.col("sentence"),
        "Headline": pl.col("title"), "Schema Version": pl.lit(SCHEMA_VERSION),
    }
    columns = [known.get(name, pl.lit(None, dtype=pl.String)).alias(name) for name in POLECAT_COLUMNS]
    # Tabs and line breaks inside a field would break a TSV that is read without quoting.
    return events.select(*columns, *[e.alias(n) for n, e in extra.items()]).with_columns(
        pl.all().cast(pl.String).str.replace_all(r"[\t\r\n]+", " "))


def write_polecat(events: pl.DataFrame, path: Path, states: set[str]) -> int:
    """A tab-separated file with POLECAT's column names, unquoted (no field holds a tab)."""
    frame = polecat_frame(events)
    frame.write_csv(path, separator="\t", null_value="", quote_style="never")
    return frame.height


def write_parquet(events: pl.DataFrame, path: Path, states: set[str]) -> int:
    """Parquet with the event record's own columns and types; the versions in the file's metadata."""
    events.write_parquet(path, metadata={"bilateral_version": __version__, "schema_version": SCHEMA_VERSION})
    return events.height


def write_jsonl(events: pl.DataFrame, path: Path, states: set[str]) -> int:
    """One event record a line, the same object `bilateral events --format jsonl` prints."""
    events.write_ndjson(path)
    return events.height
