"""对比 (comparison): the science bureau beside its subordinate agencies across the five
areas, for one year or a range; and each agency's first year against its last. The panels
use the page's width (board.panels): three to a row, one under the other on a phone, the
source sentences beside them only once a point is clicked."""

import streamlit as st

from board import app, charts, model, panels, queries, tables

ctx = app.page("compare")
f, meta, lang = ctx.f, ctx.meta, ctx.lang

df = queries.series(meta.headlines(), f)
if df.empty:
    app.nothing(ctx)
years = list(range(f.y0, f.y1 + 1))
data = model.enrich(df, meta, lang)
ids = [i for i in meta.headlines() if i in set(data["indicator_id"])]

head = ctx.t("cmp_bars", y0=f.y0, y1=f.y1) if f.y0 < f.y1 else ctx.t("cmp_bars_1", y0=f.y0)
st.subheader(head)
if notes := charts.compare_notes(data, lang):
    st.caption("；".join(notes))
bars = [(f"cmp_bars_{i}", charts.compare_panel(data[data["indicator_id"] == i], meta, years, lang))
        for i in ids]  # fmt: skip
panels.with_sources(ctx, bars, data, "cmp_bars", charts.compare_bars(data, meta, years, lang, head))

if f.y0 < f.y1:
    st.subheader(ctx.t("cmp_first_last", y0=f.y0, y1=f.y1))
    st.caption(ctx.t("cmp_first_last_note"))
    fl = model.first_last(data)
    st.caption("；".join(charts.first_last_notes(fl, lang)))
    dots = [(f"cmp_fl_{i}", charts.first_last_panel(fl[fl["indicator_id"] == i], meta, lang))
            for i in ids if (fl["indicator_id"] == i).any()]  # fmt: skip
    chart = charts.first_last(fl, meta, lang, ctx.t("cmp_fl_title"))
    panels.with_sources(ctx, dots, fl, "cmp_first_last", chart)
    tables.show(model.first_last_table(fl, meta, lang), lang)
