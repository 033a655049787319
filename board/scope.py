"""Whose figure a headline is, said in words: '全局合计（3个单位）', '仅区科技局',
'2个单位合计（区科技局、区地震局）', '各单位分列（2个单位，不作平均）'.

A leader reads a headline aloud; a sum of three agencies, one agency alone and a figure per
agency must not sound alike. Percentages of different agencies are never averaged (a mean
of two agencies' approval-time cuts is nobody's figure): they are shown one by one, or as
the best and the range. The overview's cards and sentences, the deck's takeaways and its
slide titles (`scope_label`, `rows_scope`) all take their words from here.
"""

from __future__ import annotations

import contextlib

import pandas as pd

from board import i18n

LIST_MOST = 3  # agencies named one by one; more are given as the best and the range
# Indicators where less is better (the best of several agencies is the lowest).
LOWER_IS_BETTER = {"approval_days_after"}


def whole_bureau(meta) -> set[str]:
    """The bureau and every agency under it: what '全局' means (kept with the Meta of a
    warehouse version: a province has thousands of agencies and every card asks)."""
    got = getattr(meta, "_whole", None)
    if got is None:
        got = _whole_bureau(meta)
        with contextlib.suppress(AttributeError):  # a stand-in without room for it (tests)
            meta._whole = got
    return got


def _whole_bureau(meta) -> set[str]:
    ag = meta.agencies
    bureau = ag.index[ag["kind"] == "bureau"] if "kind" in ag else ag.index[:0]
    if "parent_id" not in ag or not len(bureau):
        return set()
    return set(bureau) | set(ag.index[ag["parent_id"].isin(bureau)])


def scope_label(meta, agency_ids, unit: str, lang: str = "zh") -> str:
    """Who a figure covers, from the agencies that have a value in it and its unit."""
    ids = meta.ordered(agency_ids)
    ids += [a for a in dict.fromkeys(agency_ids) if a not in set(ids)]  # unknown ones last
    if not ids:
        return i18n.t("sc_none", lang)
    if len(ids) == 1:
        return i18n.t("sc_only", lang, name=meta.agency(ids[0], lang))
    if unit == "%":
        return i18n.t("sc_each", lang, n=len(ids))
    whole = whole_bureau(meta)
    if whole and set(ids) == whole:
        return i18n.t("sc_whole", lang, n=len(ids))
    return i18n.t("sc_sum", lang, n=len(ids), names=meta.agencies_text(ids, lang))


def rows_scope(rows: pd.DataFrame, meta, indicator_id: str, year: int, lang: str = "zh") -> str:
    """scope_label of one indicator in `year` over resolved rows (queries' `series`): for
    a slide title or a takeaway."""
    now = rows[(rows["indicator_id"] == indicator_id) & (rows["year"] == year)]
    now = now[now["value"].notna()]
    return scope_label(meta, list(dict.fromkeys(now["agency_id"])), meta.unit(indicator_id, lang),
                       lang)  # fmt: skip


def best_row(rows: pd.DataFrame, indicator_id: str):
    """The row with the best value (highest, or lowest where less is better)."""
    vals = rows.dropna(subset=["value"])
    if vals.empty:
        return None
    low = indicator_id in LOWER_IS_BETTER
    return vals.sort_values("value", ascending=low, kind="stable").iloc[0]


def per_unit_text(rows: pd.DataFrame, meta, indicator_id: str, unit: str, lang: str) -> str:
    """Each agency's value ('区地震局90%（最高）、区科技局87%'), best first; with more than
    LIST_MOST agencies, the best and the range."""
    vals = rows.dropna(subset=["value"])
    if vals.empty:
        return ""
    low = indicator_id in LOWER_IS_BETTER
    vals = vals.sort_values("value", ascending=low)
    best_word = i18n.t("sc_best_low" if low else "sc_best", lang)

    def one(r) -> str:
        q = r.qualifier if isinstance(r.qualifier, str) else None
        v = i18n.value_text(r.value, unit, q, lang)
        name = meta.agency(r.agency_id, lang)
        return f"{name}{v}" if lang == "zh" else f"{name} {v}"

    first = vals.iloc[0]
    head = one(first) + (f"（{best_word}）" if lang == "zh" else f" ({best_word})")
    if len(vals) == 1:
        return one(first)
    if len(vals) <= LIST_MOST:
        return i18n.join([head] + [one(r) for r in vals.iloc[1:].itertuples()], lang)
    lo, hi = (
        i18n.value_text(v, unit, None, lang) for v in (vals["value"].min(), vals["value"].max())
    )
    sep = "，" if lang == "zh" else "; "
    return head + sep + i18n.t("sc_range", lang, lo=lo, hi=hi)
