"""The overview: a card per area (value, 同比, scope, sparkline rows), the sentences a
leader reads out, what the data covers. Part of board.model (issue 15)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from board import disputes, i18n, scope
from board.meta import OVERVIEW_AREAS, Meta
from board.series import short_quote


@dataclass
class Card:
    area: str
    area_name: str
    indicator_id: str
    name: str
    unit: str
    year: int
    value: float | None
    qualifier: str | None
    how: str  # its scope in words (board.scope): '全局合计（3个单位）' / '仅区科技局'
    prev: float | None  # the same agencies' total the year before
    delta: float | None
    delta_pct: float | None
    is_demo: bool
    unverified: bool
    spark: pd.DataFrame  # year, value, label, quote_short, ... for the sparkline
    rows: pd.DataFrame  # the per-agency values of the year
    all_rows: pd.DataFrame = None  # every value behind the sparkline
    n_now: int = 0  # agencies with a value this year
    n_matched: int = 0  # ... that also have one the year before (what 同比 compares)
    per_unit: str = ""  # a percentage of several agencies: each one's value, never a mean
    best_agency: str = ""  # ... and whose is the best (the card's value)

    @property
    def by_unit(self) -> bool:
        """A percentage of several agencies: shown per agency, without a 同比 or a record."""
        return bool(self.per_unit)

    @property
    def partial_yoy(self) -> bool:
        return self.delta is not None and self.n_matched < self.n_now


def aggregate(
    rows: pd.DataFrame, unit: str, indicator_id: str = ""
) -> tuple[float | None, str | None]:
    """Total of counts; a bound anywhere makes the total a bound. Percentages of several
    agencies are never averaged: the best of them, with its own bound (board.scope)."""
    vals = rows["value"].dropna()
    if vals.empty:
        return None, None
    if unit == "%":
        best = scope.best_row(rows, indicator_id)
        q = best["qualifier"]
        return float(best["value"]), q if isinstance(q, str) else None
    v = float(vals.sum())
    quals = set(rows["qualifier"].dropna())
    q = "at_least" if "at_least" in quals else ("about" if "about" in quals else None)
    return v, q


def yearly(df: pd.DataFrame, unit: str, meta: Meta, lang: str) -> pd.DataFrame:
    """One row per year: aggregated value and the sentences it came from (for a sparkline).
    The years are grouped over plain lists, not a frame per year: ten small frames per card
    were most of the overview's time."""
    rows = []
    if "disputed" not in df and "conflict" in df:  # once, not once per year
        df = disputes.mark(df, lang)
    n = len(df)
    years = df["year"].tolist()
    values = df["value"].tolist()
    quals = df["qualifier"].tolist()
    agencies, quotes = df["agency_id"].tolist(), df["quote"].tolist()
    demo = df["origin"].eq("demo").tolist()
    unverified = df["status"].eq("unverified").tolist()
    disputed = (
        df["disputed"].fillna(False).astype(bool).tolist() if "disputed" in df else [False] * n
    )
    iids = df["indicator_id"].astype(str).tolist() if "indicator_id" in df else [""] * n
    by_year: dict = {}
    for i, y in enumerate(years):
        by_year.setdefault(y, []).append(i)
    for year in sorted(by_year):
        ix = by_year[year]
        if unit == "%":  # the best of them (board.scope), as aggregate() takes it
            v, q = aggregate(df.iloc[ix], unit, iids[ix[0]])
        else:
            v, q = _total([values[i] for i in ix], [quals[i] for i in ix])
        is_demo = any(demo[i] for i in ix)
        rows.append({
            "year": int(year), "year_txt": str(int(year)), "value": v, "qualifier": q,
            "label": i18n.value_text(v, unit, q, lang),
            "quote_short": " | ".join(f"{meta.agency(agencies[i], lang)}{i18n.colon(lang)}{short_quote(quotes[i], 50)}"
                                      for i in ix),
            "is_demo": is_demo,
            "origin_txt": i18n.origin_text("demo" if is_demo else "real", lang),
            "unverified": any(unverified[i] for i in ix),
            "n_agencies": len({agencies[i] for i in ix}),
            "disputed": any(disputed[i] for i in ix),
        })  # fmt: skip
    return pd.DataFrame(rows)


def _total(values: list, quals: list) -> tuple[float | None, str | None]:
    """aggregate() of counts over plain lists: the sum of the values (summed as pandas sums
    them), a bound if any row is one."""
    vals = [v for v in values if v is not None and not pd.isna(v)]
    if not vals:
        return None, None
    v = float(np.asarray(vals, dtype=float).sum())
    qs = {q for q in quals if isinstance(q, str)}
    return v, "at_least" if "at_least" in qs else ("about" if "about" in qs else None)


def cards(series: pd.DataFrame, meta: Meta, year: int, agency_ids, lang: str) -> list[Card]:
    """The overview's cards: the headline indicator of each area."""
    out = []
    for area in OVERVIEW_AREAS:
        iid = meta.headline(area)
        if iid is not None:
            out.append(card(series, meta, iid, year, lang))
    return out


def card(series: pd.DataFrame, meta: Meta, iid: str, year: int, lang: str) -> Card:
    """One indicator in `year` over the agencies in `series`: counts summed, the change on
    the year before comparing the agencies present in both years; a percentage of several
    agencies is given per agency (its value: the best one), with no change and no mean."""
    unit = meta.unit(iid, lang)
    known = iid in meta.indicators.index
    area = meta.area_of(iid) if known else ""
    df = series[series["indicator_id"] == iid]
    now = df[df["year"] == year]
    before = df[df["year"] == year - 1]
    v, q = aggregate(now, unit, iid)
    n = now.dropna(subset=["value"])["agency_id"].nunique()
    by_unit = unit == "%" and n > 1
    both = [] if by_unit else sorted(set(now["agency_id"]) & set(before["agency_id"]))
    prev = delta = delta_pct = None
    if v is not None and both:
        cur_m, _ = aggregate(now[now["agency_id"].isin(both)], unit, iid)
        prev, _ = aggregate(before[before["agency_id"].isin(both)], unit, iid)
        delta = cur_m - prev
        delta_pct = delta / prev * 100 if prev else None
    how = scope.scope_label(meta, list(dict.fromkeys(now.dropna(subset=["value"])["agency_id"])),
                            unit, lang)  # fmt: skip
    per_unit = scope.per_unit_text(now, meta, iid, unit, lang) if by_unit else ""
    best = scope.best_row(now, iid) if by_unit else None
    return Card(
        area=area, area_name=meta.area(area, lang) if known else "", indicator_id=iid,
        name=meta.ind(iid, lang), unit=unit, year=year, value=v, qualifier=q, how=how,
        prev=prev, delta=delta, delta_pct=delta_pct,
        is_demo=bool(now["origin"].eq("demo").any()),
        unverified=bool(now["status"].eq("unverified").any()),
        spark=yearly(df, unit, meta, lang) if len(df) else pd.DataFrame(),
        rows=now, all_rows=df, n_now=int(n), n_matched=len(both) if v is not None else 0,
        per_unit=per_unit, best_agency=meta.agency(best["agency_id"], lang) if by_unit else "",
    )  # fmt: skip


ZH_NUM = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


def mid_sentence(name: str) -> str:
    """An English name inside a sentence: 'Processing time cut' -> 'processing time cut'
    ('in 2025, Processing time cut: …' read oddly); 'IP cases' keeps its capitals."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def sentence(card: Card, meta: Meta, lang: str, window: int = 5) -> str | None:
    """'仅区科技局：2024年开展执法检查15次，同比增长25%，为近五年最高。' — who it covers
    first (board.scope), then the figure and its change; or None when no value. A
    percentage of several agencies names each agency's value instead (never a mean)."""
    if card.value is None:
        return None
    lead = f"{card.how}{i18n.colon(lang)}"
    if card.by_unit:
        text = (f"{lead}{card.year}年{card.name}为{card.per_unit}。" if lang == "zh"
                else f"{lead}in {card.year}, {mid_sentence(card.name)}: {card.per_unit}.")  # fmt: skip
        return text + (i18n.t("s_demo", lang) if card.is_demo else "")
    v = i18n.value_text(card.value, card.unit, card.qualifier, lang)
    tmpl = i18n.SENTENCE.get(card.indicator_id)
    body = (tmpl[1] if lang == "en" else tmpl[0]).format(v=v) if tmpl else f"{card.name}{v}"
    if lang == "en" and not tmpl:
        body = f"{mid_sentence(card.name)}: {v}"
    parts = [f"{card.year}年{body}" if lang == "zh" else f"in {card.year}, {body}"]
    if card.delta is None:
        parts.append(i18n.t("s_no_prev", lang))
    elif abs(card.delta) < 1e-9:
        parts.append(i18n.t("s_flat", lang))
    elif card.unit == "%":
        pp = i18n.num(abs(card.delta), lang)
        if lang == "zh":
            parts.append(f"比上年{'提高' if card.delta > 0 else '降低'}{pp}个百分点")
        else:
            parts.append(f"{'up' if card.delta > 0 else 'down'} {pp} points on the year before")
    elif card.delta_pct is not None:
        pct = i18n.pct_text(card.delta_pct, lang)
        parts.append(i18n.t("s_up" if card.delta > 0 else "s_down", lang, pct=pct))
    else:
        d = i18n.value_text(abs(card.delta), card.unit, None, lang)
        parts.append(i18n.t("s_up_abs" if card.delta > 0 else "s_down_abs", lang, d=d))
    if card.partial_yoy:
        parts[-1] += i18n.t("s_matched", lang, n=card.n_matched)
    sp = card.spark
    if not sp.empty:
        win = sp[(sp["year"] > card.year - window) & (sp["year"] <= card.year)]
        if len(win) >= 3:
            others = win[win["year"] != card.year]["value"]
            n = int(win["year"].max() - win["year"].min() + 1)
            n_txt = ZH_NUM.get(n, str(n)) if lang == "zh" else str(n)
            if card.value > others.max():
                parts.append(i18n.t("s_max", lang, n=n_txt))
            elif card.value < others.min():
                parts.append(i18n.t("s_min", lang, n=n_txt))
    text = lead + ("，" if lang == "zh" else ", ").join(parts) + ("。" if lang == "zh" else ".")
    if card.is_demo:
        text += i18n.t("s_demo", lang)
    return text


def coverage_rows(cov: pd.DataFrame, meta: Meta, agency_ids, y0: int, y1: int, lang: str):
    """Per agency: years with figures, the demo-only years among them, and the years missing."""
    rows = []
    want = list(range(y0, y1 + 1))
    for aid in [a for a in meta.agencies.index if a in set(agency_ids)]:
        g = cov[cov["agency_id"] == aid]
        have = sorted(int(y) for y in g["year"])
        demo_only = sorted(int(y) for y in g[g["has_demo"] & ~g["has_real"]]["year"])
        missing = [y for y in want if y not in have]
        rows.append({
            i18n.t("agency", lang): meta.agency(aid, lang),
            i18n.t("ov_coverage", lang): i18n.years_text(have, lang) or i18n.t("ov_cov_no_docs", lang),
            i18n.t("ov_cov_demo", lang): i18n.years_text(demo_only, lang),
            i18n.t("ov_cov_missing", lang): i18n.years_text(missing, lang),
        })  # fmt: skip
    return pd.DataFrame(rows)
