"""Whose figure a number is: the reporter, a subordinate body named as the subject of
its clause (carried over the clauses after it), or another body (never emitted).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from etl.extract.patterns import NOT_SUBJECT_BEFORE, OTHER, SELF, subordinates
from etl.identify import region_of, short_form


@dataclass
class Owners:
    """Who a fact may belong to: the reporter, or a subordinate named as the subject."""

    reporter: str
    pattern: re.Pattern | None  # subordinate names; group name → canonical via lookup
    lookup: dict[str, str]
    self_names: frozenset[str] = frozenset()  # the reporter's own names and aliases

    def canonical(self, name: str) -> str:
        return self.lookup.get(name, name)


_NO_REGISTRY_OWNERS: dict[str, Owners] = {}


def owners_for(reporter: str, registry=None) -> Owners:
    """Subordinates from the registry; for a reporter it does not know, a science
    bureau's usual subordinate bureaus in its own region (博山区知识产权局 …).
    Kept with the registry, per reporter: a build sees each reporter many times."""
    cache = _NO_REGISTRY_OWNERS if registry is None else registry.owners_cache
    if reporter not in cache:
        cache[reporter] = _owners_for(reporter, registry)
    return cache[reporter]


def _owners_for(reporter: str, registry) -> Owners:
    names: dict[str, str] = {}
    agency = registry.resolve(reporter) if registry is not None else None
    own = {reporter}
    if agency is not None:
        reporter = agency.name_zh
        own |= {agency.name_zh, agency.short_zh, *agency.aliases}
        for child in registry.children(agency.agency_id):
            for n in (child.name_zh, child.short_zh, *child.aliases):
                names[n] = child.name_zh
    else:
        kinds = next((v for k, v in subordinates().items() if re.search(k, reporter)), ())
        region = region_of(reporter)
        # only bodies of the reporter's own level: a district's 市知识产权局 is the city's
        levels = region[-1] if region and region[-1] in "区县市旗" else "区县"
        for core in kinds:
            full = f"{region}{core}" if region and region not in ("区", "县", "市") else core
            for n in {full, core, *(f"{lv}{core}" for lv in levels)}:
                names[n] = full
    own = frozenset(n for n in own if n)
    if not names:
        return Owners(reporter, None, {}, own)
    # A city's or province's bureau of the same kind is another body, never ours: no name
    # after 省市国家. (Each name's lookbehind reads past the name, so that the pattern opens
    # with the names' first characters and re scans for them in C.)
    pattern = re.compile(
        "|".join(
            f"{re.escape(n)}(?<![省市国家]{re.escape(n)})"
            for n in sorted(names, key=len, reverse=True)
        )
    )
    return Owners(reporter, pattern, names, own)


def _is_self(name: str, owners: Owners) -> bool:
    """区科技局 in a report of 周村区科学技术局 (same level, same kind of body)."""
    if name in owners.self_names or owners.reporter.endswith(name):
        return True
    (ra, ca), (rb, cb) = (_level_core(n) for n in (name, owners.reporter))
    if ca != cb or (ra and rb and ra[-1] != rb[-1]):
        return False  # another kind of body, or another level (市科技局 for a district)
    return len(ra) < 2 or len(rb) < 2 or ra.endswith(rb) or rb.endswith(ra)


def _level_core(name: str) -> tuple[str, str]:
    """周村区科学技术局 → (周村区, 科技局); 市知识产权局 → (市, 知识产权局)."""
    region = region_of(name)
    core = short_form(name[len(region) :])
    return region, core


class Subjects:
    """Where a text names one of the owners' bodies or the reporter itself (我局, 本局), found
    in one scan of the text: a sentence takes its own from them instead of scanning again."""

    def __init__(self, norm: str, owners: Owners):
        found = owners.pattern.finditer(norm) if owners.pattern is not None else ()
        self.named = [(m.start(), m.end(), m.group(0)) for m in found]
        self.named_at = [h[0] for h in self.named]
        self.own = [(m.start(), m.end(), m["level"]) for m in SELF.finditer(norm)]
        self.own_at = [h[0] for h in self.own]


def _window(hits: list, starts: list[int], s: int, e: int) -> list | None:
    """The hits of a scan of the whole text that lie in [s, e): what a scan of norm[s:e]
    finds, unless a hit runs over s or e (a long sentence cut inside a name): None, and the
    window is scanned on its own."""
    i, j = bisect_left(starts, s), bisect_left(starts, e)
    if (i and hits[i - 1][1] > s) or (j > i and hits[j - 1][1] > e):
        return None
    return hits[i:j]


def _subject_marks(
    norm: str, s: int, e: int, owners: Owners, bodies=(), subjects: Subjects | None = None
) -> list[tuple[int, str | None]]:
    """(position, agency or None for the reporter) where the subject changes. subjects:
    the text's names, found once (else the sentence is scanned)."""
    marks = []
    own = _window(subjects.own, subjects.own_at, s, e) if subjects else None
    if own is None:
        own = [(m.start(), m.end(), m["level"]) for m in SELF.finditer(norm, s, e)]
    if owners.pattern is not None:
        named = _window(subjects.named, subjects.named_at, s, e) if subjects else None
        if named is None:
            named = [(m.start(), m.end(), m.group(0)) for m in owners.pattern.finditer(norm, s, e)]
        object_end = -1  # end of the last agency named as an object (对A、B开展检查)
        for start, end, name in named:
            before = norm[max(s, start - 6) : start]  # (指导内设机构: six characters)
            joined = object_end >= 0 and re.fullmatch(r"[、和及与]", norm[object_end:start])
            if NOT_SUBJECT_BEFORE.search(before) or joined:
                object_end = end
                continue
            if _alias_of_reporter(norm, start, owners, own, bodies):
                continue
            marks.append((start, owners.canonical(name)))
    for start, _, level in own:
        # 我区 in a district body's report is the reporter's area; in a city's, not a subject
        if level and not region_of(owners.reporter).endswith(level):
            continue
        if NOT_SUBJECT_BEFORE.search(norm, max(s, start - 4), start):
            continue  # 联合我局, 对我县: an object, the subject stays
        marks.append((start, None))
    for start, end, name in bodies:  # other bodies opening a clause, found per document
        if start < s or start >= e or any(start <= p < end for p, _ in marks):
            continue  # outside, or one of ours
        marks.append((start, None if _is_self(name, owners) else OTHER))
    if marks and "是" in norm[s:e]:
        marks += _item_resets(norm, s, e, marks)
    marks.sort()
    return marks


_ITEM = re.compile(r"[一二三四五六七八九十]{1,2}是")
_ITEM_BEFORE = "，,；;：:。\n "


def _item_resets(norm: str, s: int, e: int, marks) -> list[tuple[int, None]]:
    """The items of a 一是…二是… run are the report's own statements: a subject named
    inside one item (一是区知识产权局开展执法检查5次；二是组织集中学法6次) does not carry
    into the next. (A subject named before the run, 区知识产权局一是…二是…, carries through
    it.) A mark back to the reporter where each such next item opens."""
    items = [m.start() for m in _ITEM.finditer(norm, s, e)
             if m.start() == s or norm[m.start() - 1] in _ITEM_BEFORE]  # fmt: skip
    return [(p, None) for q, p in zip(items, items[1:], strict=False)
            if any(q < at < p and who is not None for at, who in marks)]  # fmt: skip


def _alias_of_reporter(norm: str, start: int, owners: Owners, own, bodies) -> bool:
    """A body named in brackets right after the reporter (我局（区知识产权局）, 区科技局（区知识
    产权局）): a merged bureau's second name, not a new subject. After any other word
    (所属单位（区知识产权局）) the bracket says who the subject is."""
    if start == 0 or norm[start - 1] not in "（(":
        return False
    opens = start - 1
    return (
        any(end == opens for _, end, _ in own)
        or any(end == opens and _is_self(name, owners) for _, end, name in bodies)
        or any(norm.endswith(n, 0, opens) for n in owners.self_names)
    )


def _owner_at(pos: int, marks, owners: Owners) -> str:
    who = None
    for p, agency in marks:
        if p >= pos:
            break
        who = agency
    return who or owners.reporter
