"""会议材料 (meeting pack): the five areas for a year, or chosen indicators, as a 16:9 PPTX
and the same pages as a PDF (board.deck), made when a download button is clicked; and the
draft of that year's report's figures section as a Word file (board.draft_ui)."""

from dataclasses import replace
from datetime import date

import streamlit as st

from board import app, deck, draft_ui, export, i18n, ui, views, warehouse

ctx = app.page("meeting")
f, meta, lang = ctx.f, ctx.meta, ctx.lang
t = lambda k, **kw: i18n.t(k, lang, **kw)  # noqa: E731
st.caption(t("pg_intro"))

years = [y for y in meta.years if f.y0 <= y <= f.y1] or meta.years
left, right = st.columns([1, 3])
with left:
    year = ctx.setting("year", st.selectbox, years, years[-1], label=t("pg_year"))
with right:
    mode = ctx.setting("mode", st.radio, ["areas", "pick"], "areas", label=t("pg_mode"),
                       horizontal=True, format_func=lambda m: t("pg_" + m))  # fmt: skip
with st.container(border=True):  # the report's figures section, for the same year
    draft_ui.section(ctx, int(year))

inds = meta.headlines()
if mode == "pick":
    inds = ctx.setting("ind", st.multiselect, list(meta.indicators.index), inds, multi=True,
                       label=t("pg_inds"),
                       format_func=lambda i: f"{meta.area(meta.area_of(i), lang)}{i18n.colon(lang)}{meta.ind(i, lang)}")  # fmt: skip
if not inds:
    app.nothing(ctx)

view = replace(f, y0=int(year) - deck.WINDOW + 1, y1=int(year), banner=True, region="")
pack = views.meeting_pack(warehouse.current(), tuple(inds), int(year), view, date.today())
if not pack.slides:
    app.nothing(ctx)

b1, b2, _ = st.columns([1, 1, 3])
for col, fmt in ((b1, "pptx"), (b2, "pdf")):
    col.download_button(t("pg_" + fmt), data=lambda fmt=fmt: deck.render(pack, fmt),
                        file_name=pack.file_name(fmt), mime=export.MIME[fmt], type="primary",
                        icon=":material/download:", on_click="ignore", width="stretch")  # fmt: skip

st.markdown(t("pg_slides", n=len(pack.slides) + 1))
st.markdown(f"1. **{pack.bureau} {pack.title}** · {pack.agencies}")
for n, sl in enumerate(pack.slides, start=2):
    st.markdown(f"{n}. {sl.area}{i18n.colon(lang)}**{sl.title}**  \n{sl.takeaway}")
    # the chart is made and drawn only once its preview is opened (a rerun)
    with (preview := st.expander(t("pg_preview"), key=f"pv_{sl.indicator_id}", on_change="rerun")):
        if preview.open:
            ui.draw(sl.chart, width="stretch", key=f"deck_{sl.indicator_id}")
        st.caption(sl.sources)
skipped = [meta.ind(i, lang) for i in inds if i not in {s.indicator_id for s in pack.slides}]
if skipped:
    st.caption(t("pg_skipped", names=i18n.join(skipped, lang)))
