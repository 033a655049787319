"""Claims: what a report says about another year, beside its facts.

比上年增加3次 (delta), 同比下降15% (pct_change), 较2019年的8件 (previous_level), 与上年持平
(same_as_last_year), 连续三年零复议 (streak_zero). None of them is a fact of the report's
year (the extractor sets their numbers aside); each is kept with its quote and later
checked against the facts of the years it speaks of (etl/check.py).

This pass runs after the extractor and never changes its facts: a claim is tied to the
fact it speaks of (the nearest fact of its sentence whose indicator takes the claim's
unit, before it, else after it), or to the indicator and owner the extractor guessed for
the set-aside number when its sentence states no level. A claim that cannot be tied to
an indicator (3个百分点 on a count, 增加3次 with no comparison word) is not kept.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from etl import catalog as catalog_mod
from etl.extract.patterns import (
    GLOBAL_VETO,
    HEADING,
    NUM,
    OUTLOOK_HEADING,
    PART_OF_YEAR,
    SENTENCE_END,
    YEAR_MARK,
)
from etl.extract.text import _inside, _protected, _sentences, _strip_span
from etl.fast_regex import fast
from etl.model import Candidate, Fact, json_row
from etl.normalize import normalise
from etl.numbers import parse_number

KINDS = ("delta", "pct_change", "previous_level", "same_as_last_year", "streak_zero")

POINTS = "个百分点"  # the unit of a change of a percentage


@dataclass
class Claim:
    """What a report says about another year. value: delta, the signed change in the
    indicator's unit (percentage points for a %); pct_change, the signed change in %;
    previous_level, the other year's level; streak_zero, the number of years; None for
    same_as_last_year. about_year: the year compared with (a streak's first year)."""

    agency: str
    year: int
    indicator: str
    kind: str
    value: float | None
    unit: str
    about_year: int
    qualifier: str | None
    quote: str
    start: int
    end: int
    num_start: int = 0
    num_end: int = 0
    location: str = ""

    def as_json(self, doc: str) -> dict:
        return json_row(self, doc, "claim")


# The year compared with: 上年 / 去年 / 同期 / 2019年 / 前年.
_BASE = r"(?P<base>上一?年度?|去年|前一年|前年|(?P<by>(?:19|20)\d{2})\s*年度?)(?:同期)?"
_UP = ("增加", "增长", "上升", "提高", "多出", "延长", "多", "增")
_DOWN = ("减少", "下降", "降低", "缩短", "压缩", "少", "减")
_VERB = "|".join(sorted(_UP + _DOWN, key=len, reverse=True))
_QUAL = r"(?P<q>将近|接近|近|约|超过|逾)?"


@cache
def _patterns():
    cat = catalog_mod.load()
    units = sorted({u for i in cat.indicators for u in i.units}, key=len, reverse=True)
    unit_alt = "|".join(re.escape(u) for u in units)
    amount = rf"{_QUAL}(?P<num>{NUM})(?P<unit>个?百分点|%|{unit_alt})"
    # 比上年增加3次, 较2019年减少2件, 与上年相比，执法检查次数增加3次, 同比增长20%,
    # 比上年多组织3次; not 比上年增加到15次 (a level)
    delta = fast(
        rf"(?:(?:比|较|与|同|和){_BASE}(?:相比|比较)?[，,]?|(?P<yoy>同比))"
        rf"[^，,；;。！？\n\d]{{0,14}}?(?P<verb>{_VERB})了?(?![到至])"
        rf"[^，,；;。！？\n\d到至]{{0,6}}?{amount}"
    )
    # 较2019年的8件增加到12件, 比上年的10次, 由上年的5个减少至2个
    previous = re.compile(rf"(?:比|较|由|从|与){_BASE}的{amount}")
    # 与上年持平, 同比持平, 与去年基本持平
    same = fast(
        rf"(?:(?:与|和|同|较|比){_BASE}(?:相比|比较)?[，,]?|(?P<yoy>同比))"
        r"(?P<basic>基本|大致|大体)?(?:持平|相同|一致|相当|没有变化|无变化)"
    )
    # 连续三年零复议, 连续3年未发生行政诉讼案件, 连续五年保持行政复议案件零发生
    streak = re.compile(rf"连续(?P<num>{NUM})(?:个)?年度?(?P<rest>[^，,；;。！？\n]{{0,24}})")
    return cat, delta, previous, same, streak


_BY_NUMBER = attrgetter("num_start")  # (a sort key without a Python call an item)

_NOT_OURS = {"other_body", "other_year", "period", "stock", "plan", "range"}

# What every claim opens with: a comparison word and the year compared with (比上年,
# 较2019年, 与去年), 同比, or 连续; a sentence without one holds no claim and is not read
# (tests/test_claims.py: each pattern's match opens with one)
_ANY = re.compile(
    r"(?:比|较|由|从|与|同|和)(?:上一?年|去年|前一年|前年|(?:19|20)\d{2}\s*年)|同比|连续"
)

_ZERO_WORD = re.compile(r"零|未发生|未出现|未收到|未被|没有发生|无|为0|为零")
# the objects of a streak of zeros, when the catalog's zero words do not name them (零复议)
_STREAK_OBJECTS = (
    ("reconsideration_cases", re.compile(r"复议")),
    ("litigation_cases", re.compile(r"诉讼|应诉|被诉")),
)


def extract_claims(
    text: str,
    year: int,
    facts: list[Fact],
    candidates: list[Candidate],
    reporter: str,
    norm: str | None = None,
) -> list[Claim]:
    """The claims of one report (by `reporter`, for `year`), tied to its facts and
    candidates."""
    norm = normalise(text) if norm is None else norm
    rows = _year_rows(norm, year, candidates)
    lines = list(_lines_with(_ANY, norm))
    if not lines:
        return rows  # no comparison word: most reports' most sentences, all of some reports
    r = _Reading(text, norm, year, facts, candidates, reporter)
    # sentences as the extractor reads them: a long one in pieces of at most MAX_SENTENCE
    # characters, so that the work stays linear in the length of the text. A sentence ends
    # at a line's end, so only the lines with a comparison word are split.
    for ls, le in lines:
        for ss, se in _sentences(norm, ls, le):
            if not _ANY.search(norm, ss, se):
                continue  # no comparison word in this sentence (most of them)
            if not any(a <= ss < b for a, b in r.ahead):  # next year's plans are not claims
                r.sentence(ss, se)
    return rows + r.out


# A table row that opens with its year (2022年 | 5 | 160 | 9), and what may stand before it
_YEAR_ROW = re.compile(r"[\s|]*(?P<year>(?:19|20)\d{2})\s*年?度?\s*[|\t]")


# A clause that gives an earlier year's figure of what its sentence counted (执法检查12次，
# 2018年为9次): the year, 为/是, the figure
_YEAR_WAS = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?(?:同期)?(?:仅|只)?(?:为|是)\s*$")


def _year_rows(norm: str, year: int, candidates: list[Candidate]) -> list[Claim]:
    """What a table of one row a year says of an earlier year (2022年 | 5 in a report of
    2023): each figure the extractor set aside as another year's, in a row that opens with
    that year, is the report's word on that year's level (previous_level), checked against
    that year's facts as 较2022年的5次 would be. A later year's row (a target) is none. So is
    a clause that says no more than an earlier year's figure (…12次，2018年为9次)."""
    out = []
    for c in candidates:
        if c.reason != "other_year" or not c.agency:
            continue
        ls = norm.rfind("\n", 0, c.num_start) + 1
        m = _YEAR_ROW.match(norm, ls, c.num_start) or _YEAR_WAS.fullmatch(
            norm, c.start, c.num_start
        )
        if m is None or int(m["year"]) >= year:
            continue
        out.append(Claim(c.agency, year, c.indicator, "previous_level", c.value, c.unit,
                         int(m["year"]), None, c.quote, c.start, c.end, c.num_start,
                         c.num_end))  # fmt: skip
    return out


def _lines_with(pattern: re.Pattern, norm: str):
    """(start, end) of each line of norm where pattern matches, in order, each once."""
    end = -1
    for m in pattern.finditer(norm):
        if m.start() > end:
            start = norm.rfind("\n", 0, m.start()) + 1
            end = norm.find("\n", m.start())
            end = len(norm) if end < 0 else end
            yield start, end


class _Reading:
    """One pass over one report's sentences; the sentence being read and what it holds."""

    def __init__(self, text, norm, year, facts, candidates, reporter):
        self.text, self.norm, self.year, self.reporter = text, norm, year, reporter
        # sorted by where their number stands, to find a sentence's own by bisection (a
        # long padded file has thousands of sentences and facts)
        self.facts = sorted([f for f in facts if f.method != "table"], key=_BY_NUMBER)
        self.fact_at = [f.num_start for f in self.facts]
        self.candidates = sorted(candidates, key=_BY_NUMBER)
        self.cand_at = [c.num_start for c in self.candidates]
        self.cat = _patterns()[0]
        self.protected = _protected(norm)
        self.ahead = _outlook_spans(norm)
        self.aside = {c.num_start: c for c in candidates}
        self.out: list[Claim] = []

    def sentence(self, ss: int, se: int) -> None:
        _, delta_re, previous_re, same_re, streak_re = _patterns()
        norm, year = self.norm, self.year
        self.ss, self.se = ss, se
        self.own = self.facts[bisect_left(self.fact_at, ss) : bisect_left(self.fact_at, se)]
        self.used: list[tuple[int, int]] = []
        # another body's or another period's figure in the sentence: a change without a
        # level of its own is not tied to the reporter by guess
        here = self.candidates[bisect_left(self.cand_at, ss) : bisect_left(self.cand_at, se)]
        self.not_ours = any(c.reason in _NOT_OURS for c in here)
        for m in previous_re.finditer(norm, ss, se):
            v = parse_number(m["num"])
            if v is not None and "百分点" not in m["unit"]:
                self.keep("previous_level", m, v, m["unit"], _about(m, year), _qual(m["q"]),
                          _takes(m["unit"]), (m.start("num"), m.end("num")))  # fmt: skip
        for m in delta_re.finditer(norm, ss, se):
            v = parse_number(m["num"])
            if v is None:
                continue
            sign = -1 if m["verb"] in _DOWN else 1
            u = m["unit"]
            if "百分点" in u:
                kind, unit, ok = "delta", POINTS, _is_rate
            elif u == "%":
                kind, unit, ok = "pct_change", "%", _is_count
            else:
                kind, unit, ok = "delta", u, _takes(u)
            self.keep(kind, m, sign * v, unit, _about(m, year), _qual(m["q"]), ok,
                      (m.start("num"), m.end("num")))  # fmt: skip
        for m in same_re.finditer(norm, ss, se):
            self.keep("same_as_last_year", m, None, "", _about(m, year),
                      "about" if m["basic"] else None, _any, None)  # fmt: skip
        for m in streak_re.finditer(norm, ss, se):
            self.streak(m)

    def keep(self, kind, m, value, unit, about, qualifier, fits, num_span) -> None:
        """A claim at match m, tied to the fact it speaks of, or to the set-aside number's
        guessed indicator and owner; nothing when it cannot be tied."""
        norm, ss, se = self.norm, self.ss, self.se
        if _inside(m.start(), self.protected):
            return
        if any(a < m.end() and m.start() < b for a, b in self.used):
            return
        anchor = _anchor(self.own, m.start(), m.end(), fits, self.cat)
        if anchor is not None:
            agency, ind_id = anchor.agency, anchor.indicator
        else:
            c = self.aside.get(num_span[0]) if num_span else None
            if c is None or not c.agency or not c.indicator or self.not_ours:
                return
            if not fits(self.cat.by_id[c.indicator]) or _other_year(norm, ss, m.start(), self.year):
                return
            agency, ind_id = c.agency, c.indicator
        upto = _clause_around(norm, ss, se, m.start(), m.end())[1]
        if _planned(norm, ss, upto) or PART_OF_YEAR.search(norm, ss, m.start()):
            return  # a plan, a stock, a part of the year: not the year against the last
        self.used.append((m.start(), m.end()))
        qs, qe = _strip_span(self.text, *_clause_around(norm, ss, se, m.start(), m.end()))
        ns, ne = num_span or (m.start(), m.end())
        self.out.append(Claim(agency, self.year, ind_id, kind, value, unit, about, qualifier,
                              self.text[qs:qe], qs, qe, ns, ne))  # fmt: skip

    def streak(self, m) -> None:
        """连续三年零复议: each indicator it names was zero from about_year to the year."""
        n = parse_number(m["num"])
        if n is None or n < 2 or n > 30 or not _ZERO_WORD.search(m["rest"]):
            return
        if _inside(m.start(), self.protected) or _planned(self.norm, self.ss, m.start()):
            return
        qs, qe = _strip_span(self.text, *_clause_around(self.norm, self.ss, self.se,
                                                        m.start(), m.end()))  # fmt: skip
        owner = _owner_of(self.own, self.reporter, m.start())
        # what was zero follows the streak (连续三年零复议) or opens its clause
        # (行政复议案件连续两年保持为零)
        before = self.norm[_clause_around(self.norm, self.ss, self.se, m.start(), m.end())[0]
                           : m.start()]  # fmt: skip
        targets = _streak_targets(m["rest"], self.cat) or _streak_targets(before, self.cat)
        for ind_id in targets:
            self.out.append(Claim(owner, self.year, ind_id, "streak_zero", n, "年",
                                  self.year - int(n) + 1, None, self.text[qs:qe], qs, qe,
                                  m.start("num"), m.end("num")))  # fmt: skip


def _is_rate(ind) -> bool:
    return ind.unit == "%"


def _is_count(ind) -> bool:
    return ind.unit != "%"


def _any(ind) -> bool:
    return True


def _takes(unit: str):
    """An indicator a change in `unit` can speak of: one that counts in that unit."""
    return lambda ind: unit in ind.units and ind.unit != "%"


def _qual(word: str | None) -> str | None:
    if not word:
        return None
    return "at_least" if word in ("超过", "逾") else "about"


def _about(m, year: int) -> int:
    base = m.groupdict().get("base") or ""
    if m.groupdict().get("by"):
        return int(m["by"])
    if base.startswith("前年"):
        return year - 2
    return year - 1


def _anchor(own: list[Fact], s: int, e: int, ok, cat) -> Fact | None:
    """The fact a claim at [s, e) speaks of: the nearest one of its sentence before it
    whose indicator fits, else the nearest after it."""
    before = [f for f in own if f.num_end <= s and ok(cat.by_id[f.indicator])]
    if before:
        return before[-1]
    after = [f for f in own if f.num_start >= e and ok(cat.by_id[f.indicator])]
    return after[0] if after else None


def _owner_of(own: list[Fact], reporter: str, pos: int) -> str:
    """Whose streak: the owner of the sentence's fact before it, else the reporter."""
    before = [f for f in own if f.num_end <= pos]
    return before[-1].agency if before else reporter


def _streak_targets(rest: str, cat) -> list[str]:
    """The indicators a streak of zeros speaks of (行政复议和行政诉讼案件 → both)."""
    found = [i.id for i in cat.indicators if i.zero and any(p.search(rest) for p in i.zero)]
    for ind_id, p in _STREAK_OBJECTS:
        if ind_id not in found and p.search(rest):
            found.append(ind_id)
    return [i for i in found if cat.by_id[i].unit != "%"]


def _planned(norm: str, ss: int, pos: int) -> bool:
    """The claim is a plan or target (力争比上年增加…), not what happened."""
    v = GLOBAL_VETO.search(norm, ss, pos)
    return bool(v) and v.group(0) not in ("新增", "净增", "净减")  # 比上年新增1项 is a change


def _other_year(norm: str, ss: int, pos: int, year: int) -> bool:
    """An explicit year other than the report's opens the sentence before the claim:
    2020年执法检查10次，比上年增加2次 speaks of 2020, not of the report's year."""
    return any(int(m.group(1)) != year for m in YEAR_MARK.finditer(norm, ss, pos))


def _clause_around(norm: str, ss: int, se: int, s: int, e: int) -> tuple[int, int]:
    """The quote of a claim: from the clause before it (the level it speaks of) to the end
    of its own clause, inside its sentence."""
    marks = "，,；;：:"
    left = s
    while left > ss and norm[left - 1] not in marks:
        left -= 1
    if left > ss:  # take in the clause before: 执法检查15次，比上年增加3次
        left -= 1
        while left > ss and norm[left - 1] not in marks:
            left -= 1
    right = e
    while right < se and norm[right] not in marks:
        right += 1
    return left, right


# OUTLOOK_HEADING needs one of these words in its line: outside a section that looks ahead,
# a line without them neither opens one nor holds 下一步, and is not read at all
OUTLOOK_WORDS = re.compile(
    r"下一步|打算|工作计划|工作思路|明年|下一年|展望|努力方向|主要安排|工作安排"
)
assert f"(?:{OUTLOOK_WORDS.pattern})" in OUTLOOK_HEADING.pattern


def _outlook_spans(norm: str) -> list[tuple[int, int]]:
    """Where a report looks ahead (七、下一步工作打算 … to the next heading; a paragraph
    from 下一步), as the extractor reads it: its numbers are plans."""
    out, start = [], None
    ls, n = 0, len(norm)
    while ls <= n:  # (one line a turn, as norm.split("\n") gives them)
        if start is None:  # skip to the line of the next outlook word
            w = OUTLOOK_WORDS.search(norm, ls)
            if w is None:
                break
            ls = norm.rfind("\n", 0, w.start()) + 1
        le = norm.find("\n", ls)
        le = n if le < 0 else le
        line = norm[ls:le]
        s = line.strip()
        if OUTLOOK_HEADING.match(s):
            start = ls if start is None else start
        elif HEADING.match(s) and start is not None:
            out.append((start, ls))
            start = None
        if start is None and (k := s.find("下一步")) >= 0 and _sentence_opens(s, k):
            out.append((ls + line.find("下一步"), le))
        ls = le + 1
    if start is not None:
        out.append((start, n))
    return out


def _sentence_opens(s: str, k: int) -> bool:
    return k == 0 or s[k - 1] in SENTENCE_END
