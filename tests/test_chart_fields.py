"""board.chart_fields: the fields a Vega-Lite spec reads (a chart is sent only those). Each
way a spec can read a field has a case here: one the pruning missed would draw a chart
without its tooltip line, filter or click."""

from __future__ import annotations

import pytest
from board_fixtures import ROOT  # noqa: F401  (puts the project on sys.path)

from board import chart_fields

ENC = {
    "x": {"field": "year_txt", "type": "ordinal"},
    "y": {"field": "value", "type": "quantitative"},
}


@pytest.mark.parametrize(
    ("what", "spec", "reads"),
    [
        ("encodings", {"mark": "bar", "encoding": ENC}, {"year_txt", "value"}),
        ("a tooltip of fields", {"mark": "point", "encoding": {
            "tooltip": [{"field": "agency"}, {"field": "quote_short", "title": "来源句子"}]}},
         {"agency", "quote_short"}),
        ("a tooltip expression", {"mark": {"type": "bar", "tooltip": {
            "expr": '{"单位": datum["agency"], "有争议": datum.disputed ? datum.dispute_note : datum.__x}'}}},
         {"agency", "disputed", "dispute_note", "__x"}),
        ("a single-quoted key", {"mark": {"type": "bar", "tooltip": {"expr": "datum['label']"}}},
         {"label"}),
        ("a filter expression", {"mark": "bar", "transform": [
            {"filter": "datum.bound && datum.bound != ''"}]}, {"bound"}),
        ("a filter predicate", {"mark": "bar", "transform": [
            {"filter": {"field": "which", "equal": "first"}}]}, {"which"}),
        ("a calculate expression", {"mark": "bar", "transform": [
            {"calculate": "datum.year + 1", "as": "next"}]}, {"year"}),
        ("a condition's test", {"mark": "bar", "encoding": {"opacity": {
            "condition": {"test": "datum.is_demo", "value": 0.45}, "value": 1}}}, {"is_demo"}),
        ("the click's fields", {"mark": "bar", "params": [{"name": "pick", "select": {
            "type": "point", "fields": ["agency_id", "year", "indicator_id"]}}]},
         {"agency_id", "year", "indicator_id"}),
        ("a facet", {"facet": {"field": "panel", "type": "nominal"}, "spec": {"mark": "bar"}},
         {"panel"}),
        ("a facet's row", {"facet": {"row": {"field": "panel"}}, "spec": {"mark": "bar"}},
         {"panel"}),
        ("a sort by field", {"mark": "bar", "encoding": {"x": {
            "field": "agency", "sort": {"field": "order", "op": "min"}}}}, {"agency", "order"}),
        ("an aggregate", {"mark": "bar", "transform": [{"aggregate": [
            {"op": "sum", "field": "value", "as": "total"}], "groupby": ["agency_id"]}]},
         {"value", "agency_id"}),
        ("a nested field", {"mark": "bar", "encoding": {"x": {"field": "a.b"}}}, {"a"}),
        ("layers", {"layer": [{"mark": "bar", "encoding": ENC},
                              {"mark": "text", "encoding": {"text": {"field": "bound"}}}]},
         {"year_txt", "value", "bound"}),
        ("not the data's strings", {"mark": "bar", "data": {"values": [{"q": "datum.zz"}]},
                                    "datasets": {"d": [{"q": "datum[k]"}]}}, set()),
        ("not a word in a title", {"mark": "bar", "title": "执法检查次数（次）"}, set()),
    ],
)  # fmt: skip
def test_the_fields_a_spec_reads(what, spec, reads):
    assert chart_fields.used_fields(spec) == reads, what


@pytest.mark.parametrize(
    ("what", "spec"),
    [
        ("a tooltip of the whole datum", {"mark": {"type": "point", "tooltip": True}}),
        ("a tooltip of the data", {"mark": {"type": "point", "tooltip": {"content": "data"}}}),
        ("a fold", {"mark": "bar", "transform": [{"fold": ["a", "b"]}]}),
        ("a lookup", {"mark": "bar", "transform": [{"lookup": "id", "from": {}}]}),
        ("datum by a computed name", {"mark": "bar", "transform": [{"filter": "datum[k] > 1"}]}),
        ("datum given whole", {"mark": {"type": "text", "tooltip": {"expr": "toString(datum)"}}}),
        ("an escaped name", {"mark": "bar", "transform": [{"filter": 'datum["a\\"b"]'}]}),
    ],
)  # fmt: skip
def test_a_spec_it_cannot_follow_keeps_every_field(what, spec):
    assert chart_fields.used_fields(spec) is None, what
    assert chart_fields.keep(["a", "b", "quote"], spec) is None


def test_keep_is_the_columns_read_in_their_order():
    spec = {"mark": "bar", "encoding": ENC, "params": [{"name": "pick", "select": {
        "type": "point", "fields": ["agency_id"]}}]}  # fmt: skip
    cols = ["agency_id", "quote", "value", "doc_title", "year_txt"]
    assert chart_fields.keep(cols, spec) == ["agency_id", "value", "year_txt"]


def test_prune_records_cuts_the_rows_only():
    rows = [{"year_txt": "2020", "value": 3, "quote": "……", "doc_title": "报告"}]
    spec = {"mark": "bar", "encoding": ENC, "data": {"name": "d"}, "datasets": {"d": rows}}
    out = chart_fields.prune_records(spec)
    assert out["datasets"] == {"d": [{"year_txt": "2020", "value": 3}]}
    assert spec["datasets"]["d"] is rows and rows[0]["quote"] == "……"  # the input unchanged
    assert {k: v for k, v in out.items() if k != "datasets"} == {
        k: v for k, v in spec.items() if k != "datasets"
    }
    whole = {**spec, "mark": {"type": "bar", "tooltip": True}}
    assert chart_fields.prune_records(whole) is whole
