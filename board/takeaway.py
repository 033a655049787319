"""The one sentence a slide says about its chart: '3个单位合计：2024年开展执法检查42次，同比增长
17%，为近五年最高。'

The sentence itself is the overview's (model.sentence, on a model.Card); this module only
builds that card for any indicator (model.cards builds them for the five headline
indicators only), with the same rules: counts are summed and percentages averaged over the
agencies, and the change on the year before compares the same agencies in both years.
"""

from __future__ import annotations

import pandas as pd

from board import i18n, model

NO_VALUE = ("{year}年没有{name}的数据。", "No figure for {name} in {year}.")


def card(series: pd.DataFrame, meta: model.Meta, indicator_id: str, year: int,
         lang: str = "zh") -> model.Card:  # fmt: skip
    """The overview card of one indicator in `year` over the agencies in `series`."""
    unit = meta.unit(indicator_id, lang)
    df = series[series["indicator_id"] == indicator_id]
    now = df[df["year"] == year]
    before = df[df["year"] == year - 1]
    v, q = model.aggregate(now, unit)
    both = sorted(set(now["agency_id"]) & set(before["agency_id"]))
    prev = delta = delta_pct = None
    if v is not None and both:
        cur_m, _ = model.aggregate(now[now["agency_id"].isin(both)], unit)
        prev, _ = model.aggregate(before[before["agency_id"].isin(both)], unit)
        delta = cur_m - prev
        delta_pct = delta / prev * 100 if prev else None
    n = now["agency_id"].nunique()
    if n == 1:
        how = meta.agency(now["agency_id"].iloc[0], lang)
    elif n > 1:
        how = i18n.t("ov_mean" if unit == "%" else "ov_total", lang, n=n)
    else:
        how = i18n.t("ov_no_value", lang)
    return model.Card(
        area=meta.area_of(indicator_id) if indicator_id in meta.indicators.index else "",
        area_name=meta.area(meta.area_of(indicator_id), lang) if indicator_id in meta.indicators.index else "",
        indicator_id=indicator_id, name=meta.ind(indicator_id, lang), unit=unit, year=year,
        value=v, qualifier=q, how=how, prev=prev, delta=delta, delta_pct=delta_pct,
        is_demo=bool(now["origin"].eq("demo").any()),
        unverified=bool(now["status"].eq("unverified").any()),
        spark=model.yearly(df, unit, meta, lang) if len(df) else pd.DataFrame(), rows=now,
    )  # fmt: skip


def sentence(series: pd.DataFrame, meta: model.Meta, indicator_id: str, year: int,
             lang: str = "zh", window: int = 5) -> str:  # fmt: skip
    """The takeaway: who it covers, then the overview's sentence (同比, 近N年最高/最低)."""
    c = card(series, meta, indicator_id, year, lang)
    s = model.sentence(c, meta, lang, window=window)
    if s is None:
        zh, en = NO_VALUE
        return (en if lang == "en" else zh).format(year=year, name=c.name)
    return f"{c.how}：{s}" if lang == "zh" else f"{c.how}: {s}"
