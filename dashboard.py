"""总览 (overview): for the year in focus, a card per area with the value, the change on the
year before and a sparkline; sentences a leader can read out; what the data covers."""

import streamlit as st

from board import app, i18n, model, queries, tables, ui

ctx = app.page("overview")
f, meta, lang = ctx.f, ctx.meta, ctx.lang
st.caption(ctx.t("app_sub"))

series = queries.series(meta.headlines(), f)
if series.empty:
    app.nothing(ctx)
year = int(series["year"].max())  # the last year of the range that has any value
years = list(range(f.y0, f.y1 + 1))
cards = model.cards(series, meta, year, f.agencies, lang)
names = meta.agencies_text(f.agencies, lang)

st.subheader(ctx.t("ov_lead", year=year, agencies=names))
sentences = [s for c in cards if (s := model.sentence(c, meta, lang))]
st.markdown("\n".join(f"- {s}" for s in sentences))
missing = [c.area_name for c in cards if c.value is None]
if missing:
    st.caption(ctx.t("ov_missing_areas", year=year, areas=i18n.join(missing, lang)))

st.subheader(ctx.t("ov_cards"))
for col, card in zip(st.columns(len(cards)), cards, strict=True):
    with col:
        ui.metric_card(ctx, card, years, "#1f5fa8", key=f"spark_{card.area}")

st.subheader(ctx.t("ov_coverage"))
cov = model.coverage_rows(queries.coverage(f), meta, f.agencies, f.y0, f.y1, lang)
tables.show(cov, lang)
