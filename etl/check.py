"""Each claim of a report about another year, checked against the resolved values.

A claim (etl/extract/claims.py) says how the report's year compares with another: the
verdict is `consistent`, `inconsistent` (with the claimed and the observed figure) or
`unverifiable` (a year it speaks of has no value). An inconsistency points at a misread
fact or a misstated report: both are what staff must look at before a meeting.

`store(con)` runs at the end of every build (etl/warehouse.py), after `resolved`;
`listing(con, …)` is what `python -m etl check` prints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pyarrow as pa

from etl import catalog as catalog_mod
from etl import schema

VERDICTS = ("consistent", "inconsistent", "unverifiable")
VERDICT_ZH = {"consistent": "相符", "inconsistent": "不符", "unverifiable": "无法核对"}
KIND_ZH = {
    "delta": "增减",
    "pct_change": "增减百分比",
    "previous_level": "上年数值",
    "same_as_last_year": "与上年持平",
    "streak_zero": "连续为零",
}


@dataclass(frozen=True)
class Verdict:
    verdict: str
    claimed: float | None
    observed: float | None
    this_value: float | None
    other_year: int | None
    other_value: float | None
    other_fact_id: int | None
    this_fact_id: int | None
    note: str


Lookup = dict[tuple[str, int, str], tuple[float, int]]  # (agency, year, ind) -> (value, fact_id)


def judge(c: dict, values: Lookup) -> Verdict:
    """The verdict on one claim (a row of the claim table as a dict)."""
    cat = catalog_mod.load()
    ind = cat.by_id.get(c["indicator_id"])
    name, unit = (ind.zh, ind.unit) if ind else (c["indicator_id"], "")
    kind, y, b = c["kind"], int(c["year"]), int(c["about_year"])
    claimed = None if c["value"] is None or _nan(c["value"]) else float(c["value"])
    this = values.get((c["agency_id"], y, c["indicator_id"]))
    if kind == "streak_zero":
        return _streak(c, values, name, unit)
    other = values.get((c["agency_id"], b, c["indicator_id"]))
    ty, tf = this if this else (None, None)
    oy, of = other if other else (None, None)

    def verdict(v: str, cl, ob, note: str) -> Verdict:
        return Verdict(v, cl, ob, ty, b, oy, of, tf, note)

    if kind == "previous_level":
        if other is None:
            return verdict("unverifiable", claimed, None, f"缺少{b}年的{name}，无法核对")
        ok = _close(claimed, oy, c["qualifier"])
        seen = f"{b}年实际为{_n(oy)}{unit}"
        said = f"报告称{b}年为{_n(claimed)}{unit}"
        return verdict("consistent" if ok else "inconsistent", claimed, oy,
                       f"{'相符' if ok else '不符'}：{said}，{seen}")  # fmt: skip
    missing = [yy for yy, v in ((b, other), (y, this)) if v is None]
    if missing:
        years = "、".join(f"{yy}年" for yy in missing)
        return verdict("unverifiable", claimed, None, f"缺少{years}的{name}，无法核对")
    path = f"{b}年{_n(oy)}{unit}→{y}年{_n(ty)}{unit}"
    if kind == "pct_change":
        if oy == 0:
            return verdict("unverifiable", claimed, None, f"{b}年为0，无法算出增减百分比（{path}）")
        observed = round((ty - oy) / oy * 100, 4)
        ok = _pct_close(claimed, observed, c["qualifier"])
        said = f"报告称{_signed(claimed)}%"
        seen = f"实际{path}，{_signed(round(observed, 1))}%"
    elif kind == "same_as_last_year":
        observed, claimed = ty - oy, 0.0
        ok = _close(0.0, observed, c["qualifier"], base=oy)
        said, seen = "报告称与上年持平", f"实际{path}"
    else:  # delta (a % indicator: in percentage points)
        observed = ty - oy
        u = c["unit"] if c["unit"] == "个百分点" else unit
        ok = _close(claimed, observed, c["qualifier"])
        said = f"报告称{_signed(claimed)}{u}"
        seen = f"实际{path}，{_signed(observed)}{u}"
    v = "consistent" if ok else "inconsistent"
    return verdict(v, claimed, observed, f"{VERDICT_ZH[v]}：{said}，{seen}")


def _streak(c: dict, values: Lookup, name: str, unit: str) -> Verdict:
    y, b = int(c["year"]), int(c["about_year"])
    this = values.get((c["agency_id"], y, c["indicator_id"]))
    ty, tf = this if this else (None, None)
    missing = []
    for yy in range(b, y + 1):
        got = values.get((c["agency_id"], yy, c["indicator_id"]))
        if got is None:
            missing.append(yy)
        elif got[0] != 0:
            return Verdict("inconsistent", 0.0, got[0], ty, yy, got[0], got[1], tf,
                           f"不符：报告称自{b}年起{name}均为零，实际{yy}年为{_n(got[0])}{unit}")  # fmt: skip
    if missing:
        years = "、".join(f"{yy}年" for yy in missing)
        return Verdict("unverifiable", 0.0, None, ty, None, None, None, tf,
                       f"缺少{years}的{name}，无法核对")  # fmt: skip
    return Verdict("consistent", 0.0, 0.0, ty, b, 0.0, None, tf,
                   f"相符：{b}年至{y}年{name}均为零")  # fmt: skip


def _nan(x) -> bool:
    return isinstance(x, float) and math.isnan(x)


def _close(claimed, observed, qualifier, base=None) -> bool:
    if claimed is None or observed is None:
        return False
    if qualifier == "about":  # 约3次, 基本持平: within a tenth (at least one unit)
        scale = abs(base) if base is not None else abs(claimed)
        return abs(observed - claimed) <= max(1.0, 0.1 * scale)
    if qualifier == "at_least":  # 超过3次: at least that far in the same direction
        return observed * claimed > 0 and abs(observed) >= abs(claimed)
    return abs(observed - claimed) < 1e-6


def _pct_close(claimed, observed, qualifier) -> bool:
    """A percentage as written is rounded to its last digit: 20% is 19.5-20.5, 28.6% is
    28.55-28.65."""
    if qualifier:
        return _close(claimed, observed, qualifier)
    text = f"{abs(claimed):.6f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return abs(observed - claimed) <= 0.5 * 10**-decimals + 1e-9


def _n(v) -> str:
    if v is None:
        return "—"
    v = float(v)
    return str(int(v)) if v.is_integer() else f"{v:g}"


def _signed(v) -> str:
    if v is None:
        return "—"
    return ("+" if v >= 0 else "−") + _n(abs(v))


# --- in the warehouse ---------------------------------------------------------------------

CLAIMS_SQL = """
SELECT claim_id, agency_id, year, indicator_id, kind, value, unit, about_year, qualifier
FROM claim ORDER BY claim_id"""

# The years a claim can look at: of each agency's indicator, from the earliest year its
# claims compare with to the latest they speak of (a streak's every year between). Half of
# the resolved values of the claims' indicators fall outside and are not fetched.
CLAIMED_YEARS = """
(SELECT agency_id, indicator_id, min(least(year, about_year)) AS lo,
        max(greatest(year, about_year)) AS hi
 FROM claim GROUP BY agency_id, indicator_id) c"""

VALUES_SQL = f"""
SELECT r.agency_id, r.year, r.indicator_id, r.value, r.fact_id
FROM resolved r
SEMI JOIN {CLAIMED_YEARS}
     ON c.agency_id = r.agency_id AND c.indicator_id = r.indicator_id
    AND r.year BETWEEN c.lo AND c.hi"""

# A sentence for a value: where the resolved value came from a table (or a correction), a
# report's sentence that gives the same value, so that staff can read both sentences.
SENTENCES_SQL = f"""
SELECT f.agency_id, f.year, f.indicator_id, f.value, min(f.fact_id) AS fact_id
FROM fact f
SEMI JOIN {CLAIMED_YEARS}
     ON c.agency_id = f.agency_id AND c.indicator_id = f.indicator_id
    AND f.year BETWEEN c.lo AND c.hi
WHERE f.method IN ('text', 'ocr') AND f.status <> 'rejected' AND f.value IS NOT NULL
GROUP BY f.agency_id, f.year, f.indicator_id, f.value"""

CHECK_SCHEMA = schema.arrow_schema("claim_check")


def store(con) -> int:
    """Fill claim_check from claim and resolved; how many claims were checked."""
    cur = con.execute(CLAIMS_SQL)
    cols = [d[0] for d in cur.description]
    claims = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    if not claims:
        return 0
    said = {(a, int(y), i, float(v)): int(f)
            for a, y, i, v, f in con.execute(SENTENCES_SQL).fetchall()}  # fmt: skip
    values: Lookup = {(a, int(y), i): (float(v), said.get((a, int(y), i, float(v)), int(f)))
                      for a, y, i, v, f in con.execute(VALUES_SQL).fetchall()}  # fmt: skip
    rows = []
    for c in claims:
        v = judge(c, values)
        rows.append((c["claim_id"], v.verdict, v.claimed, v.observed, v.this_value,
                     v.other_year, v.other_value, v.other_fact_id, v.this_fact_id, v.note))  # fmt: skip
    # One INSERT from an Arrow table: executemany took 27 s for the 16,611 claims of the
    # 20,000-report bench (a round trip per row); this takes a few milliseconds.
    columns = zip(*rows, strict=True)
    data = pa.Table.from_arrays(  # noqa: F841  (read by DuckDB's replacement scan)
        [pa.array(v, type=t) for v, t in zip(columns, CHECK_SCHEMA.types, strict=True)],
        schema=CHECK_SCHEMA,
    )
    con.execute("INSERT INTO claim_check BY NAME SELECT * FROM data")
    return len(rows)


LISTING_SQL = """
SELECT c.claim_id, c.agency_id, a.name_zh AS agency, c.year, c.indicator_id,
       i.name_zh AS indicator, c.kind, c.value, c.unit, c.about_year, c.quote, c.location,
       c.origin, d.path, k.verdict, k.claimed, k.observed, k.other_year, k.other_value,
       k.note, o.quote AS other_quote, od.path AS other_path, o.location AS other_location
FROM claim c
JOIN claim_check k USING (claim_id)
LEFT JOIN agency a ON a.agency_id = c.agency_id
LEFT JOIN indicator i ON i.indicator_id = c.indicator_id
LEFT JOIN document d ON d.doc_id = c.doc_id
LEFT JOIN fact o ON o.fact_id = k.other_fact_id
LEFT JOIN document od ON od.doc_id = o.doc_id
WHERE (?::VARCHAR IS NULL OR c.agency_id = ?) AND (?::INTEGER IS NULL OR c.year = ?)
ORDER BY CASE k.verdict WHEN 'inconsistent' THEN 0 WHEN 'unverifiable' THEN 1 ELSE 2 END,
         a.sort_order, c.year, c.indicator_id, c.claim_id"""


def listing(con, agency_id: str | None = None, year: int | None = None) -> list[dict]:
    """The checked claims (inconsistent first), as dicts of LISTING_SQL's columns."""
    cur = con.execute(LISTING_SQL, [agency_id, agency_id, year, year])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def line_zh(r: dict) -> str:
    """One claim on one line, for the terminal."""
    quote = r["quote"] if len(r["quote"]) <= 50 else r["quote"][:49] + "…"
    where = f"{r['path'] or ''} {r['location'] or ''}".strip()
    return (f"{VERDICT_ZH[r['verdict']]}  {r['agency']}  {r['year']}  {r['indicator']}  "
            f"{r['note']}  「{quote}」  {where}")  # fmt: skip
