"""Names, order and colours of one warehouse version's agencies, indicators and years
(`Meta`), and the ids the pages share. Part of board.model (issue 15: split by job)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from board import i18n
from board.chart_style import PALETTE, QUOTE_MAX  # noqa: F401 (board.model's names)

# The five areas on the overview, in the order a leader reads them (catalog area ids).
OVERVIEW_AREAS = ("enforcement", "cases", "training", "disclosure", "approval")
APPROVAL_IDS = ("approval_items", "one_visit_items", "approval_days_before",
                "approval_days_after", "approval_time_cut_pct")  # fmt: skip


@dataclass
class Meta:
    """Names and order of agencies, indicators and years of one warehouse version."""

    agencies: pd.DataFrame  # index agency_id, ordered by sort_order
    indicators: pd.DataFrame  # index indicator_id, ordered by sort_order
    years: list[int]
    colors: dict[str, str] = field(default_factory=dict)
    # agency_id -> name, per name column, made on first use: a province has thousands of
    # agencies and the sidebar names every one of them on every run
    _names: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)
    # agency_id -> its place in the registry's order, and (area, lang) -> the area's name,
    # made on first use (the compare page asks them hundreds of times a run)
    _pos: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _areas: dict[tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)
    # indicator_id -> name, unit or area per column, and each area's headline indicator
    _ind_cols: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)
    _heads: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)
    _whole: set[str] | None = field(default=None, repr=False, compare=False)  # board.scope

    def __post_init__(self):
        if not self.colors:
            self.colors = {a: PALETTE[i % len(PALETTE)] for i, a in enumerate(self.agencies.index)}

    def _name(self, aid: str, column: str) -> str:
        names = self._names.get(column)
        if names is None:
            names = dict(zip(self.agencies.index, self.agencies[column].astype(str), strict=True))
            self._names[column] = names
        return names.get(aid, aid)

    def agency(self, aid: str, lang: str) -> str:
        return self._name(aid, "short_en" if lang == "en" else "short_zh")

    def agency_full(self, aid: str, lang: str) -> str:
        return self._name(aid, "name_en" if lang == "en" else "name_zh")

    def _ind_text(self, column: str) -> dict[str, str]:
        """indicator_id -> the text of `column`, made on first use (pages ask it per row)."""
        got = self._ind_cols.get(column)
        if got is None:
            ind = self.indicators
            got = dict(zip(ind.index, ind[column].astype(str), strict=True))
            self._ind_cols[column] = got
        return got

    def ind(self, iid: str, lang: str) -> str:
        return self._ind_text("name_en" if lang == "en" else "name_zh").get(iid, iid)

    def unit(self, iid: str, lang: str) -> str:
        return self._ind_text("unit_en" if lang == "en" else "unit").get(iid, "")

    def area_of(self, iid: str) -> str:
        return self._ind_text("area")[iid]

    def area(self, area: str, lang: str) -> str:
        name = self._areas.get((area, lang))
        if name is None:
            rows = self.indicators[self.indicators["area"] == area]
            name = (
                area if rows.empty else str(rows.iloc[0]["area_en" if lang == "en" else "area_zh"])
            )
            self._areas[(area, lang)] = name
        return name

    def headline(self, area: str) -> str | None:
        if area not in self._heads:
            ind = self.indicators
            rows = ind[(ind["area"] == area) & ind["headline"]]
            self._heads[area] = str(rows.index[0]) if len(rows) else None
        return self._heads[area]

    def headlines(self, areas=OVERVIEW_AREAS) -> list[str]:
        return [h for a in areas if (h := self.headline(a))]

    def ordered(self, agency_ids) -> list[str]:
        """The known ones of `agency_ids`, once each, in the registry's order."""
        if not self._pos:
            self._pos.update((a, i) for i, a in enumerate(self.agencies.index))
        pos = self._pos
        return sorted({a for a in agency_ids if a in pos}, key=pos.__getitem__)

    def color_scale(self, agency_ids, lang: str) -> tuple[list[str], list[str]]:
        """(domain, range) for the agencies shown, each keeping its colour of the registry."""
        ids = self.ordered(agency_ids)
        return [self.agency(a, lang) for a in ids], [self.colors[a] for a in ids]

    def agencies_text(self, agency_ids, lang: str, most: int = 4) -> str:
        """'区科技局、区知识产权局' or '区科技局、…等12个单位' in registry order."""
        names = self.agency_order(agency_ids, lang)
        if len(names) <= most:
            return i18n.join(names, lang)
        head = i18n.join(names[: most - 1], lang)
        return (
            f"{head}等{len(names)}个单位"
            if lang == "zh"
            else f"{head} and {len(names) - most + 1} more"
        )

    def agency_order(self, agency_ids, lang: str) -> list[str]:
        return self.color_scale(agency_ids, lang)[0]


def meta_from(agencies: pd.DataFrame, indicators: pd.DataFrame, years: list[int]) -> Meta:
    return Meta(agencies.set_index("agency_id"), indicators.set_index("indicator_id"), years)
