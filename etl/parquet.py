"""The warehouse as Parquet files, for engines bigger than one DuckDB file.

A city or province collects many bureaus' warehouses; this writes one warehouse's tables as
Parquet so DuckDB over object storage, Trino or Spark can query them together. Tables with
a `year` column are partitioned by it (hive layout: `fact/year=2021/data_0.parquet`), the
rest are one file each (`agency.parquet`). A `manifest.json` names every table, its row
count and where it went.

The export is written to a sibling temporary folder and moved into place at the end, so an
export that fails halfway leaves the previous one as it was.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

PARTITION_COLUMN = "year"


class ExportError(Exception):
    """A warehouse that cannot be read or a folder that cannot be written, in plain words."""


@dataclass(frozen=True)
class TableExport:
    table: str
    rows: int
    partitioned: bool
    path: str  # relative to the export folder


def _sql_str(p: Path | str) -> str:
    # COPY and read_parquet take their path as a literal, not a bound parameter.
    return str(p).replace("'", "''")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def export(db: Path, out: Path) -> list[TableExport]:
    """Write every table of the warehouse `db` under `out` (replaced as a whole)."""
    if not Path(db).exists():
        raise ExportError(f"数据仓库不存在：{db}。请先运行 python -m etl build")
    out = Path(out)
    if out.exists() and not (out / "manifest.json").exists() and any(out.iterdir()):
        raise ExportError(
            f"{out} 已存在且不是先前导出的文件夹（没有 manifest.json），为免误删，请换一个文件夹"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as e:
        raise ExportError(f"无法打开数据仓库 {db}：{e}") from e
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        done = _write_tables(con, tmp)
        (tmp / "manifest.json").write_text(
            json.dumps(
                {
                    "warehouse": Path(db).name,
                    "partitioned_by": PARTITION_COLUMN,
                    "tables": [t.__dict__ for t in done],
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
        _swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        con.close()
    return done


def _write_tables(con: duckdb.DuckDBPyConnection, root: Path) -> list[TableExport]:
    tables = con.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall()
    done = []
    for (table,) in tables:
        cols = {
            c
            for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = 'main' AND table_name = ?",
                [table],
            ).fetchall()
        }
        rows = con.execute(f"SELECT count(*) FROM {_ident(table)}").fetchone()[0]
        partitioned = PARTITION_COLUMN in cols and rows > 0
        if partitioned:
            target = root / table
            con.execute(
                f"COPY {_ident(table)} TO '{_sql_str(target)}' "
                f"(FORMAT parquet, PARTITION_BY ({PARTITION_COLUMN}))"
            )
            rel = table
        else:
            rel = f"{table}.parquet"
            con.execute(f"COPY {_ident(table)} TO '{_sql_str(root / rel)}' (FORMAT parquet)")
        done.append(TableExport(table, rows, partitioned, rel))
    return done


def _swap_into_place(tmp: Path, out: Path) -> None:
    """Replace `out` (a previous export, or an empty folder) by `tmp`; the old one is removed
    only once the new one is in place."""
    if not out.exists():
        tmp.rename(out)
        return
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
