"""_mentions skips the percent, 成 and 一半 scans where a substring every match of theirs
holds is absent: wherever a scan finds a match, its guard must let it run."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.extract.mentions import _compiled, _tenths_may
from etl.extract.patterns import HALF, TENTHS

PIECES = "提速|压缩了|降低|八成|一成|成|完成|一半|减半|以上|百分之|五十|30|%| %|分之|百|1,250|多"


def _guards(text: str, s: int, e: int) -> dict:
    percent = text.find("%", s, e) >= 0 or text.find("百分之", s, e) >= 0
    half = text.find("一半", s, e) >= 0 or text.find("减半", s, e) >= 0
    return {"percent": percent, "tenths": _tenths_may(text, s, e), "half": half}


def _scans(text: str, s: int, e: int) -> dict:
    return {
        "percent": any(True for _ in _compiled()[2].finditer(text, s, e)),
        "tenths": any(True for _ in TENTHS.finditer(text, s, e)),
        "half": any(True for _ in HALF.finditer(text, s, e)),
    }


def _check(text: str) -> None:
    for s in range(len(text) + 1):
        for e in range(s, len(text) + 1):
            guards, found = _guards(text, s, e), _scans(text, s, e)
            for k, hit in found.items():
                assert guards[k] or not hit, (k, s, e)


@pytest.mark.parametrize(
    "text",
    [
        "审批时限提速八成，压缩了一成",
        "满意率100%，减半收取，超过一半",
        "提高百分之三十",
        "八成",
        "完成5次",
    ],
)
def test_every_window(text):
    _check(text)


@given(st.lists(st.sampled_from(PIECES.split("|")), max_size=6).map("".join))
def test_any_mix(text):
    _check(text)


@given(st.text(alphabet=st.sampled_from(list("性是号版届位名次人 1")), max_size=12))
def test_not_after_words_are_the_pattern(text):
    from etl.extract.mentions import NOT_AFTER_WORDS
    from etl.extract.patterns import NOT_AFTER

    for at in range(len(text) + 1):
        assert text.startswith(NOT_AFTER_WORDS, at) == bool(NOT_AFTER.match(text, at)), at
