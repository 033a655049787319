"""Indicator tables (CSV, XLSX) in long, wide or 统计表 form, into long-form TableRows.

Staff fill tables by hand: a title row or two above the header, Chinese or English
column names, one column per year. We find the header, unpivot year columns, and keep
every string as written (the ETL resolves names and numbers). A bad row does not sink
the file: it goes to `problems` with its row number, and the good rows still load.

The 统计表 offices fill in has agencies as rows and indicators as columns (headers with
their unit in brackets, sometimes under a group header), the year in the title, sheet
name or file name, a 合计 row (checked against the rows, never a fact) and note rows;
see etl/readers/table_stat.py. One agency's own table (no agency column: one row a year,
or one row of figures): etl/readers/table_own.py. Formulas never saved by Excel:
etl/readers/table_formulas.py.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from etl.model import ReadError, TableDoc, TableRow
from etl.readers.table_cells import (
    _HEADER_SEARCH_ROWS,
    _YEAR_HEADER,
    _at,
    _cell_str,
    _norm,
    looks_numeric,
)
from etl.readers.table_formulas import _fill_formulas, _formulas, _unread_problem
from etl.readers.table_own import _find_own_header, _unpivot_own
from etl.readers.table_stat import (
    _find_item_header,
    _find_stat_header,
    _unpivot_items,
    _unpivot_stat,
)
from etl.readers.text import decode

NO_HEADER = (
    "没有找到可识别的表头（表格开头是：「{start}」）。长表需要这几列：单位、年度、指标、数值"
    "（可选：计量单位、备注）；宽表需要：单位、指标 与各年度列（如 2022、2023年）。"
    "统计表需要：单位列和以指标命名的各列（如 执法检查（次）），年度写在标题、工作表名或文件名中；"
    "一个单位的表：以指标命名的各列，每年一行（第一列为“年度”）或只有一行数字，单位写在标题、"
    "工作表名、文件名或文件夹名中。请按此修改表头后再提供。（No recognisable header row: long "
    "form needs agency, year, indicator, value; wide form needs agency, indicator and one "
    "column per year; a statistics table, an agency column and one column per indicator; "
    "one agency's table, one column per indicator and one row per year.）"
)
EMPTY_TABLE = "表格里没有任何数据，请提供填好的表格。（The table is empty.）"
CORRUPT_XLSX = (
    "Excel 文件已损坏或不完整，无法打开。请用 Excel 或 WPS 打开后重新另存为 .xlsx 再提供。"
    "（The .xlsx file is damaged or incomplete.）"
)

_NAMES = {
    "agency": {"agency", "单位名称", "填报单位", "机构", "机构名称", "部门", "部门名称"},
    "year": {"year", "年度", "年份", "年"},
    "indicator": {"indicator", "指标", "指标名称", "指标代码", "指标项"},
    "value": {"value", "数值", "值", "数量"},
    "unit": {"unit", "计量单位", "单位(计量)"},
    "note": {"note", "备注", "说明", "来源"},
}


@dataclass
class _Header:
    row: int  # 0-based index into the sheet's rows
    cols: dict[str, int]  # role -> 0-based column
    years: dict[int, str]  # 0-based column -> year, for the wide form


def read_csv(path: Path) -> TableDoc:
    text, encoding = decode(Path(path).read_bytes())
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=_sniff_delimiter(text)))
    except csv.Error as exc:
        raise ReadError(
            f"CSV 文件格式有误（{exc}），请用 Excel 打开后重新另存为 CSV 或 .xlsx。"
            "（Malformed CSV.）"
        ) from exc
    rows = [[cell.strip() for cell in row] for row in rows]
    return _to_doc(Path(path), [("CSV", rows, {})], "csv", encoding)


def read_xlsx(path: Path) -> TableDoc:
    try:
        wb = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:
        raise ReadError(CORRUPT_XLSX) from exc
    try:
        formulas = _formulas(path)
        sheets = []
        for ws in wb.worksheets:
            ws.reset_dimensions()  # some writers record a wrong sheet size; read all cells
            raw = [list(row) for row in ws.iter_rows()]
            cells = [[_cell_str(c) for c in row] for row in raw]
            unread = _fill_formulas(cells, formulas.get(ws.title, {}))
            sheets.append((ws.title, cells, unread))
    except Exception as exc:
        raise ReadError(CORRUPT_XLSX) from exc
    finally:
        wb.close()
    return _to_doc(Path(path), sheets, "xlsx", "utf-8")


def _to_doc(path: Path, sheets, fmt: str, encoding: str) -> TableDoc:
    rows: list[TableRow] = []
    problems: list[str] = []
    sheets = [s for s in sheets if any(any(r) for r in s[1])]
    if not sheets:
        raise ReadError(EMPTY_TABLE)
    found = False
    for name, cells, *more in sheets:  # (name, cells[, unreadable formulas])
        unread = more[0] if more else {}
        where = "" if fmt == "csv" else f"工作表 {name} "
        header = _find_header(cells)
        if header is None:
            names = (None if fmt == "csv" else name, path.stem)  # where a year may stand
            stat = _find_stat_header(cells)
            if stat is not None:
                found = True
                _unpivot_stat(name, cells, unread, stat, where, names, rows, problems)
                continue
            items = _find_item_header(cells)
            if items is not None:
                found = True
                _unpivot_items(name, cells, unread, items, where, names, rows, problems, path)
                continue
            own = _find_own_header(cells)
            if own is not None:
                found = True
                sheet_name = None if fmt == "csv" else name
                _unpivot_own(name, cells, unread, own, where, sheet_name, path, rows, problems)
                continue
            problems.append(f"工作表 {name}：没有找到表头（单位、年度、指标、数值），已跳过")
            continue
        found = True
        _unpivot(name, cells, header, where, rows, problems)
        for (r, c), formula in sorted(unread.items()):
            if r > header.row:
                problems.append(_unread_problem(where, r, c, formula))
    if not found:
        raise ReadError(NO_HEADER.format(start=_preview(sheets[0][1])))
    return TableDoc(path=path, rows=rows, format=fmt, problems=problems, encoding=encoding)


def _find_header(cells: list[list[str]]) -> _Header | None:
    for i, row in enumerate(cells[:_HEADER_SEARCH_ROWS]):
        cols: dict[str, int] = {}
        years: dict[int, str] = {}
        plain_danwei = []  # "单位" alone: the agency, unless another column already is
        for j, cell in enumerate(row):
            name = _norm(cell)
            if m := _YEAR_HEADER.match(name):
                years[j] = m.group(1)
            elif name == "单位":
                plain_danwei.append(j)
            else:
                role = next((r for r, names in _NAMES.items() if name in names), None)
                if role:
                    cols.setdefault(role, j)
        for j in plain_danwei:
            is_unit = "agency" in cols or _units_below(cells, i, j)
            cols.setdefault("unit" if is_unit else "agency", j)
        if {"agency", "year", "indicator", "value"} <= cols.keys():
            return _Header(i, cols, {})
        if {"agency", "indicator"} <= cols.keys() and years:
            return _Header(i, cols, years)
    return None


def _units_below(cells: list[list[str]], i: int, j: int) -> bool:
    """Whether column j under row i holds units of measure (次, 件, 家, %), not agencies:
    a plain 单位 over them is the unit (指标 | 单位 | 2021年 | 2022年 of one agency's table)."""
    from etl import catalog

    below = ["".join(_at(cells, r, j).split()) for r in range(i + 1, min(i + 12, len(cells)))]
    below = [c.strip("()（）") for c in below if c]
    units = {"万元", "元", "小时"}
    for ind in catalog.load().by_id.values():
        units.update((ind.unit, *ind.units))
    return bool(below) and all(c in units for c in below)


def _unpivot(sheet, cells, header: _Header, where: str, rows: list, problems: list) -> None:
    wide = bool(header.years)
    for i in range(header.row + 1, len(cells)):
        row, rownum = cells[i], i + 1

        def get(col: int | None, row=row) -> str:
            return row[col] if col is not None and col < len(row) else ""

        agency, indicator = get(header.cols["agency"]), get(header.cols["indicator"])
        if _norm(agency) in _NAMES["agency"] | {"单位"} and _norm(indicator) in _NAMES["indicator"]:
            continue  # the header repeated further down
        if wide:
            values = [(col, year, get(col)) for col, year in header.years.items()]
        else:
            col = header.cols["value"]
            values = [(col, get(header.cols["year"]), get(col))]
        values = [(col, year, value) for col, year, value in values if value]
        if not values:
            continue
        missing = [
            label
            for label, present in (("单位", agency), ("指标", indicator), ("年度", values[0][1]))
            if not present
        ]
        if missing:
            problems.append(f"{where}第{rownum}行：缺少{'、'.join(missing)}，已跳过")
            continue
        for col, year, value in values:
            ref = f"{get_column_letter(col + 1)}{rownum}"
            if not looks_numeric(value):
                problems.append(f"{where}第{rownum}行：数值「{value}」不是数字（{ref}），已跳过")
                continue
            rows.append(
                TableRow(
                    agency=agency,
                    year=year,
                    indicator=indicator,
                    value=value,
                    unit=get(header.cols.get("unit")),
                    note=get(header.cols.get("note")),
                    sheet=sheet,
                    cell=ref,
                )
            )


def _sniff_delimiter(text: str) -> str:
    """The delimiter that gives most rows the same number (>1) of fields."""
    sample = text[:20000].split("\n")[:50]
    best, best_score = ",", 0
    for delim in (",", "\t", ";"):
        try:
            widths = Counter(len(r) for r in csv.reader(sample, delimiter=delim) if len(r) > 1)
        except csv.Error:
            continue
        score = max(widths.values(), default=0)
        if score > best_score:
            best, best_score = delim, score
    return best


def _preview(cells: list[list[str]]) -> str:
    first = next(r for r in cells if any(r))
    text = " | ".join(c for c in first if c)
    return text if len(text) <= 60 else text[:60] + "…"
