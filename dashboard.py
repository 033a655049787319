"""总览 (overview): for the year in focus, a card per area with the value, the change on the
year before and a sparkline; sentences a leader can read out; what the data covers.

The cards, sentences, sparklines and coverage table are made once per view (`view`) and
kept, so a filter changed back or another session on the same view does not make them again."""

from dataclasses import replace

import streamlit as st

from board import app, i18n, model, queries, tables, ui, warehouse

COLOR = "#1f5fa8"


@st.cache_data(max_entries=64, show_spinner=False)
def view(version, f: app.Filters) -> dict | None:
    """The page's content for filters `f` on warehouse `version` (None: no data)."""
    meta, lang = app.load_meta(), f.lang
    series = queries.series(meta.headlines(), f)
    if series.empty:
        return None
    year = int(series["year"].max())  # the last year of the range that has any value
    years = list(range(f.y0, f.y1 + 1))
    cards = model.cards(series, meta, year, f.agencies, lang)
    return {
        "year": year, "cards": cards,
        "sentences": [s for c in cards if (s := model.sentence(c, meta, lang))],
        "sparks": [None if c.spark.empty else ui.sparkline(c, years, lang, COLOR) for c in cards],
        "coverage": model.coverage_rows(queries.coverage(f), meta, f.agencies, f.y0, f.y1, lang),
    }  # fmt: skip


ctx = app.page("overview")
f, meta, lang = ctx.f, ctx.meta, ctx.lang
st.caption(ctx.t("app_sub"))

# the banner and the region list do not change what this page shows
got = view(warehouse.current(), replace(f, banner=True, region=""))
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
for col, card, spark in zip(st.columns(len(cards)), cards, got["sparks"], strict=True):
    with col:
        ui.metric_card(ctx, card, years, COLOR, key=f"spark_{card.area}", spark=spark)

st.subheader(ctx.t("ov_coverage"))
tables.show(got["coverage"], lang)
