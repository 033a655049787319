"""A slide's chart as a native PowerPoint chart (python-pptx), not a picture: the numbers
are inside the file (编辑数据 in PowerPoint and WPS opens them), a secretary can restyle it,
and LibreOffice draws it with the slide's fonts.

One line per agency over the years (a missing year is a gap, never 0), in the agency's
colour of the dashboard; a disputed value (board.disputes) gets a red ring, drawn as an
extra series named 有争议 that has a value only where a value is disputed, so the legend
says what the ring means, as on the dashboard's charts.
"""

from __future__ import annotations

import pandas as pd

from board import disputes

FONT_PT = 12


def table(data: pd.DataFrame, order: list[str]) -> tuple[list[str], list[tuple[str, str, list]]]:
    """(years as category labels, [(agency_id, agency name, values per year or None)]) of a
    slide's rows, agencies in `order` (registry order)."""
    years = list(range(int(data["year"].min()), int(data["year"].max()) + 1))
    out = []
    for aid in [a for a in order if a in set(data["agency_id"])]:
        g = data[data["agency_id"] == aid]
        by_year = {int(y): float(v) for y, v in zip(g["year"], g["value"], strict=True)}
        out.append((aid, str(g["agency"].iloc[0]), [by_year.get(y) for y in years]))
    return [str(y) for y in years], out


def disputed_values(data: pd.DataFrame, years: list[str]) -> list:
    """The 有争议 series: the disputed value of a year (the largest if several), else None."""
    d = disputes.rows(data)
    by_year: dict[str, float] = {}
    for y, v in zip(d["year"], d["value"], strict=True):
        by_year[str(int(y))] = max(float(v), by_year.get(str(int(y)), float("-inf")))
    return [by_year.get(y) for y in years]


def _rgb(hex_color: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_color.lstrip("#"))


def _east_asian(chart, typeface: str) -> None:
    """Name the East-Asian typeface beside the Latin one in every text property of the
    chart (tick labels, legend, axis title), so Chinese never falls back to a font without
    the glyphs."""
    from pptx.oxml.ns import qn

    for rpr in chart._chartSpace.iter(qn("a:defRPr"), qn("a:rPr")):
        latin = rpr.find(qn("a:latin"))
        if latin is None:
            continue
        for tag in ("a:ea", "a:cs"):
            old = rpr.find(qn(tag))
            if old is not None:
                rpr.remove(old)
        ea = latin.makeelement(qn("a:ea"), {"typeface": typeface})
        cs = latin.makeelement(qn("a:cs"), {"typeface": typeface})
        latin.addnext(ea)
        ea.addnext(cs)
        rpr.set("lang", "zh-CN")


def add(slide, data: pd.DataFrame, colors: dict[str, str], order: list[str], unit: str,
        box: tuple[int, int, int, int], *, latin: str, east_asian: str,
        dispute_label: str) -> object:  # fmt: skip
    """Draw the rows of one indicator as a native line chart in `box` (x, y, cx, cy, EMU)."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
    from pptx.util import Pt

    years, series = table(data, order)
    whole = all(float(v).is_integer() for v in data["value"])
    fmt = "0" if whole else "0.0"
    cd = CategoryChartData(number_format=fmt)
    cd.categories = years
    for _, name, values in series:
        cd.add_series(name, values, number_format=fmt)
    ring = disputed_values(data, years)
    has_ring = any(v is not None for v in ring)
    if has_ring:
        cd.add_series(dispute_label, ring, number_format=fmt)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, *box, cd)
    chart = frame.chart
    chart.has_title = False
    chart.font.size = Pt(FONT_PT)
    chart.font.name = latin
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    plot = chart.plots[0]
    for ser, (aid, _, _) in zip(plot.series, series, strict=False):
        color = _rgb(colors.get(aid, "#1f5fa8"))
        ser.smooth = False
        ser.format.line.color.rgb = color
        ser.format.line.width = Pt(2.5)
        ser.marker.style = XL_MARKER_STYLE.CIRCLE
        ser.marker.size = 7
        ser.marker.format.fill.solid()
        ser.marker.format.fill.fore_color.rgb = color
        ser.marker.format.line.color.rgb = color
    if has_ring:
        ser = plot.series[len(series)]
        ser.smooth = False
        ser.format.line.fill.background()  # no line: a ring where a value is disputed
        ser.marker.style = XL_MARKER_STYLE.CIRCLE
        ser.marker.size = 16
        # no fill inside a red line: a ring in PowerPoint and WPS; LibreOffice ignores a
        # marker's line and draws it as a red dot (a white fill would hide the point there)
        ser.marker.format.fill.background()
        ser.marker.format.line.color.rgb = _rgb(disputes.COLOR)
        ser.marker.format.line.width = Pt(2.5)
    va = chart.value_axis
    va.has_major_gridlines = True
    va.major_gridlines.format.line.color.rgb = _rgb("#DDDDDD")
    va.tick_labels.font.size = Pt(FONT_PT)
    va.tick_labels.number_format = fmt
    va.tick_labels.number_format_is_linked = False
    va.minimum_scale = 0
    va.has_title = True
    va.axis_title.text_frame.text = unit
    va.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(FONT_PT)
    va.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    va.axis_title.text_frame.paragraphs[0].runs[0].font.name = latin
    chart.category_axis.tick_labels.font.size = Pt(FONT_PT)
    _east_asian(chart, east_asian)
    return frame
