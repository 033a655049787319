"""First paint and a filter change, per page, in a real browser (issue 16's aims: first
paint < 1.0 s p95, a filter change < 0.7 s p95 on the 45,000-report warehouse).

    python scripts/bench_browser.py                      # out/province_45000 (bench_memory's)
    python scripts/bench_browser.py --db W.duckdb --data DATA --rounds 5
    python scripts/bench_browser.py --pages 对比 总览              # only these pages

One Chromium session opens each viewing page `--rounds` times. First paint: from `goto`
(a new document at the page's address) until the script has drawn the page and stopped
running, with no element left as a skeleton (its code still loading). By link: the same
page again from a click on its sidebar link, as a leader changes page inside the app (the
session and the loaded code stay). Filter change: from a click on the
sidebar's 包含演示数据 switch until the rerun it starts has finished (a MutationObserver
records the app's script state going to running and back, so a fast rerun is not missed).
--floor also measures a two-page app with the same sidebar and nothing else (what Streamlit
and the browser take alone). Prints p50 and p95 per page. A benchmark, not a test: its
figures go in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_memory import (  # noqa: E402
    CHROMIUM,
    IS_PAINTED,
    PAGES,
    READY,
    province,
    wait_painted,
)

from board import devserver  # noqa: E402

WATCH = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__ran = false; window.__done = false;
  const obs = new MutationObserver(() => {
    const s = app.getAttribute('data-test-script-state');
    if (s === 'running') window.__ran = true;
    if (window.__ran && s === 'notRunning') { window.__done = true; obs.disconnect(); }
  });
  obs.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


MISSED_AFTER_MS = 15_000


def p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, math.ceil(0.95 * len(s)) - 1)]


# The floor: a two-page app with the same sidebar (a page link and the demo switch) and
# nothing else, served and measured the same way: what Streamlit and the browser take alone.
FLOOR_APP = """import streamlit as st
def a(): st.title("总览"); st.write("floor")
def b(): st.title("趋势"); st.write("floor")
pages = [st.Page(a, title="总览", default=True), st.Page(b, title="趋势", url_path="b")]
nav = st.navigation(pages, position="hidden")
with st.sidebar:
    st.page_link(pages[0])
    st.page_link(pages[1])
    st.toggle("包含演示数据")
nav.run()
"""


@contextlib.contextmanager
def floor_server():
    """The floor app on a free port, for as long as the block runs."""
    with tempfile.TemporaryDirectory() as tmp:
        app = Path(tmp) / "floor.py"
        app.write_text(FLOOR_APP, encoding="utf-8")
        port = devserver.free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                        break
                except OSError:
                    time.sleep(0.1)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def by_link(pg, name: str) -> float | None:
    """Seconds from a click on the sidebar's link to page `name` until that page's run has
    finished and it is drawn (no skeleton left): a page change inside the app, as a leader
    makes one after the first page (the link keeps the session; no new document). None
    when the run was not seen finishing."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    href = urllib.parse.quote(name)
    links = pg.locator('[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]').all()
    link = [a for a in links if (a.get_attribute("href") or "").split("?")[0] in (name, href)]
    if not link:
        return None
    pg.evaluate(WATCH)
    t = time.perf_counter()
    link[0].click()
    try:
        pg.wait_for_function(f"window.__done === true && {IS_PAINTED}", polling="raf",
                             timeout=MISSED_AFTER_MS)  # fmt: skip
    except PlaywrightTimeout:
        return None
    return time.perf_counter() - t


def measure(browser, base: str, pages: list[str], rounds: int) -> dict:
    """First paint (a new document at the page's address, and by the sidebar's link from the
    page before) and a filter change of each page, `rounds` times: {label: [s]} each, and the
    filter changes not seen finishing."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    first: dict[str, list[float]] = {}
    linked: dict[str, list[float]] = {}
    change: dict[str, list[float]] = {}
    missed: dict[str, int] = {}
    pg = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    pg.goto(base)  # the server's first run (caches, fonts) is not a leader's first paint
    pg.wait_for_selector(READY, timeout=180_000)
    for _ in range(rounds):
        for name in pages:
            label = name or "总览"
            t = time.perf_counter()
            pg.goto(f"{base}/{urllib.parse.quote(name)}")
            wait_painted(pg)
            first.setdefault(label, []).append(time.perf_counter() - t)
            # the sidebar's demo switch (its label takes the click, not the hidden input)
            switch = pg.locator('[data-testid="stSidebar"] label').filter(has_text="包含演示数据")
            if not switch.count():
                continue
            pg.evaluate(WATCH)
            t = time.perf_counter()
            switch.first.click()
            try:
                # a rerun too fast for its running state to be drawn is never seen (the floor
                # app's, often): counted as missed after 15 s instead of stalling a minute
                pg.wait_for_function("window.__done === true", timeout=MISSED_AFTER_MS)
            except PlaywrightTimeout:  # said, not hidden: which page, and the rest still run
                state = pg.locator('[data-testid="stApp"]').get_attribute("data-test-script-state")
                print(f"  {label}: no rerun seen within {MISSED_AFTER_MS // 1000} s of the click "
                      f"(script state now {state})", file=sys.stderr, flush=True)  # fmt: skip
                missed[label] = missed.get(label, 0) + 1
                continue
            change.setdefault(label, []).append(time.perf_counter() - t)
        # each page again by its link, from the page before (the last page's, for the first)
        for name in pages:
            if (s := by_link(pg, name)) is not None:
                linked.setdefault(name or "总览", []).append(s)
    pg.close()
    return {"first": first, "linked": linked, "change": change, "missed": missed}


def show(title: str, m: dict) -> None:
    print(title)
    print(f"  {'page':8} {'first p50':>9} {'p95':>6} {'by link p50':>11} {'p95':>6} "
          f"{'change p50':>10} {'p95':>6}")  # fmt: skip

    def cols(ys: list[float], width: int) -> str:
        if not ys:
            return f"{'—':>{width}} {'—':>6}"
        return f"{statistics.median(ys):{width}.2f} {p95(ys):6.2f}"

    for label, xs in m["first"].items():
        print(f"  {label:8} {cols(xs, 9)} {cols(m['linked'].get(label, []), 11)} "
              f"{cols(m['change'].get(label, []), 10)}")  # fmt: skip
    for label, n in m["missed"].items():
        print(f"  {label}: {n} filter change(s) not seen finishing (left out above)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=45_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--data", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pages", nargs="+", metavar="PAGE",
                    help="only these pages, by their path (对比 趋势 ...; 总览 for the first)")  # fmt: skip
    ap.add_argument("--floor", action="store_true",
                    help="also measure a two-page app with the same sidebar and nothing else")  # fmt: skip
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright

    db, data = (a.db, a.data or ROOT / "data") if a.db else province(a.reports)
    pages = PAGES
    if a.pages:
        pages = ["" if x == "总览" else x for x in a.pages]
        if unknown := [x for x in pages if x not in PAGES]:
            ap.error(f"no such page: {', '.join(unknown)} (pages: {', '.join(PAGES)})")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        if a.floor:
            with floor_server() as base:
                floor = measure(b, base, ["", "b"], a.rounds * 3)
        with devserver.running(db, data) as (_, base):
            board = measure(b, base, pages, a.rounds)
        b.close()
    show(f"{db}: first paint and a filter change (the demo switch), s, {a.rounds} rounds", board)
    if a.floor:
        show(
            f"floor (a two-page app, the same sidebar, nothing else), {a.rounds * 3} rounds", floor
        )


if __name__ == "__main__":
    main()
