"""审核 (review): reports the build could not identify, for an editor to assign their agency
and year (board/parked.py); unverified values with their sentence and the number
highlighted, which an editor confirms, corrects or rejects; beside them the numbers set
aside (candidates, board/candidates.py), which an editor can turn into values. Every
verdict is appended to data/corrections.csv, every assignment to data/assignments.csv, and
the warehouse is rebuilt (the old one is served until the new one is swapped in)."""

import math

import streamlit as st

from board import access, app, candidates, i18n, importer, parked, queries, review
from board.highlight import STYLE, esc, sentence_html
from etl.appendlog import AppendBusy
from etl.corrections import BadCorrection

ctx = app.page("review")
f, meta, lang = ctx.f, ctx.meta, ctx.lang
PER_PAGE = 20

if msg := st.session_state.pop("_rv_flash", None):
    st.success(msg)
editor = access.gate(lang)
parked.section(ctx, editor)  # reports waiting for an agency and year, if any
inds = ctx.setting(
    "ind", st.multiselect, list(meta.indicators.index), [], multi=True,
    label=ctx.t("rv_indicators"), placeholder=ctx.t("src_all_ind"),
    format_func=lambda i: meta.ind(i, lang),
)  # fmt: skip
# the page chosen last time (st.pagination below keeps it under its key); a page beyond the
# end (fewer values after a filter change or a verdict) falls back to the first
page = int(st.session_state.get("rv_page") or 1)
queue = queries.review_queue(inds, f, PER_PAGE, (page - 1) * PER_PAGE)
if queue.empty and page > 1:
    page = st.session_state["rv_page"] = 1
    queue = queries.review_queue(inds, f, PER_PAGE, 0)
n = int(queue["n_total"].iloc[0]) if len(queue) else 0
counts = queries.candidate_reasons(inds, f)
view = ctx.setting(
    "view", st.segmented_control, ["queue", "candidates"], "queue", required=True,
    label=ctx.t("rv_view"), label_visibility="collapsed",
    format_func=lambda v: ctx.t("rv_tab_queue", n=n) if v == "queue"
    else ctx.t("rv_tab_cand", n=sum(counts.values())),
)  # fmt: skip
if view == "candidates":
    candidates.section(ctx, editor, inds, counts)
    st.stop()
st.subheader(ctx.t("rv_queue", n=n))
if queue.empty:
    st.info(ctx.t("rv_none"))
    st.stop()
if n > PER_PAGE:  # every value can be reached: a page at a time, saying which
    st.pagination(math.ceil(n / PER_PAGE), key="rv_page")
    first = (page - 1) * PER_PAGE + 1
    st.caption(ctx.t("rv_shown", a=first, b=first + len(queue) - 1, n=n))
texts = queries.doc_texts(queue["doc_id"].dropna())


def verdict(r, status: str, new_value=None, reason: str = "") -> None:
    try:
        line = review.record(
            agency=meta.agencies.at[r.agency_id, "name_zh"], year=int(r.year),
            indicator=r.indicator_id, old_value=r.value, new_value=new_value, status=status,
            reason=reason, who=access.editor_name(), source_doc=r.doc_path or "",
        )  # fmt: skip
    except (BadCorrection, AppendBusy) as e:
        st.error(ctx.t("rv_bad", err=str(e)))
        return
    bar = st.progress(0.0, text=ctx.t("rv_rebuilding"))
    review.rebuild(importer.build_progress(bar, ctx.t("rv_rebuilding"), ctx.lang))
    st.session_state["_rv_flash"] = ctx.t("rv_saved", line=line)
    st.rerun()


for r in queue.itertuples():
    with st.container(border=True):
        unit = meta.unit(r.indicator_id, lang)
        qual = r.qualifier if isinstance(r.qualifier, str) else None
        head = " · ".join(
            [meta.agency(r.agency_id, lang), str(r.year), meta.ind(r.indicator_id, lang)]
        )
        sent = sentence_html(texts.get(r.doc_id), r.span_start, r.span_end, r.num_start,
                             r.num_end, r.quote)  # fmt: skip
        where = " · ".join(
            esc(x)
            for x in (r.doc_title or r.doc_path, i18n.location_text(r.location, lang))
            if isinstance(x, str)
        )
        st.html(f'{STYLE}<div class="fz-card"><b>{esc(head)}{i18n.colon(lang)}{esc(i18n.value_text(r.value, unit, qual, lang))}'
                f'</b><br>{sent}<div class="m">{where}</div></div>')  # fmt: skip
        if not editor:
            continue
        c1, c2, c3 = st.columns([1, 3, 2])
        if c1.button(ctx.t("rv_confirm"), key=f"rv_ok_{r.fact_id}", type="primary"):
            verdict(r, "verified")
        with c2.form(f"rv_fix_{r.fact_id}", border=False):
            # '%g': a count reads 2, not 2.00; a percentage keeps its decimals (87.5)
            new = st.number_input(ctx.t("rv_new_value"), value=float(r.value), step=1.0,
                                  format="%g", key=f"rv_new_{r.fact_id}")  # fmt: skip
            why = st.text_input(ctx.t("rv_reason"), key=f"rv_why_{r.fact_id}")
            if st.form_submit_button(ctx.t("rv_correct")):
                verdict(r, "corrected", new, why)
        with c3.form(f"rv_rej_{r.fact_id}", border=False):
            why_rej = st.text_input(ctx.t("rv_reject_reason"), key=f"rv_rwhy_{r.fact_id}")
            if st.form_submit_button(ctx.t("rv_reject")):
                verdict(r, "rejected", None, why_rej)
