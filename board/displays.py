"""Tables for the pages: values per year (marks for demo, unverified and disputed), first
and last years, approvals, documents, conflicts, rejected files. Part of board.model
(issue 15)."""

from __future__ import annotations

import math

import pandas as pd

from board import disputes, i18n
from board.meta import APPROVAL_IDS, Meta

# -- approvals --------------------------------------------------------------------------------


def approvals_table(df: pd.DataFrame, meta: Meta, lang: str) -> pd.DataFrame:
    """One row per agency and year: items, one-visit items, days before/after, cut %.

    A cut missing from the report is derived from the days before and after, and marked."""
    if df.empty:
        return pd.DataFrame()
    wide = df.pivot_table(index=["agency_id", "year"], columns="indicator_id", values="value",
                          aggfunc="first")  # fmt: skip
    for c in APPROVAL_IDS:
        if c not in wide:
            wide[c] = float("nan")
    wide = wide.reset_index()
    derived = (
        wide["approval_time_cut_pct"].isna()
        & wide["approval_days_before"].gt(0)
        & wide["approval_days_after"].notna()
    )
    wide.loc[derived, "approval_time_cut_pct"] = (
        (wide["approval_days_before"] - wide["approval_days_after"])
        / wide["approval_days_before"]
        * 100
    ).round(1)
    wide["derived"] = derived
    demo = df.groupby(["agency_id", "year"])["origin"].apply(lambda s: bool(s.eq("demo").any()))
    wide["is_demo"] = [
        bool(demo.get((a, y), False)) for a, y in zip(wide["agency_id"], wide["year"], strict=True)
    ]
    order = {a: i for i, a in enumerate(meta.agencies.index)}
    wide["_o"] = wide["agency_id"].map(order)
    return wide.sort_values(["_o", "year"]).drop(columns="_o").reset_index(drop=True)


# -- tables -----------------------------------------------------------------------------------

DEMO_MARK, UNVERIFIED_MARK = "†", "*"
DISPUTED_MARK = "⚠"  # a value the chart rings (board.disputes)


def cell_text(r, lang: str, mode: str = "value") -> str:
    if mode == "yoy":
        p = r.yoy_pct
        return "—" if p is None or (isinstance(p, float) and math.isnan(p)) else f"{p:+.1f}%"
    s = r.label
    if bool(getattr(r, "disputed", False)):
        s += DISPUTED_MARK
    if r.unverified:
        s += UNVERIFIED_MARK
    if r.is_demo:
        s += DEMO_MARK
    return s


def wide_table(df: pd.DataFrame, meta: Meta, years: list[int], lang: str, mode: str = "value"):
    """Rows (indicator, agency), a column per year; '—' where a year has no value."""
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    rows = []
    order_i = {i: n for n, i in enumerate(meta.indicators.index)}
    order_a = {a: n for n, a in enumerate(meta.agencies.index)}
    keys = df.drop_duplicates(["indicator_id", "agency_id"])[["indicator_id", "agency_id"]]
    keys = sorted(
        keys.itertuples(index=False), key=lambda k: (order_i.get(k[0], 0), order_a.get(k[1], 0))
    )
    by_key = {(r.indicator_id, r.agency_id, r.year): r for r in df.itertuples()}
    for iid, aid in keys:
        row = {t("indicator"): meta.ind(iid, lang), t("agency"): meta.agency(aid, lang)}
        for y in years:
            r = by_key.get((iid, aid, y))
            row[str(y)] = cell_text(r, lang, mode) if r is not None else "—"
        rows.append(row)
    return pd.DataFrame(rows)


def table_note(df: pd.DataFrame, lang: str) -> str:
    parts = ["“—”表示该年没有数据" if lang == "zh" else "“—”: no value that year"]
    if len(df) and df["unverified"].any():
        parts.append(f"{UNVERIFIED_MARK} {i18n.t('unverified', lang)}")
    if len(df) and df["is_demo"].any():
        parts.append(f"{DEMO_MARK} {i18n.t('demo', lang)}")
    d = disputes.rows(df)
    if len(d):
        parts.append(f"{DISPUTED_MARK} {disputes.footnote(d, lang).rstrip('。.')}")
    return i18n.semicolon(lang).join(parts)


def first_last_table(fl: pd.DataFrame, meta: Meta, lang: str) -> pd.DataFrame:
    """Agency, area, first year's value, last year's value, change (absolute and %)."""
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    rows = []
    order_i = {i: n for n, i in enumerate(meta.indicators.index)}
    order_a = {a: n for n, a in enumerate(meta.agencies.index)}
    for (iid, aid), g in sorted(fl.groupby(["indicator_id", "agency_id"]),
                                key=lambda kv: (order_i.get(kv[0][0], 0), order_a.get(kv[0][1], 0))):  # fmt: skip
        g = g.sort_values("year")
        a, b = g.iloc[0], g.iloc[-1]
        unit = meta.unit(iid, lang)
        change = "—"
        if len(g) > 1:
            d = b["value"] - a["value"]
            pts = "个百分点" if lang == "zh" else "pts"  # value_text puts the space
            change = i18n.signed(d, pts if unit == "%" else unit, lang)
            if a["value"] and unit != "%":
                pct = f"{d / a['value'] * 100:+.0f}%"
                change += f"（{pct}）" if lang == "zh" else f" ({pct})"
        rows.append({
            t("area"): meta.area(meta.area_of(iid), lang), t("indicator"): meta.ind(iid, lang),
            t("agency"): meta.agency(aid, lang),
            t("cmp_first"): f"{a['year']}{i18n.colon(lang)}{a['label']}",
            t("cmp_last"): f"{b['year']}{i18n.colon(lang)}{b['label']}" if len(g) > 1 else "—",
            t("cmp_change"): change,
            t("origin"): i18n.origin_text("demo" if g["is_demo"].any() else "real", lang),
        })  # fmt: skip
    return pd.DataFrame(rows)


def days_long(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Time limits before and after the cut, one row each, with both values on every row
    (for the line joining them)."""
    d = data[data["indicator_id"].isin(["approval_days_before", "approval_days_after"])].copy()
    if d.empty:
        return d
    d["which"] = d["indicator_id"].map(
        {"approval_days_before": "before", "approval_days_after": "after"}
    )
    d["which_txt"] = d["which"].map(
        {"before": i18n.t("ap_before", lang), "after": i18n.t("ap_after", lang)}
    )
    d["days"] = d["value"]
    piv = d.pivot_table(
        index=["agency_id", "year"], columns="which", values="value", aggfunc="first"
    )
    for c in ("before", "after"):
        if c not in piv:
            piv[c] = float("nan")
    return d.join(piv[["before", "after"]], on=["agency_id", "year"])


def cut_series(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The % cut per agency and year; where a report gives only the days before and after,
    the cut is derived from them and its status says so."""
    cut = data[data["indicator_id"] == "approval_time_cut_pct"].copy()
    have = set(zip(cut["agency_id"], cut["year"], strict=True))
    b = data[data["indicator_id"] == "approval_days_before"].set_index(["agency_id", "year"])
    a = data[data["indicator_id"] == "approval_days_after"].set_index(["agency_id", "year"])
    extra = []
    for key in b.index.intersection(a.index):
        if key in have or not b.at[key, "value"]:
            continue
        row = a.loc[key].copy()
        v = round((b.at[key, "value"] - a.at[key, "value"]) / b.at[key, "value"] * 100, 1)
        row["agency_id"], row["year"] = key
        row["indicator_id"], row["value"], row["qualifier"] = "approval_time_cut_pct", v, None
        row["label"] = i18n.value_text(v, "%", None, lang)
        row["status_txt"] = i18n.t("ap_derived", lang)
        row["indicator"] = (
            cut["indicator"].iloc[0]
            if len(cut)
            else ("办理时限压缩比例" if lang == "zh" else "Processing time cut")
        )
        row["bound"] = ""
        extra.append(row)
    if extra:
        cut = pd.concat([cut, pd.DataFrame(extra)], ignore_index=True)
    return cut.sort_values(["agency_id", "year"]).reset_index(drop=True)


def approvals_display(data: pd.DataFrame, meta: Meta, lang: str) -> pd.DataFrame:
    w = approvals_table(data, meta, lang)
    if w.empty:
        return w
    labels = {r: lab for r, lab in zip(zip(data["agency_id"], data["year"], data["indicator_id"], strict=True),
                                       data["label"], strict=True)}  # fmt: skip
    rows = []
    for r in w.itertuples():

        def cell(iid, r=r):
            return labels.get((r.agency_id, r.year, iid), "—")

        cut = cell("approval_time_cut_pct")
        if r.derived:
            cut = f"{i18n.num(r.approval_time_cut_pct)}%（{'推算' if lang == 'zh' else 'derived'}）"
        rows.append({
            i18n.t("agency", lang): meta.agency(r.agency_id, lang), i18n.t("year", lang): str(r.year),
            meta.ind("approval_items", lang): cell("approval_items"),
            meta.ind("one_visit_items", lang): cell("one_visit_items"),
            meta.ind("approval_days_before", lang): cell("approval_days_before"),
            meta.ind("approval_days_after", lang): cell("approval_days_after"),
            meta.ind("approval_time_cut_pct", lang): cut,
            i18n.t("origin", lang): i18n.origin_text("demo" if r.is_demo else "real", lang),
        })  # fmt: skip
    return pd.DataFrame(rows)


# -- sources ------------------------------------------------------------------------------------


def documents_display(docs: pd.DataFrame, meta: Meta, lang: str) -> pd.DataFrame:
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    return pd.DataFrame({
        t("agency"): [meta.agency(a, lang) for a in docs["agency_id"]],
        t("year"): docs["year"].astype(str),
        t("src_kind"): [i18n.kind_text(k, lang) for k in docs["kind"]],
        t("src_title_col"): docs["title"],
        t("src_facts_col"): docs["n_facts"].astype(int),
        t("origin"): [i18n.origin_text(o, lang) for o in docs["origin"]],
        t("src_path"): docs["path"],
    })  # fmt: skip


def conflicts_display(conf: pd.DataFrame, meta: Meta, lang: str) -> pd.DataFrame:
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    labels = [
        i18n.value_text(v, meta.unit(i, lang), q if isinstance(q, str) else None, lang)
        for v, i, q in zip(conf["value"], conf["indicator_id"], conf["qualifier"], strict=True)
    ]
    return pd.DataFrame({
        t("agency"): [meta.agency(a, lang) for a in conf["agency_id"]],
        t("year"): conf["year"].astype(str),
        t("indicator"): [meta.ind(i, lang) for i in conf["indicator_id"]],
        t("src_shown"): labels,
        t("src_other_values"): conf["other_values"].fillna(""),
        t("src_n_sources"): conf["n_sources"].astype(int),
        t("source"): conf["quote"],
        t("method"): [i18n.method_text(m, lang) for m in conf["method"]],
        t("origin"): [i18n.origin_text(o, lang) for o in conf["origin"]],
    })  # fmt: skip


def rejected_display(rej: pd.DataFrame, lang: str) -> pd.DataFrame:
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    return pd.DataFrame({t("src_path"): rej["path"], t("src_reason"): rej["reason"],
                         t("src_detail"): rej["detail"].fillna("")})  # fmt: skip
