"""趋势 (trends): chosen indicators over the years for the chosen agencies, as values or as
the change on the year before; the same numbers as a table. Missing years are gaps."""

import streamlit as st

from board import app, charts, model, queries, tables, ui

ctx = app.page("trends")
f, meta, lang = ctx.f, ctx.meta, ctx.lang

left, right = st.columns([3, 1])
with left:
    inds = ctx.setting(
        "ind", st.multiselect, list(meta.indicators.index), [meta.headline("enforcement")],
        multi=True, label=ctx.t("tr_indicators"), max_selections=6,
        format_func=lambda i: ctx.t("tr_chart_title", name=meta.ind(i, lang), unit=meta.unit(i, lang)),
    )  # fmt: skip
with right:
    mode = ctx.setting(
        "mode", st.radio, ["value", "yoy"], "value", label=ctx.t("tr_mode"), horizontal=True,
        format_func=lambda m: ctx.t("tr_mode_value" if m == "value" else "tr_mode_yoy"),
    )  # fmt: skip
if not inds:
    app.nothing(ctx)

df = queries.series(inds, f)
if df.empty:
    app.nothing(ctx)
years = list(range(f.y0, f.y1 + 1))
data = model.add_yoy(model.add_segments(model.enrich(df, meta, lang)))

tab_chart, tab_table = st.tabs([ctx.t("view_chart"), ctx.t("view_table")])
with tab_chart:
    if mode == "value":
        chart = charts.trend(data, meta, years, lang)
    else:
        chart = charts.yoy(data, meta, years, lang)
    ui.chart_with_sources(ctx, chart, data, key=f"trend_{mode}")
with tab_table:
    tables.show(model.wide_table(data, meta, years, lang, mode), lang)
    st.caption(model.table_note(data, lang))
    st.caption(model.sources_footnote(data, lang))
