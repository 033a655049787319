"""The one sentence a slide says about its chart: '全局合计（3个单位）：2024年开展执法检查42次，
同比增长17%，为近五年最高。'

The sentence itself is the overview's (model.sentence, on a model.card of any indicator),
with the same rules: it says its scope first (board.scope), counts are summed, percentages
of several agencies are given per agency (never averaged), and the change on the year
before compares the same agencies in both years. `scope` is the words for a slide title.
"""

from __future__ import annotations

import pandas as pd

from board import model
from board import scope as _scope

NO_VALUE = ("{year}年没有{name}的数据。", "No figure for {name} in {year}.")


def sentence(series: pd.DataFrame, meta: model.Meta, indicator_id: str, year: int,
             lang: str = "zh", window: int = 5) -> str:  # fmt: skip
    """The takeaway: the overview's sentence (who it covers, 同比, 近N年最高/最低)."""
    c = model.card(series, meta, indicator_id, year, lang)
    s = model.sentence(c, meta, lang, window=window)
    if s is None:
        zh, en = NO_VALUE
        return (en if lang == "en" else zh).format(year=year, name=c.name)
    return s


def scope(series: pd.DataFrame, meta: model.Meta, indicator_id: str, year: int,
          lang: str = "zh") -> str:  # fmt: skip
    """Who the slide's figure for `year` covers, in words for its title: '全局合计（3个单位）',
    '仅区科技局', '各单位分列（2个单位，不作平均）'."""
    return _scope.rows_scope(series, meta, indicator_id, year, lang)
