"""总览 (overview): for the year in focus, a card per area with the value, the change on the
year before and a sparkline; sentences a leader can read out; what the data covers.

The cards, sentences, sparklines and coverage table are made once per view (board.views)
and kept, so a filter changed back or another session on the same view does not make them again."""

from dataclasses import replace

import streamlit as st

from board import app, i18n, tables, ui, views, warehouse

ctx = app.page("overview")
f, meta, lang = ctx.f, ctx.meta, ctx.lang
st.caption(ctx.t("app_sub"))

# the banner and the region list do not change what this page shows
got = views.overview(warehouse.current(), replace(f, banner=True, region=""))
if got is None:
    app.nothing(ctx)
year, cards = got["year"], got["cards"]
years = list(range(f.y0, f.y1 + 1))
names = meta.agencies_text(f.agencies, lang)

st.subheader(ctx.t("ov_lead", year=year, agencies=names))
st.markdown("\n".join(f"- {s}" for s in got["sentences"]))
missing = [c.area_name for c in cards if c.value is None]
if missing:
    st.caption(ctx.t("ov_missing_areas", year=year, areas=i18n.join(missing, lang)))

st.subheader(ctx.t("ov_cards"))
ui.metric_fit(lang)  # English names and units are wider: two lines, not cut
for col, card, spark, sources in zip(st.columns(len(cards)), cards, got["sparks"], got["sources"],
                                     strict=True):  # fmt: skip
    with col:
        ui.metric_card(ctx, card, years, views.COLOR, key=f"spark_{card.area}", spark=spark,
                       sources=sources)  # fmt: skip

st.subheader(ctx.t("ov_coverage"))
tables.show(got["coverage"], lang)
