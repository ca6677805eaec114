"""One event record everywhere: `code --jsonl`, the store, the DataFrame and `events --format jsonl`
give the same fields, in the same order, with the same values for the same article."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
from click.testing import CliRunner

from bilateral.analysis import events_frame
from bilateral.cli.main import cli
from bilateral.ingest import read_inputs
from bilateral.model import EVENT_FIELDS, SCHEMA_VERSION

from .conftest import EXAMPLES


def _normalized(records):
    return json.loads(json.dumps(records, default=str))


def test_the_same_article_gives_the_same_records_everywhere(coder, store, tmp_path):
    docs = list(read_inputs([EXAMPLES / "china-belarus-2022.html"], date(2022, 9, 16)))
    coded = list(coder.code(docs))
    line = coded[0].to_json()
    assert line["schema_version"] == SCHEMA_VERSION and line["url"] == docs[0].url
    from_code = line["events"]
    assert from_code and all(list(e) == list(EVENT_FIELDS) for e in from_code)

    store.write(coded)
    key = [(e["event_id"]) for e in from_code]
    from_store = sorted(_normalized(store.events()), key=lambda r: key.index(r["event_id"]))
    assert from_store == from_code

    frame = events_frame(store)
    from_frame = sorted(_normalized(frame.to_dicts()), key=lambda r: key.index(r["event_id"]))
    assert from_frame == from_code

    store.close()
    result = CliRunner().invoke(cli, ["events", "--db", store.path, "--format", "jsonl"])
    printed = sorted((json.loads(x) for x in result.stdout.splitlines()), key=lambda r: key.index(r["event_id"]))
    assert printed == from_code
    assert set(pl.read_ndjson(result.stdout.encode()).columns) == set(EVENT_FIELDS)
