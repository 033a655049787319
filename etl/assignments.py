"""data/assignments.csv: the agency and year an editor gave a report that the build could not
identify (a parked report), kept in data/ so that every build applies it.

The file is append-only, UTF-8 with a BOM (so Excel opens it), one assignment a row:

    path, doc_id, agency, year, who, when, reason

doc_id is the file's content hash (etl.pipeline.content_hash: sha256 of its bytes, 16 hex
digits), so an assignment follows the file's content wherever it is moved; path only says
where it was. agency is a name of the agency registry (the canonical Chinese name, a short
name or an alias). Rows that cannot be used are reported with their line and a plain
Chinese reason, never dropped silently; of the usable rows, the last one for a doc_id wins.
`append` validates a row and writes it under the lock of etl.appendlog.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl import appendlog, paths
from etl.paths import REGISTRY_FILE

FILE_NAME = paths.ASSIGNMENTS_FILE
COLUMNS = ["path", "doc_id", "agency", "year", "who", "when", "reason"]
FIRST_YEAR = 1990
DOC_ID = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True)
class Assignment:
    line: int  # line number in the file (the header is line 1)
    path: str
    doc_id: str
    agency: str  # canonical Chinese name when read with a registry
    year: int
    who: str
    when: str
    reason: str

    @property
    def location(self) -> str:
        return f"data/{FILE_NAME} 第{self.line}行"


class BadAssignment(ValueError):
    """A row that cannot be used; str(e) says why, in Chinese."""


def path_in(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def parse_row(row: dict, line: int = 0, registry=None, today: date | None = None) -> Assignment:
    """One row (column name -> text) as an Assignment. With a registry, the agency must be
    in it (and is given its canonical name). Raises BadAssignment with the reason."""
    get = {c: str(row.get(c) or "").strip() for c in COLUMNS}
    doc_id = get["doc_id"].lower()
    if not DOC_ID.fullmatch(doc_id):
        raise BadAssignment(
            f"文件编号 doc_id“{get['doc_id']}”不对：应为文件内容 sha256 的前16位十六进制数字"
            "（在看板“审核”页指定时自动填写）"
        )
    if not get["agency"]:
        raise BadAssignment("缺少单位（agency 列为空）")
    agency = get["agency"]
    if registry is not None:
        a = registry.by_id.get(agency) or registry.resolve(agency)
        if a is None:
            raise BadAssignment(
                f"单位“{agency}”不在机构登记表中；请从登记表中选择单位，或先在 "
                f"data/{REGISTRY_FILE.as_posix()} 中加上它（或其别名）"
            )
        agency = a.name_zh
    this_year = (today or date.today()).year
    year_text = get["year"].removesuffix("年度").removesuffix("年")
    if not year_text.isdigit():
        raise BadAssignment(f"年度“{get['year']}”不是年份（请填写四位数年份，例如 2019）")
    year = int(year_text)
    if year > this_year:
        raise BadAssignment(
            f"年度“{get['year']}”晚于今年（{this_year}年），报告只能是已经开始的年度"
        )
    if year < FIRST_YEAR:
        raise BadAssignment(
            f"年度“{get['year']}”不可能是报告的年度（请填写 {FIRST_YEAR}—{this_year} 年之间的年份）"
        )
    return Assignment(line=line, path=get["path"], doc_id=doc_id, agency=agency, year=year,
                      who=get["who"], when=get["when"], reason=get["reason"])  # fmt: skip


def read(path: Path, registry=None) -> tuple[list[Assignment], list[tuple[int, str]]]:
    """The usable rows of the file in file order, and (line, reason) for each bad row.
    A missing file has no rows."""
    path = Path(path)
    if not path.exists():
        return [], []
    try:
        text = appendlog.read_text(path)
    except UnicodeDecodeError:
        return [], [(0, f"{FILE_NAME} 不是 UTF-8 编码；请用“CSV UTF-8”格式另存")]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("doc_id", "agency", "year") if c not in (reader.fieldnames or [])]
    if missing:
        return [], [
            (1, f"{FILE_NAME} 的表头缺少列：{'、'.join(missing)}（表头应为 {','.join(COLUMNS)}）")
        ]
    good, bad = [], []
    for row in reader:
        line = reader.line_num
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # a blank line
        try:
            good.append(parse_row(row, line, registry))
        except BadAssignment as e:
            bad.append((line, f"第{line}行：{e}，该行未采用"))
    return good, bad


def latest(rows: list[Assignment]) -> dict[str, Assignment]:
    """doc_id -> its last usable row."""
    return {a.doc_id: a for a in rows}


def append(path: Path, row: dict, registry=None) -> int:
    """Validate `row` (against the registry, when given) and append it, creating the file
    with a BOM and the header. Returns the line number it was written at. Raises
    BadAssignment, or appendlog.AppendBusy when another save holds the file too long."""
    clean = {c: "" if row.get(c) is None else str(row.get(c)).strip() for c in COLUMNS}
    a = parse_row(clean, registry=registry)  # raises with the reason
    clean.update(doc_id=a.doc_id, agency=a.agency, year=str(a.year))
    return appendlog.append_row(Path(path), COLUMNS, [clean[c] for c in COLUMNS])
