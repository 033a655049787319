"""对比 (comparison): the science bureau beside its subordinate agencies across the five
areas, for one year or a range; and each agency's first year against its last. The panels
use the page's width (board.panels): three to a row, one under the other on a phone, the
source sentences beside them only once a point is clicked.

Everything the page draws from the data (rows, notes, the panels' specs, the table) is made
once per view (board.views) and kept: a filter changed back, another session on the same view or
a click that only opens the sources draws from it without building ten charts again."""

from dataclasses import replace

import streamlit as st

from board import app, charts, panels, tables, views, warehouse

ctx = app.page("compare")
f, meta, lang = ctx.f, ctx.meta, ctx.lang
years = list(range(f.y0, f.y1 + 1))

# the banner and the region list do not change what this page shows
got = views.compare(warehouse.current(), replace(f, banner=True, region=""))
if got is None:
    app.nothing(ctx)
data = got["data"]

head = got["head"]
st.subheader(head)
if got["notes"]:
    st.caption("；".join(got["notes"]))
# the one chart of all panels is for the download only: made when a file is asked for
whole = (lambda: charts.compare_bars(data, meta, years, lang, head), got["name"])
panels.with_sources(ctx, got["bars"], data, "cmp_bars", whole, sources=got["sources"])

if f.y0 < f.y1:
    st.subheader(ctx.t("cmp_first_last", y0=f.y0, y1=f.y1))
    st.caption(ctx.t("cmp_first_last_note"))
    fl = got["fl"]
    st.caption("；".join(got["fl_notes"]))
    fl_title = ctx.t("cmp_fl_title")
    whole = (lambda: charts.first_last(fl, meta, lang, fl_title), got["fl_name"])
    panels.with_sources(ctx, got["dots"], fl, "cmp_first_last", whole, sources=got["fl_sources"])
    tables.show(got["table"], lang)
