"""数据质量: the reports' claims about another year that the figures do not bear out
(inconsistent) or cannot check (unverifiable), each with both sentences — the claim's and
the one the other year's value came from — the numbers marked, and a link to 审核.

An inconsistency points at a misread fact or a misstated report: either way it is what
staff must look at before a meeting.
"""

from __future__ import annotations

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
            f"<b>{esc(badge + verdict)}</b>", claim, other, r.note, review_link(r, f, lang),
        ])  # fmt: skip
    return out


def place(title, location, lang: str) -> str:
    """A sentence's document and its place in it, small, under the sentence."""
    return f"<br><small>{esc(title)} {esc(i18n.location_text(location, lang))}</small>"


def review_link(r, f, lang: str) -> str:
    """A link to 审核 with the filters and the claim's indicator chosen there."""
    params = {**f.params(), "ind": r.indicator_id}
    return f'<a href="{REVIEW_PATH}?{esc(urlencode(params))}" target="_self">{esc(i18n.t("cl_link", lang))}</a>'
