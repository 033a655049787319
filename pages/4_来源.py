"""来源 (sources): every document loaded, every value found with its sentence and the
number highlighted, where sources disagree, and the files that could not be loaded."""

import streamlit as st

from board import app, model, queries, tables, ui

ctx = app.page("sources")
f, meta, lang = ctx.f, ctx.meta, ctx.lang
PER_PAGE = 50

run = queries.last_run()
if not run.empty:
    r = run.iloc[0]
    st.caption(ctx.t("src_run", when=f"{r.finished_at:%Y-%m-%d %H:%M}", seen=r.files_seen,
                     loaded=r.files_loaded, facts=r.facts))  # fmt: skip

docs, n_docs = queries.documents(f)
st.subheader(ctx.t("src_docs", n=n_docs))
if docs.empty:
    st.info(ctx.t("no_data"))
else:
    tables.show(model.documents_display(docs, meta, lang), lang)

inds = ctx.setting(
    "ind", st.multiselect, list(meta.indicators.index), [], multi=True,
    label=ctx.t("src_indicators"), placeholder=ctx.t("src_all_ind"),
    format_func=lambda i: meta.ind(i, lang),
)  # fmt: skip
n_facts = queries.facts_count(inds, f)  # none chosen: all
st.subheader(ctx.t("src_facts", n=n_facts))
if n_facts == 0:
    st.info(ctx.t("no_data"))
else:
    pages = list(range(1, min(200, (n_facts + PER_PAGE - 1) // PER_PAGE) + 1))
    page = (
        ctx.setting("page", st.selectbox, pages, 1, label=ctx.t("src_page", n=PER_PAGE))
        if len(pages) > 1
        else 1
    )
    facts = queries.facts(inds, f, PER_PAGE, (page - 1) * PER_PAGE)
    with st.container(height=640):
        ui.facts_table(ctx, facts)
    ui.scan_pages(ctx, facts)  # facts read from scans: the page beside its sentences

conf = queries.conflicts(f)
st.subheader(ctx.t("src_conflicts", n=len(conf)))
if conf.empty:
    st.caption(ctx.t("src_conflicts_none"))
else:
    tables.show(model.conflicts_display(conf, meta, lang), lang)

rej = queries.rejected()
st.subheader(ctx.t("src_rejected", n=len(rej)))
if rej.empty:
    st.caption(ctx.t("src_rejected_none"))
else:
    tables.show(model.rejected_display(rej, lang), lang)
