"""The mention pattern's number opens with one character class (a fast scan): it must find
exactly what the pattern written with NUM finds, at the same places with the same groups."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.extract.mentions import NUM_FIRST_CLASS, _compiled
from etl.extract.patterns import NUM, POST
from etl.numbers import CN_CHARS


def _as_written() -> re.Pattern:
    """The mention pattern as it was written before: NUM behind a lookahead."""
    fast = _compiled()[1].pattern
    assert fast.startswith(f"(?P<num>{NUM_FIRST_CLASS})")
    rest = fast[len(f"(?P<num>{NUM_FIRST_CLASS})") :]
    assert rest.endswith(POST)
    return re.compile(rf"(?=[\d{CN_CHARS}])(?P<num>{NUM}){rest}")


def _found(pattern: re.Pattern, text: str) -> list:
    return [
        (m.span(), m.groupdict(), [m.span(g) for g in m.groupdict()])
        for m in pattern.finditer(text)
    ]


CASES = [
    "全年开展执法检查12次，出动执法人员56人次",
    "主动公开政府信息1,250条，1.2万件，3.5万件，0.35万条",
    "十二次，一百二十件，两项，二〇一九年，百余人次，上百人次",
    "1,25条 12,345,678件 1,2345件 12.5.3次 2019年12月31日",
    "3至5次，20-30家，10余次，50多件，12次以上，约8次左右",
    "一12次 十2件 1十次 12万 12万件 万件 .5次 5.次",
]


@pytest.mark.parametrize("text", CASES)
def test_same_mentions_as_written(text):
    assert _found(_compiled()[1], text) == _found(_as_written(), text)


@given(
    st.text(alphabet=st.sampled_from("0123456789.,万十百千一二两〇零次件条项余多以上左右%年 检"))
)
def test_same_mentions_for_any_mix(text):
    assert _found(_compiled()[1], text) == _found(_as_written(), text)
