"""审批提速 (approval-time reductions): approval items and one-visit items, time limits
before and after the cut, and the % cut, per agency and year.

The rows, charts (as specs) and table are made once per view (board.views) and kept; a chart
for a download is made again from its rows when a file is asked for."""

from dataclasses import replace

import streamlit as st

from board import app, tables, ui, views, warehouse

ctx = app.page("approvals")
f, meta, lang = ctx.f, ctx.meta, ctx.lang
years = list(range(f.y0, f.y1 + 1))
heads = (ctx.t("ap_items"), ctx.t("ap_days"))

# the banner and the region list do not change what this page shows
got = views.approvals(warehouse.current(), replace(f, banner=True, region=""), heads)
if got is None:
    app.nothing(ctx)

for key, rows, spec, name, sources in got["shown"]:
    download = (
        lambda key=key, rows=rows: views.approvals_chart(key, rows, meta, years, lang, heads),
        name,
    )
    ui.chart_with_sources(ctx, spec, rows, key=key, download=download, sources=sources,
                          width="content" if key == "ap_items" else "stretch")  # fmt: skip

st.subheader(ctx.t("ap_table"))
tables.show(got["table"], lang)
st.caption(got["sources"])
