"""How long each dashboard page takes: its queries, and a full AppTest run.

    python scripts/bench_pages.py                      # bundled data and ~1,000,000 facts
    python scripts/bench_pages.py --facts 200000 --runs 50 --apptest-runs 3
    python scripts/bench_pages.py --only bundled

For each warehouse (the bundled data built from data/ by etl.build, and a generated one
of about --facts facts from scripts/gen_warehouse.py, reused from out/ when present) it
runs every page's named queries --runs times with different parameters (agencies, years,
demo on/off, indicators, page of facts), uncached, and prints p50/p95 per page and the
slowest query; then it times a fresh AppTest session opening each page (first run, the
query cache cold for that URL) --apptest-runs times. Aim: every page's queries < 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import logging  # noqa: E402

logging.getLogger("streamlit").setLevel(logging.ERROR)

from board import model, pages_list, queries, warehouse  # noqa: E402

# the pages (board.pages_list ids) whose queries page_queries mirrors, timed both ways
MIRRORED = ("overview", "trends", "compare", "approvals", "sources")
PER_PAGE = 50


class Params:
    """A random view: what a leader might pick in the sidebar and on the page."""

    def __init__(self, rng: random.Random, agencies: list[str], years: list[int], inds: list[str]):
        k = rng.choice([1, 2, 3, 3, 3, 5, 8])
        first = agencies[:3]
        pool = agencies if len(agencies) > 3 and rng.random() < 0.5 else first
        self.agencies = sorted(rng.sample(pool, k=min(k, len(pool))))
        y0 = rng.choice(years)
        self.y0, self.y1 = y0, rng.choice([y for y in years if y >= y0])
        self.demo = rng.random() < 0.7
        self.inds = rng.sample(inds, k=rng.choice([1, 1, 2, 3]))
        self.page = rng.choice([1, 1, 2, 3])

    def url(self) -> dict[str, str]:
        return {"y0": str(self.y0), "y1": str(self.y1), "ag": ",".join(self.agencies),
                "demo": "1" if self.demo else "0", "ind": ",".join(self.inds)}  # fmt: skip


# Read once per warehouse version and kept (st.cache_resource), whatever the view.
STATIC = ["agencies", "indicators", "years", "doc_titles", "rejected", "last_run"]


def page_queries(page: str, p: Params, meta: model.Meta, v) -> list[tuple[str, tuple]]:
    """The named queries `page` runs for view p, in order (mirrors the page code); the
    per-version ones (STATIC) are timed apart."""
    base = (list(p.agencies), p.y0, p.y1, p.demo)
    out = []
    if page == "overview":
        out += [("series_values", (meta.headlines(), *base)), ("coverage", base)]
    elif page == "trends":
        out += [("series_values", (p.inds, *base))]
    elif page == "compare":
        out += [("series_values", (meta.headlines(), *base))]
    elif page == "approvals":
        out += [("series_values", (list(model.APPROVAL_IDS), *base))]
    elif page == "sources":
        inds = [] if len(p.inds) > 2 else p.inds  # none chosen (all) or one or two
        out += [("documents", base), ("facts_count", (inds, inds, *base)),
                ("facts", (inds, inds, *base, PER_PAGE, (p.page - 1) * PER_PAGE)),
                ("doc_texts", None),  # filled from the facts page
                ("conflicts", base)]  # fmt: skip
    return out


def time_page(page: str, p: Params, meta: model.Meta, v) -> tuple[float, dict[str, float]]:
    per: dict[str, float] = {}
    total = 0.0
    facts = None
    for name, params in page_queries(page, p, meta, v):
        if name == "doc_texts":
            ids = sorted(set(facts["doc_id"].dropna())) if facts is not None else []
            params = (ids,)
        t0 = time.perf_counter()
        df = queries.execute(v, name, params)
        dt = time.perf_counter() - t0
        if name == "facts":
            facts = df
        per[name] = per.get(name, 0.0) + dt
        total += dt
    return total, per


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def bench_queries(db: Path, runs: int, seed: int) -> dict:
    os.environ["FAZHI_WAREHOUSE"] = str(db)
    warehouse.reset()
    v = warehouse.current()
    meta = model.meta_from(queries.execute(v, "agencies", ()), queries.execute(v, "indicators", ()),
                           [int(y) for y in queries.execute(v, "years", ())["year"]])  # fmt: skip
    rng = random.Random(seed)
    agencies, years, inds = list(meta.agencies.index), meta.years, list(meta.indicators.index)
    # warm the connection and DuckDB's caches once, as a running app would be
    time_page("sources", Params(rng, agencies, years, inds), meta, v)
    out = {}
    static = {}
    for name in STATIC:
        ts = []
        for _ in range(5):
            t0 = time.perf_counter()
            queries.execute(v, name, ())
            ts.append(time.perf_counter() - t0)
        static[name] = pct(ts, 0.5) * 1000
    out["_static"] = static
    for page in MIRRORED:
        totals, worst = [], {}
        for _ in range(runs):
            total, per = time_page(page, Params(rng, agencies, years, inds), meta, v)
            totals.append(total)
            for k, dt in per.items():
                worst.setdefault(k, []).append(dt)
        slowest = max(worst, key=lambda k: pct(worst[k], 0.95))
        out[page] = {"p50": pct(totals, 0.5) * 1000, "p95": pct(totals, 0.95) * 1000,
                     "slowest": slowest, "slowest_p95": pct(worst[slowest], 0.95) * 1000}  # fmt: skip
    return out


def bench_apptest(db: Path, runs: int, seed: int) -> dict:
    from streamlit.testing.v1 import AppTest

    os.environ["FAZHI_WAREHOUSE"] = str(db)
    warehouse.reset()
    v = warehouse.current()
    meta = model.meta_from(queries.execute(v, "agencies", ()), queries.execute(v, "indicators", ()),
                           [int(y) for y in queries.execute(v, "years", ())["year"]])  # fmt: skip
    rng = random.Random(seed + 1)
    agencies, years, inds = list(meta.agencies.index), meta.years, list(meta.indicators.index)
    out = {}
    for page in MIRRORED:
        times, failures = [], 0
        for _ in range(runs + 1):  # the first run of each page warms imports; not counted
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
            for k, val in Params(rng, agencies, years, inds).url().items():
                at.query_params[k] = val
            if page != "overview":
                at.switch_page(pages_list.BY_ID[page].file)
            t0 = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t0)
            failures += bool(at.exception)
        times = times[1:]
        out[page] = {
            "p50": pct(times, 0.5) * 1000,
            "max": max(times) * 1000,
            "exceptions": failures,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=int, default=1_000_000)
    ap.add_argument("--gen", type=Path, default=None, help="generated warehouse (default out/)")
    ap.add_argument("--runs", type=int, default=40, help="query runs per page")
    ap.add_argument("--apptest-runs", type=int, default=3)
    ap.add_argument("--only", choices=["bundled", "generated"], default=None)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)

    targets = []
    if args.only in (None, "bundled"):
        from etl.build import build

        tmp = Path(tempfile.mkdtemp(prefix="bench_")) / "warehouse.duckdb"
        t0 = time.perf_counter()
        build(ROOT / "data", tmp)
        print(f"bundled data: built {tmp} in {time.perf_counter() - t0:.1f}s")
        targets.append(("bundled", tmp))
    if args.only in (None, "generated"):
        import gen_warehouse

        gen = args.gen or ROOT / "out" / f"bench_{args.facts}.duckdb"
        if not gen.exists():
            t0 = time.perf_counter()
            stats = gen_warehouse.generate(args.facts, gen)
            print(f"generated {gen}: {stats} in {time.perf_counter() - t0:.1f}s")
        targets.append((f"generated ({gen.name})", gen))

    for label, db in targets:
        import duckdb

        con = duckdb.connect(str(db), read_only=True)
        n_facts, n_res, n_ag, n_doc = con.execute(
            "SELECT (SELECT count(*) FROM fact), (SELECT count(*) FROM resolved), "
            "(SELECT count(*) FROM agency), (SELECT count(*) FROM document)").fetchone()  # fmt: skip
        con.close()
        print(f"\n== {label}: {n_facts:,} facts, {n_res:,} resolved values, {n_ag:,} agencies, "
              f"{n_doc:,} documents")  # fmt: skip
        q = bench_queries(db, args.runs, args.seed)
        print(f"queries per page, uncached, {args.runs} runs with different parameters (ms):")
        static = q.pop("_static")
        print(f"  {'page':<10} {'p50':>7} {'p95':>7}   slowest query (p95)")
        for page, r in q.items():
            flag = "" if r["p95"] < 100 else "   > 100 ms"
            print(f"  {page:<10} {r['p50']:7.1f} {r['p95']:7.1f}   {r['slowest']} "
                  f"({r['slowest_p95']:.1f}){flag}")  # fmt: skip
        print("  once per warehouse version (then kept in memory), p50 ms: "
              + ", ".join(f"{k} {v:.1f}" for k, v in static.items()))  # fmt: skip
        if args.apptest_runs:
            a = bench_apptest(db, args.apptest_runs, args.seed)
            print(f"full AppTest run per page, new session, {args.apptest_runs} runs (ms):")
            for page, r in a.items():
                print(f"  {page:<10} p50 {r['p50']:7.0f}   max {r['max']:7.0f}   "
                      f"exceptions {r['exceptions']}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
