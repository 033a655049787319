"""Build the warehouse from data/: find files, process them in parallel, load, swap.

    build(data_dir, db_path) -> Summary

Every file under data_dir (recursively, sorted) is processed with
`pipeline.process_file(path, registry, strict=True)` in a process pool. A file it cannot
use is rejected with a reason; a table row set aside is a "problem" stored beside the
rejected files. A report whose agency or year cannot be found is parked (rejected_file
kind 'unidentified', with its doc_id and the beginning of its text) until an editor
assigns them in data/assignments.csv (etl.assignments), which every build applies by
doc_id. The same content under two names (same doc_id) counts once. The result
is written by `etl.warehouse.write`, which swaps the new file in atomically. The build is
deterministic: the same data gives the same warehouse content (only load_run differs).
"""

from __future__ import annotations

import contextlib
import operator
import os
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from etl import catalog as catalog_mod
from etl import pipeline, scan_progress, warehouse
from etl.model import ReadError
from etl.paths import ASSIGNMENTS_FILE, CORRECTIONS_FILE, REGISTRY_FILE
from etl.registry import Registry

SKIP_SUFFIXES = {".md"}
ROW_SKIPPED = "这一行已跳过，文件的其余内容已载入"
IN_PROCESS_MAX = 16  # up to this many files, the pool costs more than it saves

Progress = Callable[[int, int], None]


@dataclass
class Failed:
    """A file process_file refused (or could not handle), with the reason to show."""

    reason: str
    detail: str = ""
    problems: list[str] = field(default_factory=list)  # rows set aside, of a refused table
    kind: str = "file"  # or pipeline.UNIDENTIFIED: parked until an editor assigns it
    doc_id: str | None = None  # the content hash of a parked report
    excerpt: str | None = None  # the beginning of a parked report's text
    candidates: list[tuple] = field(default_factory=list)  # CAND_FIELDS, of a parked report


@dataclass
class Summary:
    data_dir: str
    db_path: str
    files_seen: int = 0
    files_loaded: int = 0
    files_rejected: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, kept path)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    parked: list[str] = field(default_factory=list)  # rejected reports awaiting an assignment
    notes: list[tuple[str, str]] = field(default_factory=list)  # (path, note): not errors
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    facts_per_indicator: dict[str, int] = field(default_factory=dict)  # id -> n, catalog order
    facts: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # find, extract, assemble, write

    @property
    def exit_code(self) -> int:
        """0 when every file loaded; 3 when files were rejected or rows set aside."""
        return 3 if (self.rejected or self.problems) else 0

    def report_zh(self) -> str:
        """The summary in plain Chinese, for the terminal."""
        cat = catalog_mod.load()
        out = [f"数据仓库已生成：{self.db_path}"]
        out.append(
            f"共发现文件 {self.files_seen} 个：载入 {self.files_loaded} 个，"
            f"拒收 {self.files_rejected} 个，内容重复 {len(self.duplicates)} 个。"
        )
        if self.rejected:
            out.append("拒收的文件（修正后重新运行 python -m etl build）：")
            out += [f"  ✗ {p}：{r}" for p, r in self.rejected]
        if self.parked:
            out.append(
                f"其中 {len(self.parked)} 份报告无法确定单位或年度，已搁置：可在看板“审核”页为它们"
                f"指定单位和年度（记入 data/{ASSIGNMENTS_FILE}），下次构建即载入。"
            )
        if self.problems:
            out.append(f"跳过的数据行（{len(self.problems)} 行；所在文件的其余内容已载入）：")
            out += [f"  ✗ {p}：{r}" for p, r in self.problems]
        if self.duplicates:
            out.append("内容相同的文件只计一次：")
            out += [f"  = {p} 与 {k} 内容相同，已跳过" for p, k in self.duplicates]
        if self.notes:
            out.append("提示（不影响本次构建）：")
            out += [f"  · {p}：{n}" for p, n in self.notes]
        out.append(f"指标数据 {self.facts} 条：")
        if not self.facts_per_indicator:
            out.append("  （没有提取到任何指标）")
        for ind_id, n in self.facts_per_indicator.items():
            ind = cat.by_id.get(ind_id)
            name = f"{ind.zh}（{ind_id}）" if ind else ind_id
            out.append(f"  {name}：{n} 条")
        out.append(f"用时 {self.seconds:.1f} 秒。")
        return "\n".join(out)


# --- finding files ------------------------------------------------------------------------


def find_files(data_dir: Path, db_path: Path | None = None) -> list[Path]:
    """Every file a build looks at, in sorted order of its path relative to data_dir.

    Skipped: hidden files and folders, data_dir/registry/, data_dir/corrections.csv and
    data_dir/assignments.csv, *.md, and the warehouse with its WAL and temp files."""
    return [Path(data_dir, rel) for rel in _find_rel(Path(data_dir), db_path)]


def _find_rel(data_dir: Path, db_path: Path | None) -> list[str]:
    db_name, db_prefix = "", None  # the warehouse's folder relative to data_dir, + "/"
    if db_path:
        db_path = Path(db_path).resolve()
        db_name = db_path.name
        with contextlib.suppress(ValueError):
            rel = db_path.parent.relative_to(data_dir.resolve()).as_posix()
            db_prefix = "" if rel == "." else rel + "/"
    found: list[str] = []
    stack = [(os.fspath(data_dir), "")]  # (folder, its path relative to data_dir + "/")
    while stack:
        folder, prefix = stack.pop()
        top, beside_db = prefix == "", prefix == db_prefix
        with os.scandir(folder) as entries:
            for e in entries:
                name = e.name
                if name.startswith("."):
                    continue
                if beside_db and name.startswith(db_name):
                    continue  # the warehouse, its WAL, temp files and spill folder
                if e.is_dir(follow_symlinks=False):
                    if not (top and name == "registry"):
                        stack.append((e.path, prefix + name + "/"))
                    continue
                skip = (
                    e.is_dir()  # a symlinked folder is not followed (as os.walk: no loops)
                    or os.path.splitext(name)[1].lower() in SKIP_SUFFIXES
                    or (top and name in (CORRECTIONS_FILE, ASSIGNMENTS_FILE))
                )
                if not skip:
                    found.append(prefix + name)
    found.sort()
    return found


def origin_of(rel: str) -> str:
    """Files under data/demo/ are demo data; all others are real."""
    return "demo" if rel.split("/", 1)[0] == "demo" else "real"


# --- processing ---------------------------------------------------------------------------

FACT_FIELDS = ("agency", "year", "indicator", "value", "unit", "qualifier", "quote", "start",
               "end", "num_start", "num_end", "location", "rule", "method")  # fmt: skip
_fact_tuple = operator.attrgetter(*FACT_FIELDS)
CAND_FIELDS = ("agency", "year", "indicator", "value", "unit", "reason", "quote", "start", "end",
               "num_start", "num_end", "location")  # fmt: skip
_cand_tuple = operator.attrgetter(*CAND_FIELDS)
CLAIM_FIELDS = ("agency", "year", "indicator", "kind", "value", "unit", "about_year", "qualifier",
                "quote", "start", "end", "num_start", "num_end", "location")  # fmt: skip
_claim_tuple = operator.attrgetter(*CLAIM_FIELDS)


@dataclass
class Doc:
    """What the build keeps of a Processed: compact, so that 20,000 of them cross from the
    worker processes cheaply (facts as tuples in FACT_FIELDS order)."""

    doc_id: str
    kind: str
    format: str
    encoding: str | None
    title: str
    agency: str | None
    year: int | None
    text: str | None
    facts: list[tuple]
    problems: list[str]
    year_source: str | None = None
    agency_source: str | None = None
    notes: list[str] | None = None
    candidates: list[tuple] | None = None  # CAND_FIELDS order
    claims: list[tuple] | None = None  # CLAIM_FIELDS order

    @classmethod
    def of(cls, p: pipeline.Processed) -> Doc:
        return cls(p.doc_id, p.kind, p.format, p.encoding, p.title, p.agency, p.year, p.text,
                   [_fact_tuple(f) for f in p.facts], list(p.problems), p.year_source,
                   p.agency_source, list(p.notes),
                   [_cand_tuple(c) for c in p.candidates],
                   [_claim_tuple(c) for c in p.claims])  # fmt: skip


Assigned = dict[str, tuple[str, int]]  # doc_id -> (agency, year), from data/assignments.csv

_worker_registry: Registry | None = None
_worker_strict = True
_worker_assigned: Assigned = {}


def _init_worker(
    registry: Registry, strict: bool, assigned: Assigned | None = None, pages=None
) -> None:
    global _worker_registry, _worker_strict, _worker_assigned
    _worker_registry, _worker_strict, _worker_assigned = registry, strict, assigned or {}
    scan_progress.listen_in_worker(pages)  # a scan's pages, told to the build as they go


def _work(path: Path) -> Doc | Failed:
    r = process_one(path, _worker_registry, strict=_worker_strict, assigned=_worker_assigned)
    return r if isinstance(r, Failed) else Doc.of(r)


def process_one(
    path: Path, registry: Registry, *, strict: bool, assigned: Assigned | None = None
) -> pipeline.Processed | Failed:
    """process_file, with a refusal turned into a Failed (so it crosses processes).
    assigned: the editors' assignments of parked reports, by doc_id."""
    try:
        return pipeline.process_file(path, registry, strict=strict, assignments=assigned)
    except pipeline.Rejected as e:
        return Failed(
            e.reason,
            e.detail or "",
            **_parked(e),
            candidates=[_cand_tuple(c) for c in e.candidates],
        )
    except ReadError as e:
        return Failed(e.reason, "")
    except NotImplementedError:
        raise
    except Exception as e:  # a bug met on one file must not stop the whole build
        return Failed(
            f"处理该文件时程序出错（{type(e).__name__}: {e}）；请把这个文件交给维护人员",
            traceback.format_exc(limit=5),
        )


def _parked(e: pipeline.Rejected) -> dict:
    """What a Failed keeps of a parked report: its kind, doc_id and the start of its text."""
    if isinstance(e, pipeline.Parked):
        return {"kind": e.kind, "doc_id": e.doc_id, "excerpt": e.excerpt}
    return {}


def process_all(
    paths: list[Path],
    registry: Registry,
    *,
    strict: bool = True,
    workers: int | None = None,
    progress: Progress | None = None,
    assigned: Assigned | None = None,
) -> list[Doc | Failed]:
    """process_file over every path, in order, as Doc (or Failed); in a process pool
    (chunked, so 20,000 small files are cheap) unless there are only a few files.
    assigned: the editors' assignments of parked reports, by doc_id. A progress callback
    that takes a message also hears each page of a scan as OCR reaches it (scan_progress)."""
    total = len(paths)
    workers = max(1, workers or os.cpu_count() or 1)
    results: list = []
    if progress:
        progress(0, total)
    pool = None
    pages = scan_progress.PageReports(progress, total)
    if workers == 1 or total <= IN_PROCESS_MAX:
        _init_worker(registry, strict, assigned)
        pages.in_process()
        it: Iterable = map(_work, paths)
    else:
        chunk = max(1, min(100, total // (workers * 8)))
        pool = ProcessPoolExecutor(
            max_workers=min(workers, total),
            initializer=_init_worker,
            initargs=(registry, strict, assigned, pages.for_workers()),
        )
        if pages.queue is None:
            it = pool.map(_work, paths, chunksize=chunk)
        else:
            it = scan_progress.in_order(pool, _work, paths, chunk, pages.poll)
    try:
        step = max(1, total // 200)
        for n, r in enumerate(it, start=1):
            results.append(r)
            pages.files_done = n
            if progress and (n % step == 0 or n == total):
                progress(n, total)
    finally:
        pages.close()
        if pool:
            pool.shutdown(cancel_futures=True)
    return results


# --- corrections (hook) -------------------------------------------------------------------


def apply_corrections(
    data_dir: Path, rows: warehouse.Rows, registry: Registry
) -> list[tuple[str, str]]:
    """Apply data_dir/corrections.csv (etl.corrections) to the facts in `rows`.

    For each (agency, year, indicator) the last row of the file wins. Its facts with
    value == old_value (every fact of the key when old_value is empty) get the row's
    status ('verified' | 'corrected' | 'rejected'); a 'corrected' row also adds a fact
    with method 'correction', doc_id NULL, value new_value and status 'verified' (quote:
    the reason; location: the file's line). Returns (path, reason) for every row that could
    not be used (bad row, unknown agency, no value to verify), for the build summary."""
    from etl import corrections

    good, bad = corrections.read(corrections.path_in(data_dir))
    problems = [(corrections.FILE_NAME, reason) for _, reason in bad]
    if not good:
        return problems
    cat = catalog_mod.load()
    facts = rows.tables["fact"]
    by_key: dict[tuple, list[int]] = {}
    for i, f in enumerate(facts):
        by_key.setdefault((f[2], f[3], f[4]), []).append(i)
    status_col = len(warehouse.COLUMNS["fact"]) - 1
    for c in corrections.latest(good):
        a = registry.by_id.get(c.agency) or registry.resolve(c.agency)
        if a is None:
            problems.append((corrections.FILE_NAME, (
                f"第{c.line}行：单位“{c.agency}”不在机构登记表中，该更正未采用；请在 "
                f"data/{REGISTRY_FILE.as_posix()} 中加上它（或其别名），或改正单位名称"
            )))  # fmt: skip
            continue
        idx = by_key.get((a.agency_id, c.year, c.indicator), [])
        hit = [i for i in idx if c.old_value is None or _same(facts[i][5], c.old_value)]
        for i in hit:
            f = facts[i]
            facts[i] = (*f[:status_col], c.status)
        if not hit and c.status != "corrected":
            shown = "" if c.old_value is None else f"数值为 {corrections._fmt(c.old_value)} 的"
            problems.append((corrections.FILE_NAME, (
                f"第{c.line}行：{a.name_zh} {c.year}年“{cat.by_id[c.indicator].zh}”没有"
                f"{shown}提取结果，该{corrections.STATUS_ZH[c.status]}未起作用；请核对原数值"
            )))  # fmt: skip
        if c.status == "corrected":
            ind = cat.by_id[c.indicator]
            facts.append(
                (len(facts) + 1, None, a.agency_id, c.year, c.indicator, c.new_value, ind.unit,
                 None, c.reason or corrections.STATUS_ZH["corrected"], 0, 0, 0, 0, c.location,
                 "correction", "correction", "real", "verified")
            )  # fmt: skip
    return problems


def _same(value, old: float) -> bool:
    return value is not None and abs(float(value) - old) <= 1e-9 * max(1.0, abs(old))


# --- the build ----------------------------------------------------------------------------


def build(
    data_dir: Path,
    db_path: Path,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Summary:
    """Build the warehouse at db_path from data_dir. See the module docstring."""
    t0 = time.perf_counter()
    started = datetime.now()
    data_dir, db_path = Path(data_dir), Path(db_path)
    if not data_dir.is_dir():
        raise FileNotFoundError(f"数据文件夹不存在：{data_dir}")
    warehouse.clean_stale(db_path)
    registry = Registry.load(data_dir)
    cat = catalog_mod.load()
    summary = Summary(data_dir=str(data_dir), db_path=str(db_path))
    rows = warehouse.Rows()
    _registry_rows(rows, registry, cat)
    assigned = _assignments(data_dir, registry, summary, rows)

    # Every file goes to process_file, whatever its name: the readers tell a file by its
    # content and refuse an unsupported type with a reason that says what to do.
    rels = _find_rel(data_dir, db_path)
    summary.files_seen = len(rels)
    summary.phases["find"] = time.perf_counter() - t0
    results = process_all(
        [data_dir / r for r in rels], registry, workers=workers, progress=progress,
        assigned={k: (a.agency, a.year) for k, a in assigned.items()},
    )  # fmt: skip
    summary.phases["extract"] = time.perf_counter() - t0 - sum(summary.phases.values())

    # Refusals, and the documents to keep: the same doc_id twice is kept once (real before
    # demo, then the first path); the other paths become its duplicate_paths.
    agencies = _Lookup(registry.resolve)
    indicators = _Lookup(cat.resolve)
    kept: dict[str, tuple[str, Doc]] = {}
    dups: dict[str, list[str]] = {}
    seen: dict[str, str] = {}  # doc_id -> kind, of every file that could be read
    for rel, r in zip(rels, results, strict=True):
        if isinstance(r, Doc):
            seen[r.doc_id] = r.kind
            r = _check_doc(r, registry, agencies, indicators)
        if isinstance(r, Failed):
            for problem in r.problems:
                summary.problems.append((rel, problem))
                _reject(rows, rel, problem, "整个表格未载入", kind="row")
            summary.rejected.append((rel, r.reason))
            _reject(rows, rel, r.reason, r.detail or None, kind=r.kind, doc_id=r.doc_id,
                    excerpt=r.excerpt)  # fmt: skip
            if r.kind == pipeline.UNIDENTIFIED:
                summary.parked.append(rel)
                seen[r.doc_id] = "report"
            _candidate_rows(rows, None, rel, r.candidates, agencies, indicators)
        elif r.doc_id not in kept:
            kept[r.doc_id] = (rel, r)
            dups[r.doc_id] = []
        elif origin_of(kept[r.doc_id][0]) == "demo" and origin_of(rel) == "real":
            dups[r.doc_id].append(kept[r.doc_id][0])
            kept[r.doc_id] = (rel, r)
        else:
            dups[r.doc_id].append(rel)

    doc_rows, fact_rows = [], []
    per_indicator: Counter = Counter()
    for doc_id, (rel, d) in sorted(kept.items(), key=lambda kv: kv[1][0]):
        origin = origin_of(rel)
        others = sorted(dups[doc_id])
        summary.duplicates += [(o, rel) for o in others]
        facts = []
        for f in d.facts:
            (agency, year, indicator, value, unit, qualifier, quote,
             start, end, num_start, num_end, location, rule, method) = f  # fmt: skip
            a, ind = agencies(agency), indicators(indicator)
            if a is None or ind is None:
                where = location or f"第{start}字"
                reason = (
                    f"{where}：机构“{agency}”不在机构登记表中，该条数据未载入；请在 "
                    f"data/{REGISTRY_FILE.as_posix()} 中加上它（或其别名）"
                    if a is None
                    else f"{where}：指标“{indicator}”不在指标目录中，该条数据未载入"
                )
                summary.problems.append((rel, reason))
                _reject(rows, rel, reason, quote, kind="row")
                continue
            facts.append((a, ind, f))
        for problem in d.problems:
            summary.problems.append((rel, problem))
            _reject(rows, rel, problem, ROW_SKIPPED, kind="row")
        agency_id, year = _doc_agency_year(d, facts, agencies)
        _candidate_rows(rows, doc_id, rel, d.candidates or [], agencies, indicators)
        _claim_rows(rows, doc_id, rel, d.claims or [], agencies, indicators)
        doc_rows.append(
            (doc_id, agency_id, year, d.title or Path(rel).stem, rel, d.kind, d.format,
             d.encoding, origin, d.text, len(facts), "|".join(others) or None)
        )  # fmt: skip
        for a, ind, f in facts:
            (_, year, _, value, unit, qualifier, quote,
             start, end, num_start, num_end, location, rule, method) = f  # fmt: skip
            per_indicator[ind.id] += 1
            fact_rows.append(
                (len(fact_rows) + 1, doc_id, a.agency_id, int(year), ind.id,
                 None if value is None else float(value), unit or ind.unit, qualifier, quote,
                 start, end, num_start, num_end, location or "", rule or "", method or "text",
                 origin, "unverified")
            )  # fmt: skip
    rows.extend("document", doc_rows)
    rows.extend("document_year", [(doc_id, d.year_source, d.agency_source, "；".join(d.notes or []) or None)
                                  for doc_id, (_, d) in sorted(kept.items(), key=lambda kv: kv[1][0])
                                  if d.year_source])  # fmt: skip
    rows.extend("fact", fact_rows)
    for path, reason in apply_corrections(data_dir, rows, registry):
        summary.problems.append((path, reason))
        _reject(rows, path, reason, "更正记录", kind="correction")
    summary.notes += _unused_assignments(assigned, seen)

    summary.files_loaded = len(kept)
    summary.files_rejected = len(summary.rejected)
    summary.facts = rows.count("fact")
    summary.facts_per_indicator = {
        i.id: per_indicator[i.id] for i in cat.indicators if per_indicator[i.id]
    }
    rows.add(
        "load_run",
        run_id=uuid.uuid4().hex,
        started_at=started,
        finished_at=datetime.now(),
        data_dir=str(data_dir.resolve()),
        files_seen=summary.files_seen,
        files_loaded=summary.files_loaded,
        files_rejected=summary.files_rejected,
        facts=summary.facts,
    )
    summary.phases["assemble"] = time.perf_counter() - t0 - sum(summary.phases.values())
    warehouse.write(db_path, rows)
    summary.seconds = time.perf_counter() - t0
    summary.phases["write"] = summary.seconds - sum(summary.phases.values())
    return summary


class _Lookup:
    """A memo of a name -> object resolver (the same few names recur 200,000 times)."""

    def __init__(self, resolve):
        self.resolve, self.memo = resolve, {}

    def __call__(self, name):
        try:
            return self.memo[name]
        except KeyError:
            found = self.memo[name] = self.resolve(name)
            return found


def _candidate_rows(rows, doc_id, rel, candidates, agencies, indicators) -> None:
    """Candidate rows of one file (agency and indicator ids where known)."""
    n = rows.count("candidate")
    out = []
    for (agency, year, indicator, value, unit, reason, quote, start, end, num_start, num_end,
         location) in candidates:  # fmt: skip
        a = agencies(agency) if agency else None
        ind = indicators(indicator) if indicator else None
        out.append((n + len(out) + 1, doc_id, rel, a.agency_id if a else None, year,
                    ind.id if ind else None, float(value), unit, reason, quote, start, end,
                    num_start, num_end, location or ""))  # fmt: skip
    rows.extend("candidate", out)


def _claim_rows(rows, doc_id, rel, claims, agencies, indicators) -> None:
    """Claim rows of one report (etl/extract/claims.py); checked after the build resolves
    its values (etl/check.py)."""
    n = rows.count("claim")
    out = []
    for (agency, year, indicator, kind, value, unit, about_year, qualifier, quote, start, end,
         num_start, num_end, location) in claims:  # fmt: skip
        a, ind = agencies(agency), indicators(indicator)
        if a is None or ind is None:
            continue  # its fact was not loaded either (a row of rejected_file says why)
        out.append((n + len(out) + 1, doc_id, a.agency_id, int(year), ind.id, kind,
                    None if value is None else float(value), unit, int(about_year), qualifier,
                    quote, start, end, num_start, num_end, location or "", origin_of(rel)))  # fmt: skip
    rows.extend("claim", out)


def _reject(rows: warehouse.Rows, path: str, reason: str, detail: str | None, *, kind: str,
            doc_id: str | None = None, excerpt: str | None = None) -> None:  # fmt: skip
    """One rejected_file row. kind: file (a file refused), row (a row or value set aside, the
    rest of its file loaded), correction, assignment (a row of those files), unidentified
    (a report parked until an editor assigns its agency and year)."""
    rows.add("rejected_file", path=path, reason=reason, detail=detail, kind=kind,
             doc_id=doc_id, excerpt=excerpt)  # fmt: skip


def _assignments(data_dir: Path, registry: Registry, summary: Summary, rows: warehouse.Rows):
    """The usable rows of data_dir/assignments.csv, the last per doc_id; a row that cannot
    be used (bad doc_id, agency not in the registry, impossible year) is a problem of the
    build with its reason, and the report it names stays parked."""
    from etl import assignments

    good, bad = assignments.read(assignments.path_in(data_dir), registry)
    for _, reason in bad:
        summary.problems.append((ASSIGNMENTS_FILE, reason))
        _reject(rows, ASSIGNMENTS_FILE, reason, "指定记录", kind="assignment")
    return assignments.latest(good)


def _unused_assignments(assigned: dict, seen: dict[str, str]) -> list[tuple[str, str]]:
    """Notes (not errors) on assignments that name no report of this build."""
    notes = []
    for a in assigned.values():
        was = f"（指定时为 {a.path}）" if a.path else ""
        if a.doc_id not in seen:
            notes.append((ASSIGNMENTS_FILE, f"第{a.line}行：没有内容相同的文件{was}，文件已修改或"
                          "删除；这一行不再起作用，可以不管"))  # fmt: skip
        elif seen[a.doc_id] != "report":
            notes.append((ASSIGNMENTS_FILE, f"第{a.line}行：该文件是表格{was}，表格的单位和年度"
                          "取自各行；这一行不起作用"))  # fmt: skip
    return notes


def _check_doc(d: Doc, registry: Registry, agencies, indicators) -> Doc | Failed:
    """A report whose reporting agency is not in the registry is refused, never dropped
    (process_file(strict=True) already does this; this is the build's own guard). A table
    none of whose rows can be loaded is refused too, with the reasons of its rows."""
    if d.kind == "table":
        if any(agencies(f[0]) and indicators(f[2]) for f in d.facts):
            return d
        return Failed(
            "表格中没有一行可以载入（各行的原因见“跳过的数据行”）；请按原因修改后重新构建",
            problems=d.problems,
        )
    parked = {"kind": pipeline.UNIDENTIFIED, "doc_id": d.doc_id,
              "excerpt": (d.text or "").strip()[: pipeline.EXCERPT_CHARS]}  # fmt: skip
    if not d.agency or registry.resolve(d.agency) is None:
        return Failed(
            f"报告的机构“{d.agency or '（标题中没有机构名）'}”不在机构登记表中；"
            f"请在 data/{REGISTRY_FILE.as_posix()} 中加上它（或其别名）后重新构建",
            **parked,
        )
    if not d.year:
        return Failed("报告标题中没有年度（例如“2018年度”）；请在标题中写明报告的年度", **parked)
    return d


def _doc_agency_year(d: Doc, facts, agencies) -> tuple[str, int]:
    """A report's own agency and year; for a table, the first agency in registry order
    among its rows and the latest year (a table without a usable row is refused)."""
    agency = agencies(d.agency) if d.agency else None
    if agency is None and facts:
        agency = min((a for a, _, _ in facts), key=lambda a: (a.sort_order, a.agency_id))
    year = d.year or max((int(f[1]) for _, _, f in facts), default=0)
    return (agency.agency_id if agency else ""), int(year)


def _registry_rows(rows: warehouse.Rows, registry: Registry, cat) -> None:
    for a in registry.agencies:
        rows.add(
            "agency",
            agency_id=a.agency_id,
            name_zh=a.name_zh,
            short_zh=a.short_zh,
            name_en=a.name_en,
            short_en=a.short_en,
            parent_id=a.parent_id,
            kind=a.kind,
            sort_order=a.sort_order,
            region=a.region,
        )
        # Every name a user may type for it (canonical, short, aliases), as the registry
        # resolves them (a name claimed by two agencies goes to the first).
        for name in dict.fromkeys((a.name_zh, a.short_zh, *a.aliases)):
            if registry.resolve(name) is a:
                rows.add("agency_alias", alias=name, agency_id=a.agency_id)
    for i in cat.indicators:
        area = cat.areas[i.area]
        rows.add(
            "indicator",
            indicator_id=i.id,
            name_zh=i.zh,
            name_en=i.en,
            unit=i.unit,
            unit_en=i.unit_en,
            area=i.area,
            area_zh=area.zh,
            area_en=area.en,
            sort_order=i.order,
            headline=i.headline,
        )
