"""审批提速 (pages/3_审批提速.py): items, one-visit items, time limits, % cut."""

from __future__ import annotations

import duckdb
from board_fixtures import (
    assert_ok,
    chart_data,
    chart_spec,
    chart_titles,
    charts,
    open_page,
)

APPROVAL = ["approval_items", "one_visit_items", "approval_days_before", "approval_days_after",
            "approval_time_cut_pct"]  # fmt: skip

pytest_plugins = ["board_fixtures"]


def test_three_charts_and_a_table(app, bundled_wh):
    at = open_page("approvals")
    assert_ok(at)
    items, days, cut = charts(at)
    assert chart_titles(chart_spec(items)).startswith("审批事项与“一次办好”事项（项）")
    assert set(chart_data(items)["indicator_id"]) == {"approval_items", "one_visit_items"}
    d = chart_data(days)
    assert chart_titles(chart_spec(days)).startswith("办理时限：压缩前后（工作日）")
    assert set(d["which"]) == {"before", "after"}
    paired = d.dropna(subset=["before", "after"])
    assert (paired["before"] >= paired["after"]).all()
    assert chart_titles(chart_spec(cut)).startswith("办理时限压缩比例（%）")
    assert set(chart_data(cut)["indicator_id"]) == {"approval_time_cut_pct"}

    table = at.dataframe[0].value
    assert list(table.columns) == ["单位", "年份", "行政审批事项", "一次办好事项", "压缩前办理时限",
                                   "压缩后办理时限", "办理时限压缩比例", "数据类型"]  # fmt: skip
    con = duckdb.connect(str(bundled_wh), read_only=True)
    (n,) = con.execute("SELECT count(DISTINCT (agency_id, year)) FROM resolved WHERE indicator_id"
                       " IN (SELECT unnest(?::VARCHAR[]))", [APPROVAL]).fetchone()  # fmt: skip
    con.close()
    assert len(table) == n
    # the real 2018 report: the earthquake bureau's 2 approval items
    real = open_page("approvals", {"demo": "0"}).dataframe[0].value
    row = real[(real["单位"] == "区地震局") & (real["年份"] == "2018")].iloc[0]
    assert row["行政审批事项"] == "2项"


def test_agency_filter(app):
    at = open_page("approvals", {"ag": "zc_dzj"})
    assert_ok(at)
    for el in charts(at):
        assert set(chart_data(el)["agency_id"]) == {"zc_dzj"}
    assert set(at.dataframe[0].value["单位"]) == {"区地震局"}


def test_the_legend_swatches_have_no_black_frame(app):
    """The bars' dark outline (for a clicked bar) framed every legend swatch in black."""
    at = open_page("approvals")
    spec = chart_spec(charts(at)[0])
    legend = spec["spec"]["layer"][0]["encoding"]["color"]["legend"]
    assert legend["symbolStrokeWidth"] == 0
