"""What a table's cells say, shared by the readers of etl/readers/table.py (long and wide
forms), table_formulas.py and table_stat.py: a cell as the text it shows, a header name
normalised, whether a value looks like a number."""

from __future__ import annotations

import datetime as dt
import re

_YEAR_HEADER = re.compile(r"^((?:19|20)\d{2})(?:年度?)?$")
_DIGIT = re.compile(r"[0-9０-９]")
_CN_NUMBER = re.compile(
    r"^(?:约|近|超过|逾|共|累计)?[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+"
    r"(?:余|多)?[个次件人项家起场条份所名位篇期批]?(?:以上|左右)?$"
)
_HEADER_SEARCH_ROWS = 20
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def looks_numeric(value: str) -> bool:
    """True for anything the ETL may read as a number: 12, 95%, 10余, １２, 十二, 约三百."""
    return bool(_DIGIT.search(value) or _CN_NUMBER.match(value))


def _norm(header: str) -> str:
    name = "".join(header.split()).lower().replace("（", "(").replace("）", ")")
    return name.rstrip(":：*")


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


def _at(cells: list[list[str]], r: int, c: int) -> str:
    return cells[r][c] if 0 <= r < len(cells) and 0 <= c < len(cells[r]) else ""


# a figure alone in a cell (12, -1, 3.5, 95%)
_FIGURE_ALONE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?")
# a column's name with its unit in brackets (执法检查（次）, 检查企业(家))
_NAMED_WITH_UNIT = re.compile(r"\S.*[(（][^()（）]{1,4}[)）]")


def laid_across(grid: list[list[str]]) -> list[int]:
    """The columns of a table laid across the page: one header row whose every cell names
    what it counts with its unit (执法检查（次） | 检查企业（家） | 行政处罚案件（件）) and
    one row of figures under them (15 | 42 | 2). Written one column a line (执法检查（次） |
    15), each figure reads beside its name, as the rows of a table laid down the page do;
    [] for any other table."""
    if len(grid) != 2:
        return []
    head, figures = grid
    cols = [c for c, t in enumerate(head) if t or (c < len(figures) and figures[c])]
    if len(cols) < 2 or len(figures) < len(head):
        return []
    for c in cols:
        if not (_NAMED_WITH_UNIT.fullmatch(head[c]) and _FIGURE_ALONE.fullmatch(figures[c])):
            return []
    return cols
