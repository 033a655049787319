"""Table rows inside a report's text: the 政府信息公开 annual-report tables and the small
statistics tables of 法治 reports, however the page or PDF flattened them.

A table reaches us as text in several shapes: cells between pipes (`行政许可 | 3 | 0 | 27`),
tabs, runs of spaces (a PDF copy: `行政规范性文件 0 0 2`), or one cell per line (a page
saved from a website: the label, then each number on its own line). This stage turns each
into a row of cells with their offsets, keeps the last header row, and decides which
number of a row is which indicator:

- `[[row]]` rules of etl/catalog.toml name a label and which cell counts (the templates
  of 2019 and 2021 put the year's figure first or last);
- a header with the report's year picks that column (`指标 | 2017年 | 2018年`);
- the 复议/诉讼 table (行政复议 结果维持…总计 | 行政诉讼 …总计) takes its 总计 columns;
- a label with its unit (`主动公开政府信息（条） | 86`, `执法检查 | 次 | 14`) and one
  number reads like "label number unit", its indicator chosen by the sentence rules;
- 其中 rows and numbered sub-rows under a （一） row are parts of a total: candidates.

It returns decisions; etl/extract/document.py emits the facts and candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from etl import catalog as catalog_mod
from etl.extract.choose import _veto_reason
from etl.extract.patterns import GLOBAL_VETO

NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)")
LABEL_UNIT = re.compile(
    r"^(?P<label>.+?)\s*[(（]\s*(?:单位[:：])?\s*(?P<unit>[^()（）]{1,4}?)\s*[)）]$"
)
# （一）, 一、, (1), 1. 1、: an item's number; the arabic one marks a sub-item
TOP_ITEM = re.compile(r"^\s*(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)\s*")
SUB_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.、．]|[(（]\d{1,2}[)）])\s*(?!\d)")
PART = re.compile(r"^\s*其中\s*[:：]?\s*")
# A cell that is a note, not a label: it holds a figure or a sentence (其中联合检查9次。)
NOTE_WORDS = re.compile(r"\d|[，。；;]")
# A note column's header (项目 | 数量（次） | 备注): a row whose note is empty lacks that cell
NOTE_HEAD = re.compile(r"备\s*注|说\s*明|附\s*注|情况说明")
# A table's first column of row numbers (序号 | 项目 | 数量（件）, then 1 | 行政处罚案件 | 3)
SERIAL_HEAD = re.compile(r"序\s*号|编\s*号")
SERIAL = re.compile(r"\d{1,3}")
# A row flattened by a PDF copy: a label with no spaces (perhaps numbered: 1．收到申请数),
# perhaps a unit, then numbers.
SPACED = re.compile(
    r"^(?P<label>(?:\d{1,2}[.．、])?[^\s\d，。,;；][^\s，。;；]*?)(?:\s+(?P<unit>[\u4e00-\u9fff%]{1,3}))?"
    r"(?P<nums>(?:\s+[-+]?\d[\d,]*(?:\.\d+)?)+)\s*$"
)
UNIT_CHARS = re.compile(r"[\u4e00-\u9fff%]+")  # what a unit alone on a line is made of
SENTENCE_MARK = re.compile(r"[，。；;]|,(?!\d)")
YEAR_HEAD = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年?度?")
# A row of one channel (政府网站公开政府信息数) is a part of the disclosures' total.
CHANNEL = re.compile(
    r"网站|微博|微信|公众号|公报|客户端|新媒体|报刊|广播|电视|公开栏|查阅点|发布会"
)
# 复议/诉讼 table: the 总计 columns of 行政复议 (5 cells) and of 行政诉讼 (2 × 5 cells)
REVIEW_HEAD = re.compile(r"行政复议|行政诉讼")


@dataclass
class Cell:
    text: str
    start: int  # offset in the text
    numeric: bool


@dataclass
class Decision:
    indicator: str
    cell: Cell  # the number (highlighted)
    reason: str | None = None  # None: a fact; else why it is a candidate (part, …)
    value: float | None = None  # when not the cell's own (a sum of two 总计 columns)
    owner: str | None = None  # the body a row names (单位 | 执法检查（次） | …); None: the reporter
    total: bool = False  # a 合计 row after the kinds it sums: the earlier rows are its parts
    # the figure of a row of figures alone under a header of indicator columns (a table laid
    # across the page): its quote takes in the header, which says what each figure counts
    across: bool = False

    @property
    def number(self) -> float:
        return self.value if self.value is not None else _value(self.cell)


@dataclass(frozen=True)
class RowRule:
    label: re.Pattern
    indicator: str
    cell: str  # first | last


@cache
def rules() -> tuple[RowRule, ...]:
    raw = catalog_mod.raw()
    return tuple(
        RowRule(re.compile(r["label"]), r["indicator"], r.get("cell", "first"))
        for r in raw.get("row", [])
    )


def _cells(parts: list[tuple[str, int]]) -> list[Cell]:
    out = []
    for text, start in parts:
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        out.append(Cell(stripped, start + lead, bool(NUMBER.fullmatch(stripped))))
    return out


def split_line(norm: str, s: int, e: int) -> list[Cell] | None:
    """The cells of one line, or None when the line is not a table row."""
    line = norm[s:e]
    for sep in ("|", "\t"):
        if sep in line:
            parts, pos = [], s
            for part in line.split(sep):
                parts.append((part, pos))
                pos += len(part) + 1
            cells = [c for c in _cells(parts) if c.text]
            return cells if len(cells) >= 2 else None
    if not line.rstrip()[-1:].isdigit():
        # a row flattened by spaces ends with its numbers; a header so flattened names
        # its years (指标名称 单位 2018年 2017年), which say which column is the report's
        if "年" in line and not SENTENCE_MARK.search(line):
            cells = _cells([(t[0], s + t.start()) for t in re.finditer(r"\S+", line)])
            if len(cells) >= 3 and any(YEAR_HEAD.fullmatch(c.text) for c in cells[1:]):
                return cells
        return None
    m = SPACED.match(line)
    if m and not SENTENCE_MARK.search(m["label"]):
        return _cells([(t.group(0), s + t.start()) for t in re.finditer(r"\S+", line)])
    return None


def _alone(norm: str, s: int, e: int) -> tuple[str, int]:
    """A line's text without spaces and the pipes a page left around a lone cell ("0 |")."""
    line = norm[s:e]
    t = line.strip(" \t\u3000|")
    # where t starts: after what was stripped (t opens with none of it)
    return t, s + len(line) - len(line.lstrip(" \t\u3000|")) if t else s


def lone_cell(norm: str, s: int, e: int) -> Cell | None:
    """A line that is one number or one unit alone (a table saved one cell per line)."""
    t, at = _alone(norm, s, e)
    if NUMBER.fullmatch(t):
        return Cell(t, at, True)
    if len(t) <= 3 and UNIT_CHARS.fullmatch(t) and t in units():
        return Cell(t, at, False)
    return None


def label_cell(norm: str, s: int, e: int) -> Cell:
    t, at = _alone(norm, s, e)
    return Cell(t, at, False)


def review_run(norm: str, lines, n: int) -> tuple[list[Cell], int, str] | None:
    """The 复议/诉讼 table saved one cell per line: its header cells on the lines before,
    then 5, 10 or 15 numbers one to a line, or all on one line apart by white space (a
    page or PDF that flattened the table into lines of words). (the numbers, the index of
    the last line, the header text)"""
    cells, last = [], n
    while last < len(lines) and (c := lone_cell(norm, *lines[last])) and c.numeric:
        cells.append(c)
        last += 1
    if not cells:
        s, e = lines[n]
        cells = [Cell(m[0], s + m.start(), True) for m in re.finditer(r"\S+", norm[s:e])]
        if not all(NUMBER.fullmatch(c.text) for c in cells):
            return None
        last = n + 1
    if len(cells) not in (5, 10, 15):
        return None
    head = norm[lines[max(0, n - 30)][0] : lines[n][0]]
    if not (REVIEW_HEAD.search(head) and "总计" in head):
        return None
    return cells, last - 1, head


@cache
def units() -> frozenset[str]:
    return frozenset(u for i in catalog_mod.load().indicators for u in i.units) | {"%"}


def is_label_line(line: str) -> bool:
    """A line that may be a row's label with its cells on the lines after it."""
    line = line.strip(" \t\u3000|")
    return 2 <= len(line) <= 40 and not SENTENCE_MARK.search(line) and not NUMBER.search(line[-1:])


class Table:
    """What a table's rows need of the rows before them: its header, its top item."""

    def __init__(self, year: int):
        self.year = year
        self.header: list[Cell] | None = None  # the last header row
        self.head_text = ""  # every header row of this table (复议 | 诉讼 over its columns)
        self.top_item = False  # a （一） row was seen: numbered rows below are its parts
        self.last_line = -1
        # (column, indicator) of a header whose cells name indicators with their units
        # (单位 | 执法检查（次） | 行政处罚案件（件）): its rows are bodies, one figure a column
        self.columns: list[tuple[int, str]] = []
        # (column, body) of a header whose cells name bodies (项目 | 区科技局 | 区地震局):
        # its rows are indicators, one body's figure a column
        self.bodies: list[tuple[int, str]] = []
        # (body, indicator) -> the first figure this table gave it, the total that a later
        # smaller one of a kind is a part of (项目 | 数量（次）: 执法检查 | 15, 双随机抽查 | 6)
        self.stated: dict[tuple[str, str], float] = {}
        # the facts this table's rows gave (document.py keeps them): a 合计 row after them
        # turns those of its indicator into its parts
        self.facts: list = []

    def row(
        self, cells: list[Cell], line_no: int, choose, last_line: int | None = None, body=None
    ) -> list[Decision] | None:
        """Decisions for one row; None when it is not a row this stage reads (the line
        is then read as a sentence). `choose(label, unit, cell)` picks an indicator;
        `body(label)`: the body a row's label names, SUM for a total row, else None."""
        if line_no != self.last_line + 1:
            self.header, self.head_text, self.top_item = None, "", False  # a new table
            self.columns, self.bodies, self.stated, self.facts = [], [], {}, []
        self.last_line = line_no if last_line is None else last_line  # cells one to a line
        # 行政执法检查（次） | 15 | 其中双随机抽查（次） | 6: the row is read up to its 其中,
        # and the figure after it is a part of the row's total; a header keeps its 其中
        # columns (执法检查（次） | 其中双随机抽查（次）): theirs are parts of the column before
        cut = next((i for i, c in enumerate(cells) if i and PART.match(c.text)
                    and not NOTE_WORDS.search(c.text)), len(cells))  # fmt: skip
        if cut < len(cells) and any(c.numeric for c in cells):
            out = self._row(cells[:cut], choose, body)
            return out + self._part_after(cells[cut:], choose, out) if out else out
        return self._row(cells, choose, body)

    def _part_after(self, rest: list[Cell], choose, before: list[Decision]) -> list[Decision]:
        """The figure a row gives after its 其中 (| 其中双随机抽查（次） | 6): a part of the
        total before it, of the indicator its words name, else of that total's."""
        numbers = [c for c in rest[1:] if c.numeric]
        if len(numbers) != 1:
            return []
        label = PART.sub("", rest[0].text)
        m = LABEL_UNIT.match(label)
        words = [c.text for c in rest[1:] if not c.numeric and c.text in units()]
        unit = m["unit"] if m else (words[0] if words else None)
        ind = choose(m["label"] if m else label, unit, numbers[0]) if unit else None
        return [Decision(ind or before[-1].indicator, numbers[0], "part")]

    def _row(self, cells: list[Cell], choose, body) -> list[Decision] | None:
        cells = self._without_spanning(_without_group(self._without_serial(cells)))
        numbers = [c for c in cells if c.numeric]
        if not numbers:
            if any(len(c.text) > 24 or SENTENCE_MARK.search(c.text)
                   or (re.search(r"\d", c.text) and not YEAR_HEAD.fullmatch(c.text))
                   for c in cells[1:]):  # fmt: skip
                return None  # prose or "17次" between pipes: read as a sentence
            self.header = cells  # a header row (or a title row): remembered, no facts
            self.head_text += " " + " ".join(c.text for c in cells)
            self.columns = _indicator_columns(cells, choose)
            self.bodies = [(i, who) for i, c in enumerate(cells[1:], 1)
                           if body is not None and (who := body(c.text)) not in (None, SUM)]  # fmt: skip
            return []
        if (year_row := self._report_years_row(cells)) is not None:
            return year_row
        if not cells[0].numeric:
            label = cells[0].text
        else:  # a row of numbers under a header (复议/诉讼, or indicators with units)
            return self._under_named_columns(cells, choose) or self.review(numbers)
        part = bool(PART.match(label))
        label = PART.sub("", label)
        if TOP_ITEM.match(label):
            self.top_item = True
            label = TOP_ITEM.sub("", label)
        elif SUB_ITEM.match(label):
            part = part or self.top_item
            label = SUB_ITEM.sub("", label)
        label = re.sub(r"[:：]$", "", label).strip()
        if (
            self.columns
            and body is not None
            and len(self.header) == len(cells)
            and (who := body(label)) is not None
        ):
            reason = "other_body" if who is SUM else None  # 合计: several bodies' sum
            return [Decision(ind, cells[i], reason or self._part_column(i),
                             owner=None if who is SUM else who)
                    for i, ind in self.columns if cells[i].numeric]  # fmt: skip
        if (
            not self.columns
            and not self.bodies
            and len(numbers) == 1
            and re.sub(r"\s+", "", (m := LABEL_UNIT.match(label)) and m["label"] or label)
            in TOTAL_LABELS
            and len(kinds := {ind for _, ind in self.stated}) == 1
        ):
            # 双随机抽查 | 6, 专项检查 | 4, then 合计 | 10: the rows before were the kinds of
            # one indicator, the 合计 is its stated total (document.py checks it is no less
            # than any of them)
            return [Decision(kinds.pop(), numbers[0], None, total=True)]
        part = part or bool(CHANNEL.search(label))
        reason = "part" if part else None
        for r in rules():
            if r.label.search(label):
                cell = numbers[0] if r.cell == "first" else numbers[-1]
                return [Decision(r.indicator, cell, reason)]
        column = self._year_column(cells)
        unit = None
        m = LABEL_UNIT.match(label)
        if m:
            label, unit = m["label"], m["unit"]
        words = [c for c in cells[1:] if not c.numeric]
        if unit is None and words and words[0].text in units():
            unit = words[0].text
        if self.bodies and unit is not None and len(self.header) == len(cells):
            ind = choose(label, unit, numbers[0])
            return [Decision(ind, cells[i], reason, owner=who)
                    for i, who in self.bodies if cells[i].numeric] if ind else None  # fmt: skip
        others = []  # the figures of the other years' columns (指标 | 2017年 | 2018年)
        if column is not None:
            cell = cells[column] if column < len(cells) and cells[column].numeric else None
            others = [c for i, c in enumerate(cells)
                      if i != column and c.numeric and YEAR_HEAD.fullmatch(self.header[i].text)]  # fmt: skip
        elif len(numbers) == 1:
            cell = numbers[0]
        else:
            return None
        if cell is not None and unit is None:
            unit = self._header_unit(cells, cell)
        if cell is None or unit is None:
            return None
        ind = choose(label, unit, cell)
        if not ind:
            return self._vetoed(label, unit, cell, choose)
        return [Decision(ind, cell, reason)] + [Decision(ind, c, "other_year") for c in others]

    @staticmethod
    def _vetoed(label: str, unit: str, cell: Cell, choose) -> list[Decision] | None:
        """A row whose label holds a veto word (现行有效规范性文件总数 | 件 | 9, 累计培训（人次）
        | 500, 计划开展检查（次） | 20) gives no fact, but its figure is not lost: a candidate
        of the indicator its label names without those words, with the first one's reason
        (stock, plan, frequency, delta). None where the label names none even so."""
        v = GLOBAL_VETO.search(label)
        if v is None:
            return None
        ind = choose(GLOBAL_VETO.sub("", label), unit, cell)
        return [Decision(ind, cell, _veto_reason(v.group(0)))] if ind else None

    def _report_years_row(self, cells: list[Cell]) -> list[Decision] | None:
        """A row of a table with one row a year under indicator columns (年度 | 执法检查（次）
        | 行政处罚案件（件）, then 2018年 | 9 | 1, 2019年 | 12 | 3): the report's year's
        figures; another year's are no facts of this report, but candidates (other_year)."""
        if not self.columns or len(self.header) != len(cells):
            return None
        m = YEAR_HEAD.fullmatch(cells[0].text)
        if m is None:
            return None
        reason = None if int(m["year"]) == self.year else "other_year"
        return [Decision(ind, cells[i], reason or self._part_column(i))
                for i, ind in self.columns if cells[i].numeric]  # fmt: skip

    def _part_column(self, i: int) -> str | None:
        """ "part" when the header's column i opens with 其中 (其中双随机抽查（次）), else None."""
        return "part" if PART.match(self.header[i].text) else None

    def _under_named_columns(self, cells: list[Cell], choose) -> list[Decision] | None:
        """A row of figures alone under a header whose every column names an indicator with
        its unit (执法检查（次） | 检查企业（家） | 行政处罚案件（件）, then 12 | 30 | 3): the
        reporter's figures, a table laid across the page. A column under 其中 (其中双随机
        抽查（次）) is a part of the total before it: a candidate."""
        header = self.header
        if header is None or len(header) != len(cells) or not all(c.numeric for c in cells):
            return None
        out = []
        for i, (h, cell) in enumerate(zip(header, cells, strict=True)):
            m = LABEL_UNIT.match(PART.sub("", h.text))
            if m is None or m["unit"] not in units():
                return None
            part = self._part_column(i)
            ind = choose(m["label"], m["unit"], cell)
            if ind is None and part and out:
                ind = out[-1].indicator
            if ind:
                out.append(Decision(ind, cell, part, across=True))
        return out or None

    def _without_spanning(self, cells: list[Cell]) -> list[Cell]:
        """The row without the name of a group spanning its sub-rows, when that name makes
        the row one cell longer than its header: the 2019 template's 其他对外管理服务事项
        split into 行政检查 | 1 | 0 | 4 and 行政确认 | 0 | 0 | 0 under 信息内容 | 上一年项目数量 |
        本年增/减 | 处理决定数量 (the group's cell spans both rows, its first row shifted one
        column to the right). Read by the sub-row's own label, its figures line up with
        the header's columns again."""
        header = self.header
        if (
            header is None
            or len(cells) != len(header) + 1
            or cells[0].numeric
            or cells[1].numeric
            or header[0].numeric
            or not all(c.numeric for c in cells[2:])
        ):
            return cells
        return cells[1:]

    def _without_serial(self, cells: list[Cell]) -> list[Cell]:
        """The row without its row number: a table of a 法治 report often opens each row
        with 序号 (1 | 行政复议案件 | 0), which would otherwise stand where the label does
        and make the row a row of numbers. The header's 序号 goes too, so that columns
        still line up with the header's names."""
        if len(cells) < 3:
            return cells
        first, label = cells[0], cells[1]
        if not first.numeric:
            return cells[1:] if SERIAL_HEAD.fullmatch(first.text) else cells
        if SERIAL.fullmatch(first.text) and not label.numeric and label.text not in units():
            return cells[1:]
        return cells

    def _header_unit(self, cells: list[Cell], cell: Cell) -> str | None:
        """The unit a header of no indicator gives a number's column (项目 | 数量（件）).
        A header that names an indicator (类别 | 执法检查（次）) does not lend its unit:
        its rows are kinds of that indicator (双随机抽查 | 5), parts and not its total."""
        header = self.header
        if header is None or len(header) < len(cells):
            return None
        if any(not NOTE_HEAD.fullmatch(h.text) for h in header[len(cells) :]):
            return None  # cells missing that are not an empty note: columns may not line up
        column = cells.index(cell)
        if any(i == column for i, _ in self.columns):
            return None
        return _unit_of(header[column].text) or _count_unit(header[column].text)

    def _year_column(self, cells: list[Cell]) -> int | None:
        """The column whose header is the report's year (指标 | 2017年 | 2018年)."""
        if self.header is None or len(self.header) != len(cells):
            return None
        for i, h in enumerate(self.header):
            if re.fullmatch(rf"{self.year}\s*年?度?", h.text):
                return i
        return None

    def review(self, numbers: list[Cell], head: str | None = None) -> list[Decision] | None:
        """The 复议/诉讼 table's numbers: each 总计 column of what the header names."""
        head = self.head_text if head is None else head
        if not REVIEW_HEAD.search(head):
            return None
        recon, lit = "行政复议" in head, "行政诉讼" in head
        out = []
        if recon and len(numbers) in (5, 15):
            out.append(Decision("reconsideration_cases", numbers[4]))
        if lit and len(numbers) in (10, 15):
            # 未经复议直接起诉 总计 + 复议后起诉 总计
            a, b = (numbers[4], numbers[9]) if len(numbers) == 10 else (numbers[9], numbers[14])
            out.append(Decision("litigation_cases", b, value=_value(a) + _value(b)))
        return out or None


def _without_group(cells: list[Cell]) -> list[Cell]:
    """The row without the group its first cell names, when the second cell is the row's
    own label with its unit: a statistics table groups rows under a cell spanning them
    (行政执法 | 执法检查（次） | 12, then | 行政处罚案件（件） | 3), and the group's name
    stands only in the group's first row. The row's figure belongs to its own label."""
    if len(cells) < 3 or cells[0].numeric or cells[1].numeric or PART.match(cells[0].text):
        return cells
    if not any(c.numeric for c in cells[2:]):
        return cells  # a header (单位 | 执法检查（次） | …) names its columns, no group
    if _unit_of(cells[0].text) is None and _unit_of(cells[1].text) is not None:
        return cells[1:]
    return cells


def _unit_of(label: str) -> str | None:
    """The unit a label carries in brackets (执法检查（次） → 次), if it is an indicator's."""
    m = LABEL_UNIT.match(label)
    return m["unit"] if m and m["unit"] in units() else None


def _count_unit(head: str) -> str | None:
    """The unit a column's header names as the count of it (次数, 件数, 人数 → 次, 件, 人)."""
    m = re.fullmatch(r"\s*(\S{1,2}?)\s*数\s*", head)
    return m[1] if m and m[1] in units() else None


SUM = "合计"  # body(label) of a total row (合计, 总计, 小计)
# a row that totals the rows above it (not 小计: a group's, with more rows after it)
TOTAL_LABELS = frozenset(("合计", "总计", "全局合计", "共计"))


def _indicator_columns(header: list[Cell], choose) -> list[tuple[int, str]]:
    """The columns of a header that name an indicator with its unit (执法检查（次）)."""
    out = []
    for i, c in enumerate(header[1:], 1):
        m = LABEL_UNIT.match(PART.sub("", c.text))
        if m and (ind := choose(m["label"], m["unit"], Cell("1", c.start, True))):
            out.append((i, ind))
        elif m and PART.match(c.text) and out and out[-1][0] == i - 1 and m["unit"] in units():
            out.append((i, out[-1][1]))  # 其中 a kind no indicator names: the total's part
    return out


def _value(c: Cell) -> float:
    return float(c.text.replace(",", ""))
