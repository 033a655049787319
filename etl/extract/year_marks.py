"""The whole text's marks of another year (去年, 上年 …; 2016年至2018年), found without
scanning every character with a pattern that opens with a class of Chinese characters.

re skips to a pattern's first character fast only when that is one literal; a class of
several Chinese characters (RELATIVE_YEAR's 去上前今本当) is tested by a table lookup at
every character of the text. Every word of RELATIVE_YEAR ends with 年, so it is found from
its 年, a literal, and looked back at; YEAR_SPAN's matches need a range mark followed by
19 or 20, which str.find looks for before the pattern is run at all (most reports have
no span of years). tests/test_year_marks.py compares both with the patterns.
"""

from __future__ import annotations

import re

from etl.extract.patterns import RELATIVE_YEAR, YEAR_SPAN

# RELATIVE_YEAR's words from their 年: 上一年, or one of 去上前今本当 and 年. A 年 ends at
# most one of them (上一年's 一 opens none), and no word holds a 年 before its last
# character, so the matches are RELATIVE_YEAR's, in the same order.
_AT_NIAN = re.compile(r"年(?:(?<=上一年)|(?<=[去上前今本当]年))")
assert RELATIVE_YEAR.pattern == "去年|上年|上一年|前年|今年|本年|当年"


def relative_years(norm: str) -> list[tuple[int, str]]:
    """(start, first character) of each match of RELATIVE_YEAR in norm, in order."""
    out = []
    for m in _AT_NIAN.finditer(norm):
        end = m.end()
        start = end - 3 if norm.startswith("上一", end - 3) else end - 2
        out.append((start, norm[start]))
    return out


# What YEAR_SPAN needs between its two years: a range mark, then (after white space) the
# 19 or 20 of the second year
_RANGE_MARKS = "-—–~至到"
assert f"\\s*[{_RANGE_MARKS}]\\s*(?:19|20)\\d{{2}}" in YEAR_SPAN.pattern.replace("\\-", "-")


def year_spans(norm: str) -> list[re.Match]:
    """YEAR_SPAN's matches in norm (none, unless a range mark stands before a 19 or 20)."""
    for mark in _RANGE_MARKS:
        at = norm.find(mark)
        while at >= 0:
            k = at + 1
            while k < len(norm) and norm[k].isspace():
                k += 1
            if norm.startswith(("19", "20"), k):
                return list(YEAR_SPAN.finditer(norm))
            at = norm.find(mark, at + 1)
    return []
