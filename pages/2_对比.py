"""对比 (comparison): the science bureau beside its subordinate agencies across the five
areas, for one year or a range; and each agency's first year against its last. The panels
use the page's width (board.panels): three to a row, one under the other on a phone, the
source sentences beside them only once a point is clicked.

Everything the page draws from the data (rows, notes, the panels' specs, the table) is made
once per view (`view`) and kept: a filter changed back, another session on the same view or
a click that only opens the sources draws from it without building ten charts again."""

from dataclasses import replace

import streamlit as st

from board import app, charts, export, i18n, model, panels, queries, tables, warehouse


@st.cache_data(max_entries=64, show_spinner=False)
def view(version, f: app.Filters) -> dict | None:
    """The page's content for filters `f` on warehouse `version` (None: no data)."""
    meta, lang = app.load_meta(), f.lang
    df = queries.series(meta.headlines(), f)
    if df.empty:
        return None
    years = list(range(f.y0, f.y1 + 1))
    data = model.enrich(df, meta, lang)
    ids = [i for i in meta.headlines() if i in set(data["indicator_id"])]
    head = (
        i18n.t("cmp_bars", lang, y0=f.y0, y1=f.y1)
        if f.y0 < f.y1
        else i18n.t("cmp_bars_1", lang, y0=f.y0)
    )
    out = {"data": data, "notes": charts.compare_notes(data, lang), "head": head,
           "name": export_name(data, head, meta, lang),
           "sources": model.sources_footnote(data, lang),
           "bars": [(f"cmp_bars_{i}", charts.spec(charts.compare_panel(
               data[data["indicator_id"] == i], meta, years, lang))) for i in ids]}  # fmt: skip
    if f.y0 < f.y1:
        fl = model.first_last(data)
        fl_title = i18n.t("cmp_fl_title", lang)
        out |= {"fl": fl, "fl_notes": charts.first_last_notes(fl, lang),
                "fl_name": export_name(fl, fl_title, meta, lang),
                "fl_sources": model.sources_footnote(fl, lang),
                "dots": [(f"cmp_fl_{i}", charts.spec(charts.first_last_panel(
                    fl[fl["indicator_id"] == i], meta, lang)))
                    for i in ids if (fl["indicator_id"] == i).any()],
                "table": model.first_last_table(fl, meta, lang)}  # fmt: skip
    return out


def export_name(df, title: str, meta: model.Meta, lang: str) -> str:
    return export.content_name(charts.panels_name_spec(df, meta, lang, title), df) or "chart"


ctx = app.page("compare")
f, meta, lang = ctx.f, ctx.meta, ctx.lang
years = list(range(f.y0, f.y1 + 1))

# the banner and the region list do not change what this page shows
got = view(warehouse.current(), replace(f, banner=True, region=""))
if got is None:
    app.nothing(ctx)
data = got["data"]

head = got["head"]
st.subheader(head)
if got["notes"]:
    st.caption("；".join(got["notes"]))
# the one chart of all panels is for the download only: made when a file is asked for
whole = (lambda: charts.compare_bars(data, meta, years, lang, head), got["name"])
panels.with_sources(ctx, got["bars"], data, "cmp_bars", whole, sources=got["sources"])

if f.y0 < f.y1:
    st.subheader(ctx.t("cmp_first_last", y0=f.y0, y1=f.y1))
    st.caption(ctx.t("cmp_first_last_note"))
    fl = got["fl"]
    st.caption("；".join(got["fl_notes"]))
    fl_title = ctx.t("cmp_fl_title")
    whole = (lambda: charts.first_last(fl, meta, lang, fl_title), got["fl_name"])
    panels.with_sources(ctx, got["dots"], fl, "cmp_first_last", whole, sources=got["fl_sources"])
    tables.show(got["table"], lang)
