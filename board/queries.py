"""Every read of the warehouse: named SQL with bound `?` parameters, cached per file version.

`run(name, *params)` executes SQL[name] (board/sql.py) on the warehouse version current right now; the
result is cached by st.cache_data (made on first use) under (path, inode, mtime, name, params), so a rebuilt
warehouse (a new inode/mtime) is read afresh while an unchanged one is served from cache.
Lists (agencies, indicators) are bound as DuckDB lists. Values are never pasted into SQL.
"""

from __future__ import annotations

import functools

import duckdb
import pandas as pd

from board import warehouse
from board.sql import SQL  # the named statements (board/sql.py), also read as queries.SQL


class WarehouseMissing(RuntimeError):
    pass


def _bindable(params: tuple) -> list:
    return [list(p) if isinstance(p, tuple) else p for p in params]


def _hashable(params) -> tuple:
    return tuple(tuple(p) if isinstance(p, list | set | frozenset) else p for p in params)


def execute(v: warehouse.Version, name: str, params: tuple) -> pd.DataFrame:
    """Run one named query on version `v`, uncached (the benchmark times this)."""
    cur = warehouse.cursor(v)
    try:
        return cur.execute(SQL[name], _bindable(params)).df()
    finally:
        cur.close()


def _read(path: str, inode: int, mtime_ns: int, name: str, params: tuple) -> pd.DataFrame:
    return execute(warehouse.Version(path, inode, mtime_ns), name, params)


def _read_static(path: str, inode: int, mtime_ns: int, name: str):
    """Results that depend on the warehouse version only, shared (not copied) between runs."""
    df = execute(warehouse.Version(path, inode, mtime_ns), name, ())
    if name == "doc_titles":
        return dict(zip(df["doc_id"], df["title"], strict=True))
    return df


@functools.cache
def _caches():
    """Streamlit's caches around the two readers, made on first use: the command line
    (python -m board export/deck) reads through `execute` and never pays Streamlit's
    import (about half a second of a cold start)."""
    import streamlit as st

    return (
        st.cache_data(max_entries=2000, show_spinner=False)(_read),
        # nine tables a version (agencies … has_demo), of the two versions a rebuild keeps
        # attached and one more: four entries kept evicting the others, so a page's run
        # read the 45,000 titles again after another page had read its tables
        st.cache_resource(max_entries=32, show_spinner=False)(_read_static),
    )


def clear_cache() -> None:
    """Forget the cached results of run() (tests); static() tables, read once per
    warehouse version, stay."""
    _caches()[0].clear()


def static(name: str):
    v = warehouse.current()
    if v is None:
        raise WarehouseMissing(str(warehouse.db_path()))
    return _caches()[1](v.path, v.inode, v.mtime_ns, name)


def run(name: str, *params) -> pd.DataFrame:
    """SQL[name] with `params` bound, on the current warehouse, cached per file version."""
    v = warehouse.current()
    if v is None:
        raise WarehouseMissing(str(warehouse.db_path()))
    return _caches()[0](v.path, v.inode, v.mtime_ns, name, _hashable(params))


# -- typed helpers the pages call ------------------------------------------------------------


def agencies() -> pd.DataFrame:
    return static("agencies")


def indicators() -> pd.DataFrame:
    return static("indicators")


def years() -> list[int]:
    return [int(y) for y in static("years")["year"]]


def with_titles(df: pd.DataFrame, v: warehouse.Version | None = None) -> pd.DataFrame:
    """Add doc_title (the title of each row's document): from the per-version title map in
    the app, or, given a version `v` (command line, benchmark), read from it uncached."""
    if v is None:
        titles = static("doc_titles")
    else:
        t = execute(v, "doc_titles", ())
        titles = dict(zip(t["doc_id"], t["title"], strict=True))
    df = df.copy()
    df["doc_title"] = [titles.get(d) if isinstance(d, str) else None for d in df["doc_id"]]
    return df


def series(indicator_ids, f) -> pd.DataFrame:
    from board import claims  # (imports this module) the keys an inconsistent claim disputes

    p = (list(indicator_ids), list(f.agencies), f.y0, f.y1, f.demo)
    return claims.with_notes(with_titles(run("series_values", *p)), f)


def coverage(f) -> pd.DataFrame:
    return run("coverage", list(f.agencies), f.y0, f.y1, f.demo)


def documents(f) -> tuple[pd.DataFrame, int]:
    """Up to 2000 documents, and how many match in all."""
    df = run("documents", list(f.agencies), f.y0, f.y1, f.demo)
    return df, int(df["n_total"].iloc[0]) if len(df) else 0


def facts_count(indicator_ids, f) -> int:
    """How many facts match; indicator_ids empty: every indicator."""
    ids = list(indicator_ids)
    return int(run("facts_count", ids, ids, list(f.agencies), f.y0, f.y1, f.demo)["n"].iloc[0])


def facts(indicator_ids, f, limit: int, offset: int) -> pd.DataFrame:
    """One page of facts; indicator_ids empty: every indicator."""
    ids = list(indicator_ids)
    return with_titles(run("facts", ids, ids, list(f.agencies), f.y0, f.y1, f.demo, limit, offset))


def doc_texts(doc_ids) -> dict[str, str]:
    ids = sorted({d for d in doc_ids if isinstance(d, str)})
    if not ids:
        return {}
    df = run("doc_texts", ids)
    return dict(zip(df["doc_id"], df["text"], strict=True))


def doc_paths(doc_ids) -> dict[str, str]:
    """doc_id -> its path relative to the data folder."""
    ids = sorted({d for d in doc_ids if isinstance(d, str)})
    if not ids:
        return {}
    df = run("doc_paths", ids)
    return dict(zip(df["doc_id"], df["path"], strict=True))


def key_facts(agency_id: str, year: int, indicator_id: str, demo: bool) -> pd.DataFrame:
    return with_titles(run("key_facts", agency_id, int(year), indicator_id, demo))


def conflicts(f) -> pd.DataFrame:
    return run("conflicts", list(f.agencies), f.y0, f.y1, f.demo)


def review_queue(indicator_ids, f, limit: int, offset: int = 0) -> pd.DataFrame:
    """One page of the unverified facts with a value (at most `limit` from `offset`), with
    n_total: how many in all."""
    ids = list(indicator_ids)
    return with_titles(run("review_queue", ids, ids, list(f.agencies), f.y0, f.y1, f.demo, limit,
                           offset))  # fmt: skip


def candidate_reasons(indicator_ids, f) -> dict[str, int]:
    """How many candidates per reason under the filters (most first); indicator_ids empty:
    every indicator."""
    ids = list(indicator_ids)
    df = run("candidate_reasons", list(f.agencies), f.y0, f.y1, f.demo, ids, ids)
    return {str(r): int(n) for r, n in zip(df["reason"], df["n"], strict=True)}


def candidates(indicator_ids, reasons, f, limit: int, offset: int) -> pd.DataFrame:
    """One page of candidates; indicator_ids or reasons empty: all of them."""
    ids, why = list(indicator_ids), list(reasons)
    return run("candidates", list(f.agencies), f.y0, f.y1, f.demo, ids, ids, why, why, limit,
               offset)  # fmt: skip


def quality(name: str, f) -> pd.DataFrame:
    """One of the data-quality queries (quality_missing | _conflicts | _year_from_path |
    _never_found | _candidates) under the filters."""
    p = (list(f.agencies), f.y0, f.y1, f.demo)
    return run(f"quality_{name}", *((f.y0, f.y1) if name == "missing" else ()), *p)


def rejected() -> pd.DataFrame:
    return static("rejected")


def parked() -> pd.DataFrame | None:
    """The parked reports (path, reason, doc_id, excerpt); None for a warehouse built before
    rejected_file had a kind (it is rebuilt by the next save or import)."""
    try:
        return static("parked")
    except duckdb.BinderException:
        return None


def table_checks() -> pd.DataFrame:
    """Table totals (合计) that disagree with the rows they sum: path, reason."""
    try:
        return static("table_checks")
    except duckdb.BinderException:  # a warehouse built before rejected_file had a kind
        return pd.DataFrame(columns=["path", "reason"])


def has_demo() -> bool:
    """Whether the warehouse holds any demo data."""
    return bool(static("has_demo")["has_demo"].iloc[0])


def last_run() -> pd.DataFrame:
    return static("last_run")
