"""The other-body patterns look first at what a name opens with (patterns._BODY_OPENS): they
must find what they find without that look, the same names at the same places."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from etl.extract import patterns
from etl.normalize import normalise
from etl.readers.text import decode


def _without(pattern: re.Pattern) -> re.Pattern:
    assert patterns._BODY_OPENS in pattern.pattern
    return re.compile(pattern.pattern.replace(patterns._BODY_OPENS, ""))


def _found(pattern: re.Pattern, text: str, start: int = 0) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text, start)]


PIECES = [
    "区司法局", "区市场监管局", "周村区", "市", "省", "县", "区", "国家", "知识产权局", "科技局",
    "人民政府", "法院", "检察院", "办公室", "委员会", "对", "会同", "我局", "的", "全市", "，",
    "。", "\n", " ", "\u3000", "开展", "检查", "张店", "淄博市", "山东省", "各县",
]  # fmt: skip


def _texts() -> list[str]:
    root = Path(__file__).parent
    paths = sorted((root / "realshaped" / "docs").glob("*.txt"))
    paths += sorted((root.parent.parent / "shared" / "devset").glob("d*.txt"))
    rng = random.Random(11)
    made = ["".join(rng.choices(PIECES, k=12)) for _ in range(1500)]
    return [normalise(decode(p.read_bytes())[0]) for p in paths] + made


@pytest.mark.parametrize("name", ["OTHER_BODY", "OTHER_BODY_AT_START"])
def test_same_bodies_as_without_the_look(name):
    pattern = getattr(patterns, name)
    written = _without(pattern)
    for text in _texts():
        if name == "OTHER_BODY":
            assert _found(pattern, text) == _found(written, text)
        else:
            for s in range(0, min(len(text), 60)):
                a, b = pattern.match(text, s), written.match(text, s)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
