"""对比 (pages/2_对比.py): the bureau beside its agencies across the five areas."""

from __future__ import annotations

from board_fixtures import (
    assert_ok,
    chart_data,
    chart_spec,
    chart_titles,
    charts,
    open_page,
)

HEADLINES = {"inspections", "cases", "trainings", "disclosures_proactive", "approval_time_cut_pct"}

pytest_plugins = ["board_fixtures"]


def test_small_multiples_across_the_five_areas(app):
    at = open_page("compare")
    assert_ok(at)
    bars, fl = charts(at)
    spec, data = chart_spec(bars), chart_data(bars)
    assert chart_titles(spec).startswith("2016–2025年各单位主要指标")
    assert set(data["indicator_id"]) <= HEADLINES and len(set(data["indicator_id"])) >= 4
    assert spec["facet"]["field"] == "panel" and spec["columns"] == 3
    panels = set(data["panel"])
    assert "执法检查：执法检查次数（次）" in panels
    assert "审批提速：办理时限压缩比例（%）" in panels
    # bars grouped by agency inside each year
    enc = spec["spec"]["layer"][0]["encoding"]
    assert enc["xOffset"]["field"] == "agency" and enc["x"]["field"] == "year_txt"
    assert enc["xOffset"]["sort"] == ["区科技局", "区知识产权局", "区地震局"]


def test_first_year_versus_last_year(app):
    at = open_page("compare", {"y0": "2017", "y1": "2023"})
    assert_ok(at)
    bars, fl = charts(at)
    data = chart_data(fl)
    assert set(data["which"]) == {"first", "last"}
    full = chart_data(bars)
    for (iid, aid), g in data.groupby(["indicator_id", "agency_id"]):
        years = full[(full["indicator_id"] == iid) & (full["agency_id"] == aid)]["year"]
        assert set(g["year"]) == {years.min(), years.max()}
    table = at.dataframe[0].value
    assert list(table.columns) == ["领域", "指标", "单位", "首年", "末年", "变化", "数据类型"]
    assert len(table) == data.groupby(["indicator_id", "agency_id"]).ngroups


def test_one_year_has_no_first_last_view(app):
    at = open_page("compare", {"y0": "2018", "y1": "2018"})
    assert_ok(at)
    els = charts(at)
    assert len(els) == 1
    assert chart_titles(chart_spec(els[0])).startswith("2018年各单位主要指标")
    assert set(chart_data(els[0])["year"]) == {2018}
