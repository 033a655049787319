"""One agency's own table (etl/readers/table.py): no agency column, one indicator a column
with its unit in brackets (执法检查（次） | 行政处罚案件（件） | 法治培训（次）), and either

- one row a year, in a column headed 年度 (or 年度/指标, or a blank corner over the years:
  年度 | … then 2021年 | 9 | 1 | 4): every year's row is that year's fact, as the year
  columns of a wide table are; or
- one row of figures under the headers, for the one year the table names (a first row with
  words outside the indicator columns is a row of some agency: not this shape).

The agency comes from a 填报单位 line, the title rows (区科技局执法工作统计), the sheet name,
the file name or the folder (data/reports/<单位>/…); the year of a one-row table from the
title (not a 填报日期), the sheet name, the file name or the folder. A 合计 row under the
years is checked against them and never loaded; a 其中 column is a part of the one before."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etl.readers.table_cells import _HEADER_SEARCH_ROWS, _YEAR_HEADER, _at, _norm, looks_numeric
from etl.readers.table_stat import (
    _DATE_PART,
    _NOT_APPLICABLE,
    _NOTE_COL,
    _NOTE_ROW,
    _TOTAL,
    _YEAR_IN,
    _aside_columns,
    _check_total,
    _filled_by,
    _row_facts,
    _row_values,
    _stat_cols,
    _StatCol,
)

_YEAR_ROW = re.compile(r"^((?:19|20)\d{2})\s*(?:年度?)?$")
# 年度, or a corner cell split by a slash: 年度\指标, 指标/年份, 项目＼年度
_YEAR_CORNER = re.compile(
    r"^(?:年度|年份|年|year|统计年度|时间)$|^(?:年度|年份)[\\/／＼]|[\\/／＼](?:年度|年份)$"
)

NO_AGENCY = (
    "找不到这张表属于哪个单位：表格没有“单位”列。请在标题中写明单位（如“区科技局执法工作统计”），"
    "或在表头上方加一行“填报单位：区科技局”，或以单位命名工作表或文件（如“区科技局.xlsx”），"
    "已跳过（No agency: name it in the title, a 填报单位 line, the sheet or the file name.）"
)
NO_YEAR = (
    "找不到表格的年度：表格只有一行数字，没有“年度”列。请在标题中写明年度（如“2023年度区科技局"
    "执法工作统计”），或以年度命名工作表或文件（如“2023年”），或在第一列加上“年度”并每年写一行，"
    "已跳过（No year: name it in the title, the sheet or the file name, or add a 年度 column.）"
)


@dataclass
class _OwnHeader:
    row: int
    last: int  # the header's last row (a group header above: row + 1)
    year_col: int | None  # 年度: one row a year; None: one row of figures
    cols: list[_StatCol]
    note_col: int | None


def _find_own_header(cells: list[list[str]]) -> _OwnHeader | None:
    """A header row with no agency column whose cells name catalog indicators (at least
    one; every other cell a name, never a figure), with a 年度 column or none."""
    for i, row in enumerate(cells[:_HEADER_SEARCH_ROWS]):
        names = [_norm(c) for c in row]
        filled = [j for j, n in enumerate(names) if n]
        if len(filled) < 2:
            continue  # a title, a 填报单位 line
        if any(
            _YEAR_HEADER.match(names[j]) or (looks_numeric(names[j]) and not _has_unit(row[j]))
            for j in filled
        ):
            continue  # figures, or years as columns: not this shape
        year_col = next((j for j in filled if _YEAR_CORNER.search(names[j])), None)
        if year_col is None and not names[0] and _year_below(cells, i, 0):
            year_col = 0  # the corner left blank over a column of years
        below = cells[i + 1] if i + 1 < len(cells) else []
        texts = [c for j, c in enumerate(below) if c and j != year_col]
        two_rows = (
            (year_col is None or not _at(cells, i + 1, year_col))
            and bool(texts)
            and not any(looks_numeric(c) or _norm(c) in _NOT_APPLICABLE for c in texts)
        )
        cols = _stat_cols(row, below if two_rows else [], -1 if year_col is None else year_col)
        if not any(c.indicator is not None and not c.aside for c in cols):
            continue
        if any(c.indicator is None and not _has_unit(c.header) and "其中" not in c.header
               for c in cols):  # fmt: skip
            continue  # a column of names (执法主体): rows of several agencies, not one's own
        width = range(max(len(row), len(below)))
        note = next(
            (j for j in width if {_norm(_at([row, below], k, j)) for k in (0, 1)} & _NOTE_COL),
            None,
        )
        last = i + 1 if two_rows else i
        if year_col is None and _labelled(cells, last, {c.col for c in cols} | {note}):
            continue  # rows named in a column with no header (agencies): not one's own
        return _OwnHeader(i, last, year_col, cols, note)
    return None


def _year_below(cells: list[list[str]], i: int, j: int) -> bool:
    """Whether the first row with figures below row i has a year in column j."""
    for row in cells[i + 1 : i + 4]:
        if any(looks_numeric(c) for k, c in enumerate(row) if k != j):
            return bool(_YEAR_ROW.match(_norm(_at([row], 0, j))))
    return False


def _labelled(cells: list[list[str]], last: int, cols: set) -> bool:
    """Whether the first row with figures below the header has words outside the header's
    columns (a name heading the row: 区知识产权局 | 8 | 35; a figure under 合计 is none)."""
    for row in cells[last + 1 : last + 4]:
        if any(looks_numeric(c) for c in row):
            return any(
                c and j not in cols and not looks_numeric(c) and _norm(c) not in _NOT_APPLICABLE
                for j, c in enumerate(row)
            )
    return False


def _has_unit(header: str) -> bool:
    return bool(re.search(r"[(（][^()（）]{1,6}[)）]\s*$", header))


def _own_agency(cells, header: _OwnHeader, sheet: str | None, path: Path) -> str:
    """The agency a table without an agency column belongs to, or ""."""
    from etl.identify import _path_parts, agency_in

    if name := _filled_by(cells[: header.row]):
        return name
    for r in cells[: header.row]:
        for c in r:
            if c and not _NOTE_ROW.match(_norm(c)) and (name := agency_in(_DATE_PART.sub("", c))):
                return name
    for text in (sheet or "", path.stem):
        if text and (name := agency_in(text)):
            return name
    folder = _path_parts(path)[2]
    return folder if folder and agency_in(folder) == folder else ""


def _own_year(cells, header: _OwnHeader, sheet: str | None, path: Path) -> str | None:
    """The year of a one-row table: the title rows (not a 填报日期), the sheet name, the
    file name, or a folder that is a year (a folder named otherwise says no year: a
    temporary folder's random name may hold four digits)."""
    for text in (
        " ".join(_DATE_PART.sub("", c) for r in cells[: header.row] for c in r if c),
        sheet or "",
        path.stem,
    ):
        years = sorted(set(_YEAR_IN.findall(text)))
        if len(years) == 1:
            return years[0]
    m = _YEAR_ROW.match(path.parent.name)  # data/reports/<单位>/<年度>/…
    return m.group(1) if m else None


def _unpivot_own(sheet, cells, unread, header, where, sheet_name, path, rows, problems) -> None:
    place = where.strip() or "表格"
    agency = _own_agency(cells, header, sheet_name, path)
    if not agency:
        problems.append(f"{place}：{NO_AGENCY}")
        return
    table_year = None if header.year_col is not None else _own_year(cells, header, sheet_name, path)
    if header.year_col is None and table_year is None:
        problems.append(f"{place}：{NO_YEAR}")
        return
    cols = header.cols
    parts: list[int] = []  # the years' rows (or the one row of figures)
    totals: list[int] = []
    used: set[int] = set()
    for i in range(header.last + 1, len(cells)):
        row, rownum = cells[i], i + 1
        if not any(row):
            continue
        first = next(c for c in row if c)
        label = _at(cells, i, header.year_col) if header.year_col is not None else ""
        alone = sum(1 for c in row if c) == 1 and not looks_numeric(first)
        if _NOTE_ROW.match(_norm(first)) or alone:
            continue  # a note, who filled it in, a line of text below the table
        if label and _YEAR_CORNER.search(_norm(label)):
            continue  # the header repeated further down
        if _TOTAL.match(_norm(label or first)):
            totals.append(i)
            continue
        values, present = _row_values(cells, i, cols, unread, where, problems)
        if not present:
            continue
        if header.year_col is not None:
            m = _YEAR_ROW.match(_norm(label))
            if not m:
                why = f"年度“{label}”不是年份" if label else "缺少年度"
                problems.append(
                    f"{where}第{rownum}行：{why}（每行第一列写一个年度，如 2023年），已跳过"
                )
                continue
            year = m.group(1)
        else:
            if parts:
                problems.append(
                    f"{where}第{rownum}行：表格没有“年度”列，只能有一行数字（已载入第{parts[0] + 1}行）；"
                    "几个年度的数字请在第一列加上“年度”、每年一行，已跳过"
                )
                continue
            year = table_year
        parts.append(i)
        note = _at(cells, i, header.note_col) if header.note_col is not None else ""
        _row_facts(
            agency, year, values, present, note, (sheet, where, rownum), used, rows, problems
        )
    _aside_columns(cols, used, where, problems)
    if header.year_col is not None:
        for t in totals:
            _check_total(cells, unread, t, parts, cols, header.year_col, where, problems, "各年度")
