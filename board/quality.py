"""Tables of the data-quality page (pages/7_数据质量.py): query results with names in the
reader's language and the headers of i18n."""

from __future__ import annotations

from pathlib import PurePosixPath

import pandas as pd

from board import i18n, model
from board.highlight import esc, table_html

# Where a report's agency or year came from (etl/identify.py), in the reader's language.
SOURCE = {
    "title": ("标题", "title"),
    "metadata": ("网页信息栏", "page metadata"),
    "opening": ("正文开头", "opening sentence"),
    "signature": ("落款", "signature"),
    "breadcrumb": ("网页导航栏", "breadcrumb"),
    "contact": ("联系方式一句", "contact line"),
    "file name": ("文件名", "file name"),
    "folder": ("文件夹名", "folder name"),
    "assigned": ("编辑指定", "assigned by an editor"),
}


def _frame(cols: str, lang: str, rows: list[list]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=i18n.t(cols, lang).split("|"))


def missing(df: pd.DataFrame, meta: model.Meta, lang: str) -> pd.DataFrame:
    """The missing years as runs ('2016–2019年、2022年'): a list of single years was cut
    off in its cell ('2016、2017、…、2')."""
    rows = [[meta.agency(r.agency_id, lang), meta.ind(r.indicator_id, lang),
             i18n.years_text([int(y) for y in str(r.missing).split("、") if y.strip()], lang),
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


def totals(df: pd.DataFrame, meta: model.Meta, lang: str) -> pd.DataFrame:
    """合计 rows of 统计表 that disagree with their parts (the reason names both numbers)."""
    return _frame("q_cols_totals", lang, [[r.path, r.reason] for r in df.itertuples()])


def candidates(df: pd.DataFrame, meta: model.Meta, lang: str) -> pd.DataFrame:
    """Numbers set aside per report (most first), with the count of each reason; a parked
    report (no agency, no year yet) is named by its file and says it waits for them."""
    unplaced = i18n.t("q_unplaced", lang)
    rows = []
    for r in df.itertuples():
        placed = isinstance(r.agency_id, str)
        by_reason = i18n.join([f"{i18n.reason_text(w, lang, short=True)} {int(k)}"
                               for w, k in zip(r.reasons, r.reason_counts, strict=True)], lang)  # fmt: skip
        rows.append([r.title if isinstance(r.title, str) else PurePosixPath(r.path).name,
                     meta.agency(r.agency_id, lang) if placed else unplaced,
                     str(int(r.year)) if placed else unplaced, int(r.n), by_reason, r.path])  # fmt: skip
    return _frame("q_cols_cand", lang, rows)


def candidates_html(table: pd.DataFrame, lang: str) -> str:
    """The candidates table (from `candidates`) as an HTML table that wraps its text: the
    report's title with its file under it, agency, year, count, the reasons."""
    cols = i18n.t("q_cols_cand", lang).split("|")
    sep = i18n.join(["", ""], lang)

    def reasons(text: str) -> str:  # each reason with its count kept on one line
        return sep.join(f'<span class="n">{esc(x)}</span>' for x in text.split(sep))

    rows = [[f"{esc(r[0])}<br><small>{esc(r[5])}</small>", r[1], r[2], str(r[3]), reasons(r[4])]
            for r in table.itertuples(index=False)]  # fmt: skip
    return table_html(cols[:5], rows, raw_cols={0, 4})
