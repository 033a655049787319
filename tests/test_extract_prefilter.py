"""What the extractor's shortcuts must still let through.

Lines, sentences, clauses and indicators are ruled out early when they cannot give a fact,
a candidate or a claim (no number, no zero word, no pair, none of an indicator's words):
each case below is one of the things a shortcut could wrongly drop. The expected values are
what the extractor gave before the shortcuts were added.
"""

from __future__ import annotations

import re
import re._parser as sre_parse

import pytest

from etl.extract import extract_all
from etl.extract.claims import extract_claims
from etl.extract.patterns import CLAUSE_END, SENTENCE_END
from etl.extract.text import _spans
from etl.readers.text import _plausible
from etl.registry import Registry
from tests.conftest import DATA

REGISTRY = Registry.load(DATA)
TITLE = "区科技局2019年度法治政府建设情况报告\n\n"
AGENCY = "周村区科学技术局"

I8, I5 = ("inspections", 8.0), ("inspections", 5.0)

# body → (facts, candidates with their reason, claims), each as sorted tuples
CASES = [
    # zeros in words, also where the only digit of the sentence is its year's 0
    ("2019年，全年未发生行政复议案件。", [("reconsideration_cases", 0.0)], [], []),
    ("2019年，本局行政复议、行政诉讼案件均为0件。",
     [("litigation_cases", 0.0), ("reconsideration_cases", 0.0)], [], []),
    ("2019年行政诉讼案件为零。", [("litigation_cases", 0.0)], [], []),
    ("行政复议案件数为“0”。", [("reconsideration_cases", 0.0)], [], []),
    ("全年无行政诉讼案件。", [("litigation_cases", 0.0)], [], []),
    ("其中双随机抽查5次。2019年行政复议案件为空。",
     [I5, ("reconsideration_cases", 0.0)], [], []),
    ("行政复议\n无。", [("reconsideration_cases", 0.0)], [], []),  # a heading answered by 无
    # Chinese numerals and thousands commas
    ("全年开展执法检查十二次。", [("inspections", 12.0)], [], []),
    ("全年主动公开政府信息1,250条。", [("disclosures_proactive", 1250.0)], [], []),
    # a pair of time limits, also inside quotes (no mention there) and after a year
    ("2019年，审批时限由20个工作日压缩至5个工作日。",
     [("approval_days_after", 5.0), ("approval_days_before", 20.0)], [], []),
    ("“审批时限由20个工作日压缩至5个工作日”。",
     [("approval_days_after", 5.0), ("approval_days_before", 20.0)], [], []),
    # a mention without a number is nothing
    ("多次组织干部参加上级部门举办的业务培训。", [], [], []),
    # claims: a streak of zeros, a change against last year
    ("全局已连续三年未发生行政复议案件。", [("reconsideration_cases", 0.0)], [],
     [("reconsideration_cases", "streak_zero", 3.0)]),
    ("执法检查12次，比上年增加3次。", [("inspections", 12.0)],
     [("inspections", 3.0, "delta")], [("inspections", "delta", 3.0)]),
    # a table row, another year, a plan
    ("执法检查 | 次 | 14", [("inspections", 14.0)], [], []),
    ("2020年，我局开展执法检查5次。", [], [("inspections", 5.0, "other_year")], []),
    ("下一步，我局将开展执法检查20次。", [], [("inspections", 20.0, "plan")], []),
    # 其中 carries the sentence before it, also over a line break, not over a line of words
    ("全年开展执法检查8次。其中双随机抽查5次。", [I8], [(*I5, "part")], []),
    ("全年开展执法检查8次。\n其中双随机抽查5次。", [I8], [(*I5, "part")], []),
    ("全年开展执法检查8次。\n工作有序推进。\n其中双随机抽查5次。", [I5, I8], [], []),
    ("全年开展执法检查8次。2019年工作有序推进。其中双随机抽查5次。", [I5, I8], [], []),
    ("全年开展执法检查8次。\n。\n其中双随机抽查5次。", [I8], [(*I5, "part")], []),
    ("全年开展执法检查8次。\n 。\n其中双随机抽查5次。", [I5, I8], [], []),
]  # fmt: skip


@pytest.mark.parametrize(("body", "facts", "candidates", "claims"), CASES)
def test_shortcuts_keep(body, facts, candidates, claims):
    text = TITLE + body
    found, aside = extract_all(text, AGENCY, 2019, REGISTRY)
    said = extract_claims(text, 2019, found, aside, AGENCY)
    assert sorted((f.indicator, f.value) for f in found) == facts
    assert sorted((c.indicator, c.value, c.reason) for c in aside) == candidates
    assert sorted((c.indicator, c.kind, c.value) for c in said) == claims


def _spans_by_regex(norm: str, start: int, end: int, stops: str) -> list[tuple[int, int]]:
    """The one-regex definition of _spans: runs of non-stops, a comma between digits kept."""
    pattern = re.compile(rf"(?:\d,(?=\d)|[^{re.escape(stops)}])+")
    return [m.span() for m in pattern.finditer(norm, start, end)]


@pytest.mark.parametrize(
    "text", ["1,250条，3次", "1,,2", ",5,", "a1,2,3b，c", "12,", "九,1", "٣,٤", "，1,2。3,4\n5,6"]
)
def test_spans_keep_thousands_commas(text):
    for stops in (CLAUSE_END, SENTENCE_END, "\n"):
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                got = list(_spans(text, start, end, stops))
                assert got == _spans_by_regex(text, start, end, stops)


def test_legacy_decoding_plausible():
    assert _plausible(
        "区科技局2019年度法治政府建设情况报告：开展执法检查12次（１２）。", legacy=True
    )
    assert _plausible("abc", legacy=True)
    assert not _plausible("あいうえお" * 10, legacy=True)  # kana: not Chinese text
    assert not _plausible("龘齉" * 15, legacy=True)  # no common character: random pairs


def _opcodes(parsed) -> set[str]:
    """The names of the opcodes of a parsed pattern, nested ones too."""
    out = set()
    for op, av in parsed:
        out.add(str(op))
        for x in av if isinstance(av, (list, tuple)) else ():
            if isinstance(x, sre_parse.SubPattern):
                out |= _opcodes(x)
            elif isinstance(x, (list, tuple)):
                for y in x:
                    if isinstance(y, sre_parse.SubPattern):
                        out |= _opcodes(y)
    return out


def test_pairs_have_no_lookaround():
    """The extractor looks for a pair in a sentence only when the whole text holds one:
    what a pattern without lookaround, anchors or word boundaries finds between two
    offsets, it finds in the whole text too."""
    from etl.extract.patterns import pairs

    for pair in pairs():
        ops = _opcodes(sre_parse.parse(pair.pattern.pattern))
        assert "SUBPATTERN" in ops  # the walk reaches into groups
        assert not ops & {"AT", "ASSERT", "ASSERT_NOT"}, pair.pattern.pattern
