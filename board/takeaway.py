"""The one sentence a slide says about its chart: '3个单位合计：2024年开展执法检查42次，同比增长
17%，为近五年最高。'

The sentence itself is the overview's (model.sentence, on a model.card of any indicator),
with the same rules: counts are summed and percentages averaged over the agencies, and the
change on the year before compares the same agencies in both years.
"""

from __future__ import annotations

import pandas as pd

from board import model

NO_VALUE = ("{year}年没有{name}的数据。", "No figure for {name} in {year}.")


def card(series: pd.DataFrame, meta: model.Meta, indicator_id: str, year: int,
         lang: str = "zh") -> model.Card:  # fmt: skip
    """The overview card of one indicator in `year` over the agencies in `series`."""
    return model.card(series, meta, indicator_id, year, lang)


def sentence(series: pd.DataFrame, meta: model.Meta, indicator_id: str, year: int,
             lang: str = "zh", window: int = 5) -> str:  # fmt: skip
    """The takeaway: who it covers, then the overview's sentence (同比, 近N年最高/最低)."""
    c = card(series, meta, indicator_id, year, lang)
    s = model.sentence(c, meta, lang, window=window)
    if s is None:
        zh, en = NO_VALUE
        return (en if lang == "en" else zh).format(year=year, name=c.name)
    return f"{c.how}：{s}" if lang == "zh" else f"{c.how}: {s}"
