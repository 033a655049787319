"""数据质量: the reports' claims about another year that the figures do not bear out
(inconsistent) or cannot check (unverifiable), each with both sentences — the claim's and
the one the other year's value came from — the numbers marked, and a link to 审核.

An inconsistency points at a misread fact or a misstated report: either way it is what
staff must look at before a meeting.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from board import claims, queries
from board.highlight import demo_badge, esc, sentence_html, table_html

TEXT: dict[str, tuple[str, str]] = {
    "title": ("前后年度说法不符或无法核对（{n}）", "Claims about another year that do not hold or cannot be checked ({n})"),
    "help": (
        "报告中“比上年增加3次”“同比下降15%”“与上年持平”“连续三年零复议”等说法，按两年的数字逐条核对。"
        "不符：报告说法与数字对不上，可能是数字读错，也可能是报告写错，请到“审核”核对两句原文；"
        "无法核对：缺少所比年度的数字。",
        "Claims such as 比上年增加3次 are checked against the figures of both years. Inconsistent: "
        "the claim and the figures disagree (a misread figure or a misstated report: check both "
        "sentences on the review page); unverifiable: the other year's figure is missing.",
    ),
    "none": ("报告中与上年比较的说法都与数字相符（共核对 {n} 条）。",
             "Every claim about another year agrees with the figures ({n} checked)."),
    "old": ("数据仓库是旧版本，还没有核对结果；重新构建后即可看到。",
            "The warehouse predates the claim check; rebuild it to see the results."),
    "cols": ("单位|年度|指标|结论|报告原句|所比年度的数字（原句）|核对说明|审核",
             "Agency|Year|Indicator|Verdict|The claim|The other year's figure|Check|Review"),
    "inconsistent": ("不符", "inconsistent"),
    "unverifiable": ("无法核对", "unverifiable"),
    "missing": ("（缺少该年数字）", "(no figure for that year)"),
    "link": ("去审核", "review"),
    "demo": ("演示", "demo"),
    "counts": ("共核对 {total} 条说法：相符 {ok}，不符 {bad}，无法核对 {unk}。",
               "{total} claims checked: {ok} consistent, {bad} inconsistent, {unk} unverifiable."),
}  # fmt: skip

REVIEW_PATH = "审核"  # the URL of pages/6_审核.py


def tt(key: str, lang: str, **kw) -> str:
    zh, en = TEXT[key]
    s = en if lang == "en" else zh
    return s.format(**kw) if kw else s


def section(ctx) -> None:
    """The section of the 数据质量 page."""
    f, meta, lang = ctx.f, ctx.meta, ctx.lang
    df = claims.flagged(f)
    if df is None:
        st.subheader(tt("title", lang, n=0))
        st.caption(tt("old", lang))
        return
    counts = claims.verdicts(f)
    total = sum(counts.values())
    st.subheader(tt("title", lang, n=len(df)))
    st.caption(tt("help", lang))
    if df.empty:
        st.caption(tt("none", lang, n=total))
        return
    st.caption(tt("counts", lang, total=total, ok=counts.get("consistent", 0),
                  bad=counts.get("inconsistent", 0), unk=counts.get("unverifiable", 0)))  # fmt: skip
    texts = queries.doc_texts(pd.concat([df["doc_id"], df["other_doc_id"]]).dropna())
    st.html(table_html(tt("cols", lang).split("|"), rows(df, texts, meta, f, lang),
                       raw_cols={3, 4, 5, 7}))  # fmt: skip


def rows(df: pd.DataFrame, texts: dict, meta, f, lang: str) -> list[list[str]]:
    out = []
    for r in df.itertuples(index=False):
        verdict = tt(r.verdict, lang)
        badge = "⚠ " if r.verdict == "inconsistent" else ""
        claim = sentence_html(texts.get(r.doc_id), r.span_start, r.span_end, r.num_start,
                              r.num_end, r.quote)  # fmt: skip
        claim += f"<br><small>{esc(r.doc_title)} {esc(r.location)}</small>"
        claim += demo_badge(r.origin == "demo", tt("demo", lang))
        if isinstance(r.other_doc_id, str) or isinstance(r.other_quote, str):
            other = sentence_html(texts.get(r.other_doc_id), r.other_start, r.other_end,
                                  r.other_num_start, r.other_num_end, r.other_quote)  # fmt: skip
            other += (
                f"<br><small>{esc(r.other_title or r.other_path)} {esc(r.other_location)}</small>"
            )
        else:
            other = esc(tt("missing", lang))
        out.append([
            meta.agency(r.agency_id, lang), str(int(r.year)), meta.ind(r.indicator_id, lang),
            f"<b>{esc(badge + verdict)}</b>", claim, other, r.note, review_link(r, f, lang),
        ])  # fmt: skip
    return out


def review_link(r, f, lang: str) -> str:
    """A link to 审核 with the filters and the claim's indicator chosen there."""
    params = {**f.params(), "ind": r.indicator_id}
    return f'<a href="{REVIEW_PATH}?{esc(urlencode(params))}" target="_self">{esc(tt("link", lang))}</a>'
