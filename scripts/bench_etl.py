"""How fast is the build? Generate N reports and time scan, extract and the full build.

    python scripts/bench_etl.py [--reports 20000] [--seed 1] [--workers N] [--json]
    python -m etl bench --reports N --json      (the same: etl's CLI runs this script)

Prints one JSON object: reports, seconds (full build), reports_per_s, scan_seconds (read,
decode and one regex over every file, one process), ratio_to_scan, extract_seconds
(process_file over every file in the pool), build and extract CPU seconds, warehouse_mb,
facts with facts_sha256 (a hash of the sorted facts, so a speed change can show it left
them as they were), the build's phases (wall, and CPU of the build's own process), and a
few more. --json: on one line, and no
progress on stderr.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import synth  # noqa: E402
from etl.build import build, find_files  # noqa: E402
from etl.process import Doc, process_all  # noqa: E402
from etl.registry import Registry  # noqa: E402

SCAN_PATTERN = re.compile(r"\d+次")
# A fact as the warehouse holds it, its document by path (the temporary folder's name is not
# in it): what the facts' hash covers, and what scripts/compare_facts.py compares
FACT_COLUMNS = (
    "d.path, f.agency_id, f.year, f.indicator_id, f.value, f.qualifier, f.quote, "
    "f.span_start, f.span_end, f.num_start, f.num_end, f.location, f.rule"
)


def _cpu_seconds() -> float:
    """User + system CPU time of this process and of its finished children (the pool)."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _facts_sha256(db: Path) -> str:
    """A hash of every fact as the warehouse holds it (document path, agency, year,
    indicator, value, qualifier, quote, spans, location, rule), sorted, so a speed change
    can show it left the facts exactly as they were. The temporary folder's name is not in
    it: paths are relative to the data folder."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute("SET enable_progress_bar = false")  # drawn on stdout, where the JSON goes
        rows = con.execute(
            f"SELECT {FACT_COLUMNS} FROM fact f LEFT JOIN document d USING (doc_id) ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    h = hashlib.sha256()
    for row in rows:
        h.update(repr(row).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()[:16]


def bench(n: int = 20_000, *, seed: int = 1, workers: int | None = None, log=None) -> dict:
    """Generate n reports (synth), then time (a) a plain scan: read, decode, one regex,
    single process; (b) process_file over every file in the pool; (c) the full build into
    a temporary warehouse."""

    def say(msg):
        if log:
            log(msg)

    with tempfile.TemporaryDirectory(prefix="etl-bench-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        say(f"生成 {n} 份报告……")
        t = time.perf_counter()
        synth.generate_corpus(data, n, seed)
        gen_s = time.perf_counter() - t
        db = Path(tmp) / "warehouse.duckdb"
        paths = find_files(data, db)

        say("扫描（读取、解码、一个正则）……")
        t = time.perf_counter()
        hits = 0
        for p in paths:
            raw = p.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("gb18030", errors="replace")
            hits += len(SCAN_PATTERN.findall(text))
        scan_s = time.perf_counter() - t

        say("提取（process_file，进程池）……")
        registry = Registry.load(data)
        t, cpu = time.perf_counter(), _cpu_seconds()
        results = process_all(paths, registry, workers=workers)
        extract_s, extract_cpu = time.perf_counter() - t, _cpu_seconds() - cpu
        n_facts = sum(r.n_facts for r in results if isinstance(r, Doc))
        del results

        say("完整构建……")
        cpu = _cpu_seconds()
        summary = build(data, db, workers=workers)
        build_s, build_cpu = summary.seconds, _cpu_seconds() - cpu
        size_mb = db.stat().st_size / 1e6
        facts_sha = _facts_sha256(db)

    return {
        "reports": len(paths),
        "seconds": round(build_s, 3),
        "reports_per_s": round(len(paths) / build_s, 1) if build_s else None,
        "scan_seconds": round(scan_s, 3),
        "ratio_to_scan": round(build_s / scan_s, 1) if scan_s else None,
        "extract_seconds": round(extract_s, 3),
        # CPU seconds of this process and its workers: on a busy machine, wall time says
        # little; cpu / workers is what the same run takes on idle cores.
        "build_cpu_seconds": round(build_cpu, 1),
        "extract_cpu_seconds": round(extract_cpu, 1),
        "warehouse_mb": round(size_mb, 2),
        "generate_seconds": round(gen_s, 3),
        "files_loaded": summary.files_loaded,
        "files_rejected": summary.files_rejected,
        "facts": summary.facts,
        "facts_extract": n_facts,
        "facts_sha256": facts_sha,
        "scan_hits": hits,
        "workers": workers or os.cpu_count(),
        "build_phases": {k: round(v, 3) for k, v in summary.phases.items()},
        # the build's own process (not its workers), per phase: what the pool does not do
        "build_phases_cpu": {k: round(v, 3) for k, v in summary.phases_cpu.items()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--json", action="store_true", help="one line, no progress on stderr")
    args = ap.parse_args(argv)
    log = None if args.json else (lambda m: print(m, file=sys.stderr))
    result = bench(args.reports, seed=args.seed, workers=args.workers, log=log)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
