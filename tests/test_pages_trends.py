"""趋势 (pages/1_趋势.py) on the bundled data: indicators, values or change, table, gaps."""

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
    widget,
)

pytest_plugins = ["board_fixtures"]


def one_chart(at):
    els = charts(at)
    assert len(els) == 1
    return chart_spec(els[0]), chart_data(els[0])


def words(at) -> str:
    """The trend chart's title and notes (written above it by the page)."""
    return chart_words(at, charts(at)[0])


def test_default_is_inspections_as_values(app):
    at = open_page("trends")
    assert_ok(at)
    assert widget(at, "w_trends_ind").value == ["inspections"]
    assert widget(at, "w_trends_mode").value == "value"
    spec, data = one_chart(at)
    assert set(data["indicator_id"]) == {"inspections"}
    assert words(at).startswith("执法检查次数（次）")
    assert at.query_params["ind"] == "inspections" and at.query_params["mode"] == "value"


def test_choosing_indicators_changes_the_chart(app):
    """Several indicators: a chart each (a facet had a fixed width, wider than a phone),
    one under the other, each named with its unit above it, its own y scale; the notes of
    all once above them."""
    at = open_page("trends")
    widget(at, "w_trends_ind").set_value(["inspections", "cases", "trainings"]).run()
    assert_ok(at)
    els = charts(at)
    assert [el.key for el in els] == [f"trend_value_{i}" for i in ("inspections", "cases",
                                                                    "trainings")]  # fmt: skip
    assert "单位见各分图" in chart_head(at, "trend_value")
    # each panel's title names its unit
    heads = [chart_titles(chart_spec(el)).strip() for el in els]
    assert heads == ["执法检查次数（次）", "执法案件（件）", "学法培训次数（次）"]
    for el, i in zip(els, ("inspections", "cases", "trainings"), strict=True):
        assert set(chart_data(el)["indicator_id"]) == {i}
    assert at.query_params["ind"] == "inspections,cases,trainings"


def test_year_over_year_mode(app):
    at = open_page("trends")
    _, values = one_chart(at)  # the values chart: the values the changes are of
    value = {(r.agency_id, r.year): r.value for r in values.itertuples()}
    widget(at, "w_trends_mode").set_value("yoy").run()
    assert_ok(at)
    spec, data = one_chart(at)
    assert "同比变化（%）" in words(at)
    assert data["yoy_pct"].notna().all()  # only years with a year before are drawn
    assert len(data)
    for r in data.itertuples():  # (the chart is sent the columns it reads, not value/prev)
        now, prev = value[(r.agency_id, r.year)], value[(r.agency_id, r.year - 1)]
        assert abs(r.yoy_pct - (now - prev) / prev * 100) < 1e-6
        assert r.yoy_txt == f"{r.yoy_pct:+.1f}%"


def test_url_opens_indicators_and_mode(app):
    at = open_page("trends", {"ind": "cases,trainings", "mode": "yoy", "ag": "zc_kjj"})
    assert_ok(at)
    assert widget(at, "w_trends_ind").value == ["cases", "trainings"]
    assert widget(at, "w_trends_mode").value == "yoy"
    for el in charts(at):  # a chart per indicator
        data = chart_data(el)
        assert set(data["indicator_id"]) <= {"cases", "trainings"}
        assert set(data["agency_id"]) == {"zc_kjj"}


def test_unknown_url_values_fall_back(app):
    at = open_page("trends", {"ind": "nonsense", "mode": "???", "y0": "1900", "ag": "nobody"})
    assert_ok(at)
    assert widget(at, "w_trends_ind").value == ["inspections"]
    assert widget(at, "w_trends_mode").value == "value"
    assert widget(at, "w_agencies").value == ["zc_kjj", "zc_zscqj", "zc_dzj"]


def test_missing_years_are_gaps_not_zeros(app, bundled_wh):
    at = open_page("trends", {"ind": "inspections"})
    _, data = one_chart(at)
    # every line segment is a run of consecutive years
    for _, g in data.groupby("seg"):
        ys = sorted(g["year"])
        assert ys == list(range(ys[0], ys[-1] + 1))
    # a missing year is not drawn as a point at all
    con = duckdb.connect(str(bundled_wh), read_only=True)
    have = set(con.execute("SELECT agency_id, year FROM resolved WHERE indicator_id = "
                           "'inspections'").fetchall())  # fmt: skip
    con.close()
    assert set(zip(data["agency_id"], data["year"], strict=True)) == have
    # the table view shows the same numbers, '—' where a year is missing
    table = at.dataframe[0].value
    assert list(table.columns[:2]) == ["指标", "单位"]
    n_values = sum((table[c] != "—").sum() for c in table.columns[2:])
    assert n_values == len(data)
    assert (table[[str(y) for y in range(2016, 2026)]] == "—").any().any()


def test_bounds_and_unverified_are_marked(app):
    at = open_page("trends", {"ind": "trainings", "ag": "zc_kjj"})
    spec, data = one_chart(at)
    bound = data[data["bound"] != ""]  # (the chart is sent bound and label, not qualifier)
    assert len(bound), "the demo corpus has 10次以上 for trainings"
    assert all(lbl.endswith("以上") for lbl in bound["label"])
    assert set(bound["bound"]) == {"以上"}
    assert "“以上/约”为报告中的约数" in words(at)
    assert "空心点为未核实数值" in words(at)
    fills = [layer["encoding"].get("fill") for layer in spec["layer"]]
    assert any(f and f.get("condition", {}).get("test") == "datum.unverified" for f in fills)
    table = at.dataframe[0].value
    assert table.astype(str).apply(lambda c: c.str.contains("以上")).any().any()


def test_clicking_a_point_is_wired_to_the_sources(app):
    at = open_page("trends")
    spec, _ = one_chart(at)
    params = [p for layer in spec["layer"] for p in layer.get("params", [])] + spec.get(
        "params", []
    )
    pick = [p for p in params if p["name"] == "pick"]
    assert pick and pick[0]["select"]["fields"] == ["agency_id", "year", "indicator_id"]
    el = charts(at)[0]
    assert list(el.proto.selection_mode) == ["pick"]
    assert "点击图中的点" in "\n".join(c.value for c in at.caption)


def test_the_yoy_legend_swatches_have_no_black_frame(app):
    """The bars' dark outline (for a clicked bar) framed every legend swatch in black. On
    the page the agencies' colours are now dots written under the chart (no Vega legend,
    which cut the last name on a phone); the export's legend keeps swatches without a frame."""
    from board import app as board
    from board import model, queries, views

    at = open_page("trends", {"mode": "yoy"})
    spec = json.dumps(chart_spec(charts(at)[0]))
    assert '"legend": null' in spec and '"symbolStrokeWidth": 0' not in spec
    assert any("fz-legend" in str(e.proto.body) for e in at.get("html"))
    meta = board.load_meta()
    f = board.Filters(min(meta.years), max(meta.years), tuple(meta.agencies.index), True, "zh")
    data = model.add_yoy(model.add_segments(model.enrich(queries.series(["inspections"], f),
                                                         meta, "zh")))  # fmt: skip
    exported = views.trend_chart(data, "yoy", meta, list(range(f.y0, f.y1 + 1)), "zh")
    assert '"symbolStrokeWidth": 0' in json.dumps(exported.to_dict(), ensure_ascii=False)
