"""board.charts.spec (what the pages draw with, board.ui.draw): the spec st.altair_chart
would send, without its second schema check on every run (issue 16)."""

from __future__ import annotations

import json

from board_fixtures import ROOT  # noqa: F401  (puts the project on sys.path)

pytest_plugins = ["board_fixtures"]


def _canon(spec: dict) -> tuple[str, list[bytes]]:
    """The spec as text with its datasets renamed in order, and the datasets as Arrow."""
    from streamlit import dataframe_util

    spec = dict(spec)
    ds = spec.pop("datasets", {})
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    for i, name in enumerate(ds):
        text = text.replace(name, f"D{i}")
    data = [v if isinstance(v, bytes) else dataframe_util.convert_anything_to_arrow_bytes(v)
            for v in ds.values()]  # fmt: skip
    return text, data


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
            assert _canon(ours) == _canon(theirs)
            made += 1
    assert made >= 20
