"""board.charts.spec (what the pages draw with, board.ui.draw): the spec st.altair_chart
would send, without its second schema check on every run (issue 16)."""

from __future__ import annotations

import json
import re

from board_fixtures import ROOT  # noqa: F401  (puts the project on sys.path)

pytest_plugins = ["board_fixtures"]


def _canon(spec: dict) -> tuple[str, list]:
    """The spec as text with its datasets renamed in order, and the datasets as Arrow
    tables."""
    import pyarrow as pa
    from streamlit import dataframe_util

    spec = dict(spec)
    ds = spec.pop("datasets", {})
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    for i, name in enumerate(ds):
        text = text.replace(name, f"D{i}")
    data = [v if isinstance(v, bytes) else dataframe_util.convert_anything_to_arrow_bytes(v)
            for v in ds.values()]  # fmt: skip
    return text, [pa.ipc.open_stream(b).read_all() for b in data]


def _named(text: str, column: str) -> bool:
    """Whether the spec's text names `column` anywhere (a whole string other than a key,
    datum.x, datum["x"]): a cruder reading than board.chart_fields', and a wider one, to
    check it by."""
    quoted = json.dumps(column, ensure_ascii=False)
    return bool(re.search(re.escape(quoted) + "(?!:)", text) or f"datum.{column}" in text
                or f"datum[{json.dumps(quoted, ensure_ascii=False)[1:-1]}]" in text)  # fmt: skip


def test_the_pages_charts_are_drawn_from_the_same_spec_as_st_altair_chart(use_wh, bundled_wh):
    from streamlit.elements import vega_charts

    from board import app, charts, model, queries

    use_wh(bundled_wh)
    meta = app.load_meta()
    made = 0
    for lang, demo in (("zh", True), ("en", False)):
        f = app.Filters(min(meta.years), max(meta.years), tuple(meta.agencies.index), demo, lang)
        years = list(range(f.y0, f.y1 + 1))
        data = model.enrich(queries.series(meta.headlines(), f), meta, lang)
        fl = model.first_last(data)
        ap = model.enrich(queries.series(model.APPROVAL_IDS, f), meta, lang)
        items = ap[ap["indicator_id"].isin(["approval_items", "one_visit_items"])]
        drawn = [
            charts.trend(model.add_segments(data), meta, years, lang),
            charts.grouped_by_indicator(items, meta, years, lang, "x"),
            *(charts.items_panel(items[items["indicator_id"] == i], meta, years, lang)
              for i in ("approval_items", "one_visit_items")),
            charts.before_after(model.days_long(ap, lang), meta, years, lang, "y"),
            *(charts.compare_panel(data[data["indicator_id"] == i], meta, years, lang)
              for i in meta.headlines()),
            *(charts.first_last_panel(fl[fl["indicator_id"] == i], meta, lang)
              for i in meta.headlines() if (fl["indicator_id"] == i).any()),
        ]  # fmt: skip
        for card in model.cards(queries.series(meta.headlines(), f), meta, f.y1, f.agencies, lang):
            if not card.spark.empty:
                drawn.append(
                    charts.sparkline(card.spark, years, card.year, card.unit, card.name, lang)
                )
        for chart in drawn:
            ours, theirs = charts.spec(chart), vega_charts._convert_altair_to_vega_lite_spec(chart)
            (text, data), (their_text, their_data) = _canon(ours), _canon(theirs)
            assert text == their_text
            # the same rows, of the columns the spec reads: every column it names is sent
            # (its encodings, tooltip, filters, the click's agency_id/year/indicator_id),
            # the display columns it never reads (quote, doc_title, ...) are not
            for ours_t, theirs_t in zip(data, their_data, strict=True):
                named = [c for c in theirs_t.column_names if _named(text, c)]
                kept = [c for c in theirs_t.column_names if c in ours_t.column_names]
                assert set(named) <= set(ours_t.column_names), set(named) - set(kept)
                assert kept == ours_t.column_names
                assert ours_t.equals(theirs_t.select(kept))
                assert not {"quote", "doc_title"} & set(kept)
                if charts.PICK in text:
                    assert set(charts.PICK_FIELDS) <= set(kept)
            made += 1
    assert made >= 20
