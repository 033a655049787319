"""Breakdowns that add up to a stated total are its parts, even without 其中.

Disclosure reports in particular state a total and then split it by channel in the next
sentence, with no 其中 to say so:

    我局主动公开政府信息1240条。通过政府网站公开66条，政务微博公开1101条，微信公开73条。

Read one clause at a time, 通过政府网站公开66条 looks like a second total (66) beside the
first (1240). What shows it is a part is arithmetic: the numbers that follow the total in
its paragraph, for the same indicator, add up to it exactly (66 + 1101 + 73 = 1240). Only an
exact sum of two or more numbers counts, so a coincidence needs several figures to line up.
"""

from __future__ import annotations

from dataclasses import replace

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
    # a total set aside (a standing total, last year's) has parts all the same: 截至年底累计
    # 办理156件，网上办理98件，窗口办理58件 — the 58 is no more this year's level than the 156
    for total in numbered + candidates:
        if not total.value or total.value <= 0 or id(total) in parts_f | parts_c:
            continue
        run = _following(text, total, numbered, candidates)
        found = _summing_prefix(run, total.value)
        for item in found:
            (parts_f if isinstance(item, Fact) else parts_c).add(id(item))
    if not parts_f and not parts_c:
        return facts, candidates
    kept = [f for f in facts if id(f) not in parts_f]
    moved = [_as_part(f) for f in facts if id(f) in parts_f]
    relabelled = [replace(c, reason="part") if id(c) in parts_c else c for c in candidates]
    return kept, relabelled + moved


def _following(text: str, total, facts: list[Fact], candidates: list[Candidate]) -> list:
    """The numbers after `total` in its paragraph that speak of the same indicator, in the
    same unit, for the same agency (or no agency known), in text order."""
    line_end = text.find("\n", total.num_end)
    line_end = len(text) if line_end < 0 else line_end

    def same(item) -> bool:
        return (
            item is not total
            and item.indicator == total.indicator
            and item.unit == total.unit
            and item.agency in (total.agency, None)
            and total.num_end <= item.num_start < line_end
            and item.value is not None
        )

    items = [f for f in facts if same(f)] + [c for c in candidates if same(c)]
    return sorted(items, key=lambda i: i.num_start)


def _summing_prefix(run: list, total: float) -> list:
    """The first two or more items of run whose values add up to total exactly, or []."""
    acc = 0.0
    for n, item in enumerate(run, 1):
        acc += item.value
        if acc > total:
            return []
        if acc == total:
            return run[:n] if n >= 2 else []
    return []


def _as_part(f: Fact) -> Candidate:
    return Candidate(f.agency, f.year, f.indicator, f.value, f.unit, "part", f.quote,
                     f.start, f.end, f.num_start, f.num_end, f.location)  # fmt: skip
