"""Rows as an Arrow table typed from the store's own columns, for inserting many rows at once.

A multi-row INSERT binds every value as a parameter; for a batch of documents that cost more than
coding them (benchmarks/bench_scale.py). DuckDB reads an Arrow table in place, so the rows go in
as one statement. The Arrow types come from the table's declared column types, so the inserted
values are the same as through parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa

_ARROW_TYPES = {
    "VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string()),
}


def arrow_schema(con: Any, table: str, columns: Sequence[str]) -> pa.Schema | None:
    """The Arrow schema of `columns` of `table`, or None if a column has a type not mapped here."""
    declared = dict(con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
        "AND table_schema = 'main' AND table_catalog = current_database()", [table]).fetchall())
    fields = []
    for name in columns:
        arrow_type = _ARROW_TYPES.get(declared.get(name, ""))
        if arrow_type is None:
            return None
        fields.append(pa.field(name, arrow_type))
    return pa.schema(fields)


def rows_to_arrow(schema: pa.Schema, rows: list[tuple[Any, ...]]) -> pa.Table:
    columns = [pa.array([row[i] for row in rows], type=field.type) for i, field in enumerate(schema)]
    return pa.Table.from_arrays(columns, schema=schema)
