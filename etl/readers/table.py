"""Indicator tables (CSV, XLSX) in long, wide or 统计表 form, into long-form TableRows.

Staff fill tables by hand: a title row or two above the header, Chinese or English
column names, one column per year. We find the header, unpivot year columns, and keep
every string as written (the ETL resolves names and numbers). A bad row does not sink
the file: it goes to `problems` with its row number, and the good rows still load.

The 统计表 offices fill in has agencies as rows and indicators as columns (headers with
their unit in brackets, sometimes under a group header), the year in the title, sheet
name or file name, a 合计 row (checked against the rows, never a fact) and note rows;
see `_find_stat_header` and `_unpivot_stat`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from etl.model import ReadError, TableDoc, TableRow
from etl.readers.text import decode

NO_HEADER = (
    "没有找到可识别的表头（表格开头是：「{start}」）。长表需要这几列：单位、年度、指标、数值"
    "（可选：计量单位、备注）；宽表需要：单位、指标 与各年度列（如 2022、2023年）。"
    "统计表需要：单位列和以指标命名的各列（如 执法检查（次）），年度写在标题、工作表名或文件名中。"
    "请按此修改表头后再提供。（No recognisable header row: long form needs agency, year, "
    "indicator, value; wide form needs agency, indicator and one column per year; a "
    "statistics table, an agency column and one column per indicator.）"
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
_YEAR_HEADER = re.compile(r"^((?:19|20)\d{2})(?:年度?)?$")
_DIGIT = re.compile(r"[0-9０-９]")
_CN_NUMBER = re.compile(
    r"^(?:约|近|超过|逾|共|累计)?[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+"
    r"(?:余|多)?[个次件人项家起场条份所名位篇期批]?(?:以上|左右)?$"
)
_HEADER_SEARCH_ROWS = 20


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
                _unpivot_items(name, cells, unread, items, where, names, rows, problems)
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
            cols.setdefault("agency" if "agency" not in cols else "unit", j)
        if {"agency", "year", "indicator", "value"} <= cols.keys():
            return _Header(i, cols, {})
        if {"agency", "indicator"} <= cols.keys() and years:
            return _Header(i, cols, years)
    return None


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


def looks_numeric(value: str) -> bool:
    """True for anything the ETL may read as a number: 12, 95%, 10余, １２, 十二, 约三百."""
    return bool(_DIGIT.search(value) or _CN_NUMBER.match(value))


def _norm(header: str) -> str:
    name = "".join(header.split()).lower().replace("（", "(").replace("）", ")")
    return name.rstrip(":：*")


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


def _cell_str(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if "%" in (getattr(cell, "number_format", None) or ""):
            return _number(value * 100) + "%"  # a cell shown as 95.5% holds 0.955
        return _number(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return str(value).strip()


def _number(value: int | float) -> str:
    if isinstance(value, float):
        value = round(value, 10)
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _preview(cells: list[list[str]]) -> str:
    first = next(r for r in cells if any(r))
    text = " | ".join(c for c in first if c)
    return text if len(text) <= 60 else text[:60] + "…"


# --- formulas --------------------------------------------------------------------------
# openpyxl reads a formula cell's value as Excel last saved it. A file written by a library
# and never opened in Excel has no saved value: plain sums (=SUM(B3:B7), =B3+B4-B5) are
# computed here from the cells they name; anything else is reported as unreadable.

UNREAD_FORMULA = (
    "{where}{ref}：公式“{formula}”没有保存计算结果（文件没有在 Excel 或 WPS 中打开保存过），"
    "无法读取数值，已跳过；请在 Excel 或 WPS 中打开、保存后再提供"
)
_SUM = re.compile(r"^SUM\((.*)\)$")
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_RANGE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$")
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def _formulas(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet title -> {(row, col) 0-based: formula}, for workbooks that hold formulas."""
    try:
        with zipfile.ZipFile(path) as z:
            if not any(b"<f" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")):
                return {}
    except (zipfile.BadZipFile, OSError, KeyError):
        return {}
    wb = load_workbook(str(path), read_only=True, data_only=False)
    try:
        out: dict[str, dict[tuple[int, int], str]] = {}
        for ws in wb.worksheets:
            ws.reset_dimensions()
            found = {}
            for row in ws.iter_rows():
                for c in row:
                    v = getattr(c, "value", None)
                    if isinstance(v, str) and v.startswith("="):
                        found[(c.row - 1, c.column - 1)] = v
            out[ws.title] = found
        return out
    finally:
        wb.close()


def _fill_formulas(cells: list[list[str]], formulas: dict) -> dict[tuple[int, int], str]:
    """Put the value of each formula without a saved value into `cells`; return those that
    could not be computed, {(row, col): formula}."""
    missing = {rc: f for rc, f in formulas.items() if not _at(cells, *rc)}
    if not missing:
        return {}
    done: dict[tuple[int, int], float | None] = {}

    def value(r: int, c: int, depth: int) -> float | str | None:
        """A referenced cell: a number, None when blank, text as a str; raise when unknown."""
        if (r, c) in missing:
            if (r, c) not in done:
                done[(r, c)] = None  # a cycle reads as unknown
                done[(r, c)] = _eval(missing[(r, c)], value, depth + 1)
            if done[(r, c)] is None:
                raise ValueError
            return done[(r, c)]
        text = _at(cells, r, c)
        if not text:
            return None
        return float(text) if _PLAIN_NUMBER.match(text) else text

    # beyond the cells in use (and the formulas) every cell is blank: a range is cut there
    value.bounds = (  # type: ignore[attr-defined]
        max([len(cells)] + [r + 1 for r, _ in missing]),
        max([len(row) for row in cells] + [c + 1 for _, c in missing]),
    )
    unread = {}
    for (r, c), formula in missing.items():
        if (r, c) not in done:
            done[(r, c)] = None
            done[(r, c)] = _eval(formula, value, 0)
        if done[(r, c)] is None:
            unread[(r, c)] = formula
        else:
            while len(cells) <= r:
                cells.append([])
            cells[r].extend([""] * (c + 1 - len(cells[r])))
            cells[r][c] = _number(done[(r, c)])
    return unread


def _at(cells: list[list[str]], r: int, c: int) -> str:
    return cells[r][c] if 0 <= r < len(cells) and 0 <= c < len(cells[r]) else ""


def _eval(formula: str, value, depth: int) -> float | None:
    """=SUM(…), cell references and numbers joined by + and -; None for anything else."""
    if depth > 50:
        return None
    expr = "".join(formula[1:].split()).upper()
    total = 0.0
    try:
        for sign, term in re.findall(r"([+-]?)((?:SUM\([^()]*\))|[^+-]+)", expr):
            if m := _SUM.match(term):
                part = 0.0
                for arg in m.group(1).split(","):
                    for v in _refs(arg, value, depth):
                        part += v if isinstance(v, float) else 0.0  # SUM skips text
            elif _PLAIN_NUMBER.match(term):
                part = float(term)
            elif m := _REF.match(term):
                v = value(int(m.group(2)) - 1, column_index_from_string(m.group(1)) - 1, depth)
                if isinstance(v, str):
                    return None
                part = v or 0.0
            else:
                return None
            total += -part if sign == "-" else part
    except ValueError:
        return None
    if re.sub(r"[+-]?(?:SUM\([^()]*\)|[^+-]+)", "", expr):
        return None  # something the terms above did not cover
    return total


def _refs(arg: str, value, depth: int):
    if _PLAIN_NUMBER.match(arg):
        yield float(arg)
    elif m := _REF.match(arg):
        yield value(int(m.group(2)) - 1, column_index_from_string(m.group(1)) - 1, depth)
    elif m := _RANGE.match(arg):
        c1, c2 = (column_index_from_string(m.group(k)) - 1 for k in (1, 3))
        r1, r2 = int(m.group(2)) - 1, int(m.group(4)) - 1
        rows, cols = getattr(value, "bounds", (max(r1, r2) + 1, max(c1, c2) + 1))
        for r in range(min(r1, r2), min(max(r1, r2) + 1, rows)):
            for c in range(min(c1, c2), min(max(c1, c2) + 1, cols)):
                yield value(r, c, depth)
    else:
        raise ValueError(arg)


def _unread_problem(where: str, r: int, c: int, formula: str) -> str:
    return UNREAD_FORMULA.format(where=where, ref=f"{get_column_letter(c + 1)}{r + 1}",
                                 formula=formula)  # fmt: skip


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
        ind, unit = _header_indicator(cat, name, group if b else "")
        if _norm(name) in {"序号", "编号"} | _NOTE_COL or _TOTAL.match(_norm(name)):
            continue  # not an indicator, and says so itself
        aside = ""
        if ind is None:
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
        values = [(c, _at(cells, i, c.col)) for c in cols]
        present = [(c, v) for c, v in values if v and _norm(v) not in _NOT_APPLICABLE]
        for c in cols:
            if (i, c.col) in unread and not c.aside:
                problems.append(_unread_problem(where, i, c.col, unread[(i, c.col)]))
        if not present:
            continue
        if not label:
            if all(not looks_numeric(v) for _, v in present) and len(present) == 1:
                continue  # a line of text below the table
            problems.append(f"{where}第{rownum}行：缺少单位，已跳过")
            continue
        parts.append(i)
        note = _at(cells, i, header.note_col) if header.note_col is not None else ""
        quote = " | ".join(
            [label, f"{year}年"]
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
                TableRow(agency=label, year=year, indicator=c.indicator.id, value=value,
                         unit=c.unit, note=note, sheet=sheet, cell=ref, quote=quote)
            )  # fmt: skip
    for c in cols:
        if c.aside and c.col in used:
            problems.append(f"{where}{get_column_letter(c.col + 1)}列：{c.aside}")
    for t in totals:
        _check_total(cells, unread, t, parts, cols, header.agency_col, where, problems)


def _check_total(cells, unread, t: int, parts: list[int], cols, j0, where, problems) -> None:
    """A 合计 row is a check on the agency rows above it (below it, when it comes first)."""
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
                f"{where}第{t + 1}行“{label}”与各单位之和不一致：“{c.header}”列（{ref}）"
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
_FILLED_BY = re.compile(r"^填报单位\s*[:：]?\s*(.*)$")


@dataclass
class _ItemHeader:
    row: int
    item_col: int
    value_col: int
    unit_col: int | None
    agency: str  # from the 填报单位 line
    year: str | None  # when the value column is headed by its year (2023年)


def _find_item_header(cells: list[list[str]]) -> _ItemHeader | None:
    """A table of one agency (named on its 填报单位 line) with one indicator a row."""
    for i, row in enumerate(cells[:_HEADER_SEARCH_ROWS]):
        names = [_norm(c) for c in row]
        item = next((j for j, n in enumerate(names) if n in _ITEM_HEADERS), None)
        value = next((j for j, n in enumerate(names) if n in _AMOUNT_HEADERS), None)
        years = [j for j, n in enumerate(names) if _YEAR_HEADER.match(n)]
        if value is None and len(years) == 1:
            value = years[0]
        if item is None or value is None:
            continue
        agency = _filled_by(cells[:i])
        if not agency:
            return None
        unit = next((j for j, n in enumerate(names) if n in _UNIT_HEADERS), None)
        year = m.group(1) if (m := _YEAR_HEADER.match(names[value])) else None
        return _ItemHeader(i, item, value, unit, agency, year)
    return None


def _filled_by(rows: list[list[str]]) -> str:
    for row in rows:
        for j, c in enumerate(row):
            if m := _FILLED_BY.match(c.strip()):
                name = _DATE_PART.sub("", m.group(1)).strip()
                rest = [x for x in row[j + 1 :] if x and not _DATE_PART.match(x)]
                return name or (rest[0].strip() if rest else "")
    return ""


def _unpivot_items(sheet, cells, unread, header, where, names, rows, problems) -> None:
    from etl import catalog

    year, why = (header.year, None) if header.year else _stat_year(cells, header, *names)
    if year is None:
        problems.append(f"{where.strip() or '表格'}：{why}")
        return
    cat = catalog.load()
    for i in range(header.row + 1, len(cells)):
        row, rownum = cells[i], i + 1
        if not any(row):
            continue
        item, value = _at(cells, i, header.item_col), _at(cells, i, header.value_col)
        first = next(c for c in row if c)
        if _NOTE_ROW.match(_norm(first)) or _TOTAL.match(_norm(item)):
            continue  # a note, who filled it in, or a total
        ref = f"{get_column_letter(header.value_col + 1)}{rownum}"
        if (i, header.value_col) in unread:
            problems.append(
                _unread_problem(where, i, header.value_col, unread[(i, header.value_col)])
            )
            continue
        if not value or _norm(value) in _NOT_APPLICABLE or not item:
            continue
        ind, unit = _header_indicator(cat, item, "")
        if header.unit_col is not None and _at(cells, i, header.unit_col):
            unit = "".join(_at(cells, i, header.unit_col).split())
        if ind is None:
            problems.append(
                f"{where}第{rownum}行：“{item}”不是指标目录中的指标（可用指标中文名或在 "
                "etl/catalog.toml 的 synonyms 中加上这个名称），已跳过"
            )
        elif unit and unit not in ind.units and unit != ind.unit:
            problems.append(
                f"{where}第{rownum}行：“{item}”的计量单位“{unit}”不是指标“{ind.zh}”的单位"
                f"（{'、'.join(ind.units or (ind.unit,))}），已跳过"
            )
        elif not looks_numeric(value):
            problems.append(f"{where}第{rownum}行：数值「{value}」不是数字（{ref}），已跳过")
        else:
            quote = " | ".join([header.agency, f"{year}年"] + [c for c in row if c])
            rows.append(
                TableRow(agency=header.agency, year=year, indicator=ind.id, value=value,
                         unit=unit, sheet=sheet, cell=ref, quote=quote)
            )  # fmt: skip
