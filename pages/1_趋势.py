"""趋势 (trends): chosen indicators over the years for the chosen agencies, as values or as
the change on the year before; the same numbers as a table. Missing years are gaps.
The rows, the charts (as specs: one, or one per indicator) and the table are made once per
view (board.views) and kept."""

from dataclasses import replace

import streamlit as st

from board import app, model, tables, ui, views, warehouse

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

# the banner and the region list do not change what this page shows
got = views.trends(warehouse.current(), replace(f, banner=True, region=""), tuple(inds), mode)
if got is None:
    app.nothing(ctx)
data = got["data"]
years = list(range(f.y0, f.y1 + 1))

tab_chart, tab_table = st.tabs([ctx.t("view_chart"), ctx.t("view_table")])
with tab_chart:
    download = (lambda: views.trend_chart(data, mode, meta, years, lang), got["name"])
    # the title and notes above the chart and the agencies' colours under it, as text that
    # wraps (a Vega subtitle cut its lines on a phone); several indicators: a chart each, as
    # wide as the page, one under the other. The export keeps them all in one image.
    ui.chart_with_sources(ctx, got["charts"], data, key=f"trend_{mode}", download=download,
                          sources=got["sources"], head=got["head"], agencies=got["agencies"])  # fmt: skip
with tab_table:
    tables.show(got["table"], lang)
    st.caption(model.table_note(data, lang))
    st.caption(got["sources"])
