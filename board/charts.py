"""Altair charts of the dashboard. Every chart here:

- has a title that names its unit, and a subtitle that says "含演示数据" whenever a demo
  value is drawn (demo marks are drawn lighter), and what hollow points and bounds mean;
- labels its axes in the chosen language, horizontally where they fit;
- colours agencies from one scale (model.Meta.colors, from the registry's sort order), so
  an agency has the same colour on every page whatever else is selected;
- has a tooltip with the value as written (10次以上) and its source sentence;
- draws a red ring, with a 有争议 legend entry, around a disputed value (board.disputes),
  whose tooltip then says why;
- carries a point selection named "pick" over (agency_id, year, indicator_id), so a click
  can show the source sentences beside the chart (st.altair_chart(on_select="rerun")).
The footnote naming the sources is drawn under the chart by board.ui.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from board import chart_fields, disputes, i18n
from board import chart_style as style
from board.chart_style import DEMO_OPACITY, FONT  # noqa: F401 (the chart modules' names)
from board.chart_words import NOTE_LINE, note_lines
from board.model import Meta

# Altair checks every object against the Vega-Lite schema as it is made, and the whole chart
# again when it becomes a spec (st.altair_chart, exports): the first check was a quarter of
# a page's chart building on the 45,000-report warehouse, and the second still catches
# every error (with Altair's own message), so the first is off for the process.
alt.utils.schemapi.disable_debug_mode()

PICK = "pick"
PICK_FIELDS = ["agency_id", "year", "indicator_id"]
PANEL_W = 180  # three small multiples a row fit beside the sources column at 1440 px
PANEL_CHARS = 34  # an English panel title longer than this takes two lines (panel_title)
Y_AXIS = alt.Axis(**style.Y_AXIS)


def when(channel, predicate, if_true, if_false, **kw):
    """alt.condition made as the channel's own class (alt.OpacityValue, alt.SizeValue, ...).
    Given the plain dict alt.condition returns (or a shorthand string such as "seg:N"),
    .encode finds the class by checking it against each schema it might be, about 3 ms an
    encoding and most of a chart's build; so every encoding here is given as its class.
    The spec is the same."""
    return channel(**alt.condition(predicate, if_true, if_false, **kw))


class _Lifted(alt.TopLevelSelectionParameter):
    """The click selection as Altair lifts it to the top of a layer (a selection with the
    views it applies to), written out unchecked: a layer compares its layers' parameters
    by their dicts when it is made, and again when it becomes a spec, and each of those
    dicts was checked against the schema (about 40 ms of making 对比's ten panels). The
    whole chart is still checked where charts are (tests/test_export.py); the spec is the
    same."""

    def to_dict(self, validate: bool = False, *, ignore=None, context=None) -> dict:
        return super().to_dict(validate=False, ignore=ignore, context=context)


def _pick() -> alt.Parameter:
    sel = alt.selection_point(name=PICK, fields=PICK_FIELDS, on="click", clear="dblclick")
    sel.param = _Lifted(**sel.param.to_dict(validate=False), views=[])
    return sel


def notes(df: pd.DataFrame, lang: str, *, hollow: bool = True) -> list[str]:
    """Subtitle lines: demo data (always first when present), unverified, bounds."""
    out = []
    if len(df) and "is_demo" in df and df["is_demo"].any():
        out.append(
            i18n.t("contains_demo", lang) + ("（浅色标记）" if lang == "zh" else " (lighter marks)")
        )
    if hollow and len(df) and "unverified" in df and df["unverified"].any():
        out.append(i18n.t("hollow_unverified", lang))
    if len(df) and "qualifier" in df and df["qualifier"].notna().any():
        out.append(i18n.t("bound_mark", lang))
    if any_disputed(df):
        out.append(i18n.t("dp_chart_note", lang))
    return out


def any_disputed(df: pd.DataFrame) -> bool:
    return bool(len(df) and "disputed" in df and df["disputed"].fillna(False).astype(bool).any())


def title(
    text: str | list[str], subtitle: list[str] | None = None, size: int = 16, most: int = NOTE_LINE
) -> alt.TitleParams:
    """A chart's title, its notes under it in lines of at most `most` characters."""
    lines = note_lines(subtitle, most) if subtitle else []
    sub = (lines if len(lines) > 1 else lines[0]) if lines else None
    kw = {"subtitle": sub, "subtitleColor": "#a33b00", "subtitleFontSize": 12} if sub else {}
    return alt.TitleParams(text=text, anchor="start", fontSize=size, **kw)


def color(meta: Meta, df: pd.DataFrame, lang: str, legend: bool = True) -> alt.Color:
    domain, rng = meta.color_scale(df["agency_id"].unique() if len(df) else [], lang)
    lg = alt.Legend(title=i18n.t("agency", lang), orient="bottom", direction="horizontal",
                    labelLimit=200) if legend else None  # fmt: skip
    return alt.Color("agency:N", scale=alt.Scale(domain=domain, range=rng), legend=lg)


def bar_color(meta: Meta, df: pd.DataFrame, lang: str, legend: bool = True) -> alt.Color:
    """color() for bars that are outlined when clicked: the outline framed every swatch of
    their legend in black, so the legend's symbols have none."""
    col = color(meta, df, lang, legend=legend)
    if legend:
        col["legend"].symbolStrokeWidth = 0
    return col


def tooltip(lang: str, extra: list | None = None) -> list[alt.Tooltip]:
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    return [
        alt.Tooltip("agency:N", title=t("agency")),
        alt.Tooltip("year_txt:N", title=t("year")),
        alt.Tooltip("indicator:N", title=t("indicator")),
        alt.Tooltip("label:N", title=t("value")),
        *(extra or []),
        alt.Tooltip("status_txt:N", title=t("status")),
        alt.Tooltip("origin_txt:N", title=t("origin")),
        alt.Tooltip("quote_short:N", title=t("source")),
        alt.Tooltip("source_txt:N", title=t("document")),
    ]


def tip(lang: str, extra: list[tuple[str, str]] | None = None) -> alt.ExprRef:
    """The tooltip of `tooltip` as a mark property: the same lines, plus 有争议 and why on a
    disputed value only (an encoded tooltip would print 'null' on every other point; an
    expression can leave the line out: vega-tooltip skips undefined values)."""
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    pairs = [("agency", t("agency")), ("year_txt", t("year")), ("indicator", t("indicator")),
             ("label", t("value")), *(extra or []), ("status_txt", t("status")),
             ("origin_txt", t("origin")), ("quote_short", t("source")),
             ("source_txt", t("document"))]  # fmt: skip
    items = [
        f"{json.dumps(title, ensure_ascii=False)}: datum[{json.dumps(f)}]" for f, title in pairs
    ]
    why = json.dumps(i18n.t("dp_label", lang), ensure_ascii=False)
    items.append(f"{why}: datum.disputed ? datum.dispute_note : datum.__not_disputed")
    return alt.expr("{" + ", ".join(items) + "}")


def disputed_ring(df: pd.DataFrame, lang: str, size: int = 330, **enc):
    """Red rings around the disputed values of df, drawn under the points (so a click still
    picks the point), with a 有争议 legend entry; None when nothing is disputed."""
    if not any_disputed(df):
        return None
    label = i18n.t("dp_label", lang)
    # above the plot, not beside the agencies' legend under it: on a phone the two side by
    # side cut the last agency's name
    legend = alt.Legend(title=None, orient="top", symbolStrokeColor=disputes.COLOR,
                        symbolStrokeWidth=2.5, symbolFillColor="white", symbolSize=160)  # fmt: skip
    shape = alt.Shape("dispute_key:N", scale=alt.Scale(domain=[label], range=["circle"]),
                      legend=legend)  # fmt: skip
    return (
        alt.Chart(name="disputed")
        .mark_point(
            filled=False,
            color=disputes.COLOR,
            size=size,
            strokeWidth=2.5,
            opacity=1,
            tooltip=tip(lang),
        )  # fmt: skip
        .encode(shape=shape, **enc)
        .transform_filter("datum.disputed")
        .transform_calculate(dispute_key=json.dumps(label, ensure_ascii=False))
    )


def _with_ring(ring, *layers) -> list:
    return [ring, *layers] if ring is not None else list(layers)


def count_axis(df: pd.DataFrame, base: alt.Axis | None = None):
    """A value axis with whole-number ticks (1, 2, 3, never 0.2, 0.4) when every value
    drawn on it is a count; `base` (e.g. Y_AXIS) otherwise as it is, or the default."""
    units = set(df["unit_txt"]) if "unit_txt" in df and len(df) else {"%"}
    if "%" in units:
        return base if base is not None else alt.Undefined
    kw = base.to_dict() if base is not None else {}
    return alt.Axis(**kw, tickMinStep=1, format=",d")


def year_axis(years: list[int], lang: str, offset: bool = False) -> alt.X:
    return alt.X("year_txt:O", scale=alt.Scale(domain=[str(y) for y in years]),
                 axis=alt.Axis(labelAngle=0, title=i18n.t("year", lang), labelOverlap=True),
                 sort=[str(y) for y in years])  # fmt: skip


def unchecked():
    """A block in which Altair builds charts without checking each piece against the
    Vega-Lite schema as it goes (about 50 ms a trend chart). For the command line: the
    same charts are drawn checked on the pages, and tests/test_export.py checks them."""
    return alt.utils.schemapi.debug_mode(False)


def props(chart, **kw):
    """`chart.properties(**kw)` on a chart just made here, set in place: Altair's own checks
    each value against the schema (whatever the debug mode) and copies the chart, and a
    layer's copy combines its layers' parameters again (most of a panel's build, ten
    panels a view on 对比). The spec is the same; tests/test_export.py checks the specs of
    every kind of chart against the schema."""
    for k, v in kw.items():
        setattr(chart, k, v)
    return chart


def finish(chart, *, fit: bool = False):
    """Fonts and sizes shared by every chart. fit=True: the width follows the page and the
    height stays the plot's own (Streamlit's default 'fit' would squeeze the plot to make
    room for the title and legend)."""
    if fit:
        props(chart, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    # set in place, as chart.configure(...) would set it on a copy: each of Altair's
    # configure_* copies the whole chart (and a layer re-checks its parameters on every copy)
    return props(chart, config=alt.Config(
        font=FONT,
        axis=alt.AxisConfig(**style.AXIS_CONFIG),
        header=alt.HeaderConfig(**style.HEADER_CONFIG),
        legend=alt.LegendConfig(**style.LEGEND_CONFIG),
        view=alt.ViewConfig(stroke=None),
    ))  # fmt: skip


def _panel(df: pd.DataFrame, meta: Meta, lang: str, key: str = "panel") -> pd.DataFrame:
    """A header per indicator: '执法检查次数（次）'."""
    df = df.copy()
    heads = {i: i18n.t("tr_chart_title", lang, name=meta.ind(i, lang), unit=meta.unit(i, lang))
             for i in df["indicator_id"].unique()}  # fmt: skip
    df[key] = df["indicator_id"].map(heads)
    return df


def _panel_order(df: pd.DataFrame, meta: Meta, key: str = "panel") -> list[str]:
    order = {i: n for n, i in enumerate(meta.indicators.index)}
    return list(df.drop_duplicates("indicator_id").sort_values(
        "indicator_id", key=lambda s: s.map(order))[key])  # fmt: skip


# -- trends -------------------------------------------------------------------------------------


def trend(df: pd.DataFrame, meta: Meta, years: list[int], lang: str, *, width: int = 620):
    """Values over the years, a line per agency that breaks where a year is missing."""
    df = _panel(df, meta, lang)
    ids = list(dict.fromkeys(df["indicator_id"]))
    # one indicator: its unit above the axis; several: each panel's header names its unit
    y_title = meta.unit(ids[0], lang) if len(ids) == 1 else None
    y = alt.Y("value:Q", title=y_title, axis=count_axis(df, Y_AXIS))
    col = color(meta, df, lang)
    opacity = when(alt.OpacityValue, alt.datum.is_demo, alt.value(DEMO_OPACITY), alt.value(1.0))
    base = alt.Chart().encode(x=year_axis(years, lang), y=y, color=col)
    line = base.mark_line(strokeWidth=2.5).encode(detail=alt.Detail("seg:N"), opacity=opacity)
    sel = _pick()
    pts = (
        base.mark_point(size=90, strokeWidth=2.5, filled=False, tooltip=tip(lang))
        .encode(
            fill=alt.condition(alt.datum.unverified, alt.value("white"), col),
            opacity=opacity,
            size=when(alt.SizeValue, sel, alt.value(170), alt.value(90), empty=False),
        )
        .add_params(sel)
    )
    bound = base.mark_text(dy=-12, fontSize=11).encode(text=alt.Text("bound:N"), color=col)
    ring = disputed_ring(df, lang, x=year_axis(years, lang), y=y)
    layer = alt.layer(*_with_ring(ring, line, pts, bound), data=df)
    notes_ = notes(df, lang) + [i18n.t("tr_gaps", lang)]
    if len(ids) == 1:
        i = ids[0]
        head = i18n.t("tr_chart_title", lang, name=meta.ind(i, lang), unit=meta.unit(i, lang))
        return finish(props(layer, title=title(head, notes_), height=280), fit=True)
    return finish(_one_panel_per_indicator(layer, df, meta, width, 200,
                                           title(i18n.t("tr_chart_multi", lang), notes_)))  # fmt: skip


def grouped_bars(df: pd.DataFrame, meta: Meta, years: list[int], lang: str, y: alt.Y,
                 tooltip, *, stroke: str, legend: bool = True):  # fmt: skip
    """Bars per year side by side by agency, a demo bar faded, a clicked bar outlined in
    `stroke`: the bars of 对比's panels and of 趋势's 同比 chart. Returns the bars and their
    xOffset (for the layers drawn over them)."""
    sel = _pick()
    xo = alt.XOffset("agency:N", sort=meta.agency_order(df["agency_id"].unique(), lang))
    col = bar_color(meta, df, lang, legend=legend)
    bars = (
        alt.Chart()
        .mark_bar(tooltip=tooltip)
        .encode(
            x=year_axis(years, lang),
            xOffset=xo,
            y=y,
            color=col,
            opacity=when(
                alt.OpacityValue, alt.datum.is_demo, alt.value(DEMO_OPACITY), alt.value(1.0)
            ),
            stroke=alt.StrokeValue(stroke),
            strokeWidth=when(alt.StrokeWidthValue, sel, alt.value(2.5), alt.value(0), empty=False),
        )
        .add_params(sel)
    )
    return bars, xo


def yoy(df: pd.DataFrame, meta: Meta, years: list[int], lang: str, *, width: int = 620):
    """Change on the year before, in %, as bars per agency (no bar where a year is missing)."""
    df = _panel(df, meta, lang)
    df = df[df["yoy_pct"].notna()].copy()
    df["yoy_txt"] = [f"{p:+.1f}%" for p in df["yoy_pct"]]
    if "prev_disputed" in df:  # a change from a disputed value is disputed
        prev = df["prev_disputed"].fillna(False).astype(bool) & ~df["disputed"]
        df.loc[prev, "dispute_note"] = [f"{i18n.t('yoy', lang)}：{n}" if lang == "zh" else n
                                        for n in df.loc[prev, "prev_dispute_note"]]  # fmt: skip
        df["disputed"] = df["disputed"] | prev
    ids = list(dict.fromkeys(df["indicator_id"]))
    y = alt.Y("yoy_pct:Q", title="%", axis=Y_AXIS)
    tooltip = tip(lang, [("yoy_txt", i18n.t("yoy", lang))])
    bars, xo = grouped_bars(df, meta, years, lang, y, tooltip, stroke="#222")
    zero = alt.Chart().mark_rule(color="#666").encode(y=alt.YDatum(0))
    ring = disputed_ring(df, lang, size=200, x=year_axis(years, lang), xOffset=xo, y=y)
    layer = alt.layer(*_with_ring(ring, bars, zero), data=df)
    notes_ = notes(df, lang, hollow=False)
    if len(ids) <= 1:
        name = meta.ind(ids[0], lang) if ids else ""
        head = i18n.t("tr_yoy_title", lang, name=name)
        return finish(props(layer, title=title(head, notes_), height=280), fit=True)
    return finish(_one_panel_per_indicator(layer, df, meta, width, 180,
                                           title(i18n.t("tr_yoy_multi", lang), notes_)))  # fmt: skip


def _one_panel_per_indicator(layer, df: pd.DataFrame, meta: Meta, width: int, height: int,
                             head: alt.TitleParams):  # fmt: skip
    """Several indicators: one row of the facet each, named above it, own y scale."""
    header = alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start",
                        labelFontWeight="bold")  # fmt: skip
    return (
        props(layer, width=width, height=height)
        .facet(
            row=alt.Row("panel:N", sort=_panel_order(df, meta), title=None, header=header),
            title=head,
        )  # fmt: skip
        .resolve_scale(y="independent")
    )


# -- overview -----------------------------------------------------------------------------------


def spark_title(head: str, notes: list[str]) -> alt.TitleParams:
    """A sparkline's title, a note a line: a card is about 150 px wide, and its two notes on
    one line were cut ('含演示数据；红圈…'), the red ring's explanation lost; the theme
    Streamlit applies limits a title to the plot's width, which cut 'includes demo da…'."""
    t = title(head, notes or None, size=11, most=0)
    t.limit = 2000
    return t


def sparkline(df: pd.DataFrame, years: list[int], focus: int, unit: str, name: str, lang: str,
              color_: str = "#1f5fa8"):  # fmt: skip
    """A small line of all years of one headline indicator; the year in focus is marked."""
    df = df.copy()
    df["focus"] = df["year"] == focus
    df["seg"] = (df["year"].diff() != 1).cumsum().astype(str)
    x = alt.X("year_txt:O", scale=alt.Scale(domain=[str(y) for y in years]),
              axis=alt.Axis(title=None, labelAngle=0, values=[str(years[0]), str(years[-1])],
                            ticks=False, domain=False, labelFontSize=10))  # fmt: skip
    y = alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False))
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    tips = [alt.Tooltip("year_txt:N", title=t("year")), alt.Tooltip("label:N", title=t("value")),
            alt.Tooltip("origin_txt:N", title=t("origin")),
            alt.Tooltip("quote_short:N", title=t("source"))]  # fmt: skip
    op = when(alt.OpacityValue, alt.datum.is_demo, alt.value(0.55), alt.value(1.0))
    line = (
        alt.Chart()
        .mark_line(color=color_, strokeWidth=2)
        .encode(x=x, y=y, detail=alt.Detail("seg:N"))
    )
    pts = alt.Chart().mark_point(filled=True, color=color_).encode(
        x=x, y=y, tooltip=tips, opacity=op,
        size=when(alt.SizeValue, alt.datum.focus, alt.value(70), alt.value(18)))  # fmt: skip
    head = i18n.t("ov_spark", lang, unit=unit)
    sub = [t("contains_demo")] if df["is_demo"].any() else []
    ring = None
    if any_disputed(df):
        sub.append(i18n.t("dp_spark_note", lang))
        ring = alt.Chart(name="disputed").mark_point(filled=False, color=disputes.COLOR, size=120,
                                                     strokeWidth=2).encode(x=x, y=y).transform_filter("datum.disputed")  # fmt: skip
    return props(
        alt.layer(*_with_ring(ring, line, pts), data=df),
        title=spark_title(head, sub),
        height=46,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        config=alt.Config(font=FONT, view=alt.ViewConfig(stroke=None),
                          title=alt.TitleConfig(subtitleFontSize=10)),
    )  # fmt: skip


# -- drawing ------------------------------------------------------------------------------------


def spec(chart) -> dict:
    """The Vega-Lite spec st.altair_chart would send for `chart`, without checking the
    whole spec against the schema once more: that check was about 40 % of drawing a chart,
    on every run of a page. Its datasets are the Arrow bytes Streamlit makes of the frames
    (as st.altair_chart does), made here once: a page keeps its specs per view, and
    Streamlit sends bytes as they are instead of converting ten frames on every run (and
    bytes are quicker to copy out of st.cache_data than frames). Streamlit's own spec has
    no theme defaults (it switches Altair's theme off to draw), so neither has this one: it
    is made as a nested spec (no theme, no $schema) and given its $schema here. Each
    dataset keeps only the columns the spec reads (`_arrow`): the same chart, drawn and
    clicked the same, from less data."""
    datasets: dict = {}
    data = chart._kwds.get("data", alt.Undefined)
    frame = isinstance(data, pd.DataFrame)
    if frame:  # named, so Altair neither copies the frame into records nor hashes it
        name = f"data-{id(data):x}"
        datasets[name] = data
        chart._kwds["data"] = alt.NamedData(name=name)
    try:
        out = chart.to_dict(validate=False, context={"top_level": False, "datasets": datasets})
    finally:
        if frame:
            chart._kwds["data"] = data
    out["$schema"] = alt.SCHEMA_URL
    if datasets:
        out["datasets"] = {k: v if isinstance(v, bytes) else _arrow(v, out)
                           for k, v in datasets.items()}  # fmt: skip
    return out


def for_screen(spec: dict) -> tuple[dict, dict]:
    """A chart's spec (`spec`, changed in place) as a page draws it, and its head. A Vega
    subtitle cannot wrap, and a legend in a row only as far as the chart's width: on a
    phone the notes ('…or a year-on…') and the last agency's name were cut. So the title and
    its notes come out of the spec, as {"title": text or lines, "notes": lines}, for the
    page to write above the chart (board.ui.chart_head), and the agencies' colour legend
    comes out for the page to write under it (board.ui.agency_legend); the 有争议 legend
    stays. An export is made from the chart itself and keeps both in the image."""
    head = head_of(spec.pop("title", None))
    stack = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            enc = node.get("encoding")
            for ch in ("color", "fill", "stroke") if isinstance(enc, dict) else ():
                if isinstance(enc.get(ch), dict) and enc[ch].get("field") == "agency":
                    enc[ch]["legend"] = None
            stack.extend(v for k, v in node.items() if k != "datasets")
        elif isinstance(node, list):
            stack.extend(node)
    return spec, head


def panel_title(text: str) -> dict:
    """The title of one panel of several (趋势's indicators, each a chart as wide as the
    page), as a spec's: 14 px, never limited to the plot's width (the theme Streamlit
    applies would cut it), and an English one of more than PANEL_CHARS characters on two
    lines ('… cases:' / 'change on the year before (%)'), so a phone's width holds it."""
    lines: str | list[str] = text
    if len(text) > PANEL_CHARS and text.isascii():
        head, sep, rest = text.partition(": ")
        if sep:
            lines = [head + ":", rest]
        elif " (" in text:
            head, _, rest = text.rpartition(" (")
            lines = [head, "(" + rest]
    return {"text": lines, "anchor": "start", "fontSize": 14, "limit": 2000}


def head_of(t) -> dict:
    """A spec's title (a text, or a dict with its subtitle) as for_screen's head."""
    if isinstance(t, dict):
        sub = t.get("subtitle") or []
        return {"title": t.get("text", ""), "notes": [sub] if isinstance(sub, str) else list(sub)}
    return {"title": t or "", "notes": []}


def _arrow(frame, spec: dict) -> bytes:
    """A dataset of `spec` as Streamlit's Arrow bytes, of the columns the spec reads only
    (board.chart_fields): about half the bytes to make, send and decode."""
    from streamlit import dataframe_util

    if isinstance(frame, pd.DataFrame):
        cols = chart_fields.keep(frame.columns, spec)
        if cols is not None and len(cols) < len(frame.columns):
            frame = frame[cols]
    return dataframe_util.convert_anything_to_arrow_bytes(frame)


# The comparison's and the approvals' charts live in modules of their own (which import the
# shared parts above, so they are imported last); the pages call them as charts.X.
from board.charts_approvals import (  # noqa: E402, F401
    before_after,
    grouped_by_indicator,
    items_notes,
    items_panel,
)
from board.charts_compare import (  # noqa: E402, F401
    compare_bars,
    compare_notes,
    compare_panel,
    first_last,
    first_last_notes,
    first_last_panel,
    panels_name_spec,
)
