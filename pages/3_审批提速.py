"""审批提速 (approval-time reductions): approval items and one-visit items, time limits
before and after the cut, and the % cut, per agency and year."""

import streamlit as st

from board import app, charts, model, queries, tables, ui

ctx = app.page("approvals")
f, meta, lang = ctx.f, ctx.meta, ctx.lang

df = queries.series(model.APPROVAL_IDS, f)
if df.empty:
    app.nothing(ctx)
years = list(range(f.y0, f.y1 + 1))
data = model.enrich(df, meta, lang)

items = data[data["indicator_id"].isin(["approval_items", "one_visit_items"])]
if not items.empty:
    chart = charts.grouped_by_indicator(items, meta, years, lang, ctx.t("ap_items"))
    ui.chart_with_sources(ctx, chart, items, key="ap_items", width="content")

days = model.days_long(data, lang)
if not days.empty:
    chart = charts.before_after(days, meta, years, lang, ctx.t("ap_days"))
    ui.chart_with_sources(ctx, chart, days, key="ap_days")

cut = model.cut_series(data, lang)
if not cut.empty:
    chart = charts.trend(model.add_segments(cut), meta, years, lang)
    ui.chart_with_sources(ctx, chart, cut, key="ap_cut")

st.subheader(ctx.t("ap_table"))
tables.show(model.approvals_display(data, meta, lang), lang)
st.caption(model.sources_footnote(data, lang))
