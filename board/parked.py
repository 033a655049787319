"""待指定单位和年度的报告 (parked reports), a section of the 审核 page: the reports the build
could not identify, each with why and the beginning of its text; an editor picks the agency
(from the registry) and the year, which is appended to data/assignments.csv (by the file's
content hash, board.review.assign) before the warehouse is rebuilt with the report.

    parked.section(ctx, editor)

Draws nothing when no report is parked.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from board import access, importer, queries, review
from board.highlight import esc
from etl.appendlog import AppendBusy
from etl.assignments import FIRST_YEAR, BadAssignment

LIMIT = 20
FLASH, WARN = "_pk_flash", "_pk_warn"
STYLE = """<style>
.fz-parked{border-left:3px solid #c77700;padding:4px 10px;margin:2px 0;font-size:0.92rem}
.fz-parked .m{color:#5f6b78;font-size:0.82rem;margin-top:4px}
.fz-parked pre{white-space:pre-wrap;font-family:inherit;background:#f5f7fa;color:#333;
  border-radius:4px;padding:6px 8px;margin:2px 0;max-height:9.5em;overflow:auto}
</style>"""


def section(ctx, editor: bool) -> None:
    if msg := st.session_state.pop(FLASH, None):
        st.success(msg)
    if msg := st.session_state.pop(WARN, None):
        st.warning(msg)
    df = queries.parked()
    if df is None:
        st.info(ctx.t("pk_old"))
        return
    if df.empty:
        return
    st.subheader(ctx.t("pk_title", n=len(df)))
    st.caption(ctx.t("pk_help" if editor else "pk_viewer"))
    if len(df) > LIMIT:
        st.caption(ctx.t("pk_shown", k=LIMIT))
    for i, r in enumerate(df.head(LIMIT).itertuples()):
        with st.container(border=True):
            st.html(card(ctx, r))
            if editor:
                _form(ctx, r, f"{r.doc_id}_{i}")


def card(ctx, r) -> str:
    excerpt = r.excerpt if isinstance(r.excerpt, str) else ""
    return (f'{STYLE}<div class="fz-parked"><b>{esc(r.path)}</b>'
            f'<div class="m">{esc(ctx.t("pk_why"))}</div>{esc(r.reason)}'
            f'<div class="m">{esc(ctx.t("pk_head"))}</div><pre>{esc(excerpt)}</pre></div>')  # fmt: skip


def _agency_name(ctx, agency_id: str) -> str:
    """The registry's full name, in Chinese (in English with the Chinese beside it)."""
    zh = ctx.meta.agency_full(agency_id, "zh")
    return zh if ctx.lang == "zh" else f"{ctx.meta.agency_full(agency_id, 'en')}（{zh}）"


def _form(ctx, r, key: str) -> None:
    this_year = date.today().year
    with st.form(f"pk_{key}", border=False):
        c1, c2 = st.columns([3, 1])
        agency = c1.selectbox(
            ctx.t("pk_agency"), list(ctx.meta.agencies.index), index=None, key=f"pk_ag_{key}",
            placeholder=ctx.t("pk_agency_ph"), format_func=lambda a: _agency_name(ctx, a),
        )  # fmt: skip
        year = c2.number_input(ctx.t("pk_year"), min_value=FIRST_YEAR, max_value=this_year,
                               value=this_year - 1, step=1, key=f"pk_yr_{key}")  # fmt: skip
        why = st.text_input(ctx.t("pk_reason"), key=f"pk_why_{key}",
                            placeholder=ctx.t("pk_reason_ph"))  # fmt: skip
        if st.form_submit_button(ctx.t("pk_assign"), type="primary"):
            _assign(ctx, r, agency, int(year), why)


def _assign(ctx, r, agency_id: str | None, year: int, why: str) -> None:
    if agency_id is None:
        st.error(ctx.t("pk_need_agency"))
        return
    name = ctx.meta.agency_full(agency_id, "zh")
    try:
        line = review.assign(path=r.path, doc_id=r.doc_id, agency=name, year=year,
                             who=access.editor_name(), reason=why.strip())  # fmt: skip
    except (BadAssignment, AppendBusy) as e:
        st.error(ctx.t("rv_bad", err=str(e)))
        return
    bar = st.progress(0.0, text=ctx.t("rv_rebuilding"))
    summary = review.rebuild(importer.build_progress(bar, ctx.t("rv_rebuilding"), ctx.lang))
    still = dict(summary.rejected).get(r.path)
    if still:
        st.session_state[WARN] = ctx.t("pk_still", line=line, path=r.path, reason=still)
    else:
        st.session_state[FLASH] = ctx.t("pk_saved", line=line, path=r.path,
                                        agency=_agency_name(ctx, agency_id), year=year)  # fmt: skip
    st.rerun()
