"""审批提速 (pages/3_审批提速.py): items, one-visit items, time limits, % cut."""

from __future__ import annotations

import json

import duckdb
from board_fixtures import (
    assert_ok,
    chart_data,
    chart_head,
    chart_spec,
    chart_titles,
    chart_words,
    charts,
    open_page,
)

APPROVAL = ["approval_items", "one_visit_items", "approval_days_before", "approval_days_after",
            "approval_time_cut_pct"]  # fmt: skip

pytest_plugins = ["board_fixtures"]


def test_three_charts_and_a_table(app, bundled_wh):
    """The items are two panels (each its own chart, as wide as its column), the time
    limits and the cut a chart each; each titled, with its unit, above it."""
    at = open_page("approvals")
    assert_ok(at)
    approval, one_visit, days, cut = charts(at)
    assert chart_head(at, "ap_items").startswith("审批事项与“一次办好”事项（项）")
    assert chart_titles(chart_spec(approval)).strip() == "行政审批事项（项）"
    assert chart_titles(chart_spec(one_visit)).strip() == "一次办好事项（项）"
    assert set(chart_data(approval)["indicator_id"]) == {"approval_items"}
    assert set(chart_data(one_visit)["indicator_id"]) == {"one_visit_items"}
    d = chart_data(days)
    assert chart_words(at, days).startswith("办理时限：压缩前后（工作日）")
    assert set(d["which"]) == {"before", "after"}
    paired = d.dropna(subset=["before", "after"])
    assert (paired["before"] >= paired["after"]).all()
    assert chart_words(at, cut).startswith("办理时限压缩比例（%）")
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
    """The bars' dark outline (for a clicked bar) framed every legend swatch in black. On
    the page the agencies' colours are dots written under the panels (no Vega legend); the
    export, one chart of both panels, keeps swatches without a frame."""
    from board import app as board
    from board import model, queries, views

    at = open_page("approvals")
    for el in charts(at)[:2]:
        assert "symbolStrokeWidth" not in json.dumps(chart_spec(el))
    assert any("fz-legend" in str(e.proto.body) for e in at.get("html"))
    meta = board.load_meta()
    f = board.Filters(min(meta.years), max(meta.years), tuple(meta.agencies.index), True, "zh")
    rows = model.enrich(queries.series(["approval_items", "one_visit_items"], f), meta, "zh")
    exported = views.approvals_chart("ap_items", rows, meta, list(range(f.y0, f.y1 + 1)), "zh",
                                     ("事项", "时限"))  # fmt: skip
    legend = exported.to_dict()["spec"]["layer"][0]["encoding"]["color"]["legend"]
    assert legend["symbolStrokeWidth"] == 0
