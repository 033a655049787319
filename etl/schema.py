"""The warehouse's tables as etl/schema.sql declares them: that file is the one place the
schema is written; this reads its column names and types for the code that loads rows
(etl/warehouse.py, etl/check.py), so that no second list of columns can drift from it.

    TABLES["fact"] -> {"fact_id": pa.int32(), "doc_id": pa.string(), ...}  (in file order)

tests/test_schema.py checks the reading against DuckDB's own view of the file.
"""

from __future__ import annotations

import re

import pyarrow as pa

from etl.paths import SCHEMA

SQL = SCHEMA.read_text(encoding="utf-8")

ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(),
         "BOOLEAN": pa.bool_(), "TIMESTAMP": pa.timestamp("us")}  # fmt: skip

_TABLE = re.compile(r"^CREATE TABLE (\w+) \((.*?)^\);", re.M | re.S)
_COLUMN = re.compile(rf"^\s+(\w+)\s+({'|'.join(ARROW)})\b", re.M)


def _tables(sql: str) -> dict[str, dict[str, pa.DataType]]:
    return {
        name: {col: ARROW[kind] for col, kind in _COLUMN.findall(body)}
        for name, body in _TABLE.findall(sql)
    }


TABLES = _tables(SQL)


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema(list(TABLES[table].items()))
