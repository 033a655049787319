"""normalise replaces the few characters of a text that change one by one, searching on
from each: it must give what translating every character gives, for any text, and no
replacement may itself be one to replace (else the order of the replaces would matter)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.normalize import MAX_REPLACED, _changed, _table, normalise

_CHANGED = sorted(_changed()[0])


def test_no_replacement_is_replaced():
    table = _changed()[0]
    assert not any(v in table for v in table.values())


@settings(max_examples=400)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_CHANGED[:40] + _CHANGED[-40:] + list("，（）０１％：Ａ")),
            st.sampled_from(list("报告执法检查12,。\n 𠀀\ud800")),
            st.characters(),
        ),
        max_size=40,
    ).map("".join)
)
def test_same_as_translate(text):
    assert normalise(text) == text.translate(_table())


def test_more_than_max_replaced():
    many = "".join(_CHANGED[: MAX_REPLACED + 3]) * 2 + "报告"
    assert normalise(many) == many.translate(_table())
    few = "".join(_CHANGED[:MAX_REPLACED]) * 3
    assert normalise(few) == few.translate(_table())


def test_white_space_and_newlines_are_kept():
    """A character is white space exactly when its normalised one is, and no character
    becomes or stops being a newline: a text's non-blank lines are its normalised text's
    (pipeline._report finds them once, in norm, for identify's head and the paragraphs)."""
    from etl.identify import non_blank_lines

    for k, v in _table().items():
        c = chr(k)
        assert c.isspace() == v.isspace(), (c, v)
        assert (c == "\n") == (v == "\n"), (c, v)
    text = "标题\n\u3000\u3000\n　正文，１２次。\n \n\t末行"
    assert non_blank_lines(normalise(text)) == non_blank_lines(text)
