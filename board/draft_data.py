"""What a draft (board/draft.py) is written from, read from one warehouse version: the
agency and its subordinates, their resolved values up to the year with each value's
source, and the keys an inconsistent claim disputes. Named SQL, registered with
board.queries (bound parameters only)."""

from __future__ import annotations

import duckdb

from board import claims, queries  # noqa: F401  (claims registers claims_disputed)
from board.draft import Data, Value

SQL = {
    "draft_values": """
        SELECT r.agency_id, r.year, r.indicator_id, r.value, r.unit, r.qualifier, r.status,
               r.origin, r.method, r.conflict, r.other_values, r.quote, f.location,
               d.title AS doc_title, d.path AS doc_path
        FROM resolved r
        LEFT JOIN fact f ON f.fact_id = r.fact_id
        LEFT JOIN document d ON d.doc_id = r.doc_id
        WHERE r.agency_id IN (SELECT unnest(?::VARCHAR[])) AND r.year <= ?
          AND (r.origin = 'real' OR ?)
        ORDER BY r.agency_id, r.year, r.indicator_id""",
}
queries.SQL.update(SQL)


def gather(run, agency_id: str, year: int, demo: bool = True) -> Data:
    """The draft's data. run(name, *params) -> DataFrame: queries.run in the app (cached),
    or `lambda n, *p: queries.execute(version, n, p)` on the command line."""
    ag = run("agencies")
    names = {a: (n, s) for a, n, s in zip(ag["agency_id"], ag["name_zh"], ag["short_zh"],
                                          strict=True)}  # fmt: skip
    if agency_id not in names:
        raise KeyError(agency_id)
    subs = [a for a, p in zip(ag["agency_id"], ag["parent_id"], strict=True) if p == agency_id]
    ids = [agency_id, *subs]
    df = run("draft_values", ids, int(year), bool(demo))
    values = {}
    for r in df.itertuples(index=False):
        v = Value(r.agency_id, int(r.year), r.indicator_id, float(r.value), r.unit,
                  r.qualifier if isinstance(r.qualifier, str) else None, r.status, r.origin,
                  r.method, bool(r.conflict), _s(r.other_values), r.quote, _s(r.location),
                  _s(r.doc_title), _s(r.doc_path))  # fmt: skip
        values[(v.agency_id, v.year, v.indicator)] = v
    disputed = {}
    try:
        dd = run("claims_disputed", ids, bool(demo), int(year) - 1, int(year))
        for a, y, i, note in zip(dd["agency_id"], dd["year"], dd["indicator_id"],
                                 dd["claim_note"], strict=True):  # fmt: skip
            disputed[(a, int(y), i)] = note
    except duckdb.CatalogException:
        pass  # a warehouse built before claims were checked
    return Data(agency_id, int(year), names, subs, values, disputed)


def _s(x) -> str | None:
    return x if isinstance(x, str) else None
