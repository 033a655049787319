"""What an export says about its numbers: the table behind a chart as CSV and XLSX, and the
words drawn into an exported image (the source footnote, the demo banner).

- CSV: UTF-8 with BOM, so Excel opens the Chinese correctly.
- XLSX: a data sheet with units, status and the source of every value, and a 说明 sheet
  with the title, the source footnote, the notes on marks and the list of source documents.
"""

from __future__ import annotations

import io
import math
from datetime import date

import pandas as pd

from board import disputes, i18n
from board.export_image import text_width


def footnote(sources: str | None, lang: str = "zh", when: date | None = None,
             data: pd.DataFrame | None = None) -> str:  # fmt: skip
    """'来源：…  ·  导出自法治指标看板，2026-11-27', after a line naming the disputed values
    of `data` ('有争议：区科技局2021年执法检查次数15次（来源不一致：…）。')."""
    stamp = i18n.t("exported", lang, d=(when or date.today()).isoformat())
    text = f"{sources}  ·  {stamp}" if sources else stamp
    why = disputes.footnote(data, lang) if data is not None else None
    return f"{why}\n{text}" if why else text


def banner(data: pd.DataFrame | None, lang: str = "zh") -> str | None:
    """The demo banner of an export whose numbers include demo data, else None."""
    if data is None or "origin" not in data or not data["origin"].eq("demo").any():
        return None
    return i18n.t("banner_demo", lang)


def _col(lang: str):
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    return [  # (column in the chart data, header), in this order when present
        ("agency", t("agency")),
        ("year", t("year")),
        ("area_txt", t("area")),
        ("indicator", t("indicator")),
        ("which_txt", i18n.t("kind", lang)),
        ("value", t("value")),
        ("unit_txt", i18n.t("unit_col", lang)),
        ("label", i18n.t("as_written", lang)),
        ("yoy_pct", t("yoy_pct")),
        ("status_txt", t("status")),
        ("disputed_txt", i18n.t("dp_label", lang)),
        ("dispute_note", i18n.t("dp_note_col", lang)),
        ("origin_txt", t("origin")),
        ("source_txt", t("document")),
        ("quote", t("source")),
        ("agency_id", i18n.t("agency_id", lang)),
        ("indicator_id", i18n.t("indicator_id", lang)),
    ]


def _plain(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    f = float(v)
    return int(f) if f.is_integer() else f


def table(data: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The numbers behind a chart, one row per value, with headers in the chosen language."""
    df = data.copy()
    if "agency" not in df and "agency_id" in df:
        df["agency"] = df["agency_id"]
    if "indicator" not in df and "indicator_id" in df:
        df["indicator"] = df["indicator_id"]
    if "unit_txt" not in df and "unit" in df:
        df["unit_txt"] = df["unit"]
    if "source_txt" not in df and "doc_title" in df:
        df["source_txt"] = df["doc_title"]
    if "disputed" in df:
        yes = i18n.t("dp_yes", lang)
        df["disputed_txt"] = [yes if d is True or d == 1 else "" for d in df["disputed"]]
    if "yoy_pct" in df:
        if df["yoy_pct"].notna().any():
            df["yoy_pct"] = df["yoy_pct"].round(1)
        else:
            df = df.drop(columns="yoy_pct")
    if "value" in df:  # 12, not 12.0; 12.5 stays
        df["value"] = pd.Series([_plain(v) for v in df["value"]], index=df.index, dtype="object")
    cols = [(c, h) for c, h in _col(lang) if c in df]
    out = df[[c for c, _ in cols]].rename(columns=dict(cols))
    if "year" in df:
        out[i18n.t("year", lang)] = df["year"].astype(int)
    return out.reset_index(drop=True)


def to_csv(data: pd.DataFrame, lang: str = "zh") -> bytes:
    """CSV in UTF-8 with a BOM: Excel on Windows then reads the Chinese correctly."""
    return table(data, lang).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def documents(data: pd.DataFrame, lang: str) -> list[str]:
    """Each source document's title once, oldest first: '区科技局2018年度法治政府建设情况报告',
    with '（演示数据）' after a demo one. (A report may give other agencies' figures and a
    table many years', so neither is repeated beside the title.)"""
    if "doc_id" not in data:
        return []
    docs = data.dropna(subset=["doc_id"])
    if "year" in docs:
        docs = docs.sort_values("year", kind="stable")
    docs = docs.drop_duplicates("doc_id")
    out = []
    for r in docs.itertuples():
        title = getattr(r, "doc_title", None) or getattr(r, "source_txt", None) or r.doc_id
        if getattr(r, "origin", None) == "demo":
            demo = i18n.t("demo", lang)
            title = f"{title}（{demo}）" if lang == "zh" else f"{title} ({demo})"
        out.append(str(title))
    return out


def notes(data: pd.DataFrame, lang: str) -> list[str]:
    out = [i18n.t("note_value", lang), i18n.t("note_missing", lang)]
    if "origin" in data and data["origin"].eq("demo").any():
        out.append(i18n.t("note_demo", lang))
    if "status" in data and data["status"].eq("unverified").any():
        out.append(i18n.t("note_unverified", lang))
    if not disputes.rows(data).empty:
        out.append(i18n.t("dp_xlsx_note", lang))
    return out


def to_xlsx(data: pd.DataFrame, lang: str = "zh", *, title: str = "", sources: str = "",
            when: date | None = None) -> bytes:  # fmt: skip
    """A workbook: the data sheet (units, status, source of every value) and a 说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    tab = table(data, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = i18n.t("sheet_data", lang)
    ws.append(list(tab.columns))
    for row in tab.itertuples(index=False):
        ws.append([None if isinstance(v, float) and math.isnan(v) else
                   (v.item() if hasattr(v, "item") else v) for v in row])  # fmt: skip
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, name in enumerate(tab.columns, start=1):
        vals = [str(name)] + [str(v) for v in tab.iloc[:200, i - 1]]
        w = max(text_width(v, 1) for v in vals) + 2
        ws.column_dimensions[get_column_letter(i)].width = min(max(w, 6), 60)
    value_col = (
        list(tab.columns).index(i18n.t("value", lang)) + 1 if i18n.t("value", lang) in tab else None
    )
    if value_col:
        for (cell,) in ws.iter_rows(min_row=2, min_col=value_col, max_col=value_col):
            cell.number_format = "#,##0.##"
    if "disputed" in data:  # a disputed row is tinted, as the chart rings it
        from openpyxl.styles import PatternFill

        tint = PatternFill("solid", fgColor="FDE2E1")
        for i, d in enumerate(data["disputed"].tolist(), start=2):
            if d is True:
                for c in ws[i]:
                    c.fill = tint

    ns = wb.create_sheet(i18n.t("sheet_notes", lang))
    units = []
    if "indicator" in data and "unit_txt" in data:
        pairs = data.drop_duplicates("indicator")[["indicator", "unit_txt"]]
        units = [
            f"{a}：{b}" if lang == "zh" else f"{a}: {b}" for a, b in pairs.itertuples(index=False)
        ]
    warn = banner(data, lang)
    rows = [
        *([(i18n.t("n_warning", lang), warn)] if warn else []),
        (i18n.t("n_title", lang), title),
        (i18n.t("n_sources", lang), sources),
        *([(i18n.t("dp_label", lang), why)] if (why := disputes.footnote(data, lang)) else []),
        (i18n.t("n_exported", lang), (when or date.today()).isoformat()),
        (i18n.t("n_rows", lang), len(tab)),
        (i18n.t("n_units", lang), "\n".join(units)),
        (i18n.t("n_notes", lang), "\n".join(notes(data, lang))),
        (i18n.t("n_docs", lang), "\n".join(documents(data, lang))),
    ]
    for k, v in rows:
        ns.append([k, v])
    for c in ns["A"]:
        c.font = Font(bold=True)
        c.alignment = Alignment(vertical="top")
    for c in ns["B"]:
        c.alignment = Alignment(wrap_text=True, vertical="top")
    ns.column_dimensions["A"].width = 12
    ns.column_dimensions["B"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
