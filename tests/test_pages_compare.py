"""对比 (pages/2_对比.py): the bureau beside its agencies across the five areas."""

from __future__ import annotations

import pandas as pd
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


def panels(at, prefix: str) -> dict:
    """The compare page's panels whose key starts with prefix, by indicator."""
    return {el.key.removeprefix(prefix): el for el in charts(at) if el.key.startswith(prefix)}


def bar_encoding(spec: dict) -> dict:
    """The encoding of a panel's bars (not of the dashed outline or the dispute ring)."""
    mark = lambda lay: lay.get("mark") if isinstance(lay.get("mark"), dict) else {}  # noqa: E731
    return next(lay["encoding"] for lay in spec["layer"]
                if mark(lay).get("type") == "bar" and not mark(lay).get("strokeDash"))  # fmt: skip


def test_small_multiples_across_the_five_areas(app):
    """Issue 13: each area is its own chart as wide as its column (the page's width, three
    to a row), named above it; one heading and one note line above them all."""
    at = open_page("compare")
    assert_ok(at)
    bars = panels(at, "cmp_bars_")
    assert set(bars) <= HEADLINES and len(bars) >= 4
    assert "2016–2025年各单位主要指标" in [h.value for h in at.subheader]
    titles = {i: chart_titles(chart_spec(el)).strip() for i, el in bars.items()}
    assert titles["inspections"] == "执法检查：执法检查次数（次）"
    assert titles["approval_time_cut_pct"] == "审批提速：办理时限压缩比例（%）"
    for el in bars.values():
        spec = chart_spec(el)
        assert "facet" not in spec and spec["autosize"]["type"] == "fit-x"
        assert set(chart_data(el)["indicator_id"]) <= HEADLINES
    # bars grouped by agency inside each year
    enc = bar_encoding(chart_spec(bars["inspections"]))
    assert enc["xOffset"]["field"] == "agency" and enc["x"]["field"] == "year_txt"
    assert enc["xOffset"]["sort"] == ["区科技局", "区知识产权局", "区地震局"]
    # counts get whole-number ticks, percentages keep the default axis
    assert enc["y"]["axis"]["tickMinStep"] == 1
    cut = bar_encoding(chart_spec(bars["approval_time_cut_pct"]))
    assert "tickMinStep" not in (cut["y"].get("axis") or {})


def test_a_bound_is_drawn_on_its_bar_not_as_a_floating_word(app):
    """Issue 13: '以上' floated above a 5-px bar; the bar of a bound value is outlined."""
    at = open_page("compare")
    spec = chart_spec(panels(at, "cmp_bars_")["trainings"])
    assert not [lay for lay in spec["layer"] if lay.get("mark", {}).get("type") == "text"]
    dashed = [lay for lay in spec["layer"] if lay.get("mark", {}).get("strokeDash")]
    assert dashed and dashed[0]["mark"]["type"] == "bar"
    assert any("虚线框" in c.value for c in at.caption)


def test_first_year_versus_last_year(app):
    """A range of years offers a second view, each agency's first year against its last,
    drawn only when chosen (one view at a time: ten charts at once were most of the page's
    time in the browser), from the same series as the bars."""
    at = open_page("compare", {"y0": "2017", "y1": "2023"})
    assert_ok(at)
    assert not panels(at, "cmp_fl_")
    full = pd.concat([chart_data(el) for el in panels(at, "cmp_bars_").values()])
    at.radio(key="w_compare_view").set_value("first_last").run()
    assert_ok(at)
    assert not panels(at, "cmp_bars_")
    assert "2017年与2023年对比" in [h.value for h in at.subheader]
    fl = panels(at, "cmp_fl_")
    assert len(fl) >= 4
    data = pd.concat([chart_data(el) for el in fl.values()])
    assert set(data["which"]) == {"first", "last"}
    for (iid, aid), g in data.groupby(["indicator_id", "agency_id"]):
        years = full[(full["indicator_id"] == iid) & (full["agency_id"] == aid)]["year"]
        assert set(g["year"]) == {years.min(), years.max()}
    table = at.dataframe[0].value
    assert list(table.columns) == ["领域", "指标", "单位", "首年", "末年", "变化", "数据类型"]
    assert len(table) == data.groupby(["indicator_id", "agency_id"]).ngroups
    # the view chosen is in the page's link, so a shared link opens on it
    assert at.query_params.get("view") == "first_last"


def test_a_shared_link_opens_on_its_view(app):
    at = open_page("compare", {"y0": "2017", "y1": "2023", "view": "first_last"})
    assert_ok(at)
    assert panels(at, "cmp_fl_") and not panels(at, "cmp_bars_")
    assert at.radio(key="w_compare_view").value == "first_last"


def test_one_year_has_no_first_last_view(app):
    at = open_page("compare", {"y0": "2018", "y1": "2018", "view": "first_last"})
    assert_ok(at)
    assert not panels(at, "cmp_fl_")
    assert not [r for r in at.radio if r.key == "w_compare_view"]
    bars = panels(at, "cmp_bars_")
    assert bars and "2018年各单位主要指标" in [h.value for h in at.subheader]
    assert all(set(chart_data(el)["year"]) == {2018} for el in bars.values())


def test_the_downloads_of_all_panels_are_made_only_when_asked_and_still_right(use_wh, bundled_wh):
    """Issue 16: the page no longer builds the one chart of all panels (the download's) on
    every run; the file is named as before, and made from that chart when it is asked for."""
    from board import app as board_app
    from board import charts as board_charts
    from board import export, export_ui, model, queries

    use_wh(bundled_wh)
    meta = board_app.load_meta()
    f = board_app.Filters(2016, 2025, tuple(meta.agencies.index), True, "zh")
    data = model.enrich(queries.series(meta.headlines(), f), meta, "zh")
    years = list(range(2016, 2026))
    whole = board_charts.compare_bars(data, meta, years, "zh", "2016–2025年各单位主要指标")
    stub = board_charts.panels_name_spec(data, meta, "zh", "2016–2025年各单位主要指标")
    assert export.content_name(stub, data) == export.content_name(whole, data)
    assert export.content_name(stub, data).endswith("_2016-2025")
    fl = model.first_last(data)
    dots = board_charts.first_last(fl, meta, "zh", "首年与末年")
    assert export.content_name(board_charts.panels_name_spec(fl, meta, "zh", "首年与末年"), fl) == (
        export.content_name(dots, fl)
    )
    # every download menu names its file from the chart's title and panels, not its spec
    panel = board_charts.compare_panel(
        data[data["indicator_id"] == "inspections"], meta, years, "zh"
    )
    trend = board_charts.trend(model.add_segments(data), meta, years, "zh")
    for c, d in ((whole, data), (dots, fl), (panel, data), (trend, data)):
        assert export.content_name(export_ui.name_spec(c), d) == export.content_name(c, d)
    # the file made from the function is the one made from the chart itself
    lazy = lambda: board_charts.compare_bars(data, meta, years, "zh", "t")  # noqa: E731
    chart = board_charts.compare_bars(data, meta, years, "zh", "t")
    for fmt in ("csv", "svg"):
        eager = export_ui._maker(fmt, chart, data, "来源：测试", "zh", "t")()
        assert export_ui._maker(fmt, lazy, data, "来源：测试", "zh", "t")() == eager
    assert export_ui._maker("png", lazy, data, "来源：测试", "zh", "t")().startswith(b"\x89PNG")
