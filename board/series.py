"""Resolved values made ready to draw: display text, segments of consecutive years, the
change on the year before, first and last years, the footnote naming the sources. Part of
board.model (issue 15)."""

from __future__ import annotations

import math

import pandas as pd

from board import chart_words, disputes, i18n
from board.chart_words import short_quote
from board.meta import Meta


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
    cols = [c for c in ("doc_id", "doc_title", "year", "agency_id", "origin", "method") if c in df]
    part = df[cols]
    rows = part.astype(object).where(part.notna(), None).to_dict("records")  # NaN -> None
    return chart_words.sources(rows, lang, max_titles)


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
