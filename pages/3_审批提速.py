"""审批提速 (approval-time reductions): approval items and one-visit items, time limits
before and after the cut, and the % cut, per agency and year.

The rows, charts (as specs) and table are made once per view (`view`) and kept; a chart
for a download is made again from its rows when a file is asked for."""

from dataclasses import replace

import streamlit as st

from board import app, charts, export, export_ui, model, queries, tables, ui, warehouse


def make(key: str, rows, meta: model.Meta, years: list[int], lang: str, heads: tuple[str, str]):
    """The chart of `key` (ap_items, ap_days, ap_cut) from its rows."""
    if key == "ap_items":
        return charts.grouped_by_indicator(rows, meta, years, lang, heads[0])
    if key == "ap_days":
        return charts.before_after(rows, meta, years, lang, heads[1])
    return charts.trend(model.add_segments(rows), meta, years, lang)


@st.cache_data(max_entries=64, show_spinner=False)
def view(version, f: app.Filters, heads: tuple[str, str]) -> dict | None:
    """The page's content for filters `f` on warehouse `version` (None: no data); `heads`:
    the two charts' titles."""
    meta, lang = app.load_meta(), f.lang
    df = queries.series(model.APPROVAL_IDS, f)
    if df.empty:
        return None
    years = list(range(f.y0, f.y1 + 1))
    data = model.enrich(df, meta, lang)
    shown = []  # (key, its rows, the chart's spec, its file's name)
    for key, rows in (
        ("ap_items", data[data["indicator_id"].isin(["approval_items", "one_visit_items"])]),
        ("ap_days", model.days_long(data, lang)),
        ("ap_cut", model.cut_series(data, lang)),
    ):
        if not rows.empty:
            chart = make(key, rows, meta, years, lang, heads)
            name = export.content_name(export_ui.name_spec(chart), rows) or "chart"
            shown.append((key, rows, charts.spec(chart), name, model.sources_footnote(rows, lang)))
    return {"data": data, "shown": shown, "table": model.approvals_display(data, meta, lang),
            "sources": model.sources_footnote(data, lang)}  # fmt: skip


ctx = app.page("approvals")
f, meta, lang = ctx.f, ctx.meta, ctx.lang
years = list(range(f.y0, f.y1 + 1))
heads = (ctx.t("ap_items"), ctx.t("ap_days"))

# the banner and the region list do not change what this page shows
got = view(warehouse.current(), replace(f, banner=True, region=""), heads)
if got is None:
    app.nothing(ctx)

for key, rows, spec, name, sources in got["shown"]:
    download = (lambda key=key, rows=rows: make(key, rows, meta, years, lang, heads), name)
    ui.chart_with_sources(ctx, spec, rows, key=key, download=download, sources=sources,
                          width="content" if key == "ap_items" else "stretch")  # fmt: skip

st.subheader(ctx.t("ap_table"))
tables.show(got["table"], lang)
st.caption(got["sources"])
