"""Build the warehouse from data/: find the files, process them in parallel, assemble the
rows, write and swap.

    build(data_dir, db_path) -> Summary

Every file under data_dir (recursively, sorted) is processed with
`pipeline.process_file(path, registry, strict=True)` in a process pool (etl/process.py). A
file it cannot use is rejected with a reason; a table row set aside is a "problem" stored
beside the rejected files. A report whose agency or year cannot be found is parked
(rejected_file kind 'unidentified', with its doc_id and the beginning of its text) until an
editor assigns them in data/assignments.csv (etl.assignments), which every build applies by
doc_id. The same content under two names (same doc_id) counts once. etl/assemble.py turns
the results into rows, data/corrections.csv is applied (etl.corrections), and
`etl.warehouse.write` writes the file and swaps it in atomically. The build is
deterministic: the same data gives the same warehouse content (only load_run differs).
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from etl import catalog as catalog_mod
from etl import corrections, heap, warehouse
from etl.assemble import Assembly
from etl.paths import ASSIGNMENTS_FILE, CORRECTIONS_FILE
from etl.process import Progress, process_all
from etl.registry import Registry

SKIP_SUFFIXES = {".md"}
WAREHOUSE_FILE = re.compile(r"\.duckdb(?:$|\.)", re.IGNORECASE)


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
    # CPU seconds of this process (all its threads: the pool's result reader, DuckDB's) per
    # phase: on a busy machine wall time says little of what the build itself costs.
    phases_cpu: dict[str, float] = field(default_factory=dict)

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
                    # any warehouse kept in the data folder (data/warehouse.duckdb, the app's,
                    # when a build writes elsewhere), its WAL and temp files: never a report
                    or WAREHOUSE_FILE.search(name) is not None
                    or (top and name in (CORRECTIONS_FILE, ASSIGNMENTS_FILE))
                )
                if not skip:
                    found.append(prefix + name)
    found.sort()
    return found


def build(
    data_dir: Path,
    db_path: Path,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Summary:
    """Build the warehouse at db_path from data_dir. See the module docstring."""
    t0 = time.perf_counter()
    clock = [t0, time.process_time()]  # when the last phase ended: wall, CPU
    started = datetime.now()
    data_dir, db_path = Path(data_dir), Path(db_path)
    if not data_dir.is_dir():
        raise FileNotFoundError(f"数据文件夹不存在：{data_dir}")
    warehouse.clean_stale(db_path)
    registry = Registry.load(data_dir)
    cat = catalog_mod.load()
    summary = Summary(data_dir=str(data_dir), db_path=str(db_path))

    def phase_done(name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        summary.phases[name], summary.phases_cpu[name] = wall - clock[0], cpu - clock[1]
        clock[:] = wall, cpu

    assembly = Assembly(registry, cat, summary)
    assembly.registry_rows()
    assigned = assembly.assignments(data_dir)

    # Every file goes to process_file, whatever its name: the readers tell a file by its
    # content and refuse an unsupported type with a reason that says what to do.
    rels = _find_rel(data_dir, db_path)
    summary.files_seen = len(rels)
    phase_done("find")
    # The results are millions of small objects, none in a cycle (etl/heap.py).
    with heap.collector_paused():
        # The paths as strings: a worker makes the Path (20,000 of them took 0.1-0.3 s here).
        top = os.path.join(data_dir, "")
        results = process_all(
            [top + r for r in rels], registry, workers=workers, progress=progress,
            assigned={k: (a.agency, a.year) for k, a in assigned.items()},
            meanwhile=warehouse.prepare,  # the write's one-time costs, while the workers work
        )  # fmt: skip
        phase_done("extract")

        seen = assembly.files(rels, results)
        rows = assembly.rows
        for path, reason in corrections.apply(data_dir, rows.columns["fact"], registry):
            assembly.problem(path, reason, "更正记录", kind="correction")
        assembly.unused_assignments(assigned, seen)

        summary.files_rejected = len(summary.rejected)
        summary.facts = rows.count("fact")
        summary.facts_per_indicator = {
            i.id: assembly.per_indicator[i.id]
            for i in cat.indicators
            if assembly.per_indicator[i.id]
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
        phase_done("assemble")
        warehouse.write(db_path, rows)
        phase_done("write")
        summary.seconds = clock[0] - t0
        # Freed while the collector is still paused: resumed with them alive, its first
        # pass walked every object made since the pause (0.3 CPU s at 20,000 reports).
        del results, rows, assembly, seen
    return summary
