"""Issue 13, points 1, 4 and 5 in the exported files: a disputed value (the 2021 inspections
of 区科技局: table 15, report 13) is marked in CSV/XLSX and footnoted in images; demo data
puts a banner on every image and a warning in the workbook; a chart of several indicators
exports as a 16:9 picture named after what it shows."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from pypdf import PdfReader

from board import charts, disputes, export, model

pytest_plugins = ["board_fixtures"]


@pytest.fixture(scope="module")
def wh(bundled_wh):
    from board import reader

    return reader.Warehouse(bundled_wh)


def chart_of(wh, ids, demo=True):
    ag = list(wh.meta.agencies.index)
    df = wh.series(ids, ag, min(wh.meta.years), max(wh.meta.years), demo)
    data = model.add_yoy(model.add_segments(model.enrich(df, wh.meta, "zh")))
    years = list(range(int(df["year"].min()), int(df["year"].max()) + 1))
    return charts.trend(data, wh.meta, years, "zh"), data, model.sources_footnote(data, "zh")


@pytest.fixture(scope="module")
def inspections(wh):
    return chart_of(wh, ["inspections"])


def test_the_query_layer_marks_the_one_conflict(inspections):
    _, data, _ = inspections
    d = disputes.rows(data)
    assert [(r.agency_id, r.year, r.value) for r in d.itertuples()] == [("zc_kjj", 2021, 15.0)]
    assert d["dispute_note"].iloc[0] == "来源不一致：15次取自统计表，另有来源为13次"
    assert (data.loc[~data["disputed"], "dispute_note"] == "").all()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_numbers_carry_a_disputed_column_and_why(inspections, fmt):
    chart, data, src = inspections
    raw = export.export(chart, data, fmt, sources=src)
    if fmt == "csv":
        df = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False)
    else:
        df = pd.read_excel(io.BytesIO(raw), sheet_name="数据", keep_default_na=False)
    assert "有争议" in df.columns and "争议说明" in df.columns
    marked = df[df["有争议"] == "是"]
    assert marked[["单位", "年份", "数值"]].values.tolist() == [["区科技局", 2021, 15]]
    assert "另有来源为13次" in marked["争议说明"].iloc[0]
    assert (df.loc[df["有争议"] != "是", "争议说明"] == "").all()
    assert set(df["数据类型"]) >= {"演示数据"}  # each demo row says so


def test_the_workbook_warns_of_demo_data_and_names_the_dispute(inspections):
    from openpyxl import load_workbook

    chart, data, src = inspections
    wb = load_workbook(io.BytesIO(export.export(chart, data, "xlsx", sources=src)))
    notes = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True)}
    assert list(notes)[0] == "注意" and notes["注意"].startswith("演示数据")
    assert notes["有争议"].startswith("有争议：区科技局2021年执法检查次数15次")
    ws = wb["数据"]
    head = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[head.index("有争议")].value == "是")
    assert row[0].fill.fgColor.rgb.endswith("FDE2E1")  # tinted, as the chart rings it


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png"])
def test_images_carry_the_demo_banner_and_the_dispute_footnote(inspections, fmt):
    chart, data, src = inspections
    foot = export.footnote(src, data=data)
    svg = export.chart_svg(chart, foot, export.banner(data))
    # the PNG and PDF are drawn from this very SVG (export.svg_to)
    assert '<g class="demo-banner">' in svg and "演示数据：本图含虚构的演示数字" in svg
    assert re.search(r'<g class="footnote">.*有争议：区科技局2021年执法检查次数15次', svg)
    out = export.export(chart, data, fmt, sources=src)
    if fmt == "pdf":
        text = PdfReader(io.BytesIO(out)).pages[0].extract_text().replace("\n", "")
        assert "演示数据" in text and "有争议：区科技局2021年执法检查次数15次" in text
    elif fmt == "svg":
        assert "有争议：" in out.decode() and "演示数据：" in out.decode()
    else:
        assert out[:4] == b"\x89PNG"


def test_the_chart_rings_the_disputed_point_with_a_legend_entry(inspections):
    chart, _, _ = inspections
    spec = chart.to_dict()
    ring = next(v for v in spec["layer"] if v.get("name") == "disputed")
    assert {"filter": "datum.disputed"} in ring["transform"]
    assert ring["encoding"]["shape"]["scale"]["domain"] == ["有争议"]
    assert ring["mark"]["color"] == disputes.COLOR
    assert "红圈为有争议的数值" in "".join(spec["title"]["subtitle"])
    # the tooltip says why on that point only
    tip = spec["layer"][2]["mark"]["tooltip"]["expr"]
    assert '"有争议": datum.disputed ? datum.dispute_note' in tip


def test_real_data_only_has_no_banner_and_no_ring(wh):
    chart, data, src = chart_of(wh, ["inspections"], demo=False)
    assert export.banner(data) is None
    assert not any(v.get("name") == "disputed" for v in chart.to_dict()["layer"])
    assert "有争议" not in export.footnote(src, data=data)


def test_several_indicators_export_as_a_16_9_picture_named_after_them(wh):
    from PIL import Image

    chart, data, src = chart_of(wh, ["inspections", "cases"])
    png = export.export(chart, data, "png", sources=src)
    with Image.open(io.BytesIO(png)) as im:
        w, h = im.size
    assert abs(w / h - 16 / 9) < 0.01, (w, h)
    name = export.file_name(export.content_name(chart, data), "png")
    assert name == "执法检查次数、执法案件_2016-2025.png"
    # one indicator: named by the chart's title, as before
    one, d1, _ = chart_of(wh, ["inspections"])
    assert export.content_name(one, d1) == "执法检查次数（次）"


def test_the_trends_table_marks_the_disputed_cell_and_says_why(wh, inspections):
    _, data, _ = inspections
    t = model.wide_table(data, wh.meta, list(range(2016, 2026)), "zh")
    row = t[t["单位"] == "区科技局"].iloc[0]
    assert row["2021"].startswith("15次⚠") and "⚠" not in row["2020"]
    assert "⚠ 有争议：区科技局2021年执法检查次数15次" in model.table_note(data, "zh")
