"""etl/schema.py reads etl/schema.sql, the one place the warehouse's tables are written: its
reading must be DuckDB's own, column by column and type by type."""

from __future__ import annotations

import duckdb

from etl import schema, warehouse

DUCKDB_TYPE = {str(t): name for name, t in schema.ARROW.items()}


def test_every_table_and_column_of_schema_sql_as_duckdb_reads_it():
    con = duckdb.connect()
    con.execute(schema.SQL)
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY table_oid"
    ).fetchall()]  # fmt: skip
    assert list(schema.TABLES) == tables
    for table, cols in schema.TABLES.items():
        described = [(r[0], r[1]) for r in con.execute(f"DESCRIBE {table}").fetchall()]
        read = [(c, DUCKDB_TYPE[str(t)]) for c, t in cols.items()]
        assert read == described, table


def test_the_build_hands_rows_for_every_table_but_the_computed_ones():
    assert set(warehouse.COLUMNS) | set(warehouse.COMPUTED) == set(schema.TABLES)
    assert not set(warehouse.COLUMNS) & set(warehouse.COMPUTED)
