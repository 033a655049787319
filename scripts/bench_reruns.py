"""The server's share of a filter change: a page's script rerun for filter states it has not
drawn yet (its views made cold), timed in one AppTest session, without a browser.

    python scripts/bench_reruns.py                                   # 对比 on out/province_45000
    python scripts/bench_reruns.py --page trends --db W.duckdb --data DATA

A browser's filter change (scripts/bench_browser.py) is this rerun plus Streamlit's round
trip and the charts' drawing; on a busy machine the browser's figures swing by tenths of a
second, this part much less. Each of --states first years (y0 = 2017, 2018, …, y1 = 2025) is
one cold rerun with demo data on and one with it off, so 2 × --states reruns in all, none of
them cached before. Prints each rerun's seconds and their median. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PROVINCE = ROOT / "out" / "province_45000"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--page", default="compare", help="page id (compare, trends, approvals, …)")
    ap.add_argument("--db", type=Path, default=PROVINCE / "warehouse.duckdb")
    ap.add_argument("--data", type=Path, default=PROVINCE / "data")
    ap.add_argument("--states", type=int, default=4, help="first years to try (2 reruns each)")
    args = ap.parse_args()
    if not args.db.exists():
        print(f"no warehouse at {args.db} (make bench-memory builds out/province_45000)")
        return 1
    # the app reads these when it starts (board/warehouse.py)
    os.environ["FAZHI_WAREHOUSE"], os.environ["FAZHI_DATA"] = str(args.db), str(args.data)
    from board_fixtures import BY_ID, new_app

    at = new_app(None)
    at.switch_page(BY_ID[args.page].file)
    t = time.perf_counter()
    at.run(timeout=300)
    print(f"{args.page}: first run {time.perf_counter() - t:.3f} s (imports, caches)")
    times = []
    for y0 in range(2017, 2017 + args.states):  # the first run drew 2016-2025
        for demo in (True, False):
            at.slider(key="w_years").set_value((y0, 2025))
            at.toggle(key="w_demo").set_value(demo)
            t = time.perf_counter()
            at.run(timeout=300)
            times.append(time.perf_counter() - t)
            if at.exception:
                print("the page failed:", at.exception[0].value)
                return 1
    print(f"{args.page}: {len(times)} cold reruns, s: {' '.join(f'{x:.3f}' for x in times)}")
    print(f"{args.page}: median {statistics.median(times):.3f} s, max {max(times):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
