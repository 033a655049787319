"""Tables of the data-quality page (pages/7_数据质量.py): query results with names in the
reader's language and the headers of i18n."""

from __future__ import annotations

import pandas as pd

from board import i18n, model

# Where a report's agency or year came from (etl/identify.py), in the reader's language.
SOURCE = {
    "title": ("标题", "title"),
    "metadata": ("网页信息栏", "page metadata"),
    "opening": ("正文开头", "opening sentence"),
    "signature": ("落款", "signature"),
    "breadcrumb": ("网页导航栏", "breadcrumb"),
    "file name": ("文件名", "file name"),
    "folder": ("文件夹名", "folder name"),
    "assigned": ("编辑指定", "assigned by an editor"),
}


def _frame(cols: str, lang: str, rows: list[list]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=i18n.t(cols, lang).split("|"))


def missing(df: pd.DataFrame, meta: model.Meta, lang: str) -> pd.DataFrame:
    rows = [[meta.agency(r.agency_id, lang), meta.ind(r.indicator_id, lang), r.missing,
             int(r.n_missing)] for r in df.itertuples()]  # fmt: skip
    return _frame("q_cols_missing", lang, rows)


def conflicts(df: pd.DataFrame, meta: model.Meta, lang: str) -> pd.DataFrame:
    rows = [[meta.agency(r.agency_id, lang), int(r.year), meta.ind(r.indicator_id, lang),
             i18n.num(r.value, lang), r.quote, i18n.num(r.other_value, lang), r.other_quote,
             r.other_path or i18n.method_text(r.other_method, lang)]
            for r in df.itertuples()]  # fmt: skip
    return _frame("q_cols_conf", lang, rows)


def year_from_path(df: pd.DataFrame, meta: model.Meta, lang: str) -> pd.DataFrame:
    k = 1 if lang == "en" else 0

    def source(s) -> str:
        return SOURCE.get(s, (s, s))[k] if isinstance(s, str) else SOURCE["title"][k]

    rows = [[meta.agency(r.agency_id, lang) if r.agency_id in meta.agencies.index else r.agency_id,
             int(r.year), r.title, r.path, source(r.agency_source), source(r.year_source),
             r.note if isinstance(r.note, str) else ""]
            for r in df.itertuples()]  # fmt: skip
    return _frame("q_cols_path", lang, rows)
