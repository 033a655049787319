"""Write the warehouse: a new DuckDB file beside the target, loaded in bulk, swapped in.

A reader (the dashboard, `python -m etl show`) may hold the current warehouse open
read-only at any time, and DuckDB does not wait for locks. So a build never opens the
target: it writes `<db>.building-<pid>`, loads every table with one INSERT each (from
Arrow tables), computes `resolved` in SQL, CHECKPOINTs, closes, fsyncs and then
`os.replace()`s the new file over the old one. A build that fails or is killed at any
point leaves the previous warehouse untouched; a failed build removes its temp file at
once, and a killed one leaves it for the next build to clean up (`clean_stale`).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import check, schema

TEMP_MARK = ".building-"

# The tables a build hands rows for, with their columns and types in the order of
# etl/schema.sql; `resolved` and `claim_check` are computed here, in SQL and by etl/check.py.
COMPUTED = ("resolved", "claim_check")
COLUMNS: dict[str, dict[str, pa.DataType]] = {
    t: cols for t, cols in schema.TABLES.items() if t not in COMPUTED
}


@dataclass
class Rows:
    """Everything a build loads: per table, a list of row tuples in COLUMNS order, or for a
    table handed as columns (the facts: etl/assemble.py), its values column by column. A
    VARCHAR value may be str or UTF-8 bytes (document.text: etl/process.py Doc.text)."""

    tables: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in COLUMNS})
    columns: dict[str, dict[str, list]] = field(default_factory=dict)  # table -> column -> values

    def add(self, table: str, **row) -> None:
        """One row by column name (for the small tables, and to catch a missing column)."""
        cols = COLUMNS[table]
        if row.keys() != cols.keys():
            missing, extra = cols.keys() - row.keys(), row.keys() - cols.keys()
            raise ValueError(f"{table}: missing {sorted(missing)}, unknown {sorted(extra)}")
        if table in self.columns:
            for c, values in self.columns[table].items():
                values.append(row[c])
            return
        self.tables[table].append(tuple(row[c] for c in cols))

    def extend(self, table: str, rows: list[tuple]) -> None:
        """Many rows at once, each a tuple in COLUMNS[table] order (the big tables)."""
        width = len(COLUMNS[table])
        if rows and len(rows[0]) != width:
            raise ValueError(f"{table}: rows of {len(rows[0])} values, expected {width}")
        self.tables[table].extend(rows)

    def set_columns(self, table: str, columns: dict[str, list]) -> None:
        """A table's every row at once, as a list of values per column (COLUMNS[table]'s
        names); `add` then appends to them."""
        if list(columns) != list(COLUMNS[table]):
            raise ValueError(f"{table}: columns {list(columns)}, expected {list(COLUMNS[table])}")
        if len({len(v) for v in columns.values()}) > 1:
            raise ValueError(f"{table}: columns of different lengths")
        self.columns[table] = columns
        self.tables[table] = []

    def count(self, table: str) -> int:
        if table in self.columns:
            return len(next(iter(self.columns[table].values())))
        return len(self.tables[table])

    def arrow(self, table: str) -> pa.Table:
        types = COLUMNS[table]
        if table in self.columns:
            columns = list(self.columns[table].values())
        else:
            rows = self.tables[table]
            columns = list(zip(*rows, strict=True)) if rows else [()] * len(types)
        return pa.table(
            {c: pa.array(v, type=t) for (c, t), v in zip(types.items(), columns, strict=True)}
        )


# One value per (agency, year, indicator) among facts with a value that are not rejected:
# real before demo, then correction > table > text, then the earliest document path, then
# the fact's position. conflict: another value from a source of the winner's origin
# (a table and a report of the same year disagree, or two reports do); a correction
# settles a disagreement, and invented demo figures never contradict real ones. Never
# averaged. One window pass tells each fact its key's winner (first_value); one GROUP BY
# per key counts the sources and collects the rivals' values; the winner's row is read from
# fact by its id. (A self-join of the facts with their winners took twice the time: 0.66 →
# 0.36 CPU s for the 230,000 facts of 20,000 reports, the same rows in the same order.)
RESOLVE_SQL = """
INSERT INTO resolved
WITH cand AS (
    SELECT f.fact_id, f.agency_id, f.year, f.indicator_id, f.value, d.path AS doc_path,
           CASE f.origin WHEN 'real' THEN 0 ELSE 1 END AS o_rank,
           CASE f.method WHEN 'correction' THEN 0 WHEN 'table' THEN 1 ELSE 2 END AS m_rank
    FROM fact f LEFT JOIN document d ON d.doc_id = f.doc_id
    WHERE f.value IS NOT NULL AND f.status <> 'rejected'
),
ranked AS (
    SELECT value, o_rank, m_rank,
           first_value(fact_id) OVER w AS win_id, first_value(value) OVER w AS win_value,
           first_value(o_rank) OVER w AS win_o, first_value(m_rank) OVER w AS win_m
    FROM cand
    WINDOW w AS (PARTITION BY agency_id, year, indicator_id
                 ORDER BY o_rank, m_rank, doc_path NULLS FIRST, fact_id)
),
keys AS (
    SELECT win_id AS fact_id, count(*) AS n_sources,
           list_sort(list_distinct(list(value) FILTER (
               WHERE value <> win_value AND o_rank = win_o
                 AND (m_rank = win_m OR (win_m > 0 AND m_rank > 0))))) AS rivals
    FROM ranked GROUP BY win_id
)
SELECT f.agency_id, f.year, f.indicator_id, f.value, f.unit, f.qualifier, f.fact_id,
       f.doc_id, f.quote, f.method, f.origin, f.status, k.n_sources,
       coalesce(len(k.rivals), 0) > 0 AS conflict,
       CASE WHEN coalesce(len(k.rivals), 0) > 0 THEN array_to_string(list_transform(
           k.rivals, lambda v: CASE WHEN v = floor(v) AND abs(v) < 1e15
                                    THEN CAST(CAST(v AS BIGINT) AS VARCHAR)
                                    ELSE CAST(v AS VARCHAR) END), '、') END AS other_values
FROM keys k JOIN fact f USING (fact_id)
ORDER BY f.agency_id, f.year, f.indicator_id
"""

# The report texts (document.text: 20,000 reports are ~70 MB of text) are stored with ZSTD:
# measured here on the generated corpus, the whole write took 4.2 s and made a 27 MB file,
# against 5.6-6.3 s and 57 MB with DuckDB 2.0's default string compression (DICT_FSST),
# whose CHECKPOINT was also pathological (10-30 s) on near-identical or random texts.
# Reading one document's text stays a few ms. The other tables keep DuckDB's defaults.
TEXT_COMPRESSION = "SET force_compression = 'zstd'"


def temp_path(db_path: Path) -> Path:
    """Where this process builds the next version of `db_path`."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.name}{TEMP_MARK}{os.getpid()}")


def prepare() -> None:
    """What the first write in a process pays once, paid beforehand (the build calls this
    while its workers extract, when this process only waits): pyarrow imports pandas the
    first time it makes an array of Python values (to tell whether they are a pandas
    object), 0.2-0.4 s of a build's write otherwise."""
    pa.array([], type=pa.string())


def clean_stale(db_path: Path) -> list[Path]:
    """Remove `<db>.building-<pid>` files (and their WAL) whose build process is gone."""
    db_path = Path(db_path)
    removed = []
    if not db_path.parent.is_dir():
        return removed
    prefix = f"{db_path.name}{TEMP_MARK}"
    for p in sorted(db_path.parent.glob(f"{glob.escape(prefix)}*")):
        pid_text = p.name[len(prefix) :].removesuffix(".wal").removesuffix(".tmp")
        if pid_text.isdigit() and int(pid_text) != os.getpid() and _alive(int(pid_text)):
            continue  # another build is running right now
        _remove(p)
        removed.append(p)
    return removed


def write(db_path: Path, rows: Rows) -> Path:
    """Create a new warehouse from `rows` and swap it in atomically. Returns db_path."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(db_path)
    tmp = temp_path(db_path)
    _remove(tmp)
    _remove(_wal(tmp))
    try:
        con = duckdb.connect(str(tmp))
        try:
            # No progress bar: DuckDB draws it on stdout (even into a pipe) for a query over
            # 2 s, which a busy machine reaches, and stdout carries `etl bench --json`.
            con.execute("SET enable_progress_bar = false")
            con.execute(schema.SQL)
            load(con, rows)
            con.execute(RESOLVE_SQL)
            check.store(con)  # the claims against the values just resolved
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _fsync(tmp)
        os.replace(tmp, db_path)
        _fsync_dir(db_path.parent)
    except BaseException:
        for p in (tmp, _wal(tmp), tmp.with_name(tmp.name + ".tmp")):
            _remove(p)
        raise
    return db_path


def load(con: duckdb.DuckDBPyConnection, rows: Rows) -> None:
    """One INSERT per table, from an Arrow table (no row-by-row round trips). The documents
    go first and are checkpointed with ZSTD (see TEXT_COMPRESSION).

    The next table is made into Arrow in a thread while DuckDB inserts this one: making it
    is Python (holding the GIL, 0.6 CPU s at 20,000 reports), inserting is DuckDB (which lets
    go of the GIL), so on a core DuckDB leaves idle the making costs no time. One table
    ahead only, so that at most two tables' Arrow copies are alive at once."""
    zstd = True
    try:
        con.execute(TEXT_COMPRESSION)
    except duckdb.Error:  # a DuckDB without the option: its defaults will do
        zstd = False
    order = ["document", *(t for t in COLUMNS if t != "document")]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="arrow") as maker:
        try:
            ahead = maker.submit(rows.arrow, order[0])
            for k, table in enumerate(order):
                data = ahead.result()  # noqa: F841  (read by DuckDB's replacement scan)
                if k + 1 < len(order):
                    ahead = maker.submit(rows.arrow, order[k + 1])
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM data")
                del data
                if table == "document" and zstd:
                    con.execute("CHECKPOINT")
                    con.execute("RESET force_compression")
        finally:
            maker.shutdown(cancel_futures=True)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _remove(path: Path) -> None:
    """Remove a file, or a folder (DuckDB's spill folder `<db>.tmp`), if it is there."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
        return
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        _fsync(path)
