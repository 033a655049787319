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


@dataclass
class TextDoc:
    """A narrative report as text. Offsets of facts refer to `text`."""

    path: Path
    text: str
    format: str  # txt | docx | pdf
    encoding: str = "utf-8"  # what the bytes were decoded from (txt only)


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
    method: str = "text"  # text | table

    def as_json(self, doc: str) -> dict:
        d = asdict(self)
        if self.value is not None and float(self.value).is_integer():
            d["value"] = int(self.value)
        return {"doc": doc, **d}
