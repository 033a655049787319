"""data/corrections.csv: the reviewers' verdicts on extracted values, kept in data/ so that
they survive every rebuild of the warehouse (the warehouse itself is never edited).

The file is append-only, UTF-8 with a BOM (so Excel opens it), one verdict a row:

    agency, year, indicator, old_value, new_value, status, reason, who, when, source_doc

status is one of
  verified   the extracted value old_value is right;
  corrected  old_value is wrong, new_value is right (new_value required);
  rejected   old_value is not a figure of this indicator at all.

For one (agency, year, indicator) the last row in the file wins. An empty old_value names
every extracted value of that key. `read` returns the usable rows and, for each bad row,
its line number and a plain Chinese reason; `append` validates a row before writing it
(etl.appendlog: under a lock, so two editors saving at once both land).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

from etl import appendlog, catalog, paths
from etl.numbers import parse_number

FILE_NAME = paths.CORRECTIONS_FILE
COLUMNS = ["agency", "year", "indicator", "old_value", "new_value", "status", "reason", "who",
           "when", "source_doc"]  # fmt: skip
STATUSES = ("verified", "corrected", "rejected")
STATUS_ZH = {"verified": "确认无误", "corrected": "更正", "rejected": "驳回"}


@dataclass(frozen=True)
class Correction:
    line: int  # line number in the file (the header is line 1)
    agency: str
    year: int
    indicator: str  # the catalog id
    old_value: float | None
    new_value: float | None
    status: str
    reason: str
    who: str
    when: str
    source_doc: str

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.agency, self.year, self.indicator)

    @property
    def location(self) -> str:
        return f"data/{FILE_NAME} 第{self.line}行"


class BadCorrection(ValueError):
    """A row that cannot be used; str(e) says why, in Chinese."""


def path_in(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def _number(text: str, what: str) -> float | None:
    text = (text or "").strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        v = float(text)
    except ValueError:
        v = parse_number(text)
    if v is None or not math.isfinite(v):
        raise BadCorrection(f"{what}“{text}”不是数字（请填写阿拉伯数字，例如 12 或 98.5）")
    return float(v)


def parse_row(row: dict, line: int = 0) -> Correction:
    """One row (column name -> text) as a Correction. Raises BadCorrection with the reason."""
    get = {c: str(row.get(c) or "").strip() for c in COLUMNS}
    if not get["agency"]:
        raise BadCorrection("缺少单位（agency 列为空）")
    year_text = get["year"].removesuffix("年度").removesuffix("年")
    if not (year_text.isdigit() and 1990 <= int(year_text) <= 2100):
        raise BadCorrection(f"年度“{get['year']}”不是年份（请填写四位数年份，例如 2019）")
    ind = catalog.load().resolve(get["indicator"])
    if ind is None:
        raise BadCorrection(
            f"未知指标“{get['indicator']}”（请填写指标代码或中文名，见 etl/catalog.toml）"
        )
    status = get["status"].lower()
    if status not in STATUSES:
        raise BadCorrection(
            f"状态“{get['status']}”无效（只能是 verified 确认、corrected 更正、rejected 驳回）"
        )
    old = _number(get["old_value"], "原数值")
    new = _number(get["new_value"], "新数值")
    if status == "corrected" and new is None:
        raise BadCorrection("状态为 corrected（更正）时必须填写新数值 new_value")
    if status == "corrected" and not get["reason"]:
        raise BadCorrection("更正必须写明理由（reason 列为空）")
    return Correction(
        line=line, agency=get["agency"], year=int(year_text), indicator=ind.id,
        old_value=old, new_value=new, status=status, reason=get["reason"], who=get["who"],
        when=get["when"], source_doc=get["source_doc"],
    )  # fmt: skip


def read(path: Path) -> tuple[list[Correction], list[tuple[int, str]]]:
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
    missing = [
        c for c in ("agency", "year", "indicator", "status") if c not in (reader.fieldnames or [])
    ]
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
            good.append(parse_row(row, line))
        except BadCorrection as e:
            bad.append((line, f"第{line}行：{e}，该行未采用"))
    return good, bad


def latest(rows: list[Correction]) -> list[Correction]:
    """The last row per (agency, year, indicator), in the order of those last rows."""
    last: dict[tuple, Correction] = {}
    for c in rows:
        last.pop(c.key, None)
        last[c.key] = c
    return list(last.values())


def _fmt(v) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def append(path: Path, row: dict) -> int:
    """Validate `row` and append it (creating the file with a BOM and the header), under
    the lock of etl.appendlog. Returns the line number it was written at. Raises
    BadCorrection, or appendlog.AppendBusy when another save holds the file too long."""
    clean = {c: _fmt(row.get(c)) for c in COLUMNS}
    parse_row(clean)  # raises with the reason
    return appendlog.append_row(Path(path), COLUMNS, [clean[c] for c in COLUMNS])


# --- on every build -----------------------------------------------------------------------


def apply(data_dir: Path, facts: dict[str, list], registry) -> list[tuple[str, str]]:
    """Apply data_dir/corrections.csv to the build's facts (a list of values per column of
    etl/schema.sql's fact, in place).

    For each (agency, year, indicator) the last row of the file wins. Its facts with
    value == old_value (every fact of the key when old_value is empty) get the row's
    status ('verified' | 'corrected' | 'rejected'); a 'corrected' row also adds a fact
    with method 'correction', doc_id NULL, value new_value and status 'verified' (quote:
    the reason; location: the file's line). Returns (path, reason) for every row that could
    not be used (bad row, unknown agency, no value to verify), for the build summary."""
    good, bad = read(path_in(data_dir))
    problems = [(FILE_NAME, reason) for _, reason in bad]
    if not good:
        return problems
    cat = catalog.load()
    value, status = facts["value"], facts["status"]
    rows = [(c, registry.by_id.get(c.agency) or registry.resolve(c.agency)) for c in latest(good)]
    # The extracted facts of the keys corrected, by key: only those keys are gathered (a
    # list per key of all 230,000 facts of 20,000 reports took 0.1 s for a few corrections).
    by_key: dict[tuple, list[int]] = {(a.agency_id, c.year, c.indicator): [] for c, a in rows if a}
    keys = zip(facts["agency_id"], facts["year"], facts["indicator_id"], strict=True)
    for i, key in enumerate(keys):
        if key in by_key:
            by_key[key].append(i)
    for c, a in rows:
        if a is None:
            problems.append((FILE_NAME, (
                f"第{c.line}行：单位“{c.agency}”不在机构登记表中，该更正未采用；请在 "
                f"data/{paths.REGISTRY_FILE.as_posix()} 中加上它（或其别名），或改正单位名称"
            )))  # fmt: skip
            continue
        idx = by_key.get((a.agency_id, c.year, c.indicator), [])
        hit = [i for i in idx if c.old_value is None or _same(value[i], c.old_value)]
        for i in hit:
            status[i] = c.status
        if not hit and c.status != "corrected":
            shown = "" if c.old_value is None else f"数值为 {_fmt(c.old_value)} 的"
            problems.append((FILE_NAME, (
                f"第{c.line}行：{a.name_zh} {c.year}年“{cat.by_id[c.indicator].zh}”没有"
                f"{shown}提取结果，该{STATUS_ZH[c.status]}未起作用；请核对原数值"
            )))  # fmt: skip
        if c.status == "corrected":
            ind = cat.by_id[c.indicator]
            row = dict.fromkeys(facts, 0) | {
                "fact_id": len(value) + 1, "doc_id": None, "agency_id": a.agency_id,
                "year": c.year, "indicator_id": c.indicator, "value": c.new_value,
                "unit": ind.unit, "qualifier": None,
                "quote": c.reason or STATUS_ZH["corrected"], "location": c.location,
                "rule": "correction", "method": "correction", "origin": "real",
                "status": "verified",
            }  # span_start, span_end, num_start, num_end: 0  # fmt: skip
            for column, v in row.items():
                facts[column].append(v)
    return problems


def _same(value, old: float) -> bool:
    return value is not None and abs(float(value) - old) <= 1e-9 * max(1.0, abs(old))
