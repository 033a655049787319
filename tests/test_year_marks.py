"""The whole text's year marks found from their 年 and behind a str.find of a range mark
(etl/extract/year_marks.py) are RELATIVE_YEAR's and YEAR_SPAN's matches."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.patterns import RELATIVE_YEAR, YEAR_SPAN
from etl.extract.year_marks import relative_years, year_spans

_PIECES = ["年", "去", "上", "一", "前", "今", "本", "当", "上一年", "去年", "年度", "，", "2016",
           "2018", "19", "20", "至", "到", "-", "—", " ", "\n", "\u3000", "共", "累计", "期间"]  # fmt: skip


@settings(max_examples=600)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_relative_years_are_the_pattern(text):
    assert relative_years(text) == [(m.start(), m[0][0]) for m in RELATIVE_YEAR.finditer(text)]


@settings(max_examples=600)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_year_spans_are_the_pattern(text):
    assert [m.span() for m in year_spans(text)] == [m.span() for m in YEAR_SPAN.finditer(text)]


def test_a_span_of_years():
    text = "2016年至2018年，共办理12件；2019 - 2020年累计…"
    assert [m.span() for m in year_spans(text)] == [m.span() for m in YEAR_SPAN.finditer(text)]
    assert year_spans(text)
