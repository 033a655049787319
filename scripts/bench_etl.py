"""How fast is the build? Generate N reports and time scan, extract and the full build.

    python scripts/bench_etl.py [--reports 20000] [--seed 1] [--workers N]

Prints one JSON object: reports, seconds (full build), reports_per_s, scan_seconds (read,
decode and one regex over every file, one process), ratio_to_scan, extract_seconds
(process_file over every file in the pool), warehouse_mb, and a few more. The same code
runs as `python -m etl bench --reports N --json` (etl.build.bench).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl.build import bench  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    result = bench(
        args.reports, seed=args.seed, workers=args.workers, log=lambda m: print(m, file=sys.stderr)
    )
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
