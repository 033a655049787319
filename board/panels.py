"""Small multiples that use the page's width: each panel its own chart, as wide as its
column (three to a row on a desktop, one under the other on a phone, where Streamlit stacks
columns), one colour legend for all, and the source sentences beside them only once a point
has been clicked (before that the column would be an empty fifth of the page).

A faceted Vega-Lite chart cannot follow the width of the page (its panels have a fixed
width), so the page draws the panels one by one; the export is still the one faceted chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from board import charts, export_ui, model, ui
from board.app import Ctx

PER_ROW = 3


def clicked(keys: Sequence[str]) -> list[dict]:
    """The points clicked in the charts of `keys`, from their state kept by Streamlit (read
    before they are drawn, so the layout can make room for the sentences)."""
    return ui.picks_of(st.session_state.get(k) for k in keys)


def legend(ctx: Ctx, agency_ids) -> None:
    """One legend for all panels (board.ui.agency_legend: wraps on a phone, unlike a legend
    drawn inside a chart)."""
    ui.agency_legend(ctx, agency_ids)


def with_sources(ctx: Ctx, panels: list[tuple[str, object]], data: pd.DataFrame, key: str,
                 export_chart, *, per_row: int = PER_ROW, sources: str | None = None) -> None:  # fmt: skip
    """`panels` ((key, chart) each) in rows of `per_row` across the page, the footnote
    naming the sources and the download menu (of `export_chart`, all panels in one: a
    (function that makes it, file name) pair is made only when a file is asked for) under
    them (`sources`: the footnote, when the page has it already), and the clicked sentences
    in a column on the right once a point is clicked."""
    chosen = clicked([k for k, _ in panels])
    if chosen:
        left, right = st.columns([3, 1], gap="medium")
    else:
        left, right = st.container(), None
    with left:
        for start in range(0, len(panels), per_row):
            row = panels[start : start + per_row]
            for col, (k, chart) in zip(st.columns(per_row), row, strict=False):
                with col:
                    ui.draw(chart, on_select="rerun", selection_mode=[charts.PICK], key=k,
                            width="stretch")  # fmt: skip
        legend(ctx, data["agency_id"].unique() if len(data) else [])
        sources = sources or model.sources_footnote(data, ctx.lang)
        st.caption(sources)
        make, name = export_chart if isinstance(export_chart, tuple) else (export_chart, None)
        export_ui.download_buttons(make, data, name, sources, ctx.lang, key=key)
    if right is not None:
        with right:
            ui.source_panel(ctx, chosen)
