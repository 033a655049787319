"""What the chart pages draw from the data, made once per view and kept: the overview's
cards, the trends' chart, the comparison's panels, the approvals' charts and the meeting
pack. They live here, not in the pages, so that board.warmup can make the view a new
session opens with before a leader first asks for it (a function defined in a page script
is only known while that page runs).

Each is cached by Streamlit per warehouse version and view (st.cache_data: the same
function and arguments are the same entry whoever calls them); the pack is shared as it is
(st.cache_resource) and never changed."""

from __future__ import annotations

from datetime import date

import streamlit as st

from board import app, charts, deck, export, export_ui, i18n, model, queries, ui

COLOR = "#1f5fa8"  # the overview's sparklines


@st.cache_data(max_entries=64, show_spinner=False)
def overview(version, f: app.Filters) -> dict | None:
    """总览 for filters `f` on warehouse `version` (None: no data)."""
    meta, lang = app.load_meta(), f.lang
    series = queries.series(meta.headlines(), f)
    if series.empty:
        return None
    year = int(series["year"].max())  # the last year of the range that has any value
    years = list(range(f.y0, f.y1 + 1))
    cards = model.cards(series, meta, year, f.agencies, lang)
    return {
        "year": year, "cards": cards,
        "sentences": [s for c in cards if (s := model.sentence(c, meta, lang))],
        "sparks": [None if c.spark.empty else ui.sparkline(c, years, lang, COLOR) for c in cards],
        "sources": [ui.card_sources(c, lang) for c in cards],
        "coverage": model.coverage_rows(queries.coverage(f), meta, f.agencies, f.y0, f.y1, lang),
    }  # fmt: skip


def trend_chart(data, mode: str, meta: model.Meta, years: list[int], lang: str):
    """趋势's chart of the values (mode 'value') or of the change on the year before."""
    if mode == "value":
        return charts.trend(data, meta, years, lang)
    return charts.yoy(data, meta, years, lang)


@st.cache_data(max_entries=64, show_spinner=False)
def trends(version, f: app.Filters, inds: tuple[str, ...], mode: str) -> dict | None:
    """趋势 for filters `f`, indicators and mode on warehouse `version` (None: no data)."""
    meta, lang = app.load_meta(), f.lang
    df = queries.series(list(inds), f)
    if df.empty:
        return None
    years = list(range(f.y0, f.y1 + 1))
    data = model.add_yoy(model.add_segments(model.enrich(df, meta, lang)))
    chart = trend_chart(data, mode, meta, years, lang)  # (the export's)
    named = export_ui.name_spec(chart)
    ids = [i for i in meta.indicators.index if i in set(data["indicator_id"])]
    if len(ids) == 1:  # the page writes the title, notes and legend (charts.for_screen)
        spec, head = charts.for_screen(charts.spec(chart))
        shown = [(f"trend_{mode}", spec)]
    else:  # a facet has a fixed width (620 px, wider than a phone): a chart per indicator,
        # as wide as the page, one under the other, each named above it; the notes of all
        # once above them
        head, shown = charts.head_of(named.get("title")), []
        for i in ids:
            rows = data[data["indicator_id"] == i]
            if mode == "yoy" and not rows["yoy_pct"].notna().any():
                continue
            spec, own = charts.for_screen(charts.spec(trend_chart(rows, mode, meta, years, lang)))
            spec["title"] = charts.panel_title(own["title"])
            spec["height"] = 200 if mode == "value" else 180  # as the facet's rows
            shown.append((f"trend_{mode}_{i}", spec))
    drawn = data if mode == "value" else data[data["yoy_pct"].notna()]  # (the legend's)
    return {"data": data, "charts": shown, "head": head, "agencies": drawn["agency_id"].unique(),
            "name": export.content_name(named, data) or "chart",
            "table": model.wide_table(data, meta, years, lang, mode),
            "sources": model.sources_footnote(data, lang)}  # fmt: skip


def panels_name(df, title: str, meta: model.Meta, lang: str) -> str:
    """The file name of 对比's chart of all panels (made only when a file is asked for)."""
    return export.content_name(charts.panels_name_spec(df, meta, lang, title), df) or "chart"


# 对比's two views: each area's bars by year and agency, or each agency's first year against
# its last (only for a range of years). The page draws one at a time: ten Vega charts at once
# were most of its time in the browser (BENCHMARKS.md, issue 16).
COMPARE_VIEWS = ("years", "first_last")


@st.cache_data(max_entries=64, show_spinner=False)
def compare(version, f: app.Filters, view: str) -> dict | None:
    """对比 for filters `f` on warehouse `version` (None: no data), in `view` (one of
    COMPARE_VIEWS; first_last only for a range of years, else the bars)."""
    meta, lang = app.load_meta(), f.lang
    df = queries.series(meta.headlines(), f)
    if df.empty:
        return None
    years = list(range(f.y0, f.y1 + 1))
    data = model.enrich(df, meta, lang)
    ids = [i for i in meta.headlines() if i in set(data["indicator_id"])]
    if view == "first_last" and f.y0 < f.y1:
        fl = model.first_last(data)
        fl_title = i18n.t("cmp_fl_title", lang)
        return {"data": fl, "notes": charts.first_last_notes(fl, lang),
                "name": panels_name(fl, fl_title, meta, lang), "title": fl_title,
                "sources": model.sources_footnote(fl, lang),
                "panels": [(f"cmp_fl_{i}", charts.spec(charts.first_last_panel(
                    fl[fl["indicator_id"] == i], meta, lang)))
                    for i in ids if (fl["indicator_id"] == i).any()],
                "table": model.first_last_table(fl, meta, lang)}  # fmt: skip
    head = (
        i18n.t("cmp_bars", lang, y0=f.y0, y1=f.y1)
        if f.y0 < f.y1
        else i18n.t("cmp_bars_1", lang, y0=f.y0)
    )
    return {"data": data, "notes": charts.compare_notes(data, lang), "title": head,
            "name": panels_name(data, head, meta, lang),
            "sources": model.sources_footnote(data, lang),
            "panels": [(f"cmp_bars_{i}", charts.spec(charts.compare_panel(
                data[data["indicator_id"] == i], meta, years, lang))) for i in ids]}  # fmt: skip


def approvals_chart(key: str, rows, meta: model.Meta, years: list[int], lang: str,
                    heads: tuple[str, str]):  # fmt: skip
    """审批提速's chart of `key` (ap_items, ap_days, ap_cut) from its rows."""
    if key == "ap_items":
        return charts.grouped_by_indicator(rows, meta, years, lang, heads[0])
    if key == "ap_days":
        return charts.before_after(rows, meta, years, lang, heads[1])
    return charts.trend(model.add_segments(rows), meta, years, lang)


@st.cache_data(max_entries=64, show_spinner=False)
def approvals(version, f: app.Filters, heads: tuple[str, str]) -> dict | None:
    """审批提速 for filters `f` on warehouse `version` (None: no data); `heads`: the two
    charts' titles. Each chart shown: its key, rows, file name, footnote and head (title and
    notes, written above it: charts.for_screen), and either its spec ("spec") or, for the
    items, one panel per indicator ("panels": (key, spec) each, drawn side by side as wide
    as the page, one under the other on a phone: board.panels)."""
    meta, lang = app.load_meta(), f.lang
    df = queries.series(model.APPROVAL_IDS, f)
    if df.empty:
        return None
    years = list(range(f.y0, f.y1 + 1))
    data = model.enrich(df, meta, lang)
    shown = []
    for key, rows in (
        ("ap_items", data[data["indicator_id"].isin(["approval_items", "one_visit_items"])]),
        ("ap_days", model.days_long(data, lang)),
        ("ap_cut", model.cut_series(data, lang)),
    ):
        if rows.empty:
            continue
        chart = approvals_chart(key, rows, meta, years, lang, heads)  # (the export's)
        got = {"key": key, "rows": rows, "sources": model.sources_footnote(rows, lang),
               "name": export.content_name(export_ui.name_spec(chart), rows) or "chart"}  # fmt: skip
        if key == "ap_items":
            ids = [i for i in meta.indicators.index if i in set(rows["indicator_id"])]
            got["head"] = {"title": heads[0], "notes": charts.items_notes(rows, lang)}
            got["panels"] = [(f"ap_items_{i}", charts.spec(charts.items_panel(
                rows[rows["indicator_id"] == i], meta, years, lang))) for i in ids]  # fmt: skip
        else:
            got["spec"], got["head"] = charts.for_screen(charts.spec(chart))
        shown.append(got)
    return {"data": data, "shown": shown, "table": model.approvals_display(data, meta, lang),
            "sources": model.sources_footnote(data, lang)}  # fmt: skip


@st.cache_resource(max_entries=64, show_spinner=False)
def meeting_pack(version, inds: tuple[str, ...], year: int, view: app.Filters,
                 today: date) -> deck.Pack:  # fmt: skip
    """会议材料's pack of a view (its years: the slides' window), made once per warehouse
    version, view and day (its cover says the date) and shared by the runs and sessions
    that show it: making it (a card and a takeaway per slide) was most of that page's time.
    Read only, never changed."""
    df = queries.series(inds, view)
    return deck.build(df, app.load_meta(), list(inds), year, view.agencies, view.lang, made=today)
