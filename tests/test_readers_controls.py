"""readers.text._controls counts control characters through their Latin-1 bytes: it must
count what _CONTROLS finds, in any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from etl.readers.text import _CONTROLS, _controls


@given(st.text())
def test_same_count_for_any_text(text):
    assert _controls(text) == len(_CONTROLS.findall(text))


@given(st.text(alphabet=st.characters(max_codepoint=0x120)))
def test_same_count_near_latin1(text):
    assert _controls(text) == len(_CONTROLS.findall(text))


def test_every_character_below_0x200():
    text = "".join(map(chr, range(0x200))) + "报告\x85\x9f\x7f\x1f\x0b\x0c"
    assert _controls(text) == len(_CONTROLS.findall(text))
