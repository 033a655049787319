"""未采用的数字 (candidates), a section of the 审核 page: the numbers a report gives for an
indicator that did not become facts, each with why (in plain words), its sentence with the
number highlighted, the file and the place in it; filtered by reason (and by the page's
indicators), a page at a time. An editor turns one into a fact: indicator, agency, year and
value (prefilled from the candidate where known) and a reason, appended to
data/corrections.csv as a `corrected` row (board.review.adopt) before the warehouse is
rebuilt; the value is then looked up the way the trends page reads it.

    candidates.section(ctx, editor, indicator_ids, counts)   # counts: reason -> n
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import streamlit as st

from board import access, i18n, importer, queries, review
from board.app import Filters
from board.highlight import STYLE, demo_badge, esc, quote_html, sentence_html
from etl.appendlog import AppendBusy
from etl.assignments import FIRST_YEAR
from etl.corrections import BadCorrection
from etl.paths import CORRECTIONS_FILE

PER_PAGE = 10
FLASH, WARN = "_cd_flash", "_cd_warn"


def section(ctx, editor: bool, inds: list[str], counts: dict[str, int]) -> None:
    if msg := st.session_state.pop(FLASH, None):
        st.success(msg)
    if msg := st.session_state.pop(WARN, None):
        st.warning(msg)
    lang = ctx.lang
    head = st.container()  # the title and help, above the filter they count
    reasons = ctx.setting(
        "why", st.pills, list(counts), [], multi=True, selection_mode="multi",
        label=ctx.t("cd_reasons"),
        format_func=lambda r: f"{i18n.reason_text(r, lang, short=True)} {counts.get(r, 0)}",
    )  # fmt: skip
    n = sum(counts[r] for r in reasons) if reasons else sum(counts.values())
    head.subheader(ctx.t("cd_title", n=n))
    head.caption(ctx.t("cd_help" if editor else "cd_viewer"))
    if n == 0:
        st.info(ctx.t("cd_none"))
        return
    pages = math.ceil(n / PER_PAGE)
    page = min(st.pagination(pages, key="cd_page"), pages) if pages > 1 else 1
    df = queries.candidates(inds, reasons, ctx.f, PER_PAGE, (page - 1) * PER_PAGE)
    first = (page - 1) * PER_PAGE + 1
    st.caption(ctx.t("cd_range", a=first, b=first + len(df) - 1, n=n))
    texts = queries.doc_texts(df["doc_id"].dropna())
    for r in df.itertuples():
        with st.container(border=True):
            st.html(card(ctx, r, texts))
            if editor and not taken(r):
                with st.expander(ctx.t("cd_adopt")):
                    _form(ctx, r)


def taken(r) -> bool:
    """The candidate's key shows this very value through a correction: already adopted."""
    return r.current_method == "correction" and _same(r.current_value, r.value)


def _same(a, b) -> bool:
    return a is not None and not pd.isna(a) and abs(float(a) - float(b)) <= 1e-9 * max(1, abs(b))


def _known(v) -> bool:
    return v is not None and not pd.isna(v)


def card(ctx, r, texts: dict[str, str]) -> str:
    lang, meta = ctx.lang, ctx.meta
    ind = r.indicator_id if _known(r.indicator_id) else None
    head = " · ".join([
        meta.agency(r.agency_id, lang) if _known(r.agency_id) else ctx.t("cd_no_agency"),
        str(int(r.year)) if _known(r.year) else ctx.t("cd_no_year"),
        meta.ind(ind, lang) if ind else ctx.t("cd_no_ind"),
    ])  # fmt: skip
    unit = meta.unit(ind, lang) if ind and lang == "en" else r.unit
    value = i18n.value_text(r.value, unit, None, lang)
    why = i18n.reason_text(r.reason, lang)
    badge = f'<span class="fz-why">{esc(i18n.reason_text(r.reason, lang, short=True))}</span>'
    text = texts.get(r.doc_id) if isinstance(r.doc_id, str) else None
    if text:
        sent = sentence_html(text, r.span_start, r.span_end, r.num_start, r.num_end, r.quote)
    else:
        sent = quote_html(r.quote, r.span_start, r.num_start, r.num_end)
    where = " · ".join(
        x for x in (ctx.t("cd_file", path=r.path), i18n.location_text(r.location, lang)) if x
    )
    notes = []
    if r.unplaced:
        notes.append(ctx.t("cd_unplaced"))
    if taken(r):
        notes.append(ctx.t("cd_taken"))
    elif _known(r.current_value):
        shown = i18n.value_text(r.current_value, meta.unit(ind, lang), None, lang)
        notes.append(ctx.t("cd_current", v=shown, how=i18n.method_text(r.current_method, lang)))
    extra = "".join(f'<div class="m">{esc(x)}</div>' for x in notes)
    # a demo report's number is labelled as demo, as everywhere else (files under data/demo/)
    demo = demo_badge(str(r.path).startswith("demo/"), ctx.t("demo"))
    return (f'{STYLE}<div class="fz-card fz-cand"><b>{esc(head)}{i18n.colon(lang)}{esc(value)}</b>{badge}'
            f'<div class="m">{esc(ctx.t("cd_why", why=why))}</div>{sent}'
            f'<div class="m">{esc(where)} {demo}</div>{extra}</div>')  # fmt: skip


def _agency_name(ctx, agency_id: str) -> str:
    zh = ctx.meta.agency_full(agency_id, "zh")
    return zh if ctx.lang == "zh" else f"{ctx.meta.agency_full(agency_id, 'en')}（{zh}）"


def _form(ctx, r) -> None:
    meta, key = ctx.meta, f"{r.candidate_id}"
    inds, ags = list(meta.indicators.index), list(meta.agencies.index)
    this_year = date.today().year
    year0 = int(r.year) if _known(r.year) and FIRST_YEAR <= r.year <= this_year else None
    with st.form(f"cd_{key}", border=False):
        c1, c2, c3, c4 = st.columns([3, 3, 1.3, 1.3])
        ind = c1.selectbox(
            ctx.t("indicator"), inds, key=f"cd_ind_{key}", placeholder=ctx.t("cd_ind_ph"),
            index=inds.index(r.indicator_id) if r.indicator_id in inds else None,
            format_func=lambda i: meta.ind(i, ctx.lang),
        )  # fmt: skip
        agency = c2.selectbox(
            ctx.t("agency"), ags, key=f"cd_ag_{key}", placeholder=ctx.t("pk_agency_ph"),
            index=ags.index(r.agency_id) if r.agency_id in ags else None,
            format_func=lambda a: _agency_name(ctx, a),
        )  # fmt: skip
        year = c3.number_input(ctx.t("year"), min_value=FIRST_YEAR, max_value=this_year,
                               value=year0, step=1, key=f"cd_yr_{key}")  # fmt: skip
        value = c4.number_input(ctx.t("value"), value=float(r.value), step=1.0, format="%g",
                                key=f"cd_v_{key}")  # fmt: skip
        why = st.text_input(ctx.t("rv_reason"), key=f"cd_why_{key}",
                            placeholder=ctx.t("cd_reason_ph"))  # fmt: skip
        if st.form_submit_button(ctx.t("cd_save"), type="primary"):
            _adopt(ctx, r, ind, agency, year, value, why)


def _adopt(ctx, r, ind, agency, year, value, why: str) -> None:
    given = {"indicator": ind, "agency": agency, "year": year, "value": value,
             "rv_reason": why.strip()}  # fmt: skip
    need = [ctx.t(k) for k, v in given.items() if v is None or v == ""]
    if need:
        st.error(ctx.t("cd_need", what=i18n.join(need, ctx.lang)))
        return
    try:
        line = review.adopt(path=r.path, quote=r.quote, location=r.location,
                            agency=ctx.meta.agency_full(agency, "zh"), year=int(year),
                            indicator=ind, value=float(value), reason=why,
                            who=access.editor_name())  # fmt: skip
    except (BadCorrection, AppendBusy) as e:
        st.error(ctx.t("rv_bad", err=str(e)))
        return
    bar = st.progress(0.0, text=ctx.t("rv_rebuilding"))
    summary = review.rebuild(importer.build_progress(bar, ctx.t("rv_rebuilding"), ctx.lang))
    words = {"line": line, "agency": ctx.meta.agency(agency, ctx.lang), "year": int(year),
             "ind": ctx.meta.ind(ind, ctx.lang),
             "v": i18n.value_text(value, ctx.meta.unit(ind, ctx.lang), None, ctx.lang)}  # fmt: skip
    if shown_in_trends(agency, int(year), ind, float(value), ctx.lang):
        st.session_state[FLASH] = ctx.t("cd_saved", **words)
    else:
        why_not = "；".join(reason for path, reason in summary.problems
                            if path.endswith(CORRECTIONS_FILE))  # fmt: skip
        st.session_state[WARN] = ctx.t("cd_not_shown", why=why_not, **words)
    st.rerun()


def shown_in_trends(agency_id: str, year: int, indicator_id: str, value: float, lang: str) -> bool:
    """Whether the trends page now reads `value` for this key (its query, demo included)."""
    df = queries.series([indicator_id], Filters(year, year, (agency_id,), True, lang))
    return any(_same(v, value) for v in df["value"])
