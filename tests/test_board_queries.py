"""The read-only query layer (board/queries.py, board/warehouse.py)."""

from __future__ import annotations

import os
import re
import shutil
import sys

import duckdb
import pytest
from board_fixtures import ROOT

from board import queries, warehouse

pytest_plugins = ["board_fixtures"]


@pytest.fixture(autouse=True)
def fresh_cache():
    queries.clear_cache()
    yield
    queries.clear_cache()


class F:
    def __init__(self, agencies=("zc_kjj", "zc_zscqj", "zc_dzj"), y0=2016, y1=2025, demo=True):
        self.agencies, self.y0, self.y1, self.demo = agencies, y0, y1, demo


def test_named_queries_bind_parameters_and_never_paste_values():
    for name, sql in queries.SQL.items():
        assert not re.search(r"\{[a-z_]+\}", sql), f"{name}: unformatted placeholder"
        # no literal agency ids, years or indicator ids inside the SQL text
        assert not re.search(r"'zc_|\b20[12]\d\b|'inspections'", sql), name
    src = (ROOT / "board" / "queries.py").read_text(encoding="utf-8")
    assert "execute(SQL[name], _bindable(params))" in src


def test_series_filters_by_every_parameter(use_wh, bundled_wh):
    use_wh(bundled_wh)
    df = queries.series(["inspections", "cases"], F(agencies=("zc_kjj",), y0=2017, y1=2019))
    assert set(df["indicator_id"]) <= {"inspections", "cases"}
    assert set(df["agency_id"]) == {"zc_kjj"}
    assert set(df["year"]) <= {2017, 2018, 2019}
    real = queries.series(["inspections"], F(demo=False))
    assert set(real["origin"]) == {"real"}
    assert list(real["value"]) == [12.0]


def test_quotes_in_parameters_are_just_values(use_wh, bundled_wh):
    use_wh(bundled_wh)
    evil = ("zc_kjj'); DROP TABLE fact; --",)
    assert queries.series(["inspections"], F(agencies=evil)).empty
    assert len(queries.series(["inspections"], F())) > 0


def test_the_connection_is_read_only(use_wh, bundled_wh):
    use_wh(bundled_wh)
    cur = warehouse.cursor(warehouse.current())
    with pytest.raises(duckdb.Error):
        cur.execute("CREATE TABLE x (i INTEGER)")
    with pytest.raises(duckdb.Error):
        cur.execute("DELETE FROM fact")
    cur.close()


def test_results_are_cached_per_file_version(use_wh, bundled_wh, monkeypatch):
    use_wh(bundled_wh)
    calls = []
    real = queries.execute
    monkeypatch.setattr(queries, "execute", lambda *a: calls.append(a) or real(*a))
    queries.run("agencies")
    queries.run("agencies")
    queries.run("series", ["inspections"], ["zc_kjj"], 2016, 2025, True)
    queries.run("series", ["inspections"], ["zc_kjj"], 2016, 2025, True)
    assert len(calls) == 2


def test_a_rebuilt_warehouse_is_seen_at_once(use_wh, gen_wh, tmp_path):
    """The ETL swaps a new file in with os.replace while the app holds the old one."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import gen_warehouse

    db = use_wh(tmp_path / "wh.duckdb")
    shutil.copy(gen_wh, db)
    n1 = len(queries.run("documents", ["zc_kjj", "zc_zscqj", "zc_dzj"], 2016, 2025, True))
    # a writer can build beside it and swap, while the app's read-only ATTACH is open
    new = tmp_path / "wh.duckdb.building"
    gen_warehouse.generate(800, new, seed=3)
    os.replace(new, db)
    n2 = len(queries.run("documents", ["zc_kjj", "zc_zscqj", "zc_dzj"], 2016, 2025, True))
    assert n1 != n2
    con = duckdb.connect(str(db), read_only=True)
    assert n2 == con.execute("SELECT count(*) FROM document").fetchone()[0]
    con.close()


def test_missing_warehouse_raises_a_named_error(use_wh, tmp_path):
    use_wh(tmp_path / "nothing.duckdb")
    with pytest.raises(queries.WarehouseMissing):
        queries.run("agencies")


def test_key_facts_returns_every_source_of_a_value(use_wh, gen_wh):
    use_wh(gen_wh)
    con = duckdb.connect(str(gen_wh), read_only=True)
    a, y, i, n = con.execute("SELECT agency_id, year, indicator_id, n_sources FROM resolved "
                             "WHERE conflict LIMIT 1").fetchone()  # fmt: skip
    con.close()
    facts = queries.key_facts(a, y, i, True)
    assert len(facts) >= n >= 2
    assert facts["value"].nunique() >= 2
