"""Disputed values: the one mark for a number a leader should not quote without a caveat.

A value is disputed when its sources disagree (resolved.conflict: the 2021 statistics
table says 15 inspections, the bureau's report 13), or when a report's claim about another
year does not hold against it (claim_note, added by board/claims.with_notes to the rows of
queries.series: the 2023 report's 比上年增加4家 against 46 → 52 disputes both years' values).
`mark(df, lang)` is the only place
that decides it; it adds two columns to rows of the series query (model.enrich calls it):

    disputed      bool: draw the red ring, count it, footnote it
    dispute_note  why, in the chosen language ('' when not disputed)

Charts, tooltips, CSV/XLSX, exported images, the deck and the overview card read only
these two columns; a later check feeds the same mark by adding its reason here, as the
claim check does.
"""

from __future__ import annotations

import pandas as pd

from board import i18n
from board.chart_style import DISPUTE_COLOR

COLOR = DISPUTE_COLOR  # the ring on charts and the marker on slides


def _others(raw, unit: str, lang: str) -> str:
    """'13' or '13、14' (the warehouse's other_values) → '13次' / '13次、14次'."""
    vals = [v for v in str(raw or "").split("、") if v]
    out = []
    for v in vals:
        try:
            out.append(i18n.value_text(float(v), unit, None, lang))
        except ValueError:
            out.append(v)
    return i18n.join(out, lang)


def mark(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """`df` with `disputed` and `dispute_note` (see the module doc). Rows need the series
    query's conflict/other_values/method; unit_txt and label are used when present."""
    out = df.copy()
    n = len(out)
    conflict = (
        out["conflict"].fillna(False).astype(bool)
        if "conflict" in out
        else pd.Series([False] * n, index=out.index)
    )
    # an inconsistent claim about another year (board/claims.with_notes: claim_note)
    claim = (
        out["claim_note"].fillna("").astype(str)
        if "claim_note" in out
        else pd.Series([""] * n, index=out.index)
    )
    notes = [""] * n
    flagged = (conflict.to_numpy(dtype=bool) | claim.ne("").to_numpy(dtype=bool)).nonzero()[0]
    # only the disputed rows are written out (a row by row loop over every value was most of
    # marking a province's series)
    for i, r in zip(flagged, out.iloc[flagged].itertuples(index=False), strict=True):
        why = []
        if conflict.iloc[i]:
            unit = getattr(r, "unit_txt", None) or getattr(r, "unit", "") or ""
            shown = getattr(r, "label", None) or i18n.value_text(r.value, unit, None, lang)
            method = i18n.method_text(getattr(r, "method", "") or "", lang)
            others = _others(getattr(r, "other_values", ""), unit, lang)
            why.append(i18n.t("dp_conflict", lang, shown=shown, method=method, others=others))
        if claim.iloc[i]:
            why.append(i18n.t("dp_claim", lang, note=claim.iloc[i].removeprefix("不符：")))
        notes[i] = i18n.semicolon(lang).join(why)
    out["disputed"] = conflict.to_numpy(dtype=bool) | claim.ne("").to_numpy(dtype=bool)
    out["dispute_note"] = notes
    return out


def rows(df: pd.DataFrame) -> pd.DataFrame:
    """The disputed rows of df; rows straight from the series query are marked first."""
    if df is None or df.empty:
        return pd.DataFrame(columns=["agency_id", "year", "indicator_id", "disputed"])
    if "disputed" not in df:
        if "conflict" not in df:
            return df.iloc[:0]
        df = mark(df)
    return df[df["disputed"].fillna(False).astype(bool)]


def footnote(df: pd.DataFrame, lang: str = "zh", most: int = 3) -> str | None:
    """'有争议：区科技局2021年执法检查次数15次（来源不一致：…）。' for the disputed rows of
    df (enriched rows: agency, indicator, label), or None when none is disputed."""
    d = rows(df)
    if d.empty:
        return None
    d = d.drop_duplicates(["agency_id", "year", "indicator_id"]).sort_values(["year", "agency_id"])
    items = [
        i18n.t("dp_item", lang, agency=r.agency, year=int(r.year), indicator=r.indicator, value=r.label,
           note=r.dispute_note)
        for r in d.head(most).itertuples()
    ]  # fmt: skip
    text = i18n.join(items, lang)
    if len(d) > most:
        text += f"等{len(d)}处" if lang == "zh" else f" and {len(d) - most} more"
    return i18n.t("dp_footnote", lang, items=text)


def count_text(df: pd.DataFrame, lang: str = "zh") -> str | None:
    """'有争议1处（2021年）' for the values behind an overview card, or None."""
    d = rows(df)
    if d.empty:
        return None
    d = d.drop_duplicates(["agency_id", "year", "indicator_id"])
    years = i18n.years_text([int(y) for y in d["year"]], lang)
    return i18n.t("dp_count_years", lang, n=len(d), years=years)
