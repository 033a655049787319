"""The view a new session opens with, made in the background once the server's first run
has drawn its page (issue 16): a leader's first visit of each page then finds its cards,
charts and queries made, instead of waiting for them (on the 45,000-report warehouse,
0.3-1 s a page the first time).

Only the default view (no query parameters: the opening agencies, every year, demo data
shown, Chinese) of each viewing page is made, in the menu's order, once per warehouse
version and server process, through the same cached functions the pages call
(board.views, board.queries), so a page asking for a view while it is being made waits
for it instead of making it twice. It starts after the run that started it has finished,
so it never delays that first page, and before each page's view it waits until no
session's script has run for a moment (QUIET); it is skipped outside a server (AppTest,
the command line), and it stops at its first error (logged): a page then makes its view
itself.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pandas as pd

from board import app, claims, deck, draft_data, i18n, queries, views, warehouse

log = logging.getLogger(__name__)
_lock = threading.Lock()
_done: set[warehouse.Version] = set()
PER_PAGE = 50  # the sources page's first page of facts (pages/4_来源.py)


def start() -> None:
    """Make the default views in a thread, once per warehouse version (no-op otherwise)."""
    from streamlit import runtime

    v = warehouse.current()
    # a server's own Runtime; AppTest runs the pages on a stand-in (a mock) and gets none
    if v is None or not runtime.exists() or type(runtime.get_instance()) is not runtime.Runtime:
        return
    with _lock:
        if v in _done:
            return
        _done.add(v)
    run = threading.current_thread()  # the script's run: waited for, so it is not delayed
    threading.Thread(target=_warm, args=(v, run), name="board-warmup", daemon=True).start()


def default_filters(meta) -> app.Filters:
    """The filters of a session opened without query parameters, as the pages key their
    views (banner on, no region)."""
    d = app.filters_from({}, meta)
    return app.Filters(d["y0"], d["y1"], tuple(d["agencies"]), d["demo"], d["lang"])


SCRIPT_THREAD = "ScriptRunner.scriptThread"  # the name Streamlit gives a script's run


# s without a script running before the warm-up makes a view: longer than a browser takes
# to open the next page and start its run (0.3-0.5 s), shorter than a leader reads one
QUIET = 1.0


_last_busy = [0.0]  # when a script was last seen running (time.monotonic)


def _idle(timeout: float = 60.0) -> None:
    """Wait until no session's script has run for QUIET s (at most `timeout` s): two
    cores are shared with the pages a leader is opening, and a page waiting for the
    interpreter behind the warm-up would be slower than making its own view. A leader
    clicking from page to page is never held up by it; one reading a page is."""
    now = time.monotonic()
    end = now + timeout
    while (now := time.monotonic()) < end:
        if any(t.name == SCRIPT_THREAD and t.is_alive() for t in threading.enumerate()):
            _last_busy[0] = now
        elif now - _last_busy[0] >= QUIET:
            return
        time.sleep(0.02)


def _warm(v: warehouse.Version, run: threading.Thread) -> None:
    run.join(timeout=120)
    settle_heap()  # the libraries and the metadata, before the views are made
    _last_busy[0] = time.monotonic()  # the first page has just been drawn
    try:
        warm(v, _idle)
    except Exception:  # noqa: BLE001 - a warm-up only; the page makes its view itself
        log.warning("warm-up of the default views stopped", exc_info=True)
    finally:
        _idle()
        settle_heap()


def settle_heap() -> None:
    """Exempt what the server holds for good (the libraries' modules and classes, the
    warehouse's metadata, the default views) from the garbage collector's full passes.

    Streamlit runs a full collection after every script run (runner.postScriptGC), holding
    the interpreter while it walks every object: on the 45,000-report warehouse 0.11 s a
    run, by which each first paint and filter change waited. Frozen objects are not
    walked (what becomes garbage among them is still freed by reference counting).
    Unfrozen first, so that the views of a warehouse version replaced since the last
    warm-up are collected, then frozen again with the new ones."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def warm(v: warehouse.Version, pause: Callable[[], None] = lambda: None) -> None:
    """Make each viewing page's default view on version `v`, in menu order, calling
    `pause` before each page's."""
    meta = app.load_meta()
    f = default_filters(meta)
    lang = f.lang
    if not f.agencies:
        return
    pause()
    views.overview(v, f)
    pause()
    views.trends(v, f, (meta.headline("enforcement"),), "value")
    pause()
    views.compare(v, f, "years")  # the page opens on the bars
    pause()
    views.approvals(v, f, (i18n.t("ap_items", lang), i18n.t("ap_days", lang)))
    pause()
    # 来源: its queries (pages/4_来源.py, board.ui.facts_table)
    queries.last_run()
    queries.documents(f)
    if queries.facts_count([], f):
        facts = queries.facts([], f, PER_PAGE, 0)
        queries.doc_texts(facts["doc_id"].dropna())
        ocr = facts[facts["method"] == "ocr"]
        if len(ocr):
            queries.doc_paths(ocr["doc_id"].dropna())
            queries.doc_texts(ocr["doc_id"].dropna())
    queries.conflicts(f)
    queries.rejected()
    pause()
    # 数据质量 (pages/7_数据质量.py, board.claims_ui)
    for name in ("missing", "conflicts", "year_from_path", "never_found", "candidates"):
        queries.quality(name, f)
    queries.table_checks()
    flagged = claims.flagged(f)
    claims.verdicts(f)
    if flagged is not None and len(flagged):
        queries.doc_texts(pd.concat([flagged["doc_id"], flagged["other_doc_id"]]).dropna())
    pause()
    # 会议材料: the pack of the last year, and the draft of the first bureau's figures
    years = [y for y in meta.years if f.y0 <= y <= f.y1] or meta.years
    year = int(years[-1])
    view = replace(f, y0=year - deck.WINDOW + 1, y1=year)
    views.meeting_pack(v, tuple(meta.headlines()), year, view, date.today())
    bureaus = [a for a in f.agencies if meta.agencies.at[a, "kind"] == "bureau"]
    draft_data.gather(queries.run, (bureaus or list(f.agencies))[0], year, f.demo)
