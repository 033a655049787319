"""A table a reader sees whole: st.dataframe cuts a table at about ten rows (the rest behind
a scroll bar nobody notices) and long cells at its column width ('2016、2017、…、2').

`show` sizes the table to all its rows up to MAX_ROWS (beyond that it says how many rows
there are and that the table scrolls), and gives the columns with long text the widest
column setting. On a phone the table scrolls sideways inside itself, never the page.
"""

from __future__ import annotations

import unicodedata

import pandas as pd
import streamlit as st

MAX_ROWS = 30  # more rows than this: a fixed height, and a note saying the table scrolls
ROW_PX = 35  # st.dataframe's default row height (its header is one row too)
# Chinese characters wide: a column with wider cells gets the wide setting; narrower ones
# are sized to their text. At 16 an English table had two wide columns (indicator names of
# 18, years of 17) and the columns after them out of view
LONG = 20
NOTE = ("共{n}行，在表内上下滚动可看到全部。", "{n} rows: scroll inside the table to see them all.")


def height(n_rows: int) -> int:
    """Pixels that show the header and min(n_rows, MAX_ROWS) rows without a scroll bar."""
    return (min(max(n_rows, 1), MAX_ROWS) + 1) * ROW_PX + 3


def text_width(text: str) -> float:
    """How wide a text is drawn, in Chinese characters: a Chinese (wide) character is one,
    a Latin letter, digit or space half of one."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def long_columns(df: pd.DataFrame) -> list[str]:
    """The columns whose widest cell is wider than LONG Chinese characters. Counted in
    characters, an English table had its names in wide columns ('Earthquake Bureau' is 17)
    and the columns after them out of view."""
    return [
        c for c in df.columns if len(df) and df[c].astype(str).map(text_width).max() > LONG
    ]  # fmt: skip


def show(df: pd.DataFrame, lang: str = "zh", **kw) -> None:
    """st.dataframe of df, every row in view (up to MAX_ROWS), long text in wide columns."""
    config = {c: st.column_config.Column(width="large") for c in long_columns(df)}
    config.update(kw.pop("column_config", None) or {})
    st.dataframe(df, hide_index=True, width="stretch", height=height(len(df)),
                 column_config=config, **kw)  # fmt: skip
    if len(df) > MAX_ROWS:
        zh, en = NOTE
        st.caption((en if lang == "en" else zh).format(n=len(df)))
