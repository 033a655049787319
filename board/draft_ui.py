"""会议材料: the figures section of the chosen year's report as a Word draft (board/draft.py),
made when its download button is clicked."""

from __future__ import annotations

import streamlit as st

from board import draft, draft_data, draft_docx, queries

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

TEXT: dict[str, tuple[str, str]] = {
    "title": ("报告数字部分草稿（Word）", "Draft of the report's figures (Word)"),
    "intro": (
        "按所选年度的数字写出报告的数字段落：各领域一段，附“比上年”比较；每个数字的来源在脚注中；"
        "尚未核实的数字标黄，有争议的标粉；缺少的数字留作【待补】，不会编造。",
        "The figures paragraphs of the year's report, one per area with year-on-year "
        "comparisons; each figure's source in a footnote; unverified figures yellow, disputed "
        "ones pink; missing figures left as visible blanks, never invented.",
    ),
    "agency": ("单位", "Agency"),
    "kind": ("报告类型", "Report"),
    "fazhi": ("法治政府建设情况报告", "rule-of-law report"),
    "xxgk": ("政府信息公开工作年度报告", "government information disclosure report"),
    "button": ("下载草稿（Word）", "Download the draft (Word)"),
    "summary": ("{year}年：{n} 个数字，其中尚未核实 {unverified} 个、有争议 {disputed} 个；待补 {blanks} 处。",
                "{year}: {n} figures, {unverified} unverified, {disputed} disputed; {blanks} blanks."),
    "nothing": ("{agency}{year}年没有可写入这类报告的数字。",
                "{agency} has no figures for this report in {year}."),
    "demo": ("含演示数据：草稿首页会注明。", "Includes demo data: the draft says so on its first page."),
}  # fmt: skip


def tt(key: str, lang: str, **kw) -> str:
    zh, en = TEXT[key]
    s = en if lang == "en" else zh
    return s.format(**kw) if kw else s


def section(ctx, year: int) -> None:
    f, meta, lang = ctx.f, ctx.meta, ctx.lang
    st.subheader(tt("title", lang))
    st.caption(tt("intro", lang))
    choices = list(f.agencies) or list(meta.agencies.index)
    bureaus = [a for a in choices if meta.agencies.at[a, "kind"] == "bureau"]
    left, right = st.columns([1, 2])
    with left:
        agency = ctx.setting("draft_ag", st.selectbox, choices, (bureaus or choices)[0],
                             label=tt("agency", lang),
                             format_func=lambda a: meta.agency(a, lang))  # fmt: skip
    with right:
        kind = ctx.setting("draft_kind", st.radio, list(draft.KINDS), "fazhi",
                           label=tt("kind", lang), horizontal=True,
                           format_func=lambda k: tt(k, lang))  # fmt: skip
    data = draft_data.gather(queries.run, agency, int(year), f.demo)
    doc = draft.compose(data, kind)
    if not doc.facts:
        st.caption(tt("nothing", lang, agency=meta.agency(agency, lang), year=year))
        return
    marks = [p.mark for b in doc.blocks[1:] for p in [*b.pieces, *_cells(b)] if p.kind == "figure"]
    st.download_button(tt("button", lang), data=lambda: draft_docx.to_docx(doc),
                       file_name=f"{doc.title}.docx", mime=MIME, type="primary",
                       icon=":material/description:", on_click="ignore", key="draft_docx")  # fmt: skip
    st.caption(tt("summary", lang, year=year, n=len(doc.facts), blanks=len(doc.blanks),
                  unverified=marks.count("unverified"), disputed=marks.count("disputed")))  # fmt: skip
    if doc.demo:
        st.caption(tt("demo", lang))


def _cells(block) -> list:
    return [p for row in block.rows for cell in row for p in cell]
