"""How much memory the dashboard's server takes on a province of data.

    python scripts/bench_memory.py                       # 45,000 generated reports
    python scripts/bench_memory.py --reports 5000 --sessions 2 --rounds 1
    python scripts/bench_memory.py --db W.duckdb --data DATA_DIR

Without --db it generates --reports reports with synth (as `python -m etl bench` does)
and builds them with the real ETL into out/province_<N>/ (kept and reused: the build takes
about two minutes for 45,000). Then it starts `streamlit run dashboard.py` over that
warehouse, opens --sessions Chromium sessions at once, and has each open every page
--rounds times with a different view (agencies, years, demo data, indicators: as a leader
would change the sidebar), while the server's resident memory (VmRSS of the process and
its children, read from /proc every 0.1 s) is sampled. It prints the memory at start, the
peak, the memory at the end, and how long each page took to draw in the browser.
Aim: the app under 1 GB. Needs Linux (/proc), Debian's chromium and playwright.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from board import devserver, pages_list  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
EXTRA = os.environ.get("BENCH_STREAMLIT_ARGS", "").split()
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SIDEBAR = '[data-testid="stSidebar"] [data-testid="stPageLink"]'
# Drawn: the script has stopped running *and* has drawn the sidebar's page links. The app's
# state alone says notRunning on a new page before its first run has started.
PAINTED = f"{READY} {SIDEBAR}"


# An element whose code Streamlit is still loading is drawn as a skeleton: not yet painted.
SKELETON = '[data-testid="stSkeleton"]'
IS_PAINTED = (
    f"document.querySelector({PAINTED!r}) !== null && document.querySelector({SKELETON!r}) === null"
)


def wait_painted(pg, timeout_ms: int = 180_000) -> None:
    """Until the page is drawn (and no element is left as a skeleton), checked on every
    animation frame: wait_for_selector re-checks on a backoff that reaches 500 ms steps,
    which put a trivial page at 0.45 s or 0.95 s."""
    pg.wait_for_function(IS_PAINTED, polling="raf", timeout=timeout_ms)


# every page a leader reads (not the editors' import and review), by its path in the URL
PAGES = [p.slug for p in pages_list.PAGES if not p.edits]


def province(n: int) -> tuple[Path, Path]:
    """out/province_<n>/: a generated corpus and the warehouse the real ETL builds from it."""
    import synth
    from etl.build import build

    root = ROOT / "out" / f"province_{n}"
    data, db = root / "data", root / "warehouse.duckdb"
    if db.exists():
        return db, data
    if not (data / "registry" / "agencies.csv").exists():
        t = time.perf_counter()
        synth.generate_corpus(data, n, 0)
        print(f"generated {n:,} reports in {time.perf_counter() - t:.0f} s", flush=True)
    t = time.perf_counter()
    s = build(data, db)
    print(f"built {s.files_loaded:,} files in {time.perf_counter() - t:.0f} s", flush=True)
    return db, data


def rss_mb(pid: int) -> float:
    """Resident memory of pid and its children, MB."""
    total = 0
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def children(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    out = [int(k) for k in kids]
    for k in list(out):
        out += children(k)
    return out


class Sampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.samples, self.stop = pid, [], threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.samples.append(rss_mb(self.pid))
            time.sleep(0.1)


def views(db: Path, n: int, seed: int) -> list[dict[str, str]]:
    """n sidebar states a leader might pick, as URL parameters."""
    con = duckdb.connect(str(db), read_only=True)
    agencies = [
        r[0] for r in con.execute("select agency_id from agency order by sort_order").fetchall()
    ]
    con.close()
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        pool = agencies[:3] if rng.random() < 0.5 else agencies
        ag = rng.sample(pool, k=min(len(pool), rng.choice([1, 3, 5, 8])))
        y0 = rng.randint(2016, 2024)
        out.append({"y0": str(y0), "y1": str(rng.randint(y0, 2025)), "ag": ",".join(ag),
                    "demo": rng.choice("01")})  # fmt: skip
    return out


def session(browser, base: str, vs: list[dict], times: dict[str, list[float]], errors: list):
    from playwright.sync_api import Error as PwError

    ctx = browser.new_context(viewport={"width": 1440, "height": 1200}, locale="zh-CN")
    pg = ctx.new_page()
    for v in vs:
        for name in PAGES:
            t = time.perf_counter()
            try:
                pg.goto(f"{base}/{urllib.parse.quote(name)}?{urllib.parse.urlencode(v)}")
                wait_painted(pg, 120_000)
                if pg.locator('[data-testid="stException"]').count():
                    errors.append((name or "总览", pg.locator('[data-testid="stException"]')
                                   .first.inner_text()[:300]))  # fmt: skip
            except PwError as e:
                errors.append((name or "总览", str(e)[:300]))
            times.setdefault(name or "总览", []).append(time.perf_counter() - t)
    ctx.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=45_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--data", type=Path)
    ap.add_argument("--sessions", type=int, default=3, help="browser sessions at once")
    ap.add_argument("--rounds", type=int, default=3, help="views per session, every page each")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright

    db, data = (a.db, a.data or ROOT / "data") if a.db else province(a.reports)
    con = duckdb.connect(str(db), read_only=True)
    size = {t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("document", "fact", "resolved", "agency")}  # fmt: skip
    con.close()
    times: dict[str, list[float]] = {}
    errors: list = []
    with devserver.running(db, data, extra_args=EXTRA) as (proc, base):
        sampler = Sampler(proc.pid)
        sampler.start()
        time.sleep(1)
        at_start = rss_mb(proc.pid)
        t0 = time.perf_counter()
        threads = []  # playwright's sync API is per thread: one browser per session
        for i in range(a.sessions):
            vs = views(db, a.rounds, seed=i)

            def run(vs=vs):
                with sync_playwright() as p:
                    b = p.chromium.launch(executable_path=CHROMIUM,
                                          args=["--headless", "--no-sandbox", "--disable-gpu"])  # fmt: skip
                    session(b, base, vs, times, errors)
                    b.close()

            threads.append(threading.Thread(target=run))
        try:
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
            time.sleep(2)
            at_end = rss_mb(proc.pid)
        finally:
            sampler.stop.set()
            sampler.join()
    peak = max(sampler.samples)
    loads = sum(len(v) for v in times.values())
    result = {
        "warehouse": str(db), "warehouse_mb": round(db.stat().st_size / 2**20, 1),
        **{f"{k}_rows": v for k, v in size.items()},
        "sessions": a.sessions, "page_loads": loads, "errors": len(errors),
        "rss_start_mb": round(at_start), "rss_peak_mb": round(peak), "rss_end_mb": round(at_end),
        "seconds": round(wall, 1),
        "page_seconds_p50": {k: round(statistics.median(v), 2) for k, v in times.items()},
        "page_seconds_max": {k: round(max(v), 2) for k, v in times.items()},
    }  # fmt: skip
    if a.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"warehouse {db} ({result['warehouse_mb']} MB): "
              + ", ".join(f"{v:,} {k}" for k, v in size.items()))  # fmt: skip
        print(f"{a.sessions} browser sessions at once, {loads} page loads in {wall:.0f} s, "
              f"{len(errors)} errors")  # fmt: skip
        print(f"server memory (RSS, MB): start {at_start:.0f}, peak {peak:.0f}, end {at_end:.0f}")
        print("page drawn in the browser, s (p50 / max):")
        for k, v in times.items():
            print(f"  {k:6} {statistics.median(v):6.2f} {max(v):6.2f}")
    for name, msg in errors[:5]:
        print(f"error on {name}: {msg}", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
