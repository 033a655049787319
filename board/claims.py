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

_FILTER = """c.agency_id IN (SELECT unnest(?::VARCHAR[]))
          AND c.year BETWEEN ? AND ?
          AND (c.origin = 'real' OR ?)"""

SQL: dict[str, str] = {
    # inconsistent first, then unverifiable; the claim's sentence and the other year's
    "claims_flagged": f"""
        SELECT c.claim_id, c.agency_id, c.year, c.indicator_id, c.kind, c.value, c.unit,
               c.about_year, c.quote, c.span_start, c.span_end, c.num_start, c.num_end,
               c.location, c.origin, c.doc_id, d.title AS doc_title, d.path AS doc_path,
               k.verdict, k.claimed, k.observed, k.this_value, k.other_year, k.other_value,
               k.note, k.this_fact_id, k.other_fact_id,
               o.doc_id AS other_doc_id, o.quote AS other_quote, o.span_start AS other_start,
               o.span_end AS other_end, o.num_start AS other_num_start,
               o.num_end AS other_num_end, o.location AS other_location,
               od.title AS other_title, od.path AS other_path
        FROM claim c
        JOIN claim_check k USING (claim_id)
        LEFT JOIN document d ON d.doc_id = c.doc_id
        LEFT JOIN fact o ON o.fact_id = k.other_fact_id
        LEFT JOIN document od ON od.doc_id = o.doc_id
        WHERE k.verdict <> 'consistent' AND {_FILTER}
        ORDER BY CASE k.verdict WHEN 'inconsistent' THEN 0 ELSE 1 END, c.year DESC,
                 c.agency_id, c.indicator_id, c.claim_id
        LIMIT 500""",
    # the keys an inconsistent claim disputes: its own year and the year it speaks of
    # (for a streak, the year found not to be zero); params: agencies, demo, y0, y1
    "claims_disputed": """
        WITH bad AS (
            SELECT c.agency_id, c.year, c.indicator_id, k.other_year, k.note
            FROM claim c JOIN claim_check k USING (claim_id)
            WHERE k.verdict = 'inconsistent'
              AND c.agency_id IN (SELECT unnest(?::VARCHAR[])) AND (c.origin = 'real' OR ?))
        SELECT agency_id, year, indicator_id, string_agg(DISTINCT note, '；') AS claim_note
        FROM (SELECT agency_id, year, indicator_id, note FROM bad
              UNION ALL
              SELECT agency_id, other_year, indicator_id, note FROM bad
              WHERE other_year IS NOT NULL)
        WHERE year BETWEEN ? AND ?
        GROUP BY agency_id, year, indicator_id
        ORDER BY agency_id, year, indicator_id""",
    # counts per verdict under the filters (the 数据质量 summary)
    "claims_verdicts": f"""
        SELECT k.verdict, count(*) AS n
        FROM claim c JOIN claim_check k USING (claim_id)
        WHERE {_FILTER}
        GROUP BY k.verdict""",
}
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
