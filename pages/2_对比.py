"""对比 (comparison): the science bureau beside its subordinate agencies across the five
areas, for one year or a range; for a range, each agency's first year against its last as a
second view (a switch at the top: one view is drawn at a time, so the browser builds five
charts, not ten). The panels use the page's width (board.panels): three to a row, one under
the other on a phone, the source sentences beside them only once a point is clicked.

Everything the page draws from the data (rows, notes, the panels' specs, the table) is made
once per view (board.views) and kept: a filter changed back, another session on the same view or
a click that only opens the sources draws from it without building the charts again."""

from dataclasses import replace

import streamlit as st

from board import app, charts, i18n, panels, tables, views, warehouse

ctx = app.page("compare")
f, meta, lang = ctx.f, ctx.meta, ctx.lang
years = list(range(f.y0, f.y1 + 1))

view = "years"
if f.y0 < f.y1:  # one year has no first and last
    view = ctx.setting(
        "view", st.radio, list(views.COMPARE_VIEWS), "years", label=ctx.t("cmp_view"),
        horizontal=True, format_func=lambda v: ctx.t(f"cmp_view_{v}"),
    )  # fmt: skip

# the banner and the region list do not change what this page shows
got = views.compare(warehouse.current(), replace(f, banner=True, region=""), view)
if got is None:
    app.nothing(ctx)
data, title = got["data"], got["title"]

if view == "first_last":
    st.subheader(ctx.t("cmp_first_last", y0=f.y0, y1=f.y1))
    st.caption(ctx.t("cmp_first_last_note"))
    whole = (lambda: charts.first_last(data, meta, lang, title), got["name"])
else:
    st.subheader(title)
    whole = (lambda: charts.compare_bars(data, meta, years, lang, title), got["name"])
if got["notes"]:
    st.caption(i18n.semicolon(lang).join(got["notes"]))
# the one chart of all panels is for the download only: made when a file is asked for
key = "cmp_first_last" if view == "first_last" else "cmp_bars"
panels.with_sources(ctx, got["panels"], data, key, whole, sources=got["sources"])
if "table" in got:
    tables.show(got["table"], lang)
