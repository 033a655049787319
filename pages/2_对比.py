"""对比 (comparison): the science bureau beside its subordinate agencies across the five
areas, for one year or a range; and each agency's first year against its last."""

import streamlit as st

from board import app, charts, model, queries, ui

ctx = app.page("compare")
f, meta, lang = ctx.f, ctx.meta, ctx.lang

df = queries.series(meta.headlines(), f)
if df.empty:
    app.nothing(ctx)
years = list(range(f.y0, f.y1 + 1))
data = model.enrich(df, meta, lang)

head = ctx.t("cmp_bars", y0=f.y0, y1=f.y1) if f.y0 < f.y1 else ctx.t("cmp_bars_1", y0=f.y0)
bars = charts.compare_bars(data, meta, years, lang, head)
ui.chart_with_sources(ctx, bars, data, key="cmp_bars", width="content")

if f.y0 < f.y1:
    st.subheader(ctx.t("cmp_first_last", y0=f.y0, y1=f.y1))
    st.caption(ctx.t("cmp_first_last_note"))
    fl = model.first_last(data)
    chart = charts.first_last(fl, meta, lang, ctx.t("cmp_fl_title"))
    ui.chart_with_sources(ctx, chart, fl, key="cmp_first_last", width="content")
    st.dataframe(model.first_last_table(fl, meta, lang), hide_index=True, width="stretch")
