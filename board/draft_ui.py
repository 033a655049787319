"""会议材料: the figures section of the chosen year's report as a Word draft (board/draft.py),
made when its download button is clicked."""

from __future__ import annotations

import streamlit as st

from board import draft, draft_data, i18n, queries

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def section(ctx, year: int) -> None:
    f, meta, lang = ctx.f, ctx.meta, ctx.lang
    st.subheader(i18n.t("dr_title", lang))
    st.caption(i18n.t("dr_intro", lang))
    choices = list(f.agencies) or list(meta.agencies.index)
    bureaus = [a for a in choices if meta.agencies.at[a, "kind"] == "bureau"]
    left, right = st.columns([1, 2])
    with left:
        agency = ctx.setting("draft_ag", st.selectbox, choices, (bureaus or choices)[0],
                             label=i18n.t("dr_agency", lang),
                             format_func=lambda a: meta.agency(a, lang))  # fmt: skip
    with right:
        kind = ctx.setting("draft_kind", st.radio, list(draft.KINDS), "fazhi",
                           label=i18n.t("dr_kind", lang), horizontal=True,
                           format_func=lambda k: i18n.t(f"dr_{k}", lang))  # fmt: skip
    data = draft_data.gather(queries.run, agency, int(year), f.demo)
    doc = draft.compose(data, kind)
    if not doc.facts:
        st.caption(i18n.t("dr_nothing", lang, agency=meta.agency(agency, lang), year=year))
        return
    marks = [p.mark for b in doc.blocks[1:] for p in [*b.pieces, *_cells(b)] if p.kind == "figure"]
    st.download_button(i18n.t("dr_button", lang), data=lambda: _docx(doc),
                       file_name=f"{doc.title}.docx", mime=MIME, type="primary",
                       icon=":material/description:", on_click="ignore", key="draft_docx")  # fmt: skip
    st.caption(i18n.t("dr_summary", lang, year=year, n=len(doc.facts), blanks=len(doc.blanks),
                  unverified=marks.count("unverified"), disputed=marks.count("disputed")))  # fmt: skip
    if doc.demo:
        st.caption(i18n.t("dr_demo", lang))


def _docx(doc) -> bytes:
    from board import draft_docx  # python-docx: imported when the button is clicked

    return draft_docx.to_docx(doc)


def _cells(block) -> list:
    return [p for row in block.rows for cell in row for p in cell]
