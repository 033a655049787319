"""Reads of the cross-year claims (etl/check.py): named SQL, registered with board.queries so
that `queries.run` caches them per warehouse version like every other read.

- `flagged(f)`: the inconsistent and unverifiable claims under the filters, each with its
  own sentence and the sentence of the other year's value (数据质量).
- `disputed(f)`: the (agency, year, indicator) keys an inconsistent claim disputes — the
  claim's year and the year it compares with — with the claim's words, for the trends'
  disputed mark (board/disputes.py ORs it into `disputed`).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from board import queries
from board.claims_sql import SQL  # the claims' SQL, also read as claims.SQL

queries.SQL.update(SQL)

EMPTY_DISPUTED = pd.DataFrame(columns=["agency_id", "year", "indicator_id", "claim_note"])


def flagged(f) -> pd.DataFrame | None:
    """Inconsistent and unverifiable claims under the filters; None for a warehouse built
    before claims were kept (the next build adds them)."""
    try:
        return queries.run("claims_flagged", list(f.agencies), f.y0, f.y1, f.demo)
    except duckdb.CatalogException:
        return None


def verdicts(f) -> dict[str, int]:
    try:
        df = queries.run("claims_verdicts", list(f.agencies), f.y0, f.y1, f.demo)
    except duckdb.CatalogException:
        return {}
    return {str(v): int(n) for v, n in zip(df["verdict"], df["n"], strict=True)}


def disputed(f) -> pd.DataFrame:
    """(agency_id, year, indicator_id, claim_note) disputed by an inconsistent claim."""
    try:
        return queries.run("claims_disputed", list(f.agencies), f.demo, f.y0, f.y1)
    except duckdb.CatalogException:
        return EMPTY_DISPUTED


def with_notes(df: pd.DataFrame, f) -> pd.DataFrame:
    """Rows of the series query with claim_note: the words of the inconsistent claims that
    dispute each value ('' for none); disputes.mark ORs it into `disputed`."""
    d = disputed(f)
    out = df.copy()
    if out.empty or d.empty:
        out["claim_note"] = ""
        return out
    d = d.astype({"year": out["year"].dtype})
    out = out.merge(d, on=["agency_id", "year", "indicator_id"], how="left")
    out["claim_note"] = out["claim_note"].fillna("")
    return out


def disputed_keys(f) -> set[tuple[str, int, str]]:
    df = disputed(f)
    return {(a, int(y), i) for a, y, i in zip(df["agency_id"], df["year"], df["indicator_id"],
                                              strict=True)}  # fmt: skip
