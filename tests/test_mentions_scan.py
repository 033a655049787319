"""The mention pattern's number opens with one character class (a fast scan): it must find
exactly what the pattern written with NUM finds, at the same places with the same groups."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.extract.mentions import GAP, NUM_FIRST, NUM_REST, _compiled
from etl.extract.patterns import NUM, POST
from etl.numbers import CN_CHARS


def _as_written() -> re.Pattern:
    """The mention pattern as it was written before: NUM behind a lookahead."""
    fast = _compiled()[1].pattern
    assert fast.startswith(f"(?P<num>{NUM_FIRST}")  # then a look ahead, then NUM_REST
    rest = fast[fast.index(f"{NUM_REST}){GAP}") + len(NUM_REST) + 1 :]
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
    # digits of other scripts and characters beyond the BMP, which the first class lets
    # through for the lookbehinds after it to tell (mentions.DECIMALS)
    "١٢次 𝟏𝟐件 𠀀12次 𠀀次 12𠀀次 𝟏0% 𠀀% 百分之𠀀 ٣٠% 𝟗9条",
]


@pytest.mark.parametrize("text", CASES)
def test_same_mentions_as_written(text):
    assert _found(_compiled()[1], text) == _found(_as_written(), text)


@given(
    st.text(
        alphabet=st.sampled_from(
            "0123456789.,万十百千一二两〇零次件条项余多以上左右%年 检工作日个单位\u00a0٣𝟏𠀀"
        )
    )
)
def test_same_mentions_for_any_mix(text):
    assert _found(_compiled()[1], text) == _found(_as_written(), text)


# The percent pattern, likewise: the number is the `cn` group, or from the match's start
# to the end of `tail`, where the pattern as written had a `num` group.
def _percent_as_written() -> re.Pattern:
    digits = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
    return re.compile(rf"(?=[\d百])(?:百分之(?P<cn>{NUM})|(?P<num>{digits}){GAP}%){POST}")


def _percents(text: str) -> list:
    out = []
    for m in _compiled()[2].finditer(text):
        number = m.span("cn") if m["cn"] is not None else (m.start(), m.end("tail"))
        out.append((m.span(), number, m["post"]))
    return out


def _percents_as_written(text: str) -> list:
    return [
        (m.span(), m.span("cn") if m["cn"] is not None else m.span("num"), m["post"])
        for m in _percent_as_written().finditer(text)
    ]


PERCENTS = [
    "办结率100%，满意率99.5%，提速百分之五十，压缩百分之30以上",
    "1,250%，12,34%，1.5.5%，百分百，百分之，5%%，3.%，.5%左右",
    "压缩 50 %，满意率 99.5%，12  %，1,250 %",  # a space before the sign
    "𝟏0% 𠀀% 百分之𠀀 ٣٠% 𝟗9% 𠀀5%",  # other scripts' digits, beyond the BMP (DECIMALS)
]


@pytest.mark.parametrize("text", PERCENTS)
def test_same_percents_as_written(text):
    assert _percents(text) == _percents_as_written(text)


@given(st.text(alphabet=st.sampled_from("0123456789.,%百分之十五一两以上左右多 \u00a0率٣𝟏𠀀")))
def test_same_percents_for_any_mix(text):
    assert _percents(text) == _percents_as_written(text)
