"""claims._outlook_spans skips to the lines holding an outlook word: it must find the
spans that reading every line finds (the reading as it was written, kept here)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.extract.claims import _outlook_spans, _sentence_opens
from etl.extract.patterns import HEADING, OUTLOOK_HEADING


def _every_line(norm: str) -> list[tuple[int, int]]:
    out, start = [], None
    pos = 0
    for line in norm.split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        s = line.strip()
        if OUTLOOK_HEADING.match(s):
            start = ls if start is None else start
        elif HEADING.match(s) and start is not None:
            out.append((start, ls))
            start = None
        if start is None and (k := s.find("下一步")) >= 0 and _sentence_opens(s, k):
            out.append((ls + line.find("下一步"), le))
    if start is not None:
        out.append((start, len(norm)))
    return out


TEXTS = [
    "",
    "\n",
    "一、总体情况\n全年检查12次。\n七、下一步工作打算\n计划检查20次。\n八、其他\n无。",
    "七、下一步工作打算\n计划检查20次。\n",
    "七、下一步工作打算\n计划检查20次。\n（一）明年展望\n二、其他\n下一步将加强培训。",
    "问题。下一步将加强培训。\n  下一步，开展检查。\n一、明年工作计划：\n共3次",
    "下一步\n下一步\n\n一、打算\n\n",
    "三、努力方向。\n四、存在问题\n工作思路清晰，下一年度继续。\n第二部分 其他",
    "1. 下一步打算\n检查5次\n二、结语\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_spans_as_every_line(text):
    assert _outlook_spans(text) == _every_line(text)


PIECES = (
    "\n|七、|一、|（二）|1.|第一章|下一步|工作打算|明年|展望|检查12次|。|：| |问题|工作计划|\u3000"
)


@given(st.lists(st.sampled_from(PIECES.split("|"))).map("".join))
def test_same_spans_for_any_mix(text):
    assert _outlook_spans(text) == _every_line(text)
