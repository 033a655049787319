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


# The replacing path (a few distinct characters change) and the translating one (many, or
# any beyond the BMP) must give what one str.translate of the whole table gives.
TRANSLATED = [
    "全年开展执法检查１２次，主动公开政府信息３０条（含通知）。",  # full-width only: replaced
    "執法檢查１２次",  # a few traditional characters: replaced
    "區科學技術局關於執法檢查與行政復議、訴訟、審批、許可、處罰、強制的報告",  # many: translated
    "执法检查\U0002005e１２次",  # a character beyond the BMP: translated
    "〇　一二",  # 〇 maps to itself; the ideographic space to a space
]


@pytest.mark.parametrize("raw", TRANSLATED)
def test_normalise_is_the_whole_table(raw):
    from etl.normalize import _table

    assert normalise(raw) == raw.translate(_table())


@given(st.text(alphabet=st.sampled_from("執法檢查區１２３，（）％　〇abc执法\U0002005e")))
def test_normalise_is_the_whole_table_for_any_mix(s):
    from etl.normalize import _table

    assert normalise(s) == s.translate(_table())


def test_no_replacement_is_itself_replaced():
    """normalise replaces one character at a time: that is one translation only when no
    character's replacement is a character that changes."""
    from etl.normalize import _changed

    table = _changed()[0]
    assert not any(v in table for v in table.values())
