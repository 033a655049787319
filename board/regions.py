"""Where agencies are (省/市/区县, the registry's `region` column), for the region picker.

A district's own warehouse has a handful of agencies and no picker. A city's or province's
has thousands (the 45,000-report benchmark: 6,948); one list of them all is thousands of
options sent to every browser on every page. Picking the region first (省 → 市 → 区县)
keeps the agency list to one region's agencies.

Pure functions over the agencies frame of `model.Meta` (index agency_id, column region).
"""

from __future__ import annotations

import pandas as pd

SEP = "/"
UNPLACED = "（未填地区）"  # agencies whose registry row has no region
# More agencies than this and the sidebar asks for the region first.
PICKER_FROM = 40
# A region whose agencies would be more options than this is not offered as a whole
# (a province); one level down is (a city, a district).
MAX_OPTIONS = 200


_SERIES: dict[int, pd.Series] = {}  # id(agencies) -> its paths (the sidebar asks each run)


def region_series(agencies: pd.DataFrame) -> pd.Series:
    """Each agency's region path; UNPLACED where the registry gives none. Kept per frame:
    the agencies frame is read once per warehouse version, and a province's sidebar asks
    for it a dozen times a run (the same index object tells a kept one is still its own)."""
    hit = _SERIES.get(id(agencies))
    if hit is not None and hit.index is agencies.index:
        return hit
    if "region" not in agencies:
        r = pd.Series(UNPLACED, index=agencies.index, dtype=object)
    else:
        r = agencies["region"].astype(object)
        r = r.where(r.notna() & (r.astype(str) != ""), UNPLACED).astype(str)
    r.index = agencies.index
    if len(_SERIES) >= 8:
        _SERIES.clear()
    _SERIES[id(agencies)] = r
    return r


def needs_picker(agencies: pd.DataFrame) -> bool:
    return len(agencies) > PICKER_FROM and region_series(agencies).nunique() > 1


class _Tree:
    """The regions of one agencies frame, made once and kept beside its paths: the levels
    under each prefix, every known path, and each region's agencies (asked for a dozen times
    a run by the sidebar of a province's 6,948 agencies)."""

    def __init__(self, agencies: pd.DataFrame, r: pd.Series) -> None:
        self.index = agencies.index
        self.r = r
        self.kids: dict[str, dict[str, None]] = {}
        self.known: set[str] = set()
        for path in r.unique():  # in registry order
            parts = path.split(SEP)
            for i in range(len(parts)):
                self.kids.setdefault(SEP.join(parts[:i]), {}).setdefault(parts[i], None)
                self.known.add(SEP.join(parts[: i + 1]))
        self.within: dict[str, list[str]] = {}
        self.opening: list[str] | None = None


_TREES: dict[int, _Tree] = {}


def _tree(agencies: pd.DataFrame) -> _Tree:
    hit = _TREES.get(id(agencies))
    r = region_series(agencies)
    if hit is not None and hit.index is agencies.index and hit.r is r:
        return hit
    if len(_TREES) >= 8:
        _TREES.clear()
    t = _TREES[id(agencies)] = _Tree(agencies, r)
    return t


def children(agencies: pd.DataFrame, prefix: str) -> list[str]:
    """The regions one level under `prefix` ('' for the top), in registry order."""
    return list(_tree(agencies).kids.get(prefix, ()))


def within(agencies: pd.DataFrame, path: str) -> list[str]:
    """The agency ids in region `path` or under it ('' is everywhere)."""
    if not path:
        return list(agencies.index)
    t = _tree(agencies)
    got = t.within.get(path)
    if got is None:
        r = t.r
        got = t.within[path] = list(agencies.index[(r == path) | r.str.startswith(path + SEP)])
    return list(got)


def common(agencies: pd.DataFrame, ids: list[str]) -> str:
    """The narrowest region that holds all of `ids` ('' when they share none)."""
    paths = [p.split(SEP) for p in region_series(agencies).reindex(ids).dropna()]
    if not paths:
        return ""
    out = []
    for level in zip(*paths, strict=False):
        if len(set(level)) != 1:
            break
        out.append(level[0])
    return SEP.join(out)


def settle(agencies: pd.DataFrame, path: str) -> str:
    """`path` if it names a region, else its nearest known ancestor; then one level down
    at a time (first child) while it holds more agencies than MAX_OPTIONS."""
    parts = path.split(SEP) if path else []
    while parts and SEP.join(parts) not in _known(agencies):
        parts.pop()
    path = SEP.join(parts)
    while len(within(agencies, path)) > MAX_OPTIONS:
        kids = children(agencies, path)
        if not kids:
            break
        path = f"{path}{SEP}{kids[0]}" if path else kids[0]
    return path


def whole_allowed(agencies: pd.DataFrame, path: str) -> bool:
    """May `path` be chosen as a whole (its agencies all listed), not only a part of it?"""
    return bool(path) and len(within(agencies, path)) <= MAX_OPTIONS


def opening(agencies: pd.DataFrame) -> list[str]:
    """What a new session shows: the bureau and the agencies under it (at most 8), else
    the first three."""
    t = _tree(agencies)
    if t.opening is None:
        bureau = agencies["kind"] == "bureau"
        chosen = list(agencies.index[bureau | agencies["parent_id"].isin(agencies.index[bureau])])
        t.opening = (chosen[:8] if chosen else list(agencies.index[:3])) or list(agencies.index[:3])
    return list(t.opening)


def default_agencies(agencies: pd.DataFrame, path: str, limit: int = 12) -> list[str]:
    """What a region shows when it is picked: its bureaus and the agencies under them
    (a district: all of its agencies; a city: its bureaus), at most `limit`."""
    ids = within(agencies, path)
    sub = agencies.loc[ids]
    bureaus = list(sub.index[sub["kind"] == "bureau"])
    if len(bureaus) == 1:
        with_kids = sub.index[(sub["kind"] == "bureau") | sub["parent_id"].isin(bureaus)]
        return list(with_kids)[:limit]
    return (bureaus or ids)[:limit]


def _known(agencies: pd.DataFrame) -> set[str]:
    return _tree(agencies).known
