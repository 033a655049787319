"""Patterns behind a lookahead of their first characters (etl/fast_regex.py) find what
the patterns as written find: the same matches at the same places with the same groups."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl import catalog, identify
from etl.extract import choose, claims, patterns
from etl.fast_regex import _guard, first_chars
from etl.normalize import normalise
from etl.readers.text import decode

FIRST = [
    ("a|[bc]d", "abc"),
    ("(?<!x)ab", "a"),  # a lookbehind is zero-width: the next item opens the match
    ("x?y", "xy"),
    ("(?:x|yz)*w", "wxy"),
    (r"\d+年", r"\d"),
    (r"^\s*一、", r"\s一"),
    ("[a-c]z", "a-c"),
    ("[-^]", r"\-\^"),
    ("x*", None),  # may match the empty string: at any position
    ("(?=a)", None),
    ("[^a]b", None),  # any character but one
    (".b", None),
    (r"(a)\1", "a"),
]


@pytest.mark.parametrize(("pattern", "first"), FIRST)
def test_first_chars(pattern, first):
    assert first_chars(pattern) == first


def _fast_ones() -> dict[str, re.Pattern]:
    """The patterns the extractor compiles with fast(), by name."""
    out = {}
    for mod in (patterns, choose, identify):
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern) and "])(?:" in value.pattern[:200]:
                out[f"{mod.__name__}.{name}"] = value
    for i, value in enumerate(claims._patterns()[1:]):
        if "])(?:" in value.pattern[:200]:
            out[f"claims.pattern{i}"] = value
    return out


def _as_written(fast_pattern: re.Pattern) -> re.Pattern:
    head = fast_pattern.pattern.index("])(?:") + len("])(?:")
    return re.compile(fast_pattern.pattern[head:-1], fast_pattern.flags)


def _found(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_the_extractor_compiles_some_fast():
    names = set(_fast_ones())
    assert {"etl.extract.patterns.ZERO_NEG", "etl.extract.patterns.ZERO_TRAIL"} <= names


def _texts() -> list[str]:
    root = Path(__file__).parent
    paths = sorted((root / "realshaped" / "docs").glob("*.txt"))
    paths += sorted((root.parent.parent / "shared" / "devset").glob("d*.txt"))
    return [normalise(decode(p.read_bytes())[0]) for p in paths]


def test_same_matches_on_reports():
    texts = _texts()
    assert texts
    for name, pattern in _fast_ones().items():
        written = _as_written(pattern)
        for text in texts:
            assert _found(pattern, text) == _found(written, text), name


# the words the patterns are made of (runs of CJK characters), their characters, and a few
# others: joined at random, they make the texts the patterns' edges are about
_WORDS = sorted(
    {
        w
        for p in _fast_ones().values()
        for w in re.findall(r"[\u3000-\u9fff\uff00-\uffef]+", p.pattern)
    }
    | {c for p in _fast_ones().values() for c in p.pattern if ord(c) > 0x2000}
    | set("0123456789 \n，。年月日1至-")
    | {"2019", "2020", "12月31日"}
)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_WORDS), max_size=12))
def test_same_matches_on_any_text(words):
    text = "".join(words)
    for name, pattern in _fast_ones().items():
        assert _found(pattern, text) == _found(_as_written(pattern), text), name


# Patterns written by hand to open with one character class, beside the words they stand for
BY_HAND = [
    (patterns.ZERO_HINT, r"[未没无零0]|工作日"),
    (patterns.ZERO_NEEDED, r'[未没无]|为(?:零|0|“0”|"0"|空)'),
    (
        patterns.GLOBAL_VETO,
        r"(?<!全年)(?<!本年)(?<!年内)(?<!今年)(?<!年度)(?<!当年)累计|现行有效|新增(?!主动公开|公开|发布)|净增|净减|以来|历年"
        r"|总数|每(?:周|月|季度?|年|半年|天|日|次)|定期|至少|力争|争取|预计|目标|不少于|不低于|确保"
        r"|拟(?:于|在|开展|组织|举办)|计划(?:开展|组织|完成|举办|于|全年|年内)"
        r"|(?<=年[内初])计划|(?<=[明来下]年)计划",
    ),
    (
        patterns.PART_OF_YEAR,
        r"[上下]半年|前[一二三]季度|第[一二三四]季度|截[至止](?:目前|(?:[1-9]|1[01])月)|"
        r"(?<![\d年])1\s*[-至到~]\s*(?:[1-9]|1[01])\s*月(?!\d)",
    ),
    (patterns.YEAR_MARK, r"(?<![\d\-—–~至])((?:19|20)\d{2})\s*年(?!\s*[\-—–~至]\s*\d)"),
]


@pytest.mark.parametrize(("pattern", "written"), BY_HAND)
def test_by_hand_same_matches_on_reports(pattern, written):
    for text in _texts():
        assert _found(pattern, text) == _found(re.compile(written), text)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from('未没无零0工作日为空“”"1年'), max_size=30))
def test_by_hand_same_matches_on_any_text(text):
    for pattern, written in BY_HAND:
        assert _found(pattern, text) == _found(re.compile(written), text)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["19", "20", "2019", "1", "2", "0", "9", "年", " ", "\n", "-", "—",
                                 "至", "~", "度", "，"]), max_size=12).map("".join))  # fmt: skip
def test_year_mark_by_hand_on_any_text(text):
    written = re.compile(BY_HAND[-1][1])
    assert _found(patterns.YEAR_MARK, text) == _found(written, text)
    for s in range(len(text)):  # from any offset: its lookbehind reads before it
        assert [(m.span(), m.groups()) for m in patterns.YEAR_MARK.finditer(text, s)] == [
            (m.span(), m.groups()) for m in written.finditer(text, s)
        ]


RELATIVE_AS_WRITTEN = re.compile(r"(?P<prev>去年|上年|上一年|前年)|(?P<this>今年|本年|当年)")


@given(st.lists(st.sampled_from(list("去上前今本当一年度，")), max_size=12).map("".join))
def test_relative_year_by_hand(text):
    """One alternation, the year told by the first character (document.py)."""
    assert [(m.span(), m[0][0] in "去上前") for m in patterns.RELATIVE_YEAR.finditer(text)] == [
        (m.span(), m["prev"] is not None) for m in RELATIVE_AS_WRITTEN.finditer(text)
    ]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["全年", "本年", "年内", "年度", "当年", "今年", "累计", "年", "1",
                                 "-", "至", "11", "3", "月", "上半年", "截至", "目前", "新增", " ",
                                 "每月", "计划", "开展", "2"]), max_size=10).map("".join))  # fmt: skip
def test_veto_and_period_by_hand_from_any_offset(text):
    """GLOBAL_VETO and PART_OF_YEAR are searched between offsets (claims, document)."""
    for pattern, written in BY_HAND[2:4]:
        written = re.compile(written)
        for s in range(len(text) + 1):
            for e in range(s, len(text) + 1):
                a, b = pattern.search(text, s, e), written.search(text, s, e)
                assert (a and (a.span(), a.group(0))) == (b and (b.span(), b.group(0)))


GUARDS = [
    ("^a|b", "(?=[ab])"),  # first_chars tells it (a ^ is zero-width to it)
    ("^[^x]y|b", "(?:^|(?=[b]))"),
    (r"\A[^x]|b|c", "(?:^|(?=[bc]))"),
    ("(?:^[^x]|(?P<g>b))", "(?:^|(?=[b]))"),
    ("^[^x]y", "(?:^)"),
    ("[^x]y|b", None),  # an alternative that may open with any character but one
    ("(?:^[^x])?", None),  # may match the empty string
]


@pytest.mark.parametrize(("pattern", "guard"), GUARDS)
def test_guard(pattern, guard):
    assert _guard(pattern, 0) == guard


def _vocabularies() -> dict[str, re.Pattern]:
    units = sorted({u for i in catalog.load().indicators for u in i.units} | {"%"})
    return {u: choose._vocabulary(u)[1] for u in units if choose._vocabulary(u)[1] is not None}


def test_vocabularies_are_guarded():
    for unit, pattern in _vocabularies().items():
        assert pattern.pattern.startswith(("(?=[", "(?:^|(?=[")), unit


_VOCABULARY_WORDS = sorted(
    {
        w
        for p in _vocabularies().values()
        for w in re.findall(r"[\u3000-\u9fff\uff00-\uffef]+", p.pattern)
    }
    | set("，,。；;0123456789 ")
)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_VOCABULARY_WORDS), max_size=10).map("".join), st.integers(0, 8))
def test_guarded_vocabularies_find_the_same(text, pos):
    for pattern in _vocabularies().values():
        head = pattern.pattern.index("]))" if pattern.pattern.startswith("(?:^") else "])")
        written = re.compile(pattern.pattern[head:].lstrip("])"))
        for p in (0, min(pos, len(text))):
            assert [(m.span(), m.lastgroup) for m in pattern.finditer(text, p)] == [
                (m.span(), m.lastgroup) for m in written.finditer(text, p)
            ]
