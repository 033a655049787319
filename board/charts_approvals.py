"""The approvals page's charts: approval items by year and agency, and time limits before
and after the cut. The shared parts are board.charts'; the pages call these as charts.X."""

from __future__ import annotations

import altair as alt
import pandas as pd

from board import i18n
from board.chart_words import note_lines
from board.charts import (  # the shared parts of every chart
    DEMO_OPACITY,
    Y_AXIS,
    _panel,
    _panel_order,
    _pick,
    _with_ring,
    bar_color,
    color,
    count_axis,
    disputed_ring,
    finish,
    notes,
    props,
    tip,
    title,
    when,
    year_axis,
)
from board.model import Meta


def _items_layer(df: pd.DataFrame, meta: Meta, years: list[int], lang: str, *,
                 legend: bool = True):  # fmt: skip
    """Bars by year and agency (df: with its panel names, `_panel`): the layer of a panel."""
    col = bar_color(meta, df, lang, legend=legend)
    sel = _pick()
    order = meta.agency_order(df["agency_id"].unique(), lang)
    bars = alt.Chart().mark_bar(tooltip=tip(lang)).encode(
        x=year_axis(years, lang), xOffset=alt.XOffset("agency:N", sort=order),
        y=alt.Y("value:Q", title=None, axis=count_axis(df)), color=col,
        opacity=when(alt.OpacityValue, alt.datum.is_demo, alt.value(DEMO_OPACITY), alt.value(1.0)),
        stroke=alt.StrokeValue("#111"),
        strokeWidth=when(alt.StrokeWidthValue, sel, alt.value(2.5), alt.value(0), empty=False),
    ).add_params(sel)  # fmt: skip
    ring = disputed_ring(df, lang, size=160, x=year_axis(years, lang),
                         xOffset=alt.XOffset("agency:N", sort=order), y=alt.Y("value:Q"))  # fmt: skip
    return alt.layer(*_with_ring(ring, bars), data=df)


def grouped_by_indicator(df: pd.DataFrame, meta: Meta, years: list[int], lang: str, head: str):
    """One panel per indicator (e.g. approval items, one-visit items): bars by year and
    agency (one chart: the export; the page draws each panel on its own, `items_panel`,
    sized to the page)."""
    df = _panel(df, meta, lang)
    chart = (
        props(_items_layer(df, meta, years, lang), width=320, height=200)
        .facet(
            column=alt.Column(
                "panel:N",
                sort=_panel_order(df, meta),
                title=None,
                header=alt.Header(labelAngle=0, labelAnchor="start", labelFontWeight="bold"),
            ),  # fmt: skip
            title=title(head, notes(df, lang, hollow=False)),
        )
        .resolve_scale(y="independent")
    )
    return finish(chart)


def items_panel(df: pd.DataFrame, meta: Meta, years: list[int], lang: str):
    """One indicator of `grouped_by_indicator` (df: its rows) as a chart as wide as its
    column, named above it ('行政审批事项（项）'): a fixed-width facet of two was about 720 px,
    twice a phone's width. The title and notes of the two go above them once
    (`items_notes`), their legend under them (board.panels)."""
    df = _panel(df, meta, lang)
    t = title(str(df["panel"].iloc[0]) if len(df) else "", size=14)
    t.limit = 2000  # the theme Streamlit applies would limit it to the plot's width
    layer = _items_layer(df, meta, years, lang, legend=False)
    return finish(props(layer, title=t, height=200), fit=True)


def items_notes(df: pd.DataFrame, lang: str) -> list[str]:
    """The notes of `grouped_by_indicator`'s subtitle, as lines (for the page's head)."""
    return note_lines(notes(df, lang, hollow=False))


def before_after(df: pd.DataFrame, meta: Meta, years: list[int], lang: str, head: str):
    """Time limits before (hollow) and after (filled) the cut, joined, per agency and year."""
    col = color(meta, df, lang)
    order = meta.agency_order(df["agency_id"].unique(), lang)
    x = year_axis(years, lang)
    xo = alt.XOffset("agency:N", sort=order)
    ytitle = meta.unit("approval_days_after", lang)
    y = alt.Y("days:Q", title=ytitle, axis=Y_AXIS)
    rule = (
        alt.Chart()
        .mark_rule(strokeWidth=3, opacity=0.5)
        .encode(x=x, xOffset=xo, y=alt.Y("before:Q", title=ytitle), y2=alt.Y2("after:Q"), color=col)
    )
    sel = _pick()
    pts = alt.Chart().mark_point(
        size=90, strokeWidth=2.5, tooltip=tip(lang, [("which_txt", i18n.t("ap_kind", lang))])
    ).encode(
        x=x, xOffset=xo, y=y, color=col,
        fill=alt.condition(alt.datum.which == "before", alt.value("white"), col),
        opacity=when(alt.OpacityValue, alt.datum.is_demo, alt.value(DEMO_OPACITY + 0.15), alt.value(1.0)),
    ).add_params(sel)  # fmt: skip
    sub = notes(df, lang, hollow=False)
    sub.append("空心：压缩前；实心：压缩后" if lang == "zh" else "hollow: before; filled: after")
    ring = disputed_ring(df, lang, x=x, xOffset=xo, y=y)
    return finish(
        props(alt.layer(*_with_ring(ring, rule, pts), data=df), title=title(head, sub), height=260),
        fit=True,
    )
