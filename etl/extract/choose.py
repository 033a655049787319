"""Which indicator a mention is (the nearest keyword before it, or the noun right after
it), whether it is a change rather than a level, and the zeros stated in words.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from etl.extract.mentions import _compiled, _Mention
from etl.extract.owners import Owners, _owner_at
from etl.extract.patterns import (
    _CLAUSE_REST,
    ALL_OF_THEM,
    COMPARISON_BASE,
    DELTA,
    DELTA_AFTER_COMPARISON,
    DELTA_CONTEXT,
    DELTA_VERB,
    GLOBAL_VETO,
    RELATIVE,
    SITUATION_HEAD,
    YEAR_MARK,
    ZERO_NEEDED,
    ZERO_NEG,
    ZERO_TRAIL,
)
from etl.fast_regex import fast, reach
from etl.numbers import parse_number

# A verb between a number and another kind's words after it: those words say what was done
DONE_TO = re.compile(r"进行|开展|予以|作出|实施")


def _choose(left: str, clause_left: str, right: str, mention: _Mention, sentence: str):
    """The indicator for one mention, or None. `left` is the clause text since the
    previous mention, `clause_left` since the clause start, `right` the rest of it."""
    best_before, best_key = None, (-1, 0)
    best_after, after_end = None, 10**6
    near = _near(mention.unit, left, right)
    for ind, before_key, after in near:
        if ind.veto is not None and ind.veto.search(clause_left):
            continue
        if ind.require is not None and not ind.require.search(sentence):
            continue
        if ind.exclude is not None and ind.exclude.search(sentence):
            continue
        # the nearest keyword before the number (ending last; the longer where two end
        # together), the first kind to have it; and the word after it ending first
        if before_key is not None and before_key > best_key:
            best_before, best_key = ind, before_key
        if after is not None and after < after_end:
            best_after, after_end = ind, after
    if (
        best_after is not None
        and best_before is not None
        and best_before is not best_after
        and best_key[0] == len(left.rstrip())
        and DONE_TO.search(right, 0, after_end) is not None
    ):
        # 科技项目合同14份逐一进行合法性审查: the word right before the number is what it
        # counts where the other kind's words after it follow a verb (进行…审查: what was
        # done to them, no head noun of the number as in 办理6件…案件)
        best_after = None
    if best_after is not None:  # the noun after the number is its head: 办理6件…案件
        # 3项审批事项全部实现“一次办好”: every kind the words after it name
        others = [
            i for i, _, after in near
            if i is not best_after and i.also_after and after is not None
            and (i.veto is None or not i.veto.search(clause_left))
        ]  # fmt: skip
        return best_after, others, "after"
    if best_before is None:
        return None, [], ""
    # A zero stated for several things at once: 行政复议和行政诉讼案件均为0件; or one for
    # each: 行政复议、行政诉讼案件各1件.
    also = []
    if mention.value == 0 or left.rstrip().endswith("各"):
        for ind, before_key, _ in near:
            if (
                ind is not best_before
                and before_key is not None
                and (ind.veto is None or not ind.veto.search(clause_left))
            ):
                also.append(ind)
    return best_before, also, "kw"


@lru_cache(maxsize=4096)
def _near(unit: str, left: str, right: str) -> tuple:
    """(indicator, its best keyword before the number as (end, length) or None, the end
    of its first word after it or None) for each indicator taking `unit` whose words
    stand in `left` or `right`, in catalog order. Kept per text: reports word their figures
    alike (全年开展执法检查), and most numbers of a report ask about the same few texts."""
    _, words = _taking(unit)
    # one search over the words of all of them first: often none stands near at all
    all_before, all_after = _all_words(unit)
    some_before = all_before.search(left) is not None
    some_after = all_after.search(right) is not None
    if not some_before and not some_after:
        return ()
    out = []
    for ind, any_before, any_after in words:
        # one search each says whether any of its words stands near: for most, none does
        before = some_before and any_before.search(left) is not None
        if not before and not (some_after and any_after.search(right)):
            continue
        key = None  # the first of the keywords ending last, the longest of those
        for p in ind.before if before else ():
            for k in p.finditer(left):
                if key is None or (k.end(), len(k.group(0))) > key:
                    key = (k.end(), len(k.group(0)))
        after = None
        for p in ind.after:
            k = p.search(right)
            if k and (after is None or k.end() < after):
                after = k.end()
        out.append((ind, key, after))
    return tuple(out)


@cache
def _taking(unit: str) -> tuple[list, list[tuple]]:
    """The indicators that take a unit ("%" is a unit like the others) and, for each,
    (indicator, its before-words as one alternation, its after-words as one): an
    alternation finds a match in a text exactly when one of its words does (they hold no
    back-references), so two searches rule most indicators out."""
    inds = _compiled()[3].get(unit, [])
    return inds, [(i, _one(i.before), _one(i.after)) for i in inds]


@cache
def _all_words(unit: str) -> tuple[re.Pattern, re.Pattern]:
    """The before-words and the after-words of every indicator taking a unit, each as one
    alternation: it finds a match exactly when one indicator's words do."""
    inds = _compiled()[3].get(unit, [])
    return _one([p for i in inds for p in i.before]), _one([p for i in inds for p in i.after])


def _one(patterns: list[re.Pattern]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or "(?!)")


@lru_cache(maxsize=4096)
def _zero_targets(obj: str) -> tuple:
    """Indicators a zero in words is about. The head of the phrase decides: in
    未发生因政府信息公开申请引起的行政复议案件 it is 行政复议, not 申请. (Kept per phrase:
    reports word their zeros alike, 未发生行政复议案件 in one report after another.)"""
    cat = _compiled()[0]
    if "率" in obj:
        return ()  # 纠错率、败诉率均为零: rates, not counts
    head = RELATIVE.sub("", obj)
    if head == "情况" and "的" in obj:
        # 被申请行政复议、提起行政诉讼的情况: the situation is the cases themselves, unless
        # what happened to them is named (行政复议纠错的情况, 超期办理审批事项的情况)
        head = RELATIVE.sub("", obj[: obj.rindex("的")])
        if SITUATION_HEAD.search(head):
            return ()
    # 行政处罚、行政复议、行政诉讼案件: each item of the list is a kind of 案件
    items = _LIST_ITEM.split(head) if head.endswith("案件") else [head]
    heads = [x if x.endswith("案件") else x + "案件" for x in items] if len(items) > 1 else items
    found = tuple(i for i in cat.indicators if i.zero and any(_zero_hit(i, h) for h in heads))
    if found or SITUATION_HEAD.search(obj):
        return found  # …的情况 / …败诉的问题 / 被撤销的案件: about something else
    last, last_end = None, -1
    for i in cat.indicators:
        for p in i.zero:
            for k in p.finditer(obj):
                if k.end() > last_end and (i.veto is None or not i.veto.search(obj)):
                    last, last_end = i, k.end()
    return (last,) if last else ()


_LIST_ITEM = re.compile(r"[、和及与]")


def _zero_hit(ind, head: str) -> bool:
    if ind.veto is not None and ind.veto.search(head):
        return False
    return any(p.search(head) for p in ind.zero)


@lru_cache(maxsize=1024)
def heading_indicator(name: str):
    """The one indicator a heading's name names (执法检查, 行政复议, 规范性文件, 学法培训): its
    Chinese name, a synonym, or the whole of one of its words before a number; None when it
    names none, or several (检查: inspections and entities inspected)."""
    cat = _compiled()[0]
    found = [
        i for i in cat.indicators
        if name == i.zh or name in i.synonyms or any(p.fullmatch(name) for p in i.before)
    ]  # fmt: skip
    return found[0] if len(found) == 1 else None


def _headed(heading, ind, mt: _Mention, clause_left: str, about: str):
    """For a number in the first sentence after a heading that names one indicator
    (`heading`: the indicator, its name): the clause's own choice `ind`, unless the heading
    rules it out by that indicator's veto words (（四）行政复议。全年办理1件: 办理 is no
    approval handled here); then, where nothing else chose (document.py asks last), the
    heading's indicator (（二）执法检查。…全年开展4次), if the number's unit is one of its
    units and nothing in the clause rules it out. None where neither."""
    target, name = heading
    if ind is not None:
        return None if ind is not target and ind.veto is not None and ind.veto.search(name) else ind
    if mt.unit not in target.units:
        return None
    if target.veto is not None and target.veto.search(clause_left):
        return None
    if target.require is not None and not target.require.search(name + about):
        return None
    return target


def _row_indicator(label: str, unit: str, cell) -> str | None:
    """The indicator of a table row read as "label number unit" (主动公开政府信息（条） | 86,
    执法检查 | 次 | 14): the sentence rules choose, as for a clause."""
    if unit != "%" and unit not in _compiled()[3]:
        return None
    if GLOBAL_VETO.search(label) or YEAR_MARK.search(label):
        return None
    value = parse_number(cell.text)
    if value is None:
        return None
    p = cell.start
    mention = _Mention(p, p, p + len(cell.text), p + len(cell.text), value, unit, None)
    ind, _, _ = _choose(label, label, "", mention, label)
    return ind.id if ind else None


def _veto_reason(word: str) -> str:
    """Why a clause's veto word sets its numbers aside."""
    if word.startswith("每") or word in ("定期", "至少"):
        return "frequency"
    if word in ("累计", "现行有效", "以来", "历年", "总数"):
        return "stock"
    if word in ("新增", "净增", "净减"):
        return "delta"
    return "plan"


def _guess(norm: str, cs: int, ce: int, mt: _Mention):
    """The indicator a set-aside number most likely speaks of: among those taking its
    unit, the one whose words stand nearest to it in its clause; None when the clause
    names no indicator (then the number is not a candidate at all)."""
    inds, words = _vocabulary(mt.unit)
    if words is None:
        return None
    best, best_d = None, 10**6
    at = mt.start - cs
    for k_start, k_end, n in _word_hits(mt.unit, norm[cs:ce]):
        # words before a number name it more often than words after it (较上年增加4条，受理…申请)
        d = at - k_end if k_end <= at else 3 * (k_start - (mt.end - cs))
        if 0 <= d < best_d:
            best, best_d = inds[n], d
    return best


def _guess_area(norm: str, ss: int, se: int, mt: _Mention):
    """Where no indicator taking a set-aside number's unit is named in its sentence, the
    one of the area the sentence speaks of that takes it (参训干部共160人次，2018年为4次: the
    words name attendance, 4次 counts in the training area, whose headline is trainings):
    the area of the indicator whose words stand nearest before the number (else after it),
    and its headline, if that takes the unit; None where the sentence names no indicator,
    or its area's headline counts in other units (执法检查15次，比上年增加3件: no plans)."""
    words, inds = _all_vocabulary()
    at = mt.start - ss
    best, best_d = None, 10**6
    for k in words.finditer(norm[ss:se]):
        d = at - k.end() if k.end() <= at else 3 * (k.start() - (mt.end - ss))
        if 0 <= d < best_d:
            best, best_d = inds[int(k.lastgroup[1:])], d
    if best is None:
        return None
    return next((i for i in _compiled()[0].indicators
                 if i.area == best.area and i.headline and mt.unit in i.units), None)  # fmt: skip


@cache
def _all_vocabulary() -> tuple[re.Pattern, list]:
    """One pattern of every indicator's words, a group each (g<n>, n its catalog place)."""
    inds = _compiled()[0].indicators
    alts = ["|".join(f"(?:{p.pattern})" for p in (*i.before, *i.after)) or "(?!)" for i in inds]
    return fast("|".join(f"(?P<g{n}>{a})" for n, a in enumerate(alts))), inds


@lru_cache(maxsize=4096)
def _word_hits(unit: str, clause: str) -> tuple[tuple[int, int, int], ...]:
    """Where each indicator's words (the vocabulary of a unit) stand in a clause, found once
    per clause: every number of a clause (or of a long sentence, the fallback) asks, and a
    line of 20,000 numbers with no indicator word would otherwise rescan it 20,000 times.
    (Kept by the unit's name, not by its pattern: re hashes a pattern over its whole
    compiled code, some 2 µs for a vocabulary, at every lookup.)"""
    words, of = _vocabulary(unit)[1], _group_indicator(unit)
    # the outer group closes last, so lastindex is the indicator's group (g<n>)
    return tuple((k.start(), k.end(), of[k.lastindex]) for k in words.finditer(clause))


@cache
def _group_indicator(unit: str) -> dict[int, int]:
    """A unit's vocabulary's group index -> its indicator's place (the n of g<n>)."""
    words = _vocabulary(unit)[1]
    return {i: int(n[1:]) for n, i in words.groupindex.items() if re.fullmatch(r"g\d+", n)}


@cache
def _vocabulary(unit: str) -> tuple[list, re.Pattern | None]:
    """The indicators that take a unit and one pattern of all their words, a group each
    (the group that matched says which indicator)."""
    inds = _compiled()[3].get(unit, [])
    alts = ["|".join(f"(?:{p.pattern})" for p in (*i.before, *i.after)) for i in inds]
    if not any(alts):
        return inds, None
    # behind a lookahead of the words' first characters (or ^, where the words after a
    # number open): a group per indicator makes re try every group at every character,
    # which the lookahead rules out at most of them (fast_regex.fast)
    return inds, fast("|".join(f"(?P<g{n}>{a or '(?!)'})" for n, a in enumerate(alts)))


def _right(norm: str, pos: int, ce: int, se: int) -> str:
    """The clause after a number; with the next clause when that one only goes on to say
    what all of them are (执法人员15名，均持有执法证件)."""
    if ce < se and norm[ce] in "，," and ALL_OF_THEM.match(norm, ce + 1):
        m = _CLAUSE_REST.match(norm, ce + 1, se)
        return norm[pos : m.end()]
    return norm[pos:ce]


def _is_delta(left: str, clause_left: str, norm: str, ss: int, pos: int) -> bool:
    """比上年增加3次, 较上年多2件, 同比增长20%: a change, not a level. 由5个减少至2个:
    the 5 is what it was before (only time limits keep that, by their own rule)."""
    # Each $-ended pattern is searched over the last characters it can span, and only
    # where `left` holds a word every match of it holds (most numbers have none before them)
    n = len(left)
    if DELTA.search(left, n - _REACH[0]):  # (DELTA_VERB's words are DELTA's: none without it)
        if DELTA_CONTEXT.search(clause_left):
            return True
        # 与上年相比，执法检查次数增加3次: the comparison may open the sentence
        if DELTA_VERB.search(left, n - _REACH[1]) and DELTA_CONTEXT.search(norm, ss, pos):
            return True
    comparing = "比" in left or "较" in left  # what DELTA_AFTER_COMPARISON opens with
    if comparing and DELTA_AFTER_COMPARISON.search(left):
        return True
    if ("由" in left or "从" in left) and FROM_LEVEL.search(left, n - _REACH[2]):
        return True
    # 比上年的10次增加到14次: 10 is last year's
    if (comparing or "与" in left or "同" in left) and COMPARISON_BASE.search(left, n - _REACH[3]):
        return True
    return comparing and bool(YEAR_ON_YEAR.search(left, n - _REACH[4]))  # 同比, 环比


FROM_LEVEL = fast(r"(?<![自理经缘])(?:由|从)[^，,；;。\d]{0,6}$")
YEAR_ON_YEAR = re.compile(r"(?:同比|环比)(?:增加|减少|增长|下降|上升|提高|降低)?$")

# How far from its end `left` can hold a match of each $-ended pattern _is_delta searches
# (fast_regex.reach): `left` runs from the number before, often a whole clause
_REACH = tuple(reach(p) for p in (DELTA, DELTA_VERB, FROM_LEVEL, COMPARISON_BASE, YEAR_ON_YEAR))
assert None not in _REACH and _REACH[0] >= _REACH[1]  # (a DELTA_VERB match is DELTA's)


LIST_JOINERS = "、和及与"


def _listed_owners(norm: str, pos: int, marks, owners: Owners) -> list[str]:
    """The owner at pos, and those listed before it as one subject (区知识产权局、区地震局均
    未发生行政复议案件: a zero of each): marks whose names are joined by 、/和/及/与 alone."""
    who = [_owner_at(pos, marks, owners)]
    if owners.pattern is None:
        return who  # no subordinates to list
    before = [p for p, _ in marks if p < pos]
    for prev, nxt in zip(reversed(before[:-1]), reversed(before[1:]), strict=True):
        name = norm[prev : nxt - 1]
        if norm[nxt - 1] not in LIST_JOINERS or not owners.pattern.fullmatch(name):
            break
        who.append(_owner_at(prev + 1, marks, owners))
    return who


def _zeros(norm: str, cs: int, ce: int, marks, owners: Owners, emit, other_year) -> None:
    if not ZERO_NEEDED.search(norm, cs, ce):
        return  # no negation and no zero word: most clauses
    clause = norm[cs:ce]
    negations = list(ZERO_NEG.finditer(clause))
    # each negation governs up to the next one: 无行政复议案件、无行政诉讼案件
    for i, neg in enumerate(negations):
        upto = negations[i + 1].start() if i + 1 < len(negations) else len(clause)
        if other_year(cs + neg.start()):
            continue  # 2017年未发生…: another year's zero
        for who in _listed_owners(norm, cs + neg.start(), marks, owners):
            for ind in _zero_targets(clause[neg.start() : upto]):
                emit(ind, 0.0, None, cs, ce, cs + neg.start(), cs + neg.end(), who,
                     f"zero:{ind.id}")  # fmt: skip
    if negations and negations[-1].end() < len(clause):
        return
    if clause.strip() == "无":
        _answered_heading(norm, cs, ce, marks, owners, emit)
        return
    t = ZERO_TRAIL.search(clause)
    if t and not other_year(cs + t.start()):
        who = _owner_at(cs, marks, owners)
        for ind in _zero_targets(clause[: t.start()]):
            emit(ind, 0.0, None, cs, ce, cs + t.start(), cs + t.end(), who, f"zero:{ind.id}")


# What may end the heading a lone 无 answers (…的情况。无。 / …的情况：无。)
HEADING_ENDS = "。：:．. \t\u3000"


def _answered_heading(norm: str, cs: int, ce: int, marks, owners: Owners, emit) -> None:
    """A clause that is 无 alone answers the heading before it on its line (5、因政府信息公开申请
    行政复议、提起行政诉讼的情况。无。): zeros of what the heading names, quoted with it. Only
    a short heading of one sentence: 无 after a paragraph answers nothing it can name."""
    start = norm.rfind("\n", 0, cs) + 1
    heading = norm[start:cs].rstrip(HEADING_ENDS)
    if not heading or len(heading) > 60 or "。" in heading:
        return
    who = _owner_at(start, marks, owners)
    for ind in _zero_targets(heading):
        emit(ind, 0.0, None, start, ce, cs, ce, who, f"zero:{ind.id}")
