"""`python -m etl export-parquet DIR`: the warehouse as Parquet partitioned by year, read back
by DuckDB with the same facts (what a city's Trino or Spark would see)."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest
from board_fixtures import ROOT

pytest_plugins = ["board_fixtures"]

FACT_COLS = "agency_id, year, indicator_id, value, unit, quote, location, method, origin, status"


def run_export(db, out) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", "export-parquet", str(out), "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_exported_facts_read_back_are_the_warehouses(bundled_wh, tmp_path):
    out = tmp_path / "lake"
    r = run_export(bundled_wh, out)
    assert r.returncode == 0, r.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    by_table = {t["table"]: t for t in manifest["tables"]}
    assert by_table["fact"]["partitioned"] and not by_table["agency"]["partitioned"]
    years = sorted(p.name for p in (out / "fact").iterdir())
    assert "year=2021" in years and "year=2018" in years

    con = duckdb.connect(str(bundled_wh), read_only=True)
    want = con.execute(f"SELECT {FACT_COLS} FROM fact ORDER BY ALL").fetchall()
    want_resolved = con.execute("SELECT count(*) FROM resolved").fetchone()[0]
    con.close()
    lake = duckdb.connect()
    got = lake.execute(
        f"SELECT {FACT_COLS} FROM read_parquet(?, hive_partitioning = true) ORDER BY ALL",
        [str(out / "fact" / "**" / "*.parquet")],
    ).fetchall()
    assert len(want) > 100
    assert got == want
    # Every table is there with its rows, partitioned or not.
    for t in manifest["tables"]:
        pattern = out / t["path"] / "**" / "*.parquet" if t["partitioned"] else out / t["path"]
        n = lake.execute("SELECT count(*) FROM read_parquet(?)", [str(pattern)]).fetchone()[0]
        assert n == t["rows"], t["table"]
    assert by_table["resolved"]["rows"] == want_resolved
    assert "已导出到" in r.stdout


def test_a_second_export_replaces_the_first_and_a_foreign_folder_is_left_alone(
    bundled_wh, tmp_path
):
    out = tmp_path / "lake"
    assert run_export(bundled_wh, out).returncode == 0
    (out / "fact" / "stale.parquet").write_bytes(b"old")
    assert run_export(bundled_wh, out).returncode == 0
    assert not (out / "fact" / "stale.parquet").exists()

    foreign = tmp_path / "my documents"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    r = run_export(bundled_wh, foreign)
    assert r.returncode == 2 and "manifest.json" in r.stderr
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temp folder left"


def test_a_missing_warehouse_is_named(tmp_path):
    r = run_export(tmp_path / "none.duckdb", tmp_path / "out")
    assert r.returncode == 2
    assert "数据仓库不存在" in r.stderr and "python -m etl build" in r.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["it's", "年度 数据"])
def test_folder_names_with_quotes_and_spaces_work(bundled_wh, tmp_path, name):
    out = tmp_path / name
    assert run_export(bundled_wh, out).returncode == 0
    assert (out / "agency.parquet").exists()
