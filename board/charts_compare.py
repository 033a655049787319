"""The comparison page's charts: headline indicators by agency over the years chosen, and
each agency's first and last year. The shared parts (colours, rings, tooltips) are
board.charts'; the pages call these as charts.X."""

from __future__ import annotations

import altair as alt
import pandas as pd

from board import i18n
from board.charts import (  # the shared parts of every chart
    DEMO_OPACITY,
    PANEL_W,
    _panel_order,
    _pick,
    _with_ring,
    color,
    count_axis,
    disputed_ring,
    finish,
    grouped_bars,
    notes,
    props,
    tip,
    title,
    when,
    year_axis,
)
from board.model import Meta


def _area_panels(df: pd.DataFrame, meta: Meta, lang: str) -> pd.DataFrame:
    df = df.copy()
    df["panel"] = [
        i18n.t(
            "cmp_panel",
            lang,
            area=meta.area(meta.area_of(i), lang),
            name=meta.ind(i, lang),
            unit=meta.unit(i, lang),
        )  # fmt: skip
        for i in df["indicator_id"]
    ]
    return df


def _compare_layer(df: pd.DataFrame, meta: Meta, years: list[int], lang: str, *,
                   legend: bool = True):  # fmt: skip
    """Bars per year grouped by agency (one area): the layer of a compare panel, and its
    subtitle lines. A value the report gives as a bound (10次以上) keeps its bar, outlined
    with a dashed line (a text above a 5-px bar floats free of it: issue 13)."""
    y = alt.Y("value:Q", title=None, axis=count_axis(df))
    bars, xo = grouped_bars(df, meta, years, lang, y, tip(lang), stroke="#111", legend=legend)
    bound = (
        alt.Chart()
        .mark_bar(fillOpacity=0, stroke="#222", strokeWidth=1.2, strokeDash=[3, 2])
        .encode(x=year_axis(years, lang), xOffset=xo, y=y)
        .transform_filter("datum.bound && datum.bound != ''")
    )
    ring = disputed_ring(
        df, lang, size=160, x=year_axis(years, lang), y=alt.Y("value:Q"), xOffset=xo
    )
    return alt.layer(*_with_ring(ring, bars, bound), data=df), compare_notes(df, lang)


def compare_notes(df: pd.DataFrame, lang: str) -> list[str]:
    """The comparison's notes (demo, bounds drawn dashed, ...): its subtitle, or the one
    caption above the panels on the page."""
    mark = i18n.t("bound_mark", lang)
    dashed = "（虚线框）" if lang == "zh" else " (dashed)"
    return [x + dashed if x == mark else x for x in notes(df, lang, hollow=False)]


def compare_bars(df: pd.DataFrame, meta: Meta, years: list[int], lang: str, head: str):
    """Small multiples, one per area: bars per year, grouped by agency (one chart: the
    export; the page draws each panel on its own, `compare_panel`, sized to the page)."""
    df = _area_panels(df, meta, lang)
    layer, sub = _compare_layer(df, meta, years, lang)
    layer = props(layer, width=PANEL_W, height=180)
    # each panel draws its own year axis: a shared one is drawn under the last row's
    # columns, so with five panels three to a row it would stand under the empty sixth cell
    panels = _one_panel_per_area(layer, df, meta, title(head, sub))
    return finish(panels.resolve_scale(y="independent").resolve_axis(x="independent"))


def panels_name_spec(df: pd.DataFrame, meta: Meta, lang: str, head: str) -> dict:
    """What a file of `compare_bars` or `first_last` is named after (export.content_name:
    the title and the panels' order), without making the chart: the page makes those only
    when a download is asked for."""
    return {"title": {"text": head},
            "facet": {"sort": _panel_order(_area_panels(df, meta, lang), meta)}}  # fmt: skip


def compare_panel(df: pd.DataFrame, meta: Meta, years: list[int], lang: str, *,
                  legend: bool = False):  # fmt: skip
    """One area of the comparison (df: one indicator) as a chart as wide as its column,
    named above it ('执法检查：执法检查次数（次）'); the notes go once above all panels
    (compare_notes), so a phone-wide panel has no line wider than itself."""
    df = _area_panels(df, meta, lang)
    layer, _ = _compare_layer(df, meta, years, lang, legend=legend)
    return finish(props(layer, title=_panel_title(df), height=180), fit=True)


def _panel_title(df: pd.DataFrame) -> alt.TitleParams:
    """A panel's name above it, never cut short ('审批提速：办理时限压缩比例（…'): the theme
    Streamlit applies limits a title to the plot's width, narrower than the chart. An English
    name is about twice as wide ('Disclosure: Items proactively disclosed (items)' ran past
    a third of the page): the area on one line, the indicator under it."""
    head = str(df["panel"].iloc[0]) if len(df) else ""
    area, sep, rest = head.partition(": ")  # the English cmp_panel; the Chinese has '：'
    t = title([area + ":", rest] if sep else head, size=14)
    t.limit = 2000
    return t


def first_last(df: pd.DataFrame, meta: Meta, lang: str, head: str):
    """Per area: each agency's first year (hollow) and last year (filled) joined by a line."""
    layer, df, sub = _first_last_layer(df, meta, lang)
    layer = props(layer, width=PANEL_W, height=alt.Step(44))
    return finish(
        _one_panel_per_area(layer, df, meta, title(head, sub)).resolve_scale(x="independent")
    )


def first_last_panel(df: pd.DataFrame, meta: Meta, lang: str):
    """One area of `first_last` (df: one indicator) as wide as its column, named above it;
    its notes go once above the panels (`first_last_notes`)."""
    layer, df, _ = _first_last_layer(df, meta, lang, legend=False)
    return finish(props(layer, title=_panel_title(df), height=alt.Step(44)), fit=True)


def first_last_notes(df: pd.DataFrame, lang: str) -> list[str]:
    sub = notes(df, lang, hollow=False)
    sub.append(
        "空心：首年；实心：末年" if lang == "zh" else "hollow: first year; filled: last year"
    )
    return sub


def _first_last_layer(df: pd.DataFrame, meta: Meta, lang: str, *, legend: bool = True):
    """The layer of first_last, the rows it draws and its notes."""
    df = _area_panels(df, meta, lang)
    df["v_first"], df["v_last"] = _ends(df)
    df["v_last"] = df["v_last"].fillna(df["v_first"])
    df["which_txt"] = [f"{y}年" if lang == "zh" else str(y) for y in df["year"]]
    order = meta.agency_order(df["agency_id"].unique(), lang)
    col = color(meta, df, lang, legend=legend)
    yenc = alt.Y("agency:N", sort=order, title=None, axis=alt.Axis(labelAngle=0, labelLimit=140))
    rule = (
        alt.Chart()
        .mark_rule(strokeWidth=2, color="#9aa3ad")
        .encode(
            y=yenc, x=alt.X("v_first:Q", title=None, axis=count_axis(df)), x2=alt.X2("v_last:Q")
        )
    )
    sel = _pick()
    pts = alt.Chart().mark_point(size=110, strokeWidth=2.5, tooltip=tip(lang)).encode(
        y=yenc, x=alt.X("value:Q"), color=col,
        fill=alt.condition(alt.datum.which == "first", alt.value("white"), col),
        shape=alt.ShapeValue("circle"),
        opacity=when(alt.OpacityValue, alt.datum.is_demo, alt.value(DEMO_OPACITY + 0.15), alt.value(1.0)),
    ).add_params(sel)  # fmt: skip
    # the year above the last point and below the first, so close points stay legible
    lab_last, lab_first = (
        alt.Chart()
        .mark_text(dy=dy, fontSize=10, color="#444")
        .encode(y=yenc, x=alt.X("value:Q"), text=alt.Text("which_txt:N"))
        .transform_filter(alt.datum.which == which)
        for dy, which in ((-12, "last"), (13, "first"))
    )
    ring = disputed_ring(df, lang, y=yenc, x=alt.X("value:Q"))
    layer = alt.layer(*_with_ring(ring, rule, pts, lab_last, lab_first), data=df)
    return layer, df, first_last_notes(df, lang)


def _ends(df: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each row's agency's first and last value of its indicator (the first value of its
    'first' and 'last' rows; NaN where it has none): what a pivot and a join gave, in a
    tenth of the time on a panel's ten rows (ten panels a view on 对比)."""
    ends: dict = {}
    keys = list(zip(df["indicator_id"], df["agency_id"], strict=True))
    for key, which, v in zip(keys, df["which"], df["value"], strict=True):
        if which in ("first", "last") and not pd.isna(v):
            ends.setdefault((key, which), v)
    nan = float("nan")
    return tuple(
        pd.Series([ends.get((k, w), nan) for k in keys], index=df.index, dtype="float64")
        for w in ("first", "last")
    )


def _one_panel_per_area(layer, df: pd.DataFrame, meta: Meta, head: alt.TitleParams):
    """The five areas as small multiples, three to a row, each named above its panel."""
    header = alt.Header(labelAngle=0, labelAnchor="start", labelFontWeight="bold")
    return layer.facet(
        facet=alt.Facet("panel:N", sort=_panel_order(df, meta), title=None, header=header),
        columns=3, title=head,
    )  # fmt: skip
