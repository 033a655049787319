"""One file in, one processed document (or a rejection with its reason) out.

This is the unit of work of both `python -m etl extract` and `python -m etl build`; it
touches no database, so the build can run it in worker processes.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from etl import catalog
from etl.extract import extract_all
from etl.extract.claims import Claim, extract_claims
from etl.identify import Identity, Unidentified, find_title, identify, non_blank_lines
from etl.model import Candidate, Fact, ReadError, TableDoc, TextDoc
from etl.normalize import normalise
from etl.numbers import parse_number


class Rejected(Exception):
    """A file set aside. `reason` says in plain words what is wrong and how to fix it."""

    def __init__(self, reason: str, detail: str = "", candidates: list | None = None):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail
        # an unidentified report's numbers, kept (reason unidentified_document)
        self.candidates: list[Candidate] = candidates or []


UNIDENTIFIED = "unidentified"  # the kind of a report parked until its identity is known
# A year's report runs to a few thousand characters (the longest text in the project's
# corpora is 7 KB), so 500,000 (white space not counted) is far beyond any real one. Extraction time grows with the
# text (a 25 MB file of numbers would hold a rebuild for minutes), so a longer file is set
# aside at once instead.
MAX_REPORT_CHARS = 500_000
EXCERPT_CHARS = 400


class Parked(Rejected):
    """A report whose agency or year could not be found (or is not possible): parked until
    an editor assigns them (data/assignments.csv, by doc_id). excerpt: the beginning of
    its text, so that an editor can tell what it is."""

    kind = UNIDENTIFIED

    def __init__(self, reason: str, *, doc_id: str, excerpt: str, candidates: list | None = None):
        super().__init__(reason, candidates=candidates)
        self.doc_id = doc_id
        self.excerpt = excerpt


@dataclass
class Processed:
    path: Path
    doc_id: str  # sha256 of the bytes, 16 hex digits
    kind: str  # report | table
    format: str  # txt | docx | pdf | csv | xlsx
    encoding: str | None
    title: str
    agency: str | None  # canonical name of the reporting agency (None for a table)
    year: int | None  # the year covered (None for a table)
    text: str | None  # the text that fact spans refer to (reports)
    facts: list[Fact] = field(default_factory=list)  # fact.agency: canonical names
    problems: list[str] = field(default_factory=list)  # rows set aside, with where and why
    year_source: str | None = None  # reports: title | metadata | opening | file name | folder
    agency_source: str | None = None  # reports: title | metadata | opening | signature | …
    notes: list[str] = field(default_factory=list)  # doubts about the identity (数据质量)
    candidates: list[Candidate] = field(default_factory=list)  # numbers set aside, with why
    claims: list[Claim] = field(default_factory=list)  # what it says of other years (check)


def _chars(text: str) -> int:
    """Characters other than white space: what extraction time grows with (a file padded
    with blank lines reads as fast as the report in it)."""
    return sum(map(len, text.split()))  # str.split's white space is re's \s


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def process_file(
    path: Path,
    registry,
    *,
    strict: bool,
    assigned: tuple[str, int] | None = None,
    assignments: Mapping[str, tuple[str, int]] | None = None,
) -> Processed:
    """Read, identify and extract one file. Raises Rejected.

    strict=True (the build): the agency must be in the registry. strict=False (extract):
    an agency not in the registry is kept under the name its title gives.
    assigned: (agency, year) an editor gave a report that could not be identified (a
    parked report, data/assignments.csv); it replaces identification. assignments: doc_id
    -> (agency, year), looked up once the file's content hash is known (the build)."""
    from etl.readers.dispatch import read_file

    path = path if isinstance(path, Path) else Path(path)  # a new Path costs ~5 µs
    try:
        data = path.read_bytes()
    except OSError as e:
        raise Rejected(f"无法读取文件：{e.strerror or e}") from e
    doc_id = content_hash(data)
    try:
        doc = read_file(path, data)  # from the bytes just hashed: a text is read once
    except ReadError as e:
        raise Rejected(e.reason) from e
    if isinstance(doc, TableDoc):
        return _table(doc, doc_id, registry, strict)
    if assigned is None and assignments:
        assigned = assignments.get(doc_id)
    return _report(doc, doc_id, registry, strict, assigned)


def _report(
    doc: TextDoc, doc_id: str, registry, strict: bool, assigned: tuple[str, int] | None
) -> Processed:
    if not doc.text or doc.text.isspace():  # (not doc.text.strip(), without the copy)
        raise Rejected("文件没有文字内容（文件为空）")
    # (the characters other than white space are counted only where they could be too
    # many: no more of them than characters)
    if len(doc.text) > MAX_REPORT_CHARS and (n_chars := _chars(doc.text)) > MAX_REPORT_CHARS:
        raise Rejected(
            f"文字过长（{n_chars:,} 字，上限 {MAX_REPORT_CHARS:,} 字）：一份年度报告不会这么长，"
            "请检查是否选错了文件；多年的汇编请按年度拆开后再放入"
        )

    def parked(reason: str, candidates: list | None = None) -> Parked:
        excerpt = doc.text.strip()[:EXCERPT_CHARS]
        return Parked(reason, doc_id=doc_id, excerpt=excerpt, candidates=candidates)

    norm = normalise(doc.text)
    # the non-blank lines, the same in norm as in the text (normalise keeps white space
    # white, the rest not, and each newline where it was: tests/test_normalize_replace.py):
    # found once for identify's head and for the paragraphs
    lines = non_blank_lines(norm)
    if assigned is not None:
        title, _, _ = find_title(doc.text, norm)
        ident = Identity(title=title, agency=assigned[0], year=int(assigned[1]),
                         year_source="assigned", agency_source="assigned")  # fmt: skip
    else:
        try:
            ident = identify(doc.text, doc.path, norm, lines)
        except Unidentified as e:
            raise parked(e.reason, _unplaced(doc.text, norm)) from e
    agency = registry.resolve(ident.agency) if registry is not None else None
    if agency is None and ident.folder_agency and registry is not None:
        # The folder a file sits in may name a registered agency (data/reports/<单位>/…):
        # 科技局 in the text, 周村区科学技术局 on the folder.
        agency = registry.resolve(ident.folder_agency)
        if agency is not None and not _same_core(ident.agency, agency.name_zh):
            agency = None
    if agency is None and strict:
        raise parked(
            f"未知单位“{ident.agency}”：登记表中没有这个单位或别名"
            f"（请在 data/registry/agencies.csv 中添加该单位，或把“{ident.agency}”加为已有单位的别名）",
            _unplaced(doc.text, norm),
        )
    if ident.year > date.today().year:
        raise parked(
            f"报告年度（{ident.year}年）晚于今年，不能是已经过去的年度（请核对标题中的年度）",
            _unplaced(doc.text, norm),
        )
    name = agency.name_zh if agency else ident.agency
    facts, problems = [], []
    paragraphs = [s for s, _ in lines]  # (_paragraph_starts(doc.text))
    found, candidates = extract_all(doc.text, name, ident.year, registry, norm=norm)
    cells = _cell_finder(doc.parts)
    for c in candidates:
        c.location = cells(c.num_start) or _paragraph_of(paragraphs, c.start)
    for f in found:
        f.location = cells(f.num_start) or _paragraph_of(paragraphs, f.start)
        why = impossible(f.value, f.unit)
        if why:
            problems.append(f"{f.location}“{f.quote[:40]}”：{why}，未载入")
        else:
            facts.append(f)
    claims = extract_claims(doc.text, ident.year, found, candidates, name, norm)
    for c in claims:
        c.location = cells(c.num_start) or _paragraph_of(paragraphs, c.start)
    if doc.method == "ocr":  # a scan (etl/readers/ocr.py): its page, "\f" between pages
        for x in (*facts, *candidates, *claims):
            x.location = f"第{doc.text.count(chr(12), 0, x.start) + 1}页 {x.location}"
        for f in facts:
            f.method = "ocr"
    return Processed(
        path=doc.path, doc_id=doc_id, kind="report", format=doc.format, encoding=doc.encoding,
        title=ident.title, agency=name, year=ident.year, text=doc.text, facts=facts,
        problems=problems, year_source=ident.year_source, agency_source=ident.agency_source,
        notes=ident.notes, candidates=candidates, claims=claims,
    )  # fmt: skip


def _unplaced(text: str, norm: str) -> list[Candidate]:
    """The numbers of a report whose agency or year is unknown: what would be its facts
    and candidates, all as candidates (reason unidentified_document, no agency, no year)."""
    found, aside = extract_all(text, UNKNOWN, UNKNOWN_YEAR, None, norm=norm)
    paragraphs = _paragraph_starts(text)
    out = []
    for f in found:
        out.append(Candidate(None, None, f.indicator, f.value, f.unit, "unidentified_document",
                             f.quote, f.start, f.end, f.num_start, f.num_end))  # fmt: skip
    for c in aside:
        c.agency, c.year, c.reason = None, None, "unidentified_document"
        out.append(c)
    for c in out:
        c.location = _paragraph_of(paragraphs, c.start)
    return [c for c in out if c.value is not None]


UNKNOWN = "未知单位"
# A year no explicit year in a text equals: numbers under an explicit year stay as they are
# read in a report of that year (other_year), which is what an unidentified report needs.
UNKNOWN_YEAR = 1


def impossible(value: float | None, unit: str) -> str | None:
    """Why a value cannot be true (a share over 100%, a negative count), or None."""
    if value is None:
        return None
    if value < 0:
        return "为负数"
    if unit == "%" and value > 100:
        return "超过100%"
    return None


def _same_core(a: str, b: str) -> bool:
    core = re.compile(r"(科学技术局|科技局|知识产权局|地震局|气象局)$")
    ca, cb = core.search(a), core.search(b)
    norm = {"科学技术局": "科技局"}
    return bool(ca and cb) and norm.get(ca.group(1), ca.group(1)) == norm.get(
        cb.group(1), cb.group(1)
    )


def _paragraph_starts(text: str) -> list[int]:
    """Where each non-blank line of text starts (the title is 第1段)."""
    return [s for s, _ in non_blank_lines(text)]


def _paragraph_of(starts: list[int], pos: int) -> str:
    """第N段: the non-blank line that pos is in (the one that has started by pos)."""
    return f"第{max(bisect_right(starts, pos), 1)}段"


def _cell_finder(parts: list[tuple[int, int, str]]):
    """pos -> the label of the part (a table cell: "表2 第3行第4列") it falls in, or ""."""
    if not parts:
        return _no_cell  # a plain text (most reports): nothing to look up
    parts = sorted(parts)
    starts = [p[0] for p in parts]

    def find(pos: int) -> str:
        i = bisect_right(starts, pos) - 1
        return parts[i][2] if i >= 0 and pos < parts[i][1] else ""

    return find


def _no_cell(pos: int) -> str:
    return ""


TABLE_VALUE = re.compile(
    r"^(?P<pre>近|约|超过)?(?P<num>[\d.,]+|[零〇一二两三四五六七八九十百千万]+)(?P<bound>余|多)?\s*(?P<unit>%|[\u4e00-\u9fff]{0,4})?(?P<post>以上|左右)?$"
)


def _table(doc: TableDoc, doc_id: str, registry, strict: bool) -> Processed:
    """Table rows as facts; a row that cannot be placed is set aside with its reason."""
    cat = catalog.load()
    facts, problems = [], list(doc.problems)
    for row in doc.rows:
        where = f"{row.sheet}!{row.cell}" if row.sheet else row.cell
        agency = registry.resolve(normalise(row.agency)) if registry is not None else None
        if agency is None and strict:
            problems.append(
                f"{where}：未知单位“{row.agency}”（请在 data/registry/agencies.csv 中添加或设为别名）"
            )
            continue
        ind = cat.resolve(normalise(row.indicator))
        if ind is None:
            problems.append(
                f"{where}：未知指标“{row.indicator}”（可用指标代码或中文名，见 etl/catalog.toml）"
            )
            continue
        year = re.sub(r"\s*年度?$", "", normalise(row.year).strip())
        if not re.fullmatch(r"(?:19|20)\d{2}(?:\.0)?", year):
            problems.append(f"{where}：年度“{row.year}”不是年份")
            continue
        if int(float(year)) > date.today().year:
            problems.append(f"{where}：年度“{row.year}”晚于今年")
            continue
        m = TABLE_VALUE.match(normalise(row.value).strip())
        value = parse_number(m.group("num")) if m else None
        if value is None or not math.isfinite(value):
            problems.append(f"{where}：数值“{row.value}”不是数字")
            continue
        why = impossible(value, ind.unit)
        if why:
            problems.append(f"{where}：数值“{row.value}”{why}")
            continue
        qual = None
        for g in ("pre", "bound", "post"):
            if m.group(g):
                qual = {"近": "about", "约": "about", "左右": "about"}.get(m.group(g), "at_least")
        name = agency.name_zh if agency else row.agency
        quote = row.quote or " | ".join(
            x for x in (row.agency, row.year, row.indicator, row.value + (row.unit or "")) if x
        )
        facts.append(
            Fact(
                name,
                int(float(year)),
                ind.id,
                value,
                ind.unit,
                qual,
                quote,
                0,
                0,
                rule="table",
                location=where,
                method="table",
            )  # fmt: skip
        )
    return Processed(
        path=doc.path, doc_id=doc_id, kind="table", format=doc.format, encoding=doc.encoding,
        title=doc.path.stem, agency=None, year=None, text=None, facts=facts, problems=problems,
    )  # fmt: skip
