"""The claims' named SQL (board/claims.py registers it with board.queries), in a module of
its own that imports nothing: the command line's light export (board/export_light.py) runs
it without pandas."""

from __future__ import annotations

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
