"""board.label_limits: an export's axis labels lose Vega's length limit only when no label
can reach it (then the drawing is the same); every case that could cut a label keeps it."""

from __future__ import annotations

import copy

import pytest
from board_fixtures import ROOT  # noqa: F401  (puts the project on sys.path)

from board import label_limits

pytest_plugins = ["board_fixtures"]

YEARS = {"field": "year_txt", "type": "ordinal", "scale": {"domain": ["2016", "2025"]}}
VALUE = {"field": "value", "type": "quantitative"}
CONFIG = {"axis": {"labelFontSize": 12}}


def chart(x: dict, y: dict = VALUE, rows=(), config=CONFIG) -> dict:
    return {"mark": "bar", "encoding": {"x": x, "y": y}, "data": {"name": "d"},
            "datasets": {"d": list(rows)}, "config": copy.deepcopy(config)}  # fmt: skip


LONG = "宁安县市场监督管理局综合行政执法大队第一中队"  # 22 characters: 264 px at 12 px


@pytest.mark.parametrize(
    ("what", "spec", "dropped"),
    [
        ("years and numbers", chart(YEARS), True),
        ("short names from the data", chart({"field": "agency", "type": "nominal"},
                                            rows=[{"agency": "兴江区科技局"}]), True),
        ("a constant (a zero line)", chart(YEARS, {"datum": 0}), True),
        ("no axis drawn", chart({"field": "agency", "type": "nominal", "axis": None},
                                rows=[{"agency": LONG}]), True),
        ("a long name with its own limit", chart(
            YEARS, {"field": "agency", "type": "nominal", "axis": {"labelLimit": 140}},
            rows=[{"agency": LONG}]), True),
        ("layers and facets", {"facet": {"field": "panel"}, "spec": {"layer": [
            {"mark": "bar", "encoding": {"x": YEARS, "y": VALUE}}]},
            "datasets": {}, "config": {}}, True),
        ("a long name", chart({"field": "agency", "type": "nominal"},
                              rows=[{"agency": LONG}]), False),
        ("a long name in the domain", chart({"field": "a", "type": "nominal",
                                             "scale": {"domain": [LONG]}}), False),
        ("a name not in the data", chart({"field": "agency", "type": "nominal"}), False),
        ("a labelExpr", chart({**YEARS, "axis": {"labelExpr": "datum.label + '年'"}}), False),
        ("a format of names", chart({**YEARS, "axis": {"format": "%Y"}}), False),
        ("a config labelExpr", chart(YEARS, config={"axisX": {"labelExpr": "'x'"}}), False),
        ("a constant text", chart(YEARS, {"datum": "文字"}), False),
        ("a bigger font", chart({"field": "a", "type": "nominal", "axis": {"labelFontSize": 30}},
                                rows=[{"a": "一二三四五六"}]), False),
        ("no limit already", chart(YEARS, config={"axis": {"labelLimit": 0}}), False),
    ],
)  # fmt: skip
def test_the_limit_goes_only_where_no_label_reaches_it(what, spec, dropped):
    before = copy.deepcopy(spec)
    assert label_limits.drop_if_unreachable(spec) is dropped, what
    if dropped:
        assert spec["config"]["axis"]["labelLimit"] == 0
        spec["config"]["axis"].pop("labelLimit")
        if not spec["config"]["axis"]:
            spec["config"].pop("axis")
        before.setdefault("config", {})
        before["config"] = {k: v for k, v in before["config"].items() if v}
        spec["config"] = {k: v for k, v in spec["config"].items() if v}
    assert spec == before, what  # nothing else changed


def legend_chart(names: list[str], legend: dict, config=None) -> dict:
    color = {"field": "agency", "type": "nominal", "scale": {"domain": names}, "legend": legend}
    return {"layer": [{"mark": "point", "encoding": {"x": YEARS, "color": copy.deepcopy(color)}},
                      {"mark": "line", "encoding": {"x": YEARS, "color": copy.deepcopy(color)}}],
            "config": config or {"legend": {"labelFontSize": 12}}}  # fmt: skip


@pytest.mark.parametrize(
    ("what", "spec", "dropped"),
    [
        ("short names, 200 px", legend_chart(["兴江区科技局"], {"labelLimit": 200}), 2),
        ("short names, Vega's 160 px", legend_chart(["有争议"], {}), 2),
        ("a long name", legend_chart(["兴江区科技局", LONG], {"labelLimit": 200}), 0),
        ("a bigger font", legend_chart(["一二三四五六七八九十"], {"labelFontSize": 24}), 0),
        ("a labelExpr", legend_chart(["有争议"], {"labelExpr": "datum.label"}), 0),
        ("a config format", legend_chart(["有争议"], {}, {"legend": {"format": "x"}}), 0),
        ("no limit already", legend_chart(["有争议"], {"labelLimit": 0}), 0),
    ],
)  # fmt: skip
def test_a_legend_loses_its_limit_only_where_no_name_reaches_it(what, spec, dropped):
    before = copy.deepcopy(spec)
    assert label_limits.drop_legend_limits(spec) == dropped, what
    for layer, old in zip(spec["layer"], before["layer"], strict=True):
        legend, was = layer["encoding"]["color"]["legend"], old["encoding"]["color"]["legend"]
        if dropped:
            assert legend.pop("labelLimit") == 0
            was.pop("labelLimit", None)
    assert spec == before, what  # nothing else changed


def test_every_exported_chart_kind_draws_the_same_svg_without_the_limits(bundled_wh,
                                                                          monkeypatch):  # fmt: skip
    """The charts themselves, as exported: vl-convert draws the same SVG with the limits
    dropped as with them (what the limits would have cut: nothing)."""
    import vl_convert as vlc

    from board import charts, export, model, reader

    wh = reader.Warehouse(bundled_wh)
    meta = wh.meta
    ag, y0, y1 = list(meta.agencies.index), min(meta.years), max(meta.years)
    years = list(range(y0, y1 + 1))
    data = model.enrich(wh.series(meta.headlines(), ag, y0, y1), meta, "zh")
    ser, fl = model.add_yoy(model.add_segments(data)), model.first_last(data)
    ap = model.enrich(wh.series(model.APPROVAL_IDS, ag, y0, y1), meta, "zh")
    items = ap[ap["indicator_id"].isin(["approval_items", "one_visit_items"])]
    made = [charts.trend(ser[ser["indicator_id"] == "inspections"], meta, years, "zh"),
            charts.trend(ser, meta, years, "zh"), charts.yoy(ser, meta, years, "zh"),
            charts.compare_bars(data, meta, years, "zh", "对比"),
            charts.first_last(fl, meta, "zh", "首末年"),
            charts.grouped_by_indicator(items, meta, years, "zh", "事项"),
            charts.before_after(model.days_long(ap, "zh"), meta, years, "zh", "时限")]  # fmt: skip
    specs = [export.export_spec(chart) for chart in made]
    monkeypatch.setattr(label_limits, "drop_if_unreachable", lambda spec: False)
    monkeypatch.setattr(label_limits, "drop_legend_limits", lambda spec: 0)
    for spec, chart in zip(specs, made, strict=True):
        assert spec["config"]["axis"]["labelLimit"] == 0  # every kind: no label reaches it
        limited = export.export_spec(chart)
        assert "labelLimit" not in limited["config"]["axis"]
        assert vlc.vegalite_to_svg(spec) == vlc.vegalite_to_svg(limited)
