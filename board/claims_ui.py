"""数据质量: the reports' claims about another year that the figures do not bear out
(inconsistent) or cannot check (unverifiable), each with both sentences — the claim's and
the one the other year's value came from — the numbers marked, and a link to 审核.

An inconsistency points at a misread fact or a misstated report: either way it is what
staff must look at before a meeting.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from board import claims, i18n, queries
from board.highlight import demo_badge, esc, sentence_html, table_html

REVIEW_PATH = "审核"  # the URL of pages/6_审核.py


def section(ctx) -> None:
    """The section of the 数据质量 page."""
    f, meta, lang = ctx.f, ctx.meta, ctx.lang
    df = claims.flagged(f)
    if df is None:
        st.subheader(i18n.t("cl_title", lang, n=0))
        st.caption(i18n.t("cl_old", lang))
        return
    counts = claims.verdicts(f)
    total = sum(counts.values())
    st.subheader(i18n.t("cl_title", lang, n=len(df)))
    st.caption(i18n.t("cl_help", lang))
    if df.empty:
        st.caption(i18n.t("cl_none", lang, n=total))
        return
    st.caption(i18n.t("cl_counts", lang, total=total, ok=counts.get("consistent", 0),
                  bad=counts.get("inconsistent", 0), unk=counts.get("unverifiable", 0)))  # fmt: skip
    texts = queries.doc_texts(pd.concat([df["doc_id"], df["other_doc_id"]]).dropna())
    st.html(table_html(i18n.t("cl_cols", lang).split("|"), rows(df, texts, meta, f, lang),
                       raw_cols={3, 4, 5, 7}))  # fmt: skip


def rows(df: pd.DataFrame, texts: dict, meta, f, lang: str) -> list[list[str]]:
    out = []
    for r in df.itertuples(index=False):
        verdict = i18n.t(f"cl_{r.verdict}", lang)
        badge = "⚠ " if r.verdict == "inconsistent" else ""
        claim = sentence_html(texts.get(r.doc_id), r.span_start, r.span_end, r.num_start,
                              r.num_end, r.quote)  # fmt: skip
        claim += place(r.doc_title, r.location, lang)
        claim += demo_badge(r.origin == "demo", i18n.t("cl_demo", lang))
        if isinstance(r.other_doc_id, str) or isinstance(r.other_quote, str):
            other = sentence_html(texts.get(r.other_doc_id), r.other_start, r.other_end,
                                  r.other_num_start, r.other_num_end, r.other_quote)  # fmt: skip
            other += place(r.other_title or r.other_path, r.other_location, lang)
        else:
            other = esc(i18n.t("cl_missing", lang))
        out.append([
            meta.agency(r.agency_id, lang), str(int(r.year)), meta.ind(r.indicator_id, lang),
            f"<b>{esc(badge + verdict)}</b>", claim, other, note_text(r, meta, lang),
            review_link(r, f, lang),
        ])  # fmt: skip
    return out


def note_text(r, meta, lang: str) -> str:
    """The check of a claim, as the build wrote it ('不符：报告称+4家，实际2022年46家→2023年52家，
    +6家'), or in English from the check's figures: 'inconsistent: the report says +4 entities;
    the figures: 2022: 46 entities → 2023: 52 entities, +6 entities'."""
    if lang == "zh" or not isinstance(r.note, str):
        return r.note
    ok = lambda x: x is not None and not pd.isna(x)  # noqa: E731
    unit = "pts" if r.unit == "个百分点" else meta.unit(r.indicator_id, lang)
    val = lambda x: i18n.value_text(x, unit, None, lang)  # noqa: E731
    if r.verdict == "unverifiable":
        if r.kind == "pct_change" and ok(r.other_value) and r.other_value == 0:
            return f"cannot check: {int(r.other_year)} was 0, so there is no percentage change"
        years = i18n.join(re.findall(r"(\d{4})年", r.note), lang) or "a year compared"
        return f"cannot check: no figure for {meta.ind(r.indicator_id, lang)} in {years}"
    if not ok(r.other_year):  # not a check this knows how to say: the build's words
        return r.note
    said = {
        "previous_level": f"{int(r.other_year)} was {val(r.claimed)}",
        "pct_change": f"{r.claimed:+g}%" if ok(r.claimed) else "",
        "same_as_last_year": "the same as the year before",
        "streak_zero": f"zero every year since {int(r.about_year)}",
    }.get(r.kind, i18n.signed(r.claimed, unit, lang) if ok(r.claimed) else "")
    if r.kind in ("streak_zero", "previous_level"):  # the one other year
        seen = f"{int(r.other_year)}: {val(r.other_value)}"
    else:
        seen = f"{int(r.other_year)}: {val(r.other_value)} → {int(r.year)}: {val(r.this_value)}"
        if r.kind == "pct_change" and ok(r.observed):
            seen += f", {r.observed:+.1f}%"
        elif r.kind == "delta" and ok(r.observed):
            seen += f", {i18n.signed(r.observed, unit, lang)}"
    verdict = i18n.t(f"cl_{r.verdict}", lang) if f"cl_{r.verdict}" in i18n.TEXT else r.verdict
    return f"{verdict}: the report says {said}; the figures: {seen}"


def place(title, location, lang: str) -> str:
    """A sentence's document and its place in it, small, under the sentence."""
    return f"<br><small>{esc(title)} {esc(i18n.location_text(location, lang))}</small>"


def review_link(r, f, lang: str) -> str:
    """A link to 审核 with the filters and the claim's indicator chosen there."""
    params = {**f.params(), "ind": r.indicator_id}
    return f'<a href="{REVIEW_PATH}?{esc(urlencode(params))}" target="_self">{esc(i18n.t("cl_link", lang))}</a>'
