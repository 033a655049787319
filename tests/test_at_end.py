"""Patterns that match only at a text's end, searched over its last characters
(fast_regex.reach), find what a search of the whole text finds; and choose._is_delta, which
searches them so, says what it said when it searched every text whole."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract import choose, patterns
from etl.fast_regex import reach

ENDING = [
    patterns.DELTA,
    patterns.DELTA_VERB,
    patterns.COMPARISON_BASE,
    choose.FROM_LEVEL,
    choose.YEAR_ON_YEAR,
]


def testreach():
    assert reach(re.compile("(?:a|bc)$")) == 3
    assert reach(re.compile("(?:a$|bc$)")) == 3
    assert reach(re.compile("a|b$")) is None  # a matches anywhere
    assert reach(re.compile("a*$")) is None  # no longest match
    assert reach(re.compile("a$", re.MULTILINE)) is None
    assert reach(re.compile("ab")) is None
    for p in ENDING:
        assert reach(p) is not None, p.pattern


_WORDS = sorted(
    {w for p in ENDING for w in re.findall(r"[\u3000-\u9fff\uff00-\uffef]+", p.pattern)}
    | {c for p in ENDING for c in p.pattern if ord(c) > 0x2000}
    | set("0123456789 \n，,。年次")
    | {"2019", "上年", "自由", "理由"}
)


def _same(a, b) -> bool:
    return (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


@settings(max_examples=600)
@given(st.lists(st.sampled_from(_WORDS), max_size=14).map("".join))
def test_same_match_as_the_whole_search(text):
    for p in ENDING:
        assert _same(p.search(text, len(text) - reach(p)), p.search(text)), (p.pattern, text)


def _is_delta_as_before(left, clause_left, norm, ss, pos) -> bool:
    if patterns.DELTA.search(left) and patterns.DELTA_CONTEXT.search(clause_left):
        return True
    if patterns.DELTA_VERB.search(left) and patterns.DELTA_CONTEXT.search(norm, ss, pos):
        return True
    if patterns.DELTA_AFTER_COMPARISON.search(left) or choose.FROM_LEVEL.search(left):
        return True
    if patterns.COMPARISON_BASE.search(left):
        return True
    return bool(choose.YEAR_ON_YEAR.search(left))


_DELTA_WORDS = _WORDS + sorted(
    set(re.findall(r"[\u4e00-\u9fff]+", patterns.DELTA_AFTER_COMPARISON.pattern))
    | set(re.findall(r"[\u4e00-\u9fff]+", patterns.DELTA_CONTEXT.pattern))
)


@settings(max_examples=600)
@given(
    st.lists(st.sampled_from(_DELTA_WORDS), max_size=10).map("".join),
    st.lists(st.sampled_from(_DELTA_WORDS), max_size=6).map("".join),
)
def test_is_delta_as_before(before, left):
    norm = before + left + "3次"
    pos = len(before) + len(left)
    clause_left = norm[:pos]
    for ss in (0, len(before)):
        assert choose._is_delta(left, clause_left, norm, ss, pos) == _is_delta_as_before(
            left, clause_left, norm, ss, pos
        )
