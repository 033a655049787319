"""数据质量 (pages/7_数据质量.py): missing years, disagreeing sources with both sentences,
reports dated by their folder, indicators never found."""

from __future__ import annotations

import pytest
from board_fixtures import ROOT, TIMEOUT, assert_ok, texts
from test_build import make_corpus, write

from etl.build import build

pytest_plugins = ["board_fixtures"]


@pytest.fixture
def page(tmp_path, monkeypatch):
    data = make_corpus(tmp_path)
    write(data / "reports/2019/区地震局法治政府建设情况报告.txt",
          "区地震局法治政府建设情况报告\n\n我局全年开展执法检查4次。\n")  # fmt: skip
    db = tmp_path / "w.duckdb"
    s = build(data, db, workers=1)
    assert not s.rejected, s.rejected
    monkeypatch.setenv("FAZHI_WAREHOUSE", str(db))
    monkeypatch.setenv("FAZHI_DATA", str(data))
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.query_params["y0"], at.query_params["y1"] = "2018", "2019"
    at.switch_page("pages/7_数据质量.py")
    return at.run()


def frame(at, header: str):
    for df in (d.value for d in at.dataframe):
        if header in df.columns:
            return df
    raise AssertionError(f"no table with {header}")


def test_the_page_renders_every_section(page):
    at = page
    assert_ok(at)
    assert at.title[0].value == "数据质量"
    body = texts(at)
    for head in (
        "缺少年份的指标",
        "来源不一致",
        "单位或年度不是取自标题的报告",
        "从未找到数值的指标",
    ):
        assert head in body

    conf = frame(at, "另一来源原文")
    row = conf[conf["指标"] == "执法检查次数"].iloc[0]
    assert (row["显示的数值"], row["另一数值"]) == ("16", "15")
    assert "开展执法检查15次" in row["另一来源原文"]
    assert "16" in row["依据"]

    miss = frame(at, "缺少的年份")
    assert "2019年" in set(miss["缺少的年份"])  # found in 2018, not in 2019

    dated = frame(at, "年度来源")
    assert list(dated["文件"]) == ["reports/2019/区地震局法治政府建设情况报告.txt"]
    assert list(dated["年度来源"]) == ["文件夹名"]


def test_missing_years_read_as_runs_not_a_cut_off_list():
    """Issue 13: '2016、2017、…、2' was cut off in its cell; runs of years stay short."""
    import pandas as pd
    from test_board_model import meta

    from board import quality

    df = pd.DataFrame({"agency_id": ["zc_kjj"], "indicator_id": ["inspections"],
                       "missing": ["2016、2017、2018、2019、2020、2022"], "n_missing": [6]})  # fmt: skip
    got = quality.missing(df, meta(), "zh")
    assert got.iloc[0, 2] == "2016–2020年、2022年"
