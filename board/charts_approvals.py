"""The approvals page's charts: approval items by year and agency, and time limits before
and after the cut. The shared parts are board.charts'; the pages call these as charts.X."""

from __future__ import annotations

import altair as alt
import pandas as pd

from board import i18n
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


def grouped_by_indicator(df: pd.DataFrame, meta: Meta, years: list[int], lang: str, head: str):
    """One panel per indicator (e.g. approval items, one-visit items): bars by year and agency."""
    df = _panel(df, meta, lang)
    col = bar_color(meta, df, lang)
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
    chart = (
        props(alt.layer(*_with_ring(ring, bars), data=df), width=320, height=200)
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
