"""审批提速 (approval-time reductions): approval items and one-visit items, time limits
before and after the cut, and the % cut, per agency and year.

The rows, charts (as specs) and table are made once per view (board.views) and kept; a chart
for a download is made again from its rows when a file is asked for. Each chart's title and
notes are written above it and the agencies' colours under it, as text that wraps on a phone;
the items are two panels, each as wide as its column (side by side on a desktop, one under
the other on a phone: board.panels), and the export is still the one chart of both. Every
chart of the page takes the whole width until a point is clicked, and its sentences then
show in a column beside it (as on 对比)."""

from dataclasses import replace

import streamlit as st

from board import app, panels, tables, ui, views, warehouse

ctx = app.page("approvals")
f, meta, lang = ctx.f, ctx.meta, ctx.lang
years = list(range(f.y0, f.y1 + 1))
heads = (ctx.t("ap_items"), ctx.t("ap_days"))

# the banner and the region list do not change what this page shows
got = views.approvals(warehouse.current(), replace(f, banner=True, region=""), heads)
if got is None:
    app.nothing(ctx)

for c in got["shown"]:
    key, rows = c["key"], c["rows"]
    download = (
        lambda key=key, rows=rows: views.approvals_chart(key, rows, meta, years, lang, heads),
        c["name"],
    )
    if "panels" in c:
        ui.chart_head(c["head"], key)
        panels.with_sources(ctx, c["panels"], rows, key, download, per_row=2, sources=c["sources"])
    else:
        ui.chart_with_sources(ctx, c["spec"], rows, key=key, download=download, side=None,
                              sources=c["sources"], head=c["head"])  # fmt: skip

st.subheader(ctx.t("ap_table"))
tables.show(got["table"], lang)
st.caption(got["sources"])
