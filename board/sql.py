"""The warehouse's named queries (`SQL`): every statement the dashboard runs, with bound `?`
parameters and no values pasted in. board.queries runs them (cached per file version);
board.claims and board.draft_data add their own. Moved out of board/queries.py (issue 15)."""

from __future__ import annotations

# Common filter: agencies (list), first year, last year, include demo (bool).
_WHERE = """{a}.agency_id IN (SELECT unnest(?::VARCHAR[]))
  AND {a}.year BETWEEN ? AND ?
  AND ({a}.origin = 'real' OR ?)"""

# The candidates under the filters (see "candidates" below).
_CANDIDATES = """
        FROM candidate c
        LEFT JOIN document d ON d.doc_id = c.doc_id
        LEFT JOIN resolved r ON r.agency_id = c.agency_id AND r.year = c.year
                            AND r.indicator_id = c.indicator_id
        WHERE ((coalesce(c.agency_id, d.agency_id) IN (SELECT unnest(?::VARCHAR[]))
                AND coalesce(c.year, d.year) BETWEEN ? AND ?)
               OR d.doc_id IS NULL)
          AND (split_part(c.path, '/', 1) <> 'demo' OR ?)
          AND (len(?::VARCHAR[]) = 0 OR c.indicator_id IN (SELECT unnest(?::VARCHAR[])))"""

SQL: dict[str, str] = {
    "agencies": """
        SELECT agency_id, name_zh, short_zh, name_en, short_en, parent_id, kind, sort_order,
               region
        FROM agency ORDER BY sort_order, agency_id""",
    "indicators": """
        SELECT indicator_id, name_zh, name_en, unit, unit_en, area, area_zh, area_en,
               sort_order, headline
        FROM indicator ORDER BY sort_order""",
    # the years documents cover, and the first and last year of any value (corrections)
    "years": """
        SELECT year FROM document
        UNION SELECT min(year) FROM resolved UNION SELECT max(year) FROM resolved
        ORDER BY year""",
    # one resolved value per (agency, year, indicator); the app adds each row's document
    # title from the per-version title map (with_titles), which is cheaper than a join
    "series_values": f"""
        SELECT r.agency_id, r.year, r.indicator_id, r.value, r.unit, r.qualifier, r.status,
               r.origin, r.method, r.quote, r.conflict, r.other_values, r.n_sources,
               r.fact_id, r.doc_id
        FROM resolved r
        WHERE r.indicator_id IN (SELECT unnest(?::VARCHAR[]))
          AND {_WHERE.format(a="r")}
        ORDER BY r.indicator_id, r.agency_id, r.year""",
    # the same with the document title joined in, for readers outside the app (board CLI)
    "series": f"""
        SELECT r.agency_id, r.year, r.indicator_id, r.value, r.unit, r.qualifier, r.status,
               r.origin, r.method, r.quote, r.conflict, r.other_values, r.n_sources,
               r.fact_id, r.doc_id, d.title AS doc_title
        FROM resolved r LEFT JOIN document d ON d.doc_id = r.doc_id
        WHERE r.indicator_id IN (SELECT unnest(?::VARCHAR[]))
          AND {_WHERE.format(a="r")}
        ORDER BY r.indicator_id, r.agency_id, r.year""",
    # which agency-years have figures (coverage of the overview): a subordinate agency is
    # covered by the bureau's report that gives its figures, not only by reports of its own
    "coverage": f"""
        SELECT r.agency_id, r.year, count(DISTINCT r.doc_id) AS n_docs, count(*) AS n_facts,
               bool_or(r.origin = 'demo') AS has_demo, bool_or(r.origin = 'real') AS has_real
        FROM resolved r
        WHERE {_WHERE.format(a="r")}
        GROUP BY r.agency_id, r.year ORDER BY r.agency_id, r.year""",
    "documents": f"""
        SELECT d.doc_id, d.agency_id, d.year, d.title, d.path, d.kind, d.format, d.origin,
               d.n_facts, d.duplicate_paths, count(*) OVER () AS n_total
        FROM document d
        WHERE {_WHERE.format(a="d")}
        ORDER BY d.year DESC, d.agency_id, d.kind, d.path
        LIMIT 2000""",
    # one page of facts, newest first: the keys of the page are found first, then only
    # those rows are read in full (quotes are long). An empty indicator list means all.
    "facts": f"""
        WITH page AS (
            SELECT f.fact_id FROM fact f
            WHERE (len(?::VARCHAR[]) = 0 OR f.indicator_id IN (SELECT unnest(?::VARCHAR[])))
              AND {_WHERE.format(a="f")}
            ORDER BY f.year DESC, f.agency_id, f.indicator_id, f.fact_id
            LIMIT ? OFFSET ?)
        SELECT f.fact_id, f.doc_id, f.agency_id, f.year, f.indicator_id, f.value, f.unit,
               f.qualifier, f.quote, f.span_start, f.span_end, f.num_start, f.num_end,
               f.location, f.method, f.origin, f.status
        FROM fact f SEMI JOIN page p ON f.fact_id = p.fact_id
        ORDER BY f.year DESC, f.agency_id, f.indicator_id, f.fact_id""",
    "facts_count": f"""
        SELECT count(*) AS n FROM fact f
        WHERE (len(?::VARCHAR[]) = 0 OR f.indicator_id IN (SELECT unnest(?::VARCHAR[])))
          AND {_WHERE.format(a="f")}""",
    # the text of a few documents, to widen a quote to its sentence
    "doc_texts": """
        SELECT doc_id, text FROM document
        WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) AND text IS NOT NULL""",
    # where a few documents are under data/ (the page image of a scan, board/scans.py)
    "doc_paths": """
        SELECT doc_id, path FROM document WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))""",
    # every fact behind one (agency, year, indicator): what a click on a point shows
    "key_facts": """
        SELECT f.fact_id, f.doc_id, f.agency_id, f.year, f.indicator_id, f.value, f.unit,
               f.qualifier, f.quote, f.span_start, f.span_end, f.num_start, f.num_end,
               f.location, f.method, f.origin, f.status
        FROM fact f
        WHERE f.agency_id = ? AND f.year = ? AND f.indicator_id = ?
          AND (f.origin = 'real' OR ?)
        ORDER BY f.value IS NULL, f.method, f.fact_id
        LIMIT 20""",
    "conflicts": f"""
        SELECT r.agency_id, r.year, r.indicator_id, r.value, r.unit, r.qualifier,
               r.other_values, r.n_sources, r.quote, r.method, r.origin, r.status
        FROM resolved r
        WHERE r.conflict AND {_WHERE.format(a="r")}
        ORDER BY r.year DESC, r.agency_id, r.indicator_id
        LIMIT 500""",
    "rejected": "SELECT path, reason, detail FROM rejected_file ORDER BY path",
    # reports the build could not identify, parked until an editor assigns agency and year
    "parked": """
        SELECT path, reason, doc_id, excerpt FROM rejected_file
        WHERE kind = 'unidentified' ORDER BY path""",
    # 统计表 whose 合计 row disagrees with the sum of its agency rows, or one agency's table
    # whose 合计 disagrees with its years' rows (etl/readers/table_stat.py, table_own.py)
    "table_checks": """
        SELECT path, reason FROM rejected_file
        WHERE kind = 'row'
          AND (reason LIKE '%与各单位之和不一致%' OR reason LIKE '%与各年度之和不一致%')
        ORDER BY path, reason""",
    # data quality: years in [y0, y1] with no value, per (agency, indicator) found at all
    "quality_missing": f"""
        WITH yrs AS (SELECT unnest(range(?::INTEGER, ?::INTEGER + 1)) AS year),
        have AS (
            SELECT DISTINCT r.agency_id, r.indicator_id, r.year FROM resolved r
            WHERE {_WHERE.format(a="r")}),
        pairs AS (SELECT DISTINCT agency_id, indicator_id FROM have)
        SELECT p.agency_id, p.indicator_id, count(*) AS n_missing,
               string_agg(CAST(y.year AS VARCHAR), '、' ORDER BY y.year) AS missing
        FROM pairs p CROSS JOIN yrs y
        WHERE NOT EXISTS (SELECT 1 FROM have h WHERE h.agency_id = p.agency_id
                          AND h.indicator_id = p.indicator_id AND h.year = y.year)
        GROUP BY p.agency_id, p.indicator_id
        ORDER BY p.agency_id, p.indicator_id""",
    # data quality: each disagreeing source of a conflict, beside the value shown
    "quality_conflicts": f"""
        SELECT r.agency_id, r.year, r.indicator_id, r.value, r.quote, r.method,
               f.value AS other_value, f.quote AS other_quote, f.method AS other_method,
               d.path AS other_path
        FROM resolved r
        JOIN fact f USING (agency_id, year, indicator_id)
        LEFT JOIN document d ON d.doc_id = f.doc_id
        WHERE r.conflict AND f.value IS NOT NULL AND f.value <> r.value
          AND f.status <> 'rejected' AND f.origin = r.origin
          AND {_WHERE.format(a="r")}
        ORDER BY r.year DESC, r.agency_id, r.indicator_id, f.fact_id
        LIMIT 500""",
    # data quality: reports whose agency or year did not come from their title, or whose
    # identity is in doubt (a note)
    "quality_year_from_path": f"""
        SELECT d.agency_id, d.year, d.title, d.path, y.year_source, y.agency_source, y.note
        FROM document d JOIN document_year y USING (doc_id)
        WHERE (y.year_source <> 'title' OR coalesce(y.agency_source, 'title') <> 'title'
               OR y.note IS NOT NULL) AND {_WHERE.format(a="d")}
        ORDER BY d.year DESC, d.path
        LIMIT 500""",
    # data quality: indicators of the catalog with no value in the chosen data
    "quality_never_found": f"""
        SELECT i.indicator_id FROM indicator i
        WHERE NOT EXISTS (
            SELECT 1 FROM fact f
            WHERE f.indicator_id = i.indicator_id AND f.value IS NOT NULL
              AND f.status <> 'rejected' AND {_WHERE.format(a="f")})
        ORDER BY i.sort_order""",
    # the review queue: unverified facts with a value, their document's path and text
    # offsets (the page reads the texts of one page of them); empty indicator list: all
    "review_queue": f"""
        SELECT f.fact_id, f.doc_id, f.agency_id, f.year, f.indicator_id, f.value, f.unit,
               f.qualifier, f.quote, f.span_start, f.span_end, f.num_start, f.num_end,
               f.location, f.method, f.origin, f.status, d.path AS doc_path,
               count(*) OVER () AS n_total
        FROM fact f LEFT JOIN document d ON d.doc_id = f.doc_id
        WHERE f.status = 'unverified' AND f.value IS NOT NULL
          AND (len(?::VARCHAR[]) = 0 OR f.indicator_id IN (SELECT unnest(?::VARCHAR[])))
          AND {_WHERE.format(a="f")}
        ORDER BY f.year DESC, f.agency_id, f.indicator_id, f.fact_id
        LIMIT ? OFFSET ?""",
    # candidates (numbers set aside, with why) under the filters: by the candidate's agency
    # and year, else its report's; a parked report's (no report loaded, no agency, no year)
    # always, since an editor can place them. Demo by path, as the build decides it.
    # Params: agencies, y0, y1, demo, indicators (twice; empty: all).
    "candidate_reasons": f"""
        SELECT c.reason, count(*) AS n
        {_CANDIDATES}
        GROUP BY c.reason ORDER BY n DESC, c.reason""",
    # one page of them, each with its report, and the value its key shows now (resolved) so
    # that a candidate already turned into a fact says so. Params: as above, then reasons
    # (twice; empty: all), limit, offset.
    "candidates": f"""
        SELECT c.candidate_id, c.doc_id, c.path, c.agency_id, c.year, c.indicator_id, c.value,
               c.unit, c.reason, c.quote, c.span_start, c.span_end, c.num_start, c.num_end,
               c.location, d.doc_id IS NULL AS unplaced, d.title AS doc_title,
               d.agency_id AS doc_agency_id, d.year AS doc_year,
               r.value AS current_value, r.method AS current_method
        {_CANDIDATES}
          AND (len(?::VARCHAR[]) = 0 OR c.reason IN (SELECT unnest(?::VARCHAR[])))
        ORDER BY unplaced, coalesce(c.year, d.year) DESC, c.path, c.num_start, c.candidate_id
        LIMIT ? OFFSET ?""",
    # data quality: candidates per report and reason, the reports that lose most first
    # (params: agencies, y0, y1, demo)
    "quality_candidates": """
        WITH per AS (
            SELECT c.path, any_value(d.title) AS title, any_value(d.agency_id) AS agency_id,
                   any_value(d.year) AS year, c.reason, count(*) AS n
            FROM candidate c LEFT JOIN document d ON d.doc_id = c.doc_id
            WHERE ((d.agency_id IN (SELECT unnest(?::VARCHAR[])) AND d.year BETWEEN ? AND ?)
                   OR d.doc_id IS NULL)
              AND (split_part(c.path, '/', 1) <> 'demo' OR ?)
            GROUP BY c.path, c.reason)
        SELECT path, any_value(title) AS title, any_value(agency_id) AS agency_id,
               any_value(year) AS year, sum(n)::INTEGER AS n,
               list(reason ORDER BY n DESC, reason) AS reasons,
               list(n ORDER BY n DESC, reason) AS reason_counts
        FROM per GROUP BY path
        ORDER BY n DESC, path
        LIMIT 500""",
    # whether any fact is demo data (the demo banner of every page)
    "has_demo": "SELECT count(*) > 0 AS has_demo FROM (SELECT 1 FROM fact WHERE origin = 'demo' LIMIT 1)",
    # every document's title, read once per warehouse version (for footnotes and tooltips)
    "doc_titles": "SELECT doc_id, title FROM document",
    "last_run": """
        SELECT run_id, started_at, finished_at, data_dir, files_seen, files_loaded,
               files_rejected, facts
        FROM load_run ORDER BY finished_at DESC LIMIT 1""",
    # every alias of the registry (the command line's --agency)
    "agency_aliases": "SELECT alias, agency_id FROM agency_alias",
}
