""" "Number + unit" mentions of a text (12次, 十二次, 10余次, 百分之百, 提速八成), with
their qualifiers; numbers in quotes, ordinals, dates and ranges are not counts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from etl import catalog as catalog_mod
from etl.extract.patterns import (
    HALF,
    NEGATED_ONE,
    NOT_AFTER,
    NOT_BEFORE,
    NUM,
    POST,
    QUALIFIER,
    RANGE_MARKS,
    RANGE_START,
    TENTHS,
)
from etl.extract.text import _inside
from etl.numbers import CN_CHARS, parse_number


@dataclass(slots=True)  # (made for every number of a report: no __dict__ to fill)
class _Mention:
    start: int  # of the whole mention (qualifier word included)
    num_start: int
    num_end: int
    end: int
    value: float
    unit: str
    qualifier: str | None
    aside: str | None = None  # why it can never be a fact (a range), kept as a candidate


def _decimals() -> str:
    r"""The inside of a character class holding every character \d matches and every one
    beyond the BMP. re tests a class of characters of the BMP by one lookup in its table,
    but \d by a call a character (Unicode's decimal digits): a class that opens a pattern
    is tested at every character of the text. The astral ones (\d holds a few) are one
    range, which may let other astral characters through: a class written with it must be
    followed by a lookbehind that tells \d again (NUM_REST, the percent pattern)."""
    bmp = "".join(re.findall(r"\d", "".join(map(chr, range(0x10000)))))
    runs, start = [], 0
    for i in range(1, len(bmp) + 1):
        if i == len(bmp) or ord(bmp[i]) != ord(bmp[i - 1]) + 1:
            first, last = bmp[start], bmp[i - 1]
            runs.append(first if first == last else f"{first}-{last}")
            start = i
    return "".join(runs) + "\U00010000-\U0010ffff"


DECIMALS = _decimals()

# NUM written to open with one character class, so that re scans for that class in C
# and tries the pattern only where a digit or numeral stands (a lookahead naming them is
# tried at every position). The same alternatives in the same order: NUM's digit ones
# with their first digit taken out (\d+ is \d\d*, \d{1,3} is \d\d{0,2}), then its
# numerals; the first character says which can follow (tests/test_mentions_scan.py).
# NUM_FIRST, then a look ahead (_follows), then NUM_REST.
NUM_FIRST = rf"[{DECIMALS}{CN_CHARS}]"
NUM_REST = (
    rf"(?:(?<=\d)(?:\d*(?:\.\d+)?万|\d{{0,2}}(?:,\d{{3}})+|\d*(?:\.\d+)?)"
    rf"|(?<=[{CN_CHARS}])[{CN_CHARS}]*)"
)
# The characters a number's run is made of, after its first: digits, commas, points and
# 万 (a digit first), or numerals (a numeral first)
DIGIT_RUN, NUMERAL_RUN = r"[\d,.万]", f"[{CN_CHARS}]"

GAP = "[ \u00a0]?"  # one space (or a no-break space) between a number and its unit


@cache
def _compiled():
    cat = catalog_mod.load()
    units = sorted({u for i in cat.indicators for u in i.units}, key=len, reverse=True)
    unit_alt = "|".join(re.escape(u) for u in units)
    # Both patterns start with the number itself, so the scan skips straight to digits and
    # numerals; the qualifier word before it (约, 超过) and what may not stand before it
    # (another digit: 3.5万件 is not 万件) are looked at afterwards (_pre, _glued).
    # a space may stand between the number and its unit (全年主动公开政府信息 512 条): text
    # taken from PDFs, and pages typed with spaces around Latin digits
    mention = re.compile(
        rf"(?P<num>{NUM_FIRST}{_follows(units)}{NUM_REST}){GAP}(?P<bound>余|多)?"
        rf"(?P<unit>{unit_alt}){POST}"
    )
    # before a % only digits (百分之 takes the Chinese numerals): the scan then starts
    # only at digits and 百, not at every Chinese numeral of the text. Written, as NUM
    # above, to open with one character class: 百分之 or the digits after the first one
    # (\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)? with its first digit taken out), whose number
    # then runs from the match's start to the end of `tail`.
    tail = r"\d{0,2}(?:,\d{3})+|\d*(?:\.\d+)?"
    # `ahead`: the run of digits, commas and points after a digit, taken whole, must be
    # followed by the sign (as the tail, which stops only at a space or the sign, must):
    # at a digit of 2016年 the tail is then not tried at each of its lengths
    ahead = rf"(?=[\d,.]*+{GAP}%)"
    percent = re.compile(
        rf"[{DECIMALS}百](?:(?<=百)分之(?P<cn>{NUM})|(?<=\d){ahead}(?P<tail>{tail}){GAP}%){POST}"
    )
    by_unit: dict[str, list] = {}
    for ind in cat.indicators:
        for u in ind.units:
            by_unit.setdefault(u, []).append(ind)
    return cat, mention, percent, by_unit


def _follows(units: list[str]) -> str:
    """A look, after a number's first character, past the rest of its run (taken whole) at
    what must follow it: a space, 余 or 多, or a unit's first character. A number ends only
    where its run does, as no unit opens with a character of the run; so the look says no
    more than the whole pattern, but a year or a date is not tried at each length of its
    run against every unit. ("" where a unit would open with such a character.)"""
    if any(re.fullmatch(DIGIT_RUN, u[0]) or re.fullmatch(NUMERAL_RUN, u[0]) for u in units):
        return ""
    after = "[" + re.escape("".join(sorted({u[0] for u in units} | set(" \u00a0余多")))) + "]"
    return rf"(?=(?<=\d){DIGIT_RUN}*+{after}|(?<=[{CN_CHARS}]){NUMERAL_RUN}*+{after})"


def _mentions(norm: str, s: int, e: int, protected) -> list[_Mention]:
    _, mention_re, percent_re, _ = _compiled()
    out = []
    add = out.append
    protected_at = [p[0] for p in protected] if protected else []
    for m in mention_re.finditer(norm, s, e):
        ns = m.start()  # the pattern opens with its number
        # _glued(norm, ns, NUMERAL) and _pre, asked here of the character before (most
        # numbers follow a Chinese character: neither is then called)
        before = norm[ns - 1] if ns else ""
        if before in NUMERAL or (before == "," and _glued(norm, ns, NUMERAL)):
            continue
        if protected:  # _inside(ns, protected), without the call and the tuple
            j = bisect_left(protected_at, ns) - 1
            if j >= 0 and protected[j][0] < ns < protected[j][1]:
                continue
        num, bound, unit, post = m.groups()  # (one call, not one per group)
        end = m.end()
        unit_end = end - len(post) if post else end
        pre = _pre(norm, s, ns) if before in PRE_LAST else None
        x = _mention(ns, end, num, unit, norm, s, ns, ns + len(num), pre, unit_end,
                     (bound, post))  # fmt: skip
        if x is not None:
            add(x)
    # the scans below are skipped where what each match holds (a % or 百分之; a numeral and
    # 成; 一半 or 减半) stands nowhere in the text: a substring is found many times faster
    # than a pattern tried at every digit or numeral
    percents = norm.find("%", s, e) >= 0 or norm.find("百分之", s, e) >= 0
    for m in percent_re.finditer(norm, s, e) if percents else ():
        at = m.start()
        cn, _, post = m.groups()
        digits = cn is None  # 12% (else 百分之十二)
        if (digits and _glued(norm, at, "0123456789.")) or (protected and _inside(at, protected)):
            continue
        ns, ne = (at, m.end("tail")) if digits else m.span("cn")
        x = _mention(at, m.end(), norm[ns:ne], "%", norm, s, ns, ne, _pre(norm, s, at), m.end(),
                     (post,))  # fmt: skip
        if x is not None:
            add(x)
    for m in TENTHS.finditer(norm, s, e) if _tenths_may(norm, s, e) else ():  # 提速八成: 80%
        v = parse_number(m["n"])
        if v is not None and not _inside(m.start(), protected):
            add(_Mention(m.start("n"), m.start("n"), m.end(), m.end(), v * 10, "%", None))
    halves = norm.find("一半", s, e) >= 0 or norm.find("减半", s, e) >= 0
    for m in HALF.finditer(norm, s, e) if halves else ():
        pre = "超过" if norm.endswith("超过", s, m.start()) else None  # 超过一半
        qual = QUALIFIER[m["post"] or pre] if m["post"] or pre else None
        add(_Mention(m.start(), m.start(), m.end(), m.end(), 50.0, "%", qual))
    out.sort(key=_by_start)  # (attrgetter: no Python call a mention)
    return out


TENTHS_NUMERALS = "一二三四五六七八九"
assert f"(?P<n>[{TENTHS_NUMERALS}])成" in TENTHS.pattern


def _tenths_may(norm: str, s: int, e: int) -> bool:
    """Whether norm[s:e] holds one of TENTHS's numerals followed by 成 (most texts hold 成
    only in 完成, 成立 …)."""
    i = norm.find("成", s + 1, e)
    while i >= 0:
        if norm[i - 1] in TENTHS_NUMERALS:
            return True
        i = norm.find("成", i + 1, e)
    return False


_by_start = attrgetter("start")


NUMERAL = frozenset("0123456789." + CN_CHARS)


def _glued(norm: str, pos: int, chars) -> bool:
    """The number at pos is the tail of a longer one (3.5万件, 1,250 read from its 250)."""
    if pos == 0:
        return False
    before = norm[pos - 1]
    return before in chars or (before == "," and pos > 1 and norm[pos - 2].isdigit())


PRE_BEFORE = re.compile(r"(?:将近|接近|近|大约|约|超过|逾|多于)$")
# The last characters of PRE_BEFORE's words; a newline, because $ also matches before a
# newline at the end of the searched text: any other character before a number rules a
# qualifier word out without a search (most numbers have none).
PRE_LAST = frozenset("近约过逾于\n")


def _pre(norm: str, s: int, at: int) -> str | None:
    """The qualifier word right before a match at `at` (约12次, 超过50%), if any."""
    if at <= s or norm[at - 1] not in PRE_LAST:
        return None
    k = PRE_BEFORE.search(norm, max(s, at - 2), at)
    return k.group(0) if k else None


# NOT_BEFORE is one character class before the end: the character before a number is
# looked up in it as a set, not searched for in a one-character slice
assert NOT_BEFORE.pattern.startswith("[") and NOT_BEFORE.pattern.endswith("]$")
NOT_BEFORE_CHARS = frozenset(NOT_BEFORE.pattern[1:-2])
# …except 数 closing a noun of counting: 数百人 is no count, but 主动公开政府信息总数7条 and
# 参训人数120人 are (a report's 总数/人数/次数 … before its figure)
COUNTING_BEFORE_SHU = frozenset("总人次件条户家场个期项卷")

# NOT_AFTER is one alternation of words, matched where a unit ends: the text there starts
# with one of them (str.startswith of the words, not a pattern's match)
assert NOT_AFTER.pattern.startswith("(?:") and NOT_AFTER.pattern.endswith(")")
NOT_AFTER_WORDS = tuple(NOT_AFTER.pattern[3:-1].split("|"))
assert all(w.isalpha() for w in NOT_AFTER_WORDS)  # plain words: nothing re would read


def _mention(
    start, end, num, unit, norm, clause_start, ns, ne, pre, unit_end, bounds
) -> _Mention | None:
    """[start, end): the match; num: the number, norm[ns:ne]; unit_end: where the unit (or
    the % sign) ends;
    bounds: the match's 余/多 and 以上/左右 groups (those it has), any of which makes the
    number a bound."""
    # (parse_number's first case, plain digits, without the call: most numbers)
    value = float(num) if num.isascii() and num.isdigit() else parse_number(num)
    if value is None:
        return None
    before = ns - 2 if ns > 1 and norm[ns - 1] in " \u00a0" else ns - 1  # 第 20 条 as 第20条
    if (
        before >= clause_start
        and norm[before] in NOT_BEFORE_CHARS  # NOT_BEFORE
        and not (norm[before] == "数" and norm[before - 1 : before] in COUNTING_BEFORE_SHU)
    ):
        return None
    if norm.startswith(NOT_AFTER_WORDS, unit_end):  # NOT_AFTER.match(norm, unit_end)
        return None
    if num == "一" and NEGATED_ONE.search(norm, max(0, ns - 6), ns):
        return None
    aside = None
    if ns > 1 and norm[ns - 1] in RANGE_MARKS and RANGE_START.search(norm, max(0, ns - 3), ns):
        aside = "range"  # 20-30家, 3至5次: a range, not one value
    qual = QUALIFIER[pre] if pre else None
    for b in bounds:
        if b:
            qual = QUALIFIER[b]
    if qual is None and ns > 0 and norm[ns - 1] == "上" and num[0] in "百千万":
        qual = "at_least"  # 上百人次
    if unit == "%" and pre is None and norm[max(0, ns - 3) : ns].endswith("百分之"):
        ns = ns - 3
    # 检查-3次: a minus sign (not a range like 2016-2020) is kept, so the value is refused
    if ns > 0 and norm[ns - 1] in "-−" and not (ns > 1 and norm[ns - 2].isdigit()):
        value, ns = -value, ns - 1
    return _Mention(start - len(pre or ""), ns, ne, end, value, unit, qual, aside)


# A count whose unit was lost on the way (a page that dropped it with the comma after it:
# 全年主动公开政府信息287并及时更新…): up to four digits, a Chinese character before, a
# conjunction after (not a comma: 邀请作专题辅导2，… is a number said without its unit, no
# count). Taken only right after one of an indicator's words before a number (bare_mentions),
# in that indicator's unit. Found from the conjunction (a character class re scans for in C,
# then a digit before it), the digits read back.
BARE_END = re.compile(r"[并和及与且](?<=\d.)")


@cache
def _ends_with_words() -> tuple:
    """One pattern of the words before a number of every indicator that counts (no %, no
    working days), anchored at the end, and (indicator, its own) for each: bare_mentions
    asks the first, then each, where a word ends right before a bare number."""
    cat = _compiled()[0]
    inds = [i for i in cat.indicators if i.before and i.unit not in ("%", "工作日")]

    def ending(patterns) -> re.Pattern:
        return re.compile("(?:" + "|".join(f"(?:{p.pattern})" for p in patterns) + ")$")

    return ending([p for i in inds for p in i.before]), tuple((i, ending(i.before)) for i in inds)


def bare_mentions(norm: str, mentions: list[_Mention], protected) -> list[_Mention]:
    """Counts of norm that lost their unit (BARE), right after an indicator's word: as
    mentions in that indicator's unit (the extraction then chooses as for any other). Where
    words of several end there, the longest, then the first in the catalog."""
    out = []
    taken = None
    for m in BARE_END.finditer(norm):
        ne = ns = m.start()
        while ns > 0 and ne - ns <= 4 and "0" <= norm[ns - 1] <= "9":
            ns -= 1
        if ns == 0 or ne - ns > 4 or not ("\u4e00" <= norm[ns - 1] <= "\u9fff"):
            continue  # (a longer run, or one after a point, a comma or no Chinese character)
        digits = norm[ns:ne]
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            continue  # a year
        if norm[ns - 1] in NOT_BEFORE_CHARS or (protected and _inside(ns, protected)):
            continue
        any_words, each = _ends_with_words()
        if any_words.search(norm, max(0, ns - 24), ns) is None:
            continue  # no indicator's word right before it (most bare numbers)
        taken = {x.num_start for x in mentions} if taken is None else taken
        if ns in taken:
            continue
        best, best_len = None, 0
        for ind, words in each:
            k = words.search(norm, max(0, ns - 24), ns)
            if k is not None and len(k.group(0)) > best_len:
                best, best_len = ind, len(k.group(0))
        if best is not None:
            out.append(_Mention(ns, ns, ne, ne, float(digits), best.unit, None))
    return out
