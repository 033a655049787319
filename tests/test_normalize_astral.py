"""normalize._has_astral tells a character beyond the BMP by UTF-16's length: it must say
what a search of the range says, for any text (lone surrogates too)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from etl.normalize import _changed, _has_astral


@given(st.text(alphabet=st.characters(blacklist_categories=())))
def test_same_as_the_range(text):
    assert _has_astral(text) == (_changed()[2].search(text) is not None)


def test_edges():
    for text in ["", "报告", "\ud800", "\udfff报", "𠀀", "a\U0010ffff", "\uffff", "\U00010000"]:
        assert _has_astral(text) == (_changed()[2].search(text) is not None), text
