"""Shaping query results for charts, tables and sentences: pure pandas, no Streamlit.

The frames here carry display text in the chosen language (agency and indicator names,
value with qualifier and unit, status, demo or real), so charts and tables only pick
columns. Missing years stay missing (NaN, never 0), and each agency's line is cut into
segments of consecutive years so a chart draws a gap where a year is missing.

One name for four modules, split by job (issue 15); callers keep writing `model.enrich`:

- board/meta.py: names, order and colours of a warehouse version (`Meta`), shared ids;
- board/series.py: resolved values made ready to draw (enrich, segments, 同比, first/last,
  the sources footnote);
- board/cards.py: the overview's cards, sentences and coverage;
- board/displays.py: the pages' tables (values, approvals, documents, conflicts, rejects).
"""

from __future__ import annotations

from board.cards import ZH_NUM, Card, aggregate, card, cards, coverage_rows, sentence, yearly
from board.displays import (
    DEMO_MARK,
    DISPUTED_MARK,
    UNVERIFIED_MARK,
    approvals_display,
    approvals_table,
    cell_text,
    conflicts_display,
    cut_series,
    days_long,
    documents_display,
    first_last_table,
    rejected_display,
    table_note,
    wide_table,
)
from board.meta import APPROVAL_IDS, OVERVIEW_AREAS, PALETTE, QUOTE_MAX, Meta, meta_from
from board.series import add_segments, add_yoy, enrich, first_last, short_quote, sources_footnote

__all__ = [
    "APPROVAL_IDS", "DEMO_MARK", "DISPUTED_MARK", "OVERVIEW_AREAS", "PALETTE", "QUOTE_MAX",
    "UNVERIFIED_MARK", "ZH_NUM", "Card", "Meta", "add_segments", "add_yoy", "aggregate",
    "approvals_display", "approvals_table", "card", "cards", "cell_text", "conflicts_display",
    "coverage_rows", "cut_series", "days_long", "documents_display", "enrich", "first_last",
    "first_last_table", "meta_from", "rejected_display", "sentence", "short_quote",
    "sources_footnote", "table_note", "wide_table", "yearly",
]  # fmt: skip
