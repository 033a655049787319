"""Every file of a build through `pipeline.process_file`, in a process pool, and what
comes back across the processes: a Doc (facts, candidates and claims as plain tuples,
cheap to send 20,000 times) or a Failed (the reason a file was refused or parked).

    process_all(paths, registry, workers=None, progress=None, assigned=None) -> [Doc | Failed]
    process_one(path, registry, strict=…)  -> pipeline.Processed | Failed   (no pool)
"""

from __future__ import annotations

import contextlib
import gc
import operator
import os
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from pathlib import Path

from etl import heap, pipeline, scan_progress
from etl.extract.claims import Claim
from etl.model import Candidate, Fact, ReadError
from etl.registry import Registry

IN_PROCESS_MAX = 16  # up to this many files, the pool costs more than it saves

Progress = Callable[..., None]  # (files done, files) and, for a scan's page, (…, ScanPage)
Assigned = dict[str, tuple[str, int]]  # doc_id -> (agency, year), from data/assignments.csv


def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


# A fact (names as yet unresolved), a number set aside with its reason and a claim about
# another year cross from a worker as plain tuples of the fields of etl.model.Fact,
# etl.model.Candidate and etl.extract.claims.Claim, in these orders; the build reads them by
# name through the orders (etl/assemble.py). A plain tuple pickles and unpickles in a third of
# the time of a named tuple, each of which was made again by a Python call when unpickled
# (the 230,000 facts of 20,000 reports: 0.99 s → 0.42 s to pickle, 0.37 s → 0.23 s back).
# A report's facts go as columns (a tuple of each field's values): the build extends the
# warehouse's columns with them instead of making a row of every fact (etl/assemble.py).
FACT_FIELDS, CANDIDATE_FIELDS, CLAIM_FIELDS = _fields(Fact), _fields(Candidate), _fields(Claim)
NO_FACTS = ((),) * len(FACT_FIELDS)

# record -> its row: attrgetter of several names gives a plain tuple
fact_row = operator.attrgetter(*FACT_FIELDS)
candidate_row = operator.attrgetter(*CANDIDATE_FIELDS)
claim_row = operator.attrgetter(*CLAIM_FIELDS)


@dataclass
class Failed:
    """A file process_file refused (or could not handle), with the reason to show."""

    reason: str
    detail: str = ""
    problems: list[str] = field(default_factory=list)  # rows set aside, of a refused table
    kind: str = "file"  # or pipeline.UNIDENTIFIED: parked until an editor assigns it
    doc_id: str | None = None  # the content hash of a parked report
    excerpt: str | None = None  # the beginning of a parked report's text
    candidates: list[tuple] = field(default_factory=list)  # of a parked report

    def candidate_records(self) -> list[Candidate]:
        """The candidates as etl.model.Candidate (they cross as tuples of its fields)."""
        return [Candidate(*c) for c in self.candidates]


@dataclass
class Doc:
    """What the build keeps of a Processed: compact, so that 20,000 of them cross from the
    worker processes cheaply."""

    doc_id: str
    kind: str
    format: str
    encoding: str | None
    title: str
    agency: str | None
    year: int | None
    # The text as UTF-8: the build hands it to Arrow as it came (20,000 reports' texts as
    # str took Arrow 0.4-0.7 CPU s to encode in the build's process; encoded here, 0.04 s
    # spread over the workers, and they unpickle in a third of the time). text_str() reads it.
    text: bytes | None
    facts: tuple[tuple, ...]  # columns: one tuple of values per field of FACT_FIELDS
    problems: list[str]
    year_source: str | None = None
    agency_source: str | None = None
    notes: list[str] | None = None
    candidates: list[tuple] | None = None
    claims: list[tuple] | None = None

    @property
    def n_facts(self) -> int:
        return len(self.facts[0])

    def text_str(self) -> str | None:
        return None if self.text is None else self.text.decode("utf-8", "surrogatepass")

    @classmethod
    def of(cls, p: pipeline.Processed) -> Doc:
        facts = tuple(zip(*map(fact_row, p.facts), strict=True)) or NO_FACTS
        # surrogatepass: a text Python cannot encode fails the write, as it did as a str
        # (Arrow refuses it), not the worker
        text = None if p.text is None else p.text.encode("utf-8", "surrogatepass")
        return cls(p.doc_id, p.kind, p.format, p.encoding, p.title, p.agency, p.year, text,
                   facts, list(p.problems), p.year_source,
                   p.agency_source, list(p.notes),
                   [candidate_row(c) for c in p.candidates],
                   [claim_row(c) for c in p.claims])  # fmt: skip


_worker_registry: Registry | None = None
_worker_strict = True
_worker_assigned: Assigned = {}


def _init_worker(
    registry: Registry, strict: bool, assigned: Assigned | None = None, pages=None
) -> None:
    global _worker_registry, _worker_strict, _worker_assigned
    _worker_registry, _worker_strict, _worker_assigned = registry, strict, assigned or {}
    scan_progress.listen_in_worker(pages)  # a scan's pages, told to the build as they go


def _init_pool_worker(*args) -> None:
    gc.enable()  # forked from a build that paused it (etl/heap.py): reading makes cycles
    _init_worker(*args)


# A few lines of a report, read in the build's own process before its pool forks: what the
# first report of each worker would otherwise compile and load (the readers' modules, the
# catalog's patterns, the extractor's, the normalisation table: 0.4-0.5 s of CPU a process) is then made once and
# shared with the workers by the fork.
_WARM_TEXT = (
    "区科技局２０２０年度法治政府建设情况报告\n"
    "一、全年开展执法检查12次，比上年增加2次，办理行政许可申请5件，其中网上办理3件。\n"
    "主动公开政府信息120条，受理政府信息公开申请2件，举办法治讲座3场，参训45人次。\n"
    "全年未发生行政复议案件和行政诉讼案件。审批时限由20个工作日压缩至5个工作日，压缩了75%。\n"
    "区知识产权局查处专利案件4起。\n"
)


def _warm(registry: Registry | None) -> None:
    """Read _WARM_TEXT as a report (the result is dropped). Only caches of pure functions
    are filled: what the workers extract is the same with or without it."""
    from etl.readers.dispatch import read_file  # (and the readers it imports)

    with contextlib.suppress(Exception):  # a warm-up never stops a build
        doc = read_file(Path("warm/区科技局/2020/warm.txt"), _WARM_TEXT.encode())
        pipeline._report(doc, "warm", registry, False, None)


def _work(path: Path | str) -> Doc | Failed:
    r = process_one(Path(path), _worker_registry, strict=_worker_strict, assigned=_worker_assigned)
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
            candidates=[candidate_row(c) for c in e.candidates],
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
    paths: list[Path] | list[str],
    registry: Registry,
    *,
    strict: bool = True,
    workers: int | None = None,
    progress: Progress | None = None,
    assigned: Assigned | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> list[Doc | Failed]:
    """process_file over every path, in order, as Doc (or Failed); in a process pool
    (chunked, so 20,000 small files are cheap) unless there are only a few files.
    assigned: the editors' assignments of parked reports, by doc_id. A progress callback
    that takes a message also hears each page of a scan as OCR reaches it (scan_progress).
    meanwhile: called once in this process when the first result is in, so after the
    pool's workers were forked (no thread of its own: a fork beside a thread importing a
    module can leave the child's import lock held), while they work on the rest."""
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
        _warm(registry)
        # The objects made so far (the registry, modules, the patterns just compiled) are
        # left out of the collector's passes, here and in the forked workers: a worker's
        # collections would otherwise walk them again and again and write to every page
        # that holds them (copy-on-write faults). Back in after the pool (finally).
        gc.freeze()
        pool = ProcessPoolExecutor(
            max_workers=min(workers, total),
            initializer=_init_pool_worker,
            initargs=(registry, strict, assigned, pages.for_workers()),
        )
        if pages.queue is None:
            it = pool.map(_work, paths, chunksize=chunk)
        else:
            it = scan_progress.in_order(pool, _work, paths, chunk, pages.poll)
    # Files read in this process are read with the garbage collector on (etl/heap.py).
    collector = heap.collector_running() if pool is None else contextlib.nullcontext()
    try:
        with collector:
            step = max(1, total // 200)
            for n, r in enumerate(it, start=1):
                results.append(r)
                if n == 1 and meanwhile:
                    meanwhile()
                pages.files_done = n
                if progress and (n % step == 0 or n == total):
                    progress(n, total)
    finally:
        pages.close()
        if pool:
            pool.shutdown(cancel_futures=True)
            gc.unfreeze()
    return results
