"""The records that flow through the ETL, from reader to warehouse."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path


class ReadError(Exception):
    """A file that cannot be read. `reason` is a plain-language sentence (Chinese first)
    that a staff member can act on; it ends up in the build summary and the warehouse."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def json_row(item, doc: str, tag: str | None = None) -> dict:
    """A fact, candidate or claim as one line of `etl extract --json`: its fields, a whole
    value as an int (15, not 15.0), its document, and `tag: true` to say which kind."""
    d = asdict(item)
    if d.get("value") is not None and float(d["value"]).is_integer():
        d["value"] = int(d["value"])
    return {**({tag: True} if tag else {}), "doc": doc, **d}


@dataclass
class TextDoc:
    """A narrative report as text. Offsets of facts refer to `text`."""

    path: Path
    text: str
    format: str  # txt | docx | pdf
    encoding: str = "utf-8"  # what the bytes were decoded from (txt only)
    method: str = "text"  # or "ocr": a scan read by OCR (etl/readers/ocr.py)
    # where parts of the text came from, beyond paragraphs: (start, end, label), e.g. the
    # cells of a web page's tables ("表2 第3行第4列"); empty for the other readers
    parts: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class TableRow:
    """One value cell of a table, already in long form (wide tables are unpivoted).

    Strings are kept as written; the ETL resolves agency, indicator and value."""

    agency: str
    year: str
    indicator: str
    value: str
    unit: str = ""
    note: str = ""
    sheet: str = ""
    cell: str = ""  # e.g. "D7": where the value stands, for the source column
    quote: str = ""  # the row as written, where it is not agency | year | indicator | value


@dataclass
class TableDoc:
    path: Path
    rows: list[TableRow]
    format: str  # csv | xlsx
    problems: list[str] = field(default_factory=list)  # malformed rows, with where and why
    encoding: str = "utf-8"


@dataclass
class Fact:
    """One value of one indicator, for one agency and year, with where it came from.

    `quote` is exactly `text[start:end]` of the source text (for tables: the row as
    written, and `start`/`end` are 0). `num_start`/`num_end` mark the number inside the
    text, for highlighting. `value` is None for a mention without a number (多次)."""

    agency: str
    year: int
    indicator: str
    value: float | None
    unit: str
    qualifier: str | None
    quote: str
    start: int
    end: int
    rule: str
    num_start: int = 0
    num_end: int = 0
    location: str = ""  # "第3段" for text, "Sheet1!D7" for tables
    method: str = "text"  # text | table | ocr

    def as_json(self, doc: str) -> dict:
        return json_row(self, doc)


# Why a number that speaks of an indicator was set aside instead of becoming a fact.
CANDIDATE_REASONS = {
    "delta": ("与上年相比的增减，不是本年数值", "a change on another year, not a level"),
    "stock": (
        "累计或现有总量，不是本年数值",
        "a cumulative or standing total, not the year's flow",
    ),
    "part": (
        "已有总数中的一部分（其中……，或几项加起来正是总数）",
        "a part of a total already stated (其中…, or figures that add up to it)",
    ),
    "other_body": ("其他单位的数值", "another body's figure"),
    "other_year": ("其他年度的数值", "another year's figure"),
    "plan": ("计划或目标，不是已完成的数值", "a plan or target, not what happened"),
    "frequency": ("频次要求（每月、定期……）", "a frequency rule, not a count"),
    "range": ("数值区间，不是一个数", "a range, not one value"),
    "period": (
        "不是全年的数值（上半年、截至某月……）",
        "part of the year only (first half, to a month)",
    ),
    "ambiguous": ("说不清是哪个指标", "which indicator is unclear"),
    "no_owner": ("说不清是哪个单位的数值", "whose figure is unclear"),
    "unidentified_document": ("报告的单位或年度无法确定", "the report's agency or year is unknown"),
}


@dataclass
class Candidate:
    """A number in a sentence that speaks of an indicator but did not become a fact, with
    why (CANDIDATE_REASONS). agency/year are None where the report is unidentified;
    indicator is the best guess, or None."""

    agency: str | None
    year: int | None
    indicator: str | None
    value: float
    unit: str
    reason: str
    quote: str
    start: int
    end: int
    num_start: int = 0
    num_end: int = 0
    location: str = ""

    def as_json(self, doc: str) -> dict:
        return json_row(self, doc, "candidate")
