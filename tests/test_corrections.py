"""data/corrections.csv: verdicts that survive every rebuild, as `python -m etl show` sees them."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest
from test_build import ROOT, contents, make_corpus

from etl import corrections
from etl.build import build


def show(db, data, agency="区科技局", year=2019, indicator="inspections") -> dict | None:
    r = subprocess.run(
        [sys.executable, "-m", "etl", "show", "--agency", agency, "--year", str(year),
         "--indicator", indicator, "--db", str(db), "--data", str(data)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    if r.returncode == 1:
        return None
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def add(data, **row) -> int:
    base = {"who": "张三", "when": "2026-01-05 10:00", "source_doc": ""}
    return corrections.append(data / corrections.FILE_NAME, {**base, **row})


@pytest.fixture
def corpus(tmp_path):
    data = make_corpus(tmp_path)
    return data, tmp_path / "w.duckdb"


def test_a_correction_changes_show_and_survives_rebuilds(corpus):
    data, db = corpus
    build(data, db, workers=1)
    before = show(db, data)
    assert (before["value"], before["method"], before["status"]) == (16, "table", "unverified")

    line = add(data, agency="周村区科学技术局", year=2019, indicator="执法检查次数",
               old_value=16, new_value=17, status="corrected", reason="原表格录入错误")  # fmt: skip
    assert line == 2
    raw = (data / "corrections.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1

    s = build(data, db, workers=1)
    assert not s.problems
    got = show(db, data)
    assert (got["value"], got["method"], got["status"]) == (17, "correction", "verified")
    assert got["quote"] == "原表格录入错误"
    assert got["location"] == "data/corrections.csv 第2行"
    assert got["source"] is None
    assert got["conflict"] is False
    with duckdb.connect(str(db), read_only=True) as con:
        st = con.execute(
            "SELECT value, status FROM fact WHERE agency_id = 'zc_kjj' AND year = 2019 "
            "AND indicator_id = 'inspections' AND method <> 'correction' ORDER BY value"
        ).fetchall()
    assert st == [(15.0, "unverified"), (16.0, "corrected")]

    first = contents(db)
    build(data, db, workers=1)  # a full rebuild from data/: same content, same answer
    assert contents(db) == first
    assert show(db, data)["value"] == 17


def test_a_rejection_removes_the_value(corpus):
    data, db = corpus
    add(data, agency="区科技局", year=2019, indicator="inspection_plans", old_value=2,
        status="rejected", reason="这是计划数，不是检查数")  # fmt: skip
    build(data, db, workers=1)
    assert show(db, data, indicator="inspection_plans") is None


def test_a_verified_value_shows_status_verified(corpus):
    data, db = corpus
    add(data, agency="zc_kjj", year=2019, indicator="inspections", old_value=16,
        status="verified", reason="")  # fmt: skip
    build(data, db, workers=1)
    got = show(db, data)
    assert (got["value"], got["status"], got["method"]) == (16, "verified", "table")


def test_the_last_row_per_key_wins(corpus):
    data, db = corpus
    add(data, agency="区科技局", year=2019, indicator="inspections", old_value=16,
        new_value=99, status="corrected", reason="第一次")  # fmt: skip
    add(data, agency="区科技局", year=2019, indicator="inspections", old_value=16,
        status="verified", reason="复核后原值正确")  # fmt: skip
    build(data, db, workers=1)
    got = show(db, data)
    assert (got["value"], got["status"]) == (16, "verified")


def test_unknown_agency_and_bad_rows_are_reported_not_dropped(corpus):
    data, db = corpus
    add(data, agency="不存在局", year=2019, indicator="inspections", old_value=16,
        new_value=17, status="corrected", reason="x")  # fmt: skip
    with (data / "corrections.csv").open("a", encoding="utf-8") as fh:
        fh.write("区科技局,二〇一九,inspections,16,,verified,,,,\n")
        fh.write("区科技局,2019,inspections,16,,maybe,,,,\n")
    s = build(data, db, workers=1)
    text = s.report_zh()
    assert s.exit_code == 3
    assert "第2行：单位“不存在局”不在机构登记表中" in text
    assert "第3行：年度“二〇一九”不是年份" in text
    assert "第4行：状态“maybe”无效" in text
    assert show(db, data)["value"] == 16
    with duckdb.connect(str(db), read_only=True) as con:
        n = con.execute("SELECT count(*) FROM rejected_file WHERE path = 'corrections.csv'")
        assert n.fetchone()[0] == 3


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ({"agency": "", "year": 2019, "indicator": "inspections", "status": "verified"}, "缺少单位"),
        ({"agency": "区科技局", "year": 2019, "indicator": "无此指标", "status": "verified"},
         "未知指标"),
        ({"agency": "区科技局", "year": 2019, "indicator": "inspections", "status": "corrected",
          "reason": "x"}, "必须填写新数值"),
        ({"agency": "区科技局", "year": 2019, "indicator": "inspections", "status": "corrected",
          "new_value": "abc", "reason": "x"}, "不是数字"),
        ({"agency": "区科技局", "year": 2019, "indicator": "inspections", "status": "corrected",
          "new_value": 3}, "必须写明理由"),
    ],
)  # fmt: skip
def test_append_refuses_bad_rows_with_a_reason(tmp_path, row, reason):
    path = tmp_path / "corrections.csv"
    with pytest.raises(corrections.BadCorrection, match=reason):
        corrections.append(path, row)
    assert not path.exists()
