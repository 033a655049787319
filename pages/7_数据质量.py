"""数据质量 (data quality): missing years, sources that disagree (both sentences), reports
whose year came from a folder or file name, indicators never found, and the reports that
lose most numbers (candidates per report and reason)."""

import streamlit as st

from board import app, claims_ui, quality, queries, tables

ctx = app.page("quality")
f, meta, lang = ctx.f, ctx.meta, ctx.lang


def section(key: str, df, table) -> None:
    st.subheader(ctx.t(key, n=len(df)))
    if df.empty:
        st.caption(ctx.t(f"{key}_none"))
    else:
        tables.show(table(df, meta, lang), lang)


section("q_missing", queries.quality("missing", f), quality.missing)
section("q_conflicts", queries.quality("conflicts", f), quality.conflicts)
claims_ui.section(ctx)  # claims about another year the figures do not bear out
section("q_year_path", queries.quality("year_from_path", f), quality.year_from_path)
section("q_totals", queries.table_checks(), quality.totals)

never = queries.quality("never_found", f)
st.subheader(ctx.t("q_never", n=len(never)))
if never.empty:
    st.caption(ctx.t("q_never_none"))
else:
    st.markdown("、".join(meta.ind(i, lang) for i in never["indicator_id"]))

cand = queries.quality("candidates", f)
st.subheader(ctx.t("q_cand", n=len(cand)))
st.caption(ctx.t("q_cand_help"))
if cand.empty:
    st.caption(ctx.t("q_cand_none"))
else:
    with st.container(height=560 if len(cand) > 8 else "content", border=False):
        st.html(quality.candidates_html(quality.candidates(cand, meta, lang), lang))
