"""Shaping query results for charts, tables and sentences: pure pandas, no Streamlit.

The frames here carry display text in the chosen language (agency and indicator names,
value with qualifier and unit, status, demo or real), so charts and tables only pick
columns. Missing years stay missing (NaN, never 0), and each agency's line is cut into
segments of consecutive years so a chart draws a gap where a year is missing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from board import disputes, i18n, scope

# The five areas on the overview, in the order a leader reads them (catalog area ids).
OVERVIEW_AREAS = ("enforcement", "cases", "training", "disclosure", "approval")
APPROVAL_IDS = ("approval_items", "one_visit_items", "approval_days_before",
                "approval_days_after", "approval_time_cut_pct")  # fmt: skip
PALETTE = ("#1f5fa8", "#e8772e", "#2e9c5a", "#c23b3b", "#8a5cc2", "#8c6d31", "#d65fa7",
           "#5f6b78", "#b5a300", "#17a2b8")  # fmt: skip
QUOTE_MAX = 90  # characters of a source sentence in a tooltip


@dataclass
class Meta:
    """Names and order of agencies, indicators and years of one warehouse version."""

    agencies: pd.DataFrame  # index agency_id, ordered by sort_order
    indicators: pd.DataFrame  # index indicator_id, ordered by sort_order
    years: list[int]
    colors: dict[str, str] = field(default_factory=dict)
    # agency_id -> name, per name column, made on first use: a province has thousands of
    # agencies and the sidebar names every one of them on every run
    _names: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)
    # agency_id -> its place in the registry's order, and (area, lang) -> the area's name,
    # made on first use (the compare page asks them hundreds of times a run)
    _pos: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _areas: dict[tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        if not self.colors:
            self.colors = {a: PALETTE[i % len(PALETTE)] for i, a in enumerate(self.agencies.index)}

    def _name(self, aid: str, column: str) -> str:
        names = self._names.get(column)
        if names is None:
            names = dict(zip(self.agencies.index, self.agencies[column].astype(str), strict=True))
            self._names[column] = names
        return names.get(aid, aid)

    def agency(self, aid: str, lang: str) -> str:
        return self._name(aid, "short_en" if lang == "en" else "short_zh")

    def agency_full(self, aid: str, lang: str) -> str:
        return self._name(aid, "name_en" if lang == "en" else "name_zh")

    def ind(self, iid: str, lang: str) -> str:
        if iid not in self.indicators.index:
            return iid
        return str(self.indicators.at[iid, "name_en" if lang == "en" else "name_zh"])

    def unit(self, iid: str, lang: str) -> str:
        if iid not in self.indicators.index:
            return ""
        return str(self.indicators.at[iid, "unit_en" if lang == "en" else "unit"])

    def area_of(self, iid: str) -> str:
        return str(self.indicators.at[iid, "area"])

    def area(self, area: str, lang: str) -> str:
        name = self._areas.get((area, lang))
        if name is None:
            rows = self.indicators[self.indicators["area"] == area]
            name = (
                area if rows.empty else str(rows.iloc[0]["area_en" if lang == "en" else "area_zh"])
            )
            self._areas[(area, lang)] = name
        return name

    def headline(self, area: str) -> str | None:
        rows = self.indicators[(self.indicators["area"] == area) & self.indicators["headline"]]
        return str(rows.index[0]) if len(rows) else None

    def headlines(self, areas=OVERVIEW_AREAS) -> list[str]:
        return [h for a in areas if (h := self.headline(a))]

    def ordered(self, agency_ids) -> list[str]:
        """The known ones of `agency_ids`, once each, in the registry's order."""
        if not self._pos:
            self._pos.update((a, i) for i, a in enumerate(self.agencies.index))
        pos = self._pos
        return sorted({a for a in agency_ids if a in pos}, key=pos.__getitem__)

    def color_scale(self, agency_ids, lang: str) -> tuple[list[str], list[str]]:
        """(domain, range) for the agencies shown, each keeping its colour of the registry."""
        ids = self.ordered(agency_ids)
        return [self.agency(a, lang) for a in ids], [self.colors[a] for a in ids]

    def agencies_text(self, agency_ids, lang: str, most: int = 4) -> str:
        """'区科技局、区知识产权局' or '区科技局、…等12个单位' in registry order."""
        names = self.agency_order(agency_ids, lang)
        if len(names) <= most:
            return i18n.join(names, lang)
        head = i18n.join(names[: most - 1], lang)
        return (
            f"{head}等{len(names)}个单位"
            if lang == "zh"
            else f"{head} and {len(names) - most + 1} more"
        )

    def agency_order(self, agency_ids, lang: str) -> list[str]:
        return self.color_scale(agency_ids, lang)[0]


def meta_from(agencies: pd.DataFrame, indicators: pd.DataFrame, years: list[int]) -> Meta:
    return Meta(agencies.set_index("agency_id"), indicators.set_index("indicator_id"), years)


def short_quote(q: str | None, n: int = QUOTE_MAX) -> str:
    q = (q or "").replace("\n", " ").strip()
    return q if len(q) <= n else q[: n - 1] + "…"


def enrich(df: pd.DataFrame, meta: Meta, lang: str) -> pd.DataFrame:
    """Add display columns to rows of `series` (resolved values)."""
    out = df.copy()
    if out.empty:
        for c in ("agency", "indicator", "unit_txt", "label", "status_txt", "origin_txt",
                  "is_demo", "unverified", "quote_short", "year_txt", "bound", "source_txt",
                  "disputed", "dispute_note"):  # fmt: skip
            out[c] = pd.Series(dtype="object")
        return out
    out["year"] = out["year"].astype(int)
    out["agency"] = [meta.agency(a, lang) for a in out["agency_id"]]
    out["indicator"] = [meta.ind(i, lang) for i in out["indicator_id"]]
    out["unit_txt"] = [meta.unit(i, lang) for i in out["indicator_id"]]
    out["label"] = [
        i18n.value_text(v, u, q if isinstance(q, str) else None, lang)
        for v, u, q in zip(out["value"], out["unit_txt"], out["qualifier"], strict=True)
    ]
    at_least, about = ("以上", "约") if lang == "zh" else ("+", "~")
    out["bound"] = [
        at_least if q == "at_least" else (about if q == "about" else "") for q in out["qualifier"]
    ]
    out["status_txt"] = [i18n.status_text(s, lang) for s in out["status"]]
    out["origin_txt"] = [i18n.origin_text(o, lang) for o in out["origin"]]
    out["is_demo"] = out["origin"].eq("demo")
    out["unverified"] = out["status"].eq("unverified")
    out["quote_short"] = [short_quote(q) for q in out["quote"]]
    out["year_txt"] = out["year"].astype(str)
    titles = out["doc_title"] if "doc_title" in out else pd.Series([None] * len(out))
    out["source_txt"] = [
        t if isinstance(t, str) and t else i18n.method_text(m, lang)
        for t, m in zip(titles, out["method"], strict=True)
    ]
    return disputes.mark(out, lang)


def add_segments(df: pd.DataFrame) -> pd.DataFrame:
    """`seg`: one id per run of consecutive years of one agency and indicator (gaps break)."""
    if df.empty:
        df = df.copy()
        df["seg"] = pd.Series(dtype="object")
        return df
    df = df.sort_values(["indicator_id", "agency_id", "year"]).copy()
    new_run = (
        (df["year"].diff() != 1)
        | (df["agency_id"] != df["agency_id"].shift())
        | (df["indicator_id"] != df["indicator_id"].shift())
    )
    run = new_run.cumsum()
    df["seg"] = df["indicator_id"] + "|" + df["agency_id"] + "|" + run.astype(str)
    return df


def add_yoy(df: pd.DataFrame) -> pd.DataFrame:
    """yoy_abs / yoy_pct against the same agency's value of the year before (NaN if absent)."""
    df = df.sort_values(["indicator_id", "agency_id", "year"]).copy()
    if df.empty:
        df["prev"] = df["yoy_abs"] = df["yoy_pct"] = pd.Series(dtype="float64")
        return df
    # a change computed from a disputed value of the year before is disputed too
    carry = [c for c in ("disputed", "dispute_note") if c in df]
    prev = df[["indicator_id", "agency_id", "year", "value", *carry]].copy()
    prev["year"] = prev["year"] + 1
    prev = prev.rename(columns={"value": "prev", **{c: f"prev_{c}" for c in carry}})
    df = df.drop(columns=["prev", *[f"prev_{c}" for c in carry]], errors="ignore").merge(
        prev, on=["indicator_id", "agency_id", "year"], how="left"
    )
    df["yoy_abs"] = df["value"] - df["prev"]
    df["yoy_pct"] = [
        (v - p) / p * 100 if p and not math.isnan(p) else float("nan")
        for v, p in zip(df["value"], df["prev"], strict=True)
    ]
    return df


def sources_footnote(df: pd.DataFrame, lang: str, max_titles: int = 3) -> str:
    """'来源：A、B等5份文件（其中3份为演示数据）' for the documents behind the rows of df."""
    if df.empty or "doc_id" not in df:
        return i18n.t("sources_none", lang)
    docs = (
        df.dropna(subset=["doc_id"])
        .drop_duplicates("doc_id")
        .sort_values(["year", "agency_id"], ascending=[False, True])
    )
    if docs.empty:
        methods = sorted(set(df["method"]))
        return i18n.t(
            "sources_n", lang, docs=i18n.join([i18n.method_text(m, lang) for m in methods], lang)
        )
    titles = [t for t in docs["doc_title"].fillna("") if t]
    n = len(docs)
    shown = i18n.join(titles[:max_titles], lang)
    text = (
        shown
        if n <= max_titles
        else i18n.t("sources_more", lang, first=shown, n=n, rest=n - max_titles)
    )
    n_demo = int(docs["origin"].eq("demo").sum())
    out = i18n.t("sources_n", lang, docs=text)
    if n_demo:
        note = i18n.t("footnote_demo", lang, n=n_demo)
        out += f"（{note}）" if lang == "zh" else f" ({note})"
    return out


# -- overview ---------------------------------------------------------------------------------


@dataclass
class Card:
    area: str
    area_name: str
    indicator_id: str
    name: str
    unit: str
    year: int
    value: float | None
    qualifier: str | None
    how: str  # its scope in words (board.scope): '全局合计（3个单位）' / '仅区科技局'
    prev: float | None  # the same agencies' total the year before
    delta: float | None
    delta_pct: float | None
    is_demo: bool
    unverified: bool
    spark: pd.DataFrame  # year, value, label, quote_short, ... for the sparkline
    rows: pd.DataFrame  # the per-agency values of the year
    all_rows: pd.DataFrame = None  # every value behind the sparkline
    n_now: int = 0  # agencies with a value this year
    n_matched: int = 0  # ... that also have one the year before (what 同比 compares)
    per_unit: str = ""  # a percentage of several agencies: each one's value, never a mean
    best_agency: str = ""  # ... and whose is the best (the card's value)

    @property
    def by_unit(self) -> bool:
        """A percentage of several agencies: shown per agency, without a 同比 or a record."""
        return bool(self.per_unit)

    @property
    def partial_yoy(self) -> bool:
        return self.delta is not None and self.n_matched < self.n_now


def aggregate(
    rows: pd.DataFrame, unit: str, indicator_id: str = ""
) -> tuple[float | None, str | None]:
    """Total of counts; a bound anywhere makes the total a bound. Percentages of several
    agencies are never averaged: the best of them, with its own bound (board.scope)."""
    vals = rows["value"].dropna()
    if vals.empty:
        return None, None
    if unit == "%":
        best = scope.best_row(rows, indicator_id)
        q = best["qualifier"]
        return float(best["value"]), q if isinstance(q, str) else None
    v = float(vals.sum())
    quals = set(rows["qualifier"].dropna())
    q = "at_least" if "at_least" in quals else ("about" if "about" in quals else None)
    return v, q


def yearly(df: pd.DataFrame, unit: str, meta: Meta, lang: str) -> pd.DataFrame:
    """One row per year: aggregated value and the sentences it came from (for a sparkline)."""
    rows = []
    if "disputed" not in df and "conflict" in df:  # once, not once per year
        df = disputes.mark(df, lang)
    for year, g in df.groupby("year"):
        v, q = aggregate(g, unit, str(g["indicator_id"].iloc[0]) if "indicator_id" in g else "")
        quotes = " | ".join(
            f"{meta.agency(a, lang)}：{short_quote(x, 50)}"
            for a, x in zip(g["agency_id"], g["quote"], strict=True)
        )
        rows.append({
            "year": int(year), "year_txt": str(int(year)), "value": v, "qualifier": q,
            "label": i18n.value_text(v, unit, q, lang), "quote_short": quotes,
            "is_demo": bool(g["origin"].eq("demo").any()),
            "origin_txt": i18n.origin_text("demo" if g["origin"].eq("demo").any() else "real", lang),
            "unverified": bool(g["status"].eq("unverified").any()),
            "n_agencies": int(g["agency_id"].nunique()),
            "disputed": not disputes.rows(g).empty,
        })  # fmt: skip
    return pd.DataFrame(rows)


def cards(series: pd.DataFrame, meta: Meta, year: int, agency_ids, lang: str) -> list[Card]:
    """The overview's cards: the headline indicator of each area."""
    out = []
    for area in OVERVIEW_AREAS:
        iid = meta.headline(area)
        if iid is not None:
            out.append(card(series, meta, iid, year, lang))
    return out


def card(series: pd.DataFrame, meta: Meta, iid: str, year: int, lang: str) -> Card:
    """One indicator in `year` over the agencies in `series`: counts summed, the change on
    the year before comparing the agencies present in both years; a percentage of several
    agencies is given per agency (its value: the best one), with no change and no mean."""
    unit = meta.unit(iid, lang)
    known = iid in meta.indicators.index
    area = meta.area_of(iid) if known else ""
    df = series[series["indicator_id"] == iid]
    now = df[df["year"] == year]
    before = df[df["year"] == year - 1]
    v, q = aggregate(now, unit, iid)
    n = now.dropna(subset=["value"])["agency_id"].nunique()
    by_unit = unit == "%" and n > 1
    both = [] if by_unit else sorted(set(now["agency_id"]) & set(before["agency_id"]))
    prev = delta = delta_pct = None
    if v is not None and both:
        cur_m, _ = aggregate(now[now["agency_id"].isin(both)], unit, iid)
        prev, _ = aggregate(before[before["agency_id"].isin(both)], unit, iid)
        delta = cur_m - prev
        delta_pct = delta / prev * 100 if prev else None
    how = scope.scope_label(meta, list(dict.fromkeys(now.dropna(subset=["value"])["agency_id"])),
                            unit, lang)  # fmt: skip
    per_unit = scope.per_unit_text(now, meta, iid, unit, lang) if by_unit else ""
    best = scope.best_row(now, iid) if by_unit else None
    return Card(
        area=area, area_name=meta.area(area, lang) if known else "", indicator_id=iid,
        name=meta.ind(iid, lang), unit=unit, year=year, value=v, qualifier=q, how=how,
        prev=prev, delta=delta, delta_pct=delta_pct,
        is_demo=bool(now["origin"].eq("demo").any()),
        unverified=bool(now["status"].eq("unverified").any()),
        spark=yearly(df, unit, meta, lang) if len(df) else pd.DataFrame(),
        rows=now, all_rows=df, n_now=int(n), n_matched=len(both) if v is not None else 0,
        per_unit=per_unit, best_agency=meta.agency(best["agency_id"], lang) if by_unit else "",
    )  # fmt: skip


ZH_NUM = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


def sentence(card: Card, meta: Meta, lang: str, window: int = 5) -> str | None:
    """'仅区科技局：2024年开展执法检查15次，同比增长25%，为近五年最高。' — who it covers
    first (board.scope), then the figure and its change; or None when no value. A
    percentage of several agencies names each agency's value instead (never a mean)."""
    if card.value is None:
        return None
    lead = f"{card.how}：" if lang == "zh" else f"{card.how}: "
    if card.by_unit:
        text = (f"{lead}{card.year}年{card.name}为{card.per_unit}。" if lang == "zh"
                else f"{lead}in {card.year}, {card.name}: {card.per_unit}.")  # fmt: skip
        return text + (i18n.t("s_demo", lang) if card.is_demo else "")
    v = i18n.value_text(card.value, card.unit, card.qualifier, lang)
    tmpl = i18n.SENTENCE.get(card.indicator_id)
    body = (tmpl[1] if lang == "en" else tmpl[0]).format(v=v) if tmpl else f"{card.name}{v}"
    if lang == "en" and not tmpl:
        body = f"{card.name}: {v}"
    parts = [f"{card.year}年{body}" if lang == "zh" else f"in {card.year}, {body}"]
    if card.delta is None:
        parts.append(i18n.t("s_no_prev", lang))
    elif abs(card.delta) < 1e-9:
        parts.append(i18n.t("s_flat", lang))
    elif card.unit == "%":
        pp = i18n.num(abs(card.delta), lang)
        if lang == "zh":
            parts.append(f"比上年{'提高' if card.delta > 0 else '降低'}{pp}个百分点")
        else:
            parts.append(f"{'up' if card.delta > 0 else 'down'} {pp} points on the year before")
    elif card.delta_pct is not None:
        pct = i18n.pct_text(card.delta_pct, lang)
        parts.append(i18n.t("s_up" if card.delta > 0 else "s_down", lang, pct=pct))
    else:
        d = i18n.value_text(abs(card.delta), card.unit, None, lang)
        parts.append(i18n.t("s_up_abs" if card.delta > 0 else "s_down_abs", lang, d=d))
    if card.partial_yoy:
        parts[-1] += i18n.t("s_matched", lang, n=card.n_matched)
    sp = card.spark
    if not sp.empty:
        win = sp[(sp["year"] > card.year - window) & (sp["year"] <= card.year)]
        if len(win) >= 3:
            others = win[win["year"] != card.year]["value"]
            n = int(win["year"].max() - win["year"].min() + 1)
            n_txt = ZH_NUM.get(n, str(n)) if lang == "zh" else str(n)
            if card.value > others.max():
                parts.append(i18n.t("s_max", lang, n=n_txt))
            elif card.value < others.min():
                parts.append(i18n.t("s_min", lang, n=n_txt))
    text = lead + ("，" if lang == "zh" else ", ").join(parts) + ("。" if lang == "zh" else ".")
    if card.is_demo:
        text += i18n.t("s_demo", lang)
    return text


def coverage_rows(cov: pd.DataFrame, meta: Meta, agency_ids, y0: int, y1: int, lang: str):
    """Per agency: years with figures, the demo-only years among them, and the years missing."""
    rows = []
    want = list(range(y0, y1 + 1))
    for aid in [a for a in meta.agencies.index if a in set(agency_ids)]:
        g = cov[cov["agency_id"] == aid]
        have = sorted(int(y) for y in g["year"])
        demo_only = sorted(int(y) for y in g[g["has_demo"] & ~g["has_real"]]["year"])
        missing = [y for y in want if y not in have]
        rows.append({
            i18n.t("agency", lang): meta.agency(aid, lang),
            i18n.t("ov_coverage", lang): i18n.years_text(have, lang) or i18n.t("ov_cov_no_docs", lang),
            i18n.t("demo", lang): i18n.years_text(demo_only, lang),
            ("缺少" if lang == "zh" else "Missing"): i18n.years_text(missing, lang),
        })  # fmt: skip
    return pd.DataFrame(rows)


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


def first_last(df: pd.DataFrame) -> pd.DataFrame:
    """Per agency and indicator: the first and last year with a value in df, and the change."""
    if df.empty:
        return df.assign(which=pd.Series(dtype="object"))
    df = df.sort_values("year")
    g = df.groupby(["indicator_id", "agency_id"])
    first = g.head(1).assign(which="first")
    last = g.tail(1).assign(which="last")
    last = last[~last.index.isin(first.index)]
    return pd.concat([first, last]).sort_values(["indicator_id", "agency_id", "year"])


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
    return ("；" if lang == "zh" else "; ").join(parts)


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
            change = i18n.signed(d, "个百分点" if unit == "%" and lang == "zh" else unit, lang)
            if a["value"] and unit != "%":
                change += f"（{d / a['value'] * 100:+.0f}%）"
        rows.append({
            t("area"): meta.area(meta.area_of(iid), lang), t("indicator"): meta.ind(iid, lang),
            t("agency"): meta.agency(aid, lang),
            t("cmp_first"): f"{a['year']}：{a['label']}",
            t("cmp_last"): f"{b['year']}：{b['label']}" if len(g) > 1 else "—",
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
