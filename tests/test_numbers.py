"""Numbers as reports write them, and a normalisation that keeps every offset."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.normalize import normalise
from etl.numbers import parse_number

NUMBERS = [
    ("12", 12), ("1,200", 1200), ("3.5", 3.5), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20),
    ("二十五", 25), ("一百二十", 120), ("一百零五", 105), ("百", 100), ("三千", 3000),
    ("一万二千", 12000), ("零", 0), ("十二三", None), ("", None), ("abc", None),
    ("1.2万", 12000), ("3万", 30000), ("0.35万", 3500), ("1.2.3万", None),
]  # fmt: skip


@pytest.mark.parametrize("text,value", NUMBERS)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "raw,norm",
    [("執法檢查１２次", "执法检查12次"), ("通過率１００％", "通过率100%"), ("主動公開條", "主动公开条"),
     ("区科技局", "区科技局")],
)  # fmt: skip
def test_normalise_simplifies_and_halves_widths(raw, norm):
    assert normalise(raw) == norm


@given(st.text())
def test_normalise_keeps_length_so_spans_stay_valid(s):
    assert len(normalise(s)) == len(s)
