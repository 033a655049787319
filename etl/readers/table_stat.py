"""统计表 (etl/readers/table.py): the tables offices fill in. Agencies as rows and
indicators as columns (headers with their unit in brackets, sometimes under a group header,
a 合计 row checked against the rows and never a fact, note rows), or one agency's table
with indicators as rows (项目, 计量单位, 数量; or 指标 | 单位 | 2021年 | 2022年, one column a
year), the agency on its 填报单位 line, else in the title, sheet, file name or folder (as
etl/readers/table_own.py finds it). The year comes from the title, the sheet name or the
file name, never from a 填报日期."""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from etl.model import TableRow
from etl.readers.table_cells import (
    _HEADER_SEARCH_ROWS,
    _PLAIN_NUMBER,
    _YEAR_HEADER,
    _at,
    _norm,
    _number,
    looks_numeric,
)
from etl.readers.table_formulas import _unread_problem

# --- 统计表: agencies as rows, indicators as columns ------------------------------------

_STAT_AGENCY = {"单位", "单位名称", "填报单位", "机构", "机构名称", "部门", "部门名称", "执法单位"}
_BRACKET_UNIT = re.compile(r"[(（]\s*(?:单位\s*[:：]\s*)?([^()（）]{1,6}?)\s*[)）]\s*$")
_NOT_APPLICABLE = {"—", "——", "-", "--", "－", "/", "／", "\\", "―", "─", "–"}
_TOTAL = re.compile(r"^(?:合计|总计|小计|全局合计|总数)")
_NOTE_ROW = re.compile(
    r"^(?:注|附注|说明|备注|填表说明|填表人|填报人|制表人|审核人|负责人|单位负责人|联系人"
    r"|联系电话|填报日期|制表日期|报送日期)"
)
_DATE_PART = re.compile(r"(?:填报|制表|报送|填表|打印|报出)?(?:日期|时间)\s*[:：].*")
_YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_NOTE_COL = {"备注", "说明"}
_PART = re.compile(r"^其中\s*[:：]?")  # 其中：双随机抽查（次）, a part of the column before
_NO_SUM = {"%", "工作日"}  # a 合计 of rates or time limits is no sum of its rows


@dataclass
class _StatCol:
    col: int
    header: str  # as written (group header and column header)
    indicator: object | None  # catalog.Indicator
    unit: str
    aside: str  # why the column is set aside ("" when it loads)


@dataclass
class _StatHeader:
    row: int  # first data row comes after `last`
    last: int
    agency_col: int
    cols: list[_StatCol]
    note_col: int | None = None  # 备注


def _find_stat_header(cells: list[list[str]]) -> _StatHeader | None:
    for i, row in enumerate(cells[:_HEADER_SEARCH_ROWS]):
        j0 = next((j for j, c in enumerate(row) if _norm(c) in _STAT_AGENCY), None)
        if j0 is None:
            continue
        below = cells[i + 1] if i + 1 < len(cells) else []
        texts = [c for j, c in enumerate(below) if c and j != j0]
        two_rows = (
            not _at(cells, i + 1, j0)
            and bool(texts)
            and not any(looks_numeric(c) or _norm(c) in _NOT_APPLICABLE for c in texts)
        )
        cols = _stat_cols(row, below if two_rows else [], j0)
        if any(c.indicator is not None for c in cols):
            width = range(max(len(row), len(below)))
            note = next(
                (j for j in width if {_norm(_at([row, below], k, j)) for k in (0, 1)} & _NOTE_COL),
                None,
            )
            return _StatHeader(i, i + 1 if two_rows else i, j0, cols, note)
    return None


def _stat_cols(top: list[str], below: list[str], j0: int) -> list[_StatCol]:
    from etl import catalog

    cat = catalog.load()
    cols, group, taken = [], "", {}
    for j in range(max(len(top), len(below))):
        t, b = _at([top], 0, j), _at([below], 0, j)
        if j == j0 or not (t or b):
            group = "" if t or j == j0 else group
            continue
        if t and b:
            group = t  # a group header over this column and the next ones
        elif t:
            group = ""
        name = b or t
        header = f"{group} {name}" if group and b else name
        if _norm(name) in {"序号", "编号"} | _NOTE_COL:
            continue  # not an indicator, and says so itself
        # a group header that names an indicator (执法检查（次） over 双随机抽查 | 专项检查 | 合计)
        over = _header_indicator(cat, group, "") if group and b else (None, "")
        if _TOTAL.match(_norm(name)):
            if over[0] is None:
                continue  # a 合计 of the columns before it: no indicator, and says so itself
            ind, unit = over  # the group's stated total is the group's indicator
        else:
            ind, unit = _header_indicator(cat, name, group if b else "")
        aside = ""
        whole = next((c for c in reversed(cols) if "其中" not in c.header), None)
        if ind is None and whole and (_PART.match(name.strip()) or _PART.match(group if b else "")):
            aside = (
                f"表头“{header}”是前一列“{whole.header}”中的一部分（其中项），"
                "按指标口径不另作一个指标，该列未载入（a part of the column before it, "
                "not an indicator of its own）"
            )
        elif ind is None and over[0] is not None:
            aside = (
                f"表头“{header}”是“{group}”的分项（其中一部分），按指标口径不另作一个指标，"
                f"该列未载入（a part of {group}, not an indicator of its own）"
            )
        elif ind is None:
            aside = (
                f"表头“{header}”不是指标目录中的指标（可用指标中文名或在 etl/catalog.toml 的 "
                "synonyms 中加上这个名称），该列未载入"
            )
        elif unit and unit not in ind.units and unit != ind.unit:
            aside = (
                f"表头“{header}”的计量单位“{unit}”不是指标“{ind.zh}”的单位"
                f"（{'、'.join(ind.units or (ind.unit,))}），该列未载入"
            )
        elif ind.id in taken:
            aside = (
                f"表头“{header}”与{get_column_letter(taken[ind.id] + 1)}列是同一指标"
                f"“{ind.zh}”，该列未载入"
            )
        else:
            taken[ind.id] = j
        cols.append(_StatCol(j, header, ind, unit, aside))
    return cols


def _header_indicator(cat, name: str, group: str):
    """The catalog indicator a header names (with or without its group header), and the
    unit in its brackets."""
    text = "".join(name.split()).replace("(", "（").replace(")", "）")
    unit = ""
    if m := _BRACKET_UNIT.search(text):
        unit, text = m.group(1), text[: m.start()]
    if re.match(r"^其中[:：]?", text):
        return None, unit  # a part of the column before it, not the indicator itself
    group = re.sub(r"[（(].*$", "", "".join(group.split()))
    for guess in (text, group + text, text.rstrip("数") if len(text) > 2 else text):
        if guess and (ind := cat.resolve(guess)) is not None:
            return ind, unit
    return None, unit


def _stat_year(cells: list[list[str]], header, sheet: str | None, stem: str):
    """The year a 统计表 covers: from its title rows (not a 填报日期), else the sheet name,
    else the file name. Returns (year, None) or (None, why)."""
    for text in (
        " ".join(_DATE_PART.sub("", c) for r in cells[: header.row] for c in r if c),
        sheet or "",
        stem,
    ):
        years = sorted(set(_YEAR_IN.findall(text)))
        if len(years) == 1:
            return years[0], None
    return None, (
        "找不到表格的年度（请在标题中写明，如“2023年度法治政府建设统计表”，或以年度命名工作表，"
        "如“2023年”），已跳过"
    )


def _unpivot_stat(sheet, cells, unread, header, where, names, rows, problems) -> None:
    year, why = _stat_year(cells, header, *names)
    if year is None:
        problems.append(f"{where.strip() or '表格'}：{why}")
        return
    cols = header.cols
    parts: list[int] = []  # agency rows
    totals: list[int] = []
    used: set[int] = set()  # columns with a value
    for i in range(header.last + 1, len(cells)):
        row, rownum = cells[i], i + 1
        if not any(row):
            continue
        label = _at(cells, i, header.agency_col)
        first = next(c for c in row if c)
        if _NOTE_ROW.match(_norm(first)) or re.search(r"[:：]", label):
            continue  # a note, or who filled it in
        if _norm(label) in _STAT_AGENCY:
            continue  # the header repeated further down
        if _TOTAL.match(_norm(label)):
            totals.append(i)
            continue
        values, present = _row_values(cells, i, cols, unread, where, problems)
        if not present:
            continue
        if not label:
            if all(not looks_numeric(v) for _, v in present) and len(present) == 1:
                continue  # a line of text below the table
            problems.append(f"{where}第{rownum}行：缺少单位，已跳过")
            continue
        parts.append(i)
        note = _at(cells, i, header.note_col) if header.note_col is not None else ""
        _row_facts(label, year, values, present, note, (sheet, where, rownum), used, rows, problems)
    _aside_columns(cols, used, where, problems)
    for t in totals:
        _check_total(cells, unread, t, parts, cols, header.agency_col, where, problems)


def _row_values(cells, i: int, cols, unread, where: str, problems: list[str]):
    """Row i's cell under each column, (column, text), and those that hold a value (not
    blank, not 无/—); each formula cell Excel never computed, of a column that is read, is
    a problem."""
    values = [(c, _at(cells, i, c.col)) for c in cols]
    present = [(c, v) for c, v in values if v and _norm(v) not in _NOT_APPLICABLE]
    for c in cols:
        if (i, c.col) in unread and not c.aside:
            problems.append(_unread_problem(where, i, c.col, unread[(i, c.col)]))
    return values, present


def _row_facts(agency, year, values, present, note, at, used, rows, problems) -> None:
    """One row's figures as TableRows of `agency` and `year`, each quoted as the row reads
    (agency | year | each column's header：figure | 备注：note); a figure that is no number
    is a problem with its cell. at: (sheet, where, row number); `used`: the columns read."""
    sheet, where, rownum = at
    quote = " | ".join(
        [agency, f"{year}年"]
        + [f"{c.header}：{v}" for c, v in values if v]
        + ([f"备注：{note}"] if note else [])
    )
    for c, value in present:
        used.add(c.col)
        if c.aside:
            continue
        ref = f"{get_column_letter(c.col + 1)}{rownum}"
        if not looks_numeric(value):
            problems.append(f"{where}第{rownum}行：数值「{value}」不是数字（{ref}），已跳过")
            continue
        rows.append(
            TableRow(agency=agency, year=year, indicator=c.indicator.id, value=value,
                     unit=c.unit, note=note, sheet=sheet, cell=ref, quote=quote)
        )  # fmt: skip


def _aside_columns(cols, used, where: str, problems: list[str]) -> None:
    """A problem for each column set aside (a 其中 column, one naming no indicator) that
    held a figure, with its reason."""
    for c in cols:
        if c.aside and c.col in used:
            problems.append(f"{where}{get_column_letter(c.col + 1)}列：{c.aside}")


def _check_total(
    cells, unread, t: int, parts: list[int], cols, j0, where, problems, rows_word: str = "各单位"
) -> None:
    """A 合计 row is a check on the agency rows above it (below it, when it comes first);
    rows_word names those rows (各单位, or 各年度 in one agency's table of years)."""
    above = [i for i in parts if i < t] or [i for i in parts if i > t]
    label = _at(cells, t, j0)
    for c in cols:
        if c.aside or c.indicator.unit in _NO_SUM:
            continue
        total = _plain(_at(cells, t, c.col))
        values = [_at(cells, i, c.col) for i in above]
        nums = [_plain(v) for v in values if v and _norm(v) not in _NOT_APPLICABLE]
        if any((i, c.col) in unread for i in above):
            continue  # a part that could not be read: no check
        if total is None or not nums or any(n is None for n in nums):
            continue
        if abs(sum(nums) - total) > 1e-6 * max(1.0, abs(total)):
            ref = f"{get_column_letter(c.col + 1)}{t + 1}"
            problems.append(
                f"{where}第{t + 1}行“{label}”与{rows_word}之和不一致：“{c.header}”列（{ref}）"
                f"{label}为 {_number(total)}，第{above[0] + 1}—{above[-1] + 1}行之和为 "
                f"{_number(sum(nums))}；合计行不作为数据载入，请核对表格"
            )


def _plain(text: str) -> float | None:
    text = text.replace(",", "").strip()
    return float(text) if _PLAIN_NUMBER.match(text) else None


# --- one agency's 统计表: 填报单位 above, indicators as rows --------------------------------

_ITEM_HEADERS = {"指标", "指标名称", "项目", "项目名称", "统计项目", "统计指标", "内容"}
_AMOUNT_HEADERS = {"数值", "数量", "值", "本年", "本年度", "本年数", "全年", "完成数", "数据"}
_UNIT_HEADERS = {"单位", "计量单位", "单位(计量)"}
# 填报单位：区科技局, 填报单位（盖章）：区科技局
_FILLED_BY = re.compile(r"^填报单位\s*(?:[(（][^()（）]{0,6}[)）])?\s*[:：]?\s*(.*)$")


@dataclass
class _ItemHeader:
    row: int
    item_col: int
    values: list[tuple[int, str | None]]  # (column, the year heading it, or None)
    unit_col: int | None
    agency: str  # from the 填报单位 line ("": the title, sheet, file name or folder)


def _find_item_header(cells: list[list[str]]) -> _ItemHeader | None:
    """A table of one agency with one indicator a row, and one column of figures (数量,
    or headed by its year) or one column a year (2021年 | 2022年 | 2023年)."""
    for i, row in enumerate(cells[:_HEADER_SEARCH_ROWS]):
        names = [_norm(c) for c in row]
        item = next((j for j, n in enumerate(names) if n in _ITEM_HEADERS), None)
        value = next((j for j, n in enumerate(names) if n in _AMOUNT_HEADERS), None)
        years = [(j, m.group(1)) for j, n in enumerate(names) if (m := _YEAR_HEADER.match(n))]
        if item is None or (value is None and not years):
            continue
        unit = next((j for j, n in enumerate(names) if n in _UNIT_HEADERS), None)
        values = [(value, None)] if value is not None else years
        return _ItemHeader(i, item, values, unit, _filled_by(cells[:i]))
    return None


def _filled_by(rows: list[list[str]]) -> str:
    for row in rows:
        for j, c in enumerate(row):
            if m := _FILLED_BY.match(c.strip()):
                name = _DATE_PART.sub("", m.group(1)).strip()
                rest = [x for x in row[j + 1 :] if x and not _DATE_PART.match(x)]
                return name or (rest[0].strip() if rest else "")
    return ""


def _unpivot_items(sheet, cells, unread, header, where, names, rows, problems, path) -> None:
    from etl import catalog
    from etl.readers.table_own import NO_AGENCY, _own_agency

    place = where.strip() or "表格"
    agency = header.agency or _own_agency(cells, header, names[0], path)
    if not agency:
        problems.append(f"{place}：{NO_AGENCY}")
        return
    values = header.values
    if values[0][1] is None:  # 数量: the year of the title, sheet or file name
        year, why = _stat_year(cells, header, *names)
        if year is None:
            problems.append(f"{place}：{why}")
            return
        values = [(values[0][0], year)]
    cat = catalog.load()
    for i in range(header.row + 1, len(cells)):
        row, rownum = cells[i], i + 1
        if not any(row):
            continue
        item = _at(cells, i, header.item_col)
        first = next(c for c in row if c)
        if _NOTE_ROW.match(_norm(first)) or _TOTAL.match(_norm(item)):
            continue  # a note, who filled it in, or a total
        present = []
        for col, year in values:
            value = _at(cells, i, col)
            if (i, col) in unread:
                problems.append(_unread_problem(where, i, col, unread[(i, col)]))
            elif value and _norm(value) not in _NOT_APPLICABLE:
                present.append((col, year, value))
        if not present or not item:
            continue
        ind, unit = _header_indicator(cat, item, "")
        if header.unit_col is not None and _at(cells, i, header.unit_col):
            unit = "".join(_at(cells, i, header.unit_col).split())
        if ind is None:
            problems.append(
                f"{where}第{rownum}行：“{item}”不是指标目录中的指标（可用指标中文名或在 "
                "etl/catalog.toml 的 synonyms 中加上这个名称），已跳过"
            )
            continue
        if unit and unit not in ind.units and unit != ind.unit:
            problems.append(
                f"{where}第{rownum}行：“{item}”的计量单位“{unit}”不是指标“{ind.zh}”的单位"
                f"（{'、'.join(ind.units or (ind.unit,))}），已跳过"
            )
            continue
        for col, year, value in present:
            ref = f"{get_column_letter(col + 1)}{rownum}"
            if not looks_numeric(value):
                problems.append(f"{where}第{rownum}行：数值「{value}」不是数字（{ref}），已跳过")
                continue
            if len(values) == 1:  # the row as written, after whose it is and when
                quote = " | ".join([agency, f"{year}年"] + [c for c in row if c])
            else:  # one column a year: each figure beside its year
                label = [c for j, c in enumerate(row) if c and j not in dict(values)]
                quote = " | ".join([agency, *label] + [f"{y}年：{v}" for _, y, v in present])
            rows.append(
                TableRow(agency=agency, year=year, indicator=ind.id, value=value,
                         unit=unit, sheet=sheet, cell=ref, quote=quote)
            )  # fmt: skip
