"""Breakdowns that add up to a stated total are its parts, even without 其中; and so is
one channel's share beside the year's total (see channel_parts below).

Disclosure reports in particular state a total and then split it by channel in the next
sentence, with no 其中 to say so:

    我局主动公开政府信息1240条。通过政府网站公开66条，政务微博公开1101条，微信公开73条。

Read one clause at a time, 通过政府网站公开66条 looks like a second total (66) beside the
first (1240). What shows it is a part is arithmetic: the numbers that follow the total in
its paragraph, for the same indicator, add up to it exactly (66 + 1101 + 73 = 1240). Only an
exact sum of two or more numbers counts, so a coincidence needs several figures to line up.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from operator import attrgetter

from etl.model import Candidate, Fact


def set_aside_parts(
    text: str, facts: list[Fact], candidates: list[Candidate]
) -> tuple[list[Fact], list[Candidate]]:
    """facts without the parts of a stated total, and candidates with them (reason part).
    Candidates already set aside for another reason that turn out to be parts are told so
    too: "part" says more than "ambiguous"."""
    numbered = [f for f in facts if f.value is not None]
    parts_f: set[int] = set()  # id() of facts found to be parts
    parts_c: set[int] = set()
    kinds = _kinds(numbered, candidates)
    if all(len(items) < 3 for items in kinds.values()):
        return facts, candidates  # no kind with a total and two parts (most reports)
    by_kind = _by_kind(kinds)
    # a total set aside (a standing total, last year's) has parts all the same: 截至年底累计
    # 办理156件，网上办理98件，窗口办理58件 — the 58 is no more this year's level than the 156
    for total in numbered + candidates:
        if not total.value or total.value <= 0:
            continue
        if len(by_kind.get((total.indicator, total.unit), ((),))[0]) < 3:
            continue  # two parts and their total, at least: most kinds have one number
        if id(total) in parts_f or id(total) in parts_c:
            continue
        found = _summing_prefix(_following(text, total, by_kind), total.value)
        for item in found:
            (parts_f if isinstance(item, Fact) else parts_c).add(id(item))
    if not parts_f and not parts_c:
        return facts, candidates
    kept = [f for f in facts if id(f) not in parts_f]
    moved = [_as_part(f) for f in facts if id(f) in parts_f]
    relabelled = [replace(c, reason="part") if id(c) in parts_c else c for c in candidates]
    return kept, relabelled + moved


def _kinds(facts: list[Fact], candidates: list[Candidate]) -> dict[tuple, list]:
    """(indicator, unit) -> its numbers, facts first (most reports have no kind of three
    numbers, and need no more)."""
    kinds: dict[tuple, list] = {}
    for item in (*facts, *candidates):
        if item.value is not None:
            kinds.setdefault((item.indicator, item.unit), []).append(item)
    return kinds


def _by_kind(kinds: dict[tuple, list]) -> dict:
    """(indicator, unit) -> (its numbers in text order, facts before candidates where they
    stand at the same place; where each stands): a total looks only at its own kind, from
    its own place on (a report with thousands of numbers would otherwise be read once for
    each of them)."""
    out = {}
    for kind, items in kinds.items():
        items.sort(key=_by_number)
        out[kind] = (items, [i.num_start for i in items])
    return out


_by_number = attrgetter("num_start")


def _following(text: str, total, by_kind: dict):
    """The numbers after `total` in its paragraph that speak of the same indicator, in the
    same unit, for the same agency (or no agency known), in text order."""
    line_end = text.find("\n", total.num_end)
    line_end = len(text) if line_end < 0 else line_end
    items, starts = by_kind.get((total.indicator, total.unit), ((), []))
    for i in range(bisect_left(starts, total.num_end), len(items)):
        item = items[i]
        if item.num_start >= line_end:
            return
        if item is not total and item.agency in (total.agency, None):
            yield item


def _summing_prefix(run, total: float) -> list:
    """The first two or more items of run whose values add up to total exactly, or []."""
    acc, taken = 0.0, []
    for item in run:
        taken.append(item)
        acc += item.value
        if acc > total:
            return []
        if acc == total:
            return taken if len(taken) >= 2 else []
    return []


def channel_parts(norm: str, facts: list[Fact], candidates: list[Candidate], by_id: dict):
    """Facts of one channel (在政务微博发布信息236条, an indicator's `channel` words in its
    clause) set aside as parts where the report also states a larger figure of the same
    indicator and agency without naming a channel (主动公开政府信息412条): that one is the
    year's total. A channel's figure with no total beside it stays the fact, unless another
    channel's stands beside it too: then neither is the year's total. The clause is
    read in `norm` (the normalised text, same offsets), as the extraction read it: 網站 is 网站."""

    # (each fact's indicator's channel words searched in its clause, inline: most facts'
    # indicators have none, and a report whose facts' have none returns at once)
    channels = _channels(by_id)
    if not any(f.indicator in channels for f in facts):
        return facts, candidates
    marked = [
        f.indicator in channels
        and f.value is not None
        and _one_channel(channels[f.indicator], norm, f.start, f.end)
        for f in facts
    ]
    if not any(marked):
        return facts, candidates
    totals: dict[tuple, float] = {}
    for f, m in zip(facts, marked, strict=True):
        if not m and f.value is not None:
            key = (f.agency, f.indicator)
            totals[key] = max(totals.get(key, f.value), f.value)
    # two channels' figures and no total (网站公开45条，微信公众号发布312条): neither is the
    # year's, both are parts of a total the report does not state
    alone = Counter((f.agency, f.indicator) for f, m in zip(facts, marked, strict=True)
                    if m and (f.agency, f.indicator) not in totals)  # fmt: skip
    kept, moved = [], []
    for f, m in zip(facts, marked, strict=True):
        key = (f.agency, f.indicator)
        total = totals.get(key)
        part = m and (f.value < total if total is not None else alone[key] > 1)
        (moved if part else kept).append(f)
    return kept, candidates + [_as_part(f) for f in moved]


def named_parts(norm: str, facts: list[Fact], candidates: list[Candidate], by_id: dict):
    """Facts of an indicator with a `named` word (主动公开) stated without it, set aside where
    the report states the same agency's figure with it: that one is the year's (主动公开政府信息
    221条), and what was published or pushed without the name is a figure of something else —
    every item on the website (门户网站发布动态信息1150条), one column (其中“工作动态”栏目发布
    信息41条), all kinds of information on all channels (公开各类政府信息约1754条) — a part
    where it is smaller, unclear where larger. But one channel's named figure does not outrank
    another channel's (门户网站主动公开政府信息52条，新媒体平台发布信息418条: two channels and
    no total, channel_parts), and a figure in a clause that opens with 其中 outranks nothing
    (全年公开信息300条，其中主动公开280条). The clauses are read in `norm`, as the extraction
    read them (主動公開 is 主动公开)."""
    names = _named(by_id)
    # (agency, indicator) of each fact of a named indicator: only where one has two figures
    # is there any to outrank (most reports state one)
    keys = Counter((f.agency, f.indicator) for f in facts if f.indicator in names)
    if not keys or max(keys.values()) < 2:
        return facts, candidates
    channels = _channels(by_id)

    def channel(f: Fact) -> bool:
        pattern = channels.get(f.indicator)
        return pattern is not None and _one_channel(pattern, norm, f.start, f.end)

    # (agency, indicator) -> the largest figure named, and the largest of those not one
    # channel's
    top: dict[tuple, float] = {}
    top_whole: dict[tuple, float] = {}
    named = []
    for f in facts:
        pattern = names.get(f.indicator)
        said = (
            pattern is not None
            and keys[(f.agency, f.indicator)] > 1
            and f.value is not None
            and pattern.search(norm, f.start, f.end) is not None
        )
        named.append(said)
        if said and not norm[f.start : f.end].lstrip().startswith("其中"):
            key = (f.agency, f.indicator)
            top[key] = max(top.get(key, f.value), f.value)
            if not channel(f):
                top_whole[key] = max(top_whole.get(key, f.value), f.value)
    if not top:
        return facts, candidates
    kept, moved = [], []
    for f, said in zip(facts, named, strict=True):
        key = (f.agency, f.indicator)
        total = None if said or f.value is None else top.get(key)
        if total is not None and channel(f):
            total = top_whole.get(key)  # a channel's figure: only a whole figure outranks it
        if total is None:
            kept.append(f)
        else:
            moved.append(_as_part(f, "part" if f.value < total else "ambiguous"))
    return kept, candidates + moved


_NAMED: dict[int, tuple[dict, dict]] = {}


def _named(by_id: dict) -> dict:
    """indicator id -> its named pattern, for the indicators of by_id that have one (kept per
    catalog, as _channels)."""
    kept = _NAMED.get(id(by_id))
    if kept is None or kept[0] is not by_id:
        kept = _NAMED[id(by_id)] = (by_id, {k: i.named for k, i in by_id.items() if i and i.named})
    return kept[1]


# what lists channels (网站、微信公众号): a figure of them together is no one channel's share
CHANNEL_JOINERS = frozenset("、和及与")


def _one_channel(pattern, norm: str, s: int, e: int) -> bool:
    """norm[s:e] names a channel, and not several as a list (门户网站、政务微信公众号主动公开信息
    900余条 is their figure together, a total; 微信公众号 is one channel)."""
    found = pattern.search(norm, s, e)
    if found is None:
        return False
    end = found.end()
    for m in pattern.finditer(norm, end, e):
        # the next channel after a joiner and a short qualifier (网站、政务微信 / 网站及微博)
        if end < m.start() <= end + 4 and norm[end] in CHANNEL_JOINERS:
            return False
        end = m.end()
    return True


_CHANNELS: dict[int, tuple[dict, dict]] = {}


def _channels(by_id: dict) -> dict:
    """indicator id -> its channel pattern, for the indicators of by_id that have one (kept
    per catalog: the catalog's by_id is made once)."""
    kept = _CHANNELS.get(id(by_id))
    if kept is None or kept[0] is not by_id:
        kept = _CHANNELS[id(by_id)] = (
            by_id,
            {k: i.channel for k, i in by_id.items() if i and i.channel},
        )
    return kept[1]


def _as_part(f: Fact, reason: str = "part") -> Candidate:
    return Candidate(f.agency, f.year, f.indicator, f.value, f.unit, reason, f.quote,
                     f.start, f.end, f.num_start, f.num_end, f.location)  # fmt: skip
