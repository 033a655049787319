"""Streamlit drawing helpers shared by the pages: a chart with its footnote and the source
sentences of the clicked point beside it, the facts table of the sources page, and the
overview cards."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from board import charts, disputes, export_ui, i18n, model, queries, scans, warehouse
from board.app import Ctx
from board.highlight import STYLE, demo_badge, esc, sentence_html, table_html


def picks(event) -> list[dict]:
    """The (agency_id, year, indicator_id) of the points clicked, from st.altair_chart's event."""
    if not event:
        return []
    sel = event.get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", {})
    got = sel.get(charts.PICK, []) if sel else []
    out = []
    for p in got or []:
        if all(k in p for k in charts.PICK_FIELDS):
            try:
                out.append({"agency_id": str(p["agency_id"]), "year": int(p["year"]),
                            "indicator_id": str(p["indicator_id"])})  # fmt: skip
            except (TypeError, ValueError):
                continue
    return out


def picks_of(events) -> list[dict]:
    """The points clicked in several charts (their events or kept states), each once, in
    the order first clicked."""
    out: list[dict] = []
    for p in (p for e in events for p in picks(e)):
        if p not in out:
            out.append(p)
    return out


def draw(chart, **kw):
    """st.altair_chart(chart, **kw), from charts.spec (no second schema check per run);
    `chart` may be such a spec already (a page that keeps its specs per view)."""
    return st.vega_lite_chart(chart if isinstance(chart, dict) else charts.spec(chart), **kw)


def chart_head(head: dict, key: str) -> None:
    """A chart's title and notes (charts.for_screen) above it, as text that wraps: the
    title as Vega drew it (bold, 16 px), the notes in its lines, in the notes' colour. Each
    line wraps on a phone, where Vega cut it. `key`: the chart's (or panels') key."""
    t = head["title"]
    t = "<br>".join(esc(x) for x in t) if isinstance(t, list) else esc(t)
    lines = "<br>".join(esc(x) for x in head["notes"])
    notes = f'<div style="color:#a33b00;font-size:12px;line-height:1.35">{lines}</div>'
    st.html(
        f'<div class="fz-head" data-chart="{esc(key)}" style="overflow-wrap:anywhere">'
        f'<div style="font-weight:700;font-size:16px;line-height:1.35">{t}</div>'
        f"{notes if lines else ''}</div>"
    )


def agency_legend(ctx: Ctx, agency_ids) -> None:
    """The agencies' colours under a chart (or under panels): a dot of each agency's
    colour and its name, wrapping on a phone, unlike a legend drawn inside a chart."""
    names, colors = ctx.meta.color_scale(agency_ids, ctx.lang)
    dots = "".join(
        f'<span style="white-space:nowrap;margin-right:1.2em">'
        f'<span style="display:inline-block;width:.8em;height:.8em;border-radius:50%;'
        f'background:{c};margin-right:.35em;vertical-align:-.05em"></span>{esc(n)}</span>'
        for n, c in zip(names, colors, strict=True)
    )
    st.html(f'<div class="fz-legend" style="font-size:.9rem;line-height:1.9">{dots}</div>')


def chart_with_sources(ctx: Ctx, chart, data: pd.DataFrame, key: str, *, side: bool | None = True,
                       width: str = "stretch", download: tuple | None = None,
                       sources: str | None = None, head: dict | None = None,
                       agencies=None) -> None:  # fmt: skip
    """The chart (or its spec, then with `download`: (function that makes the chart, file
    name), for the download menu; or a list of (key, spec), one chart under the other, the
    download then one chart of them all), its footnote naming the sources (`sources`, when
    the page has it already), and (beside it) the clicked sentences of any of them. With
    `head` (the specs are then charts.for_screen's), the title and notes above the charts
    and the agencies' colours under them, as text (`agencies`: those drawn, when not all of
    `data`'s). side: the sentences in a column beside the charts (True), under them (False),
    or beside them only once a point is clicked (None, as board.panels: before that the
    charts take the whole width)."""
    drawn = chart if isinstance(chart, list) else [(key, chart)]
    hint = side is not None
    if side is None:  # (the charts' kept states are read before they are drawn)
        side = bool(picks_of(st.session_state.get(k) for k, _ in drawn))
    if side:
        left, right = st.columns([3, 1], gap="medium")
    else:
        left = right = st.container()
    with left:
        if head is not None:
            chart_head(head, key)
        events = [draw(c, on_select="rerun", selection_mode=[charts.PICK], key=k, width=width)
                  for k, c in drawn]  # fmt: skip
        if head is not None:
            if agencies is None:
                agencies = data["agency_id"].unique() if len(data) else []
            agency_legend(ctx, agencies)
        sources = sources or model.sources_footnote(data, ctx.lang)
        st.caption(sources)
        made, name = download or (chart, None)
        export_ui.download_buttons(made, data, name, sources, ctx.lang, key=key)
    chosen = picks_of(events)
    if chosen or hint:
        with right:
            source_panel(ctx, chosen)


def source_panel(ctx: Ctx, chosen: list[dict]) -> None:
    st.markdown(f"**{ctx.t('selected_sources')}**")
    if not chosen:
        st.caption(ctx.t("click_hint"))
        return
    blocks = []
    for p in chosen[:6]:
        facts = queries.key_facts(p["agency_id"], p["year"], p["indicator_id"], ctx.f.demo)
        texts = queries.doc_texts(facts["doc_id"].dropna())
        head = f"{ctx.meta.agency(p['agency_id'], ctx.lang)} · {p['year']} · {ctx.meta.ind(p['indicator_id'], ctx.lang)}"
        items = []
        for r in facts.itertuples():
            unit = ctx.meta.unit(r.indicator_id, ctx.lang)
            val = i18n.value_text(
                r.value, unit, r.qualifier if isinstance(r.qualifier, str) else None, ctx.lang
            )
            sent = sentence_html(texts.get(r.doc_id), r.span_start, r.span_end, r.num_start,
                                 r.num_end, r.quote)  # fmt: skip
            meta = " · ".join(x for x in [esc(r.doc_title or i18n.method_text(r.method, ctx.lang)),
                                          esc(i18n.location_text(r.location, ctx.lang)), esc(i18n.status_text(r.status, ctx.lang))] if x)  # fmt: skip
            badge = demo_badge(r.origin == "demo", ctx.t("demo"))
            items.append(
                f'<div class="fz-card"><b>{esc(val)}</b>{badge}<br>{sent}<div class="m">{meta}</div></div>'
            )
        blocks.append(
            f"<div><b>{esc(head)}</b>{''.join(items) or esc(ctx.t('sources_none'))}</div>"
        )
    st.html(STYLE + "".join(blocks))


def sparkline(card: model.Card, years: list[int], lang: str, color: str) -> dict:
    """The spec of a card's sparkline (charts.sparkline)."""
    return charts.spec(charts.sparkline(card.spark, years, card.year, card.unit, card.name, lang,
                                        color))  # fmt: skip


def card_sources(card: model.Card, lang: str) -> dict:
    """What a card says of the values behind it: how many are disputed ('有争议1处（2021年）'
    or None), and its documents (a line, and their titles for its help)."""
    docs = card.all_rows.dropna(subset=["doc_id"]).drop_duplicates("doc_id")
    n_demo = int(docs["origin"].eq("demo").sum())
    text = (
        i18n.t("ov_docs_demo", lang, n=len(docs), d=n_demo)
        if n_demo
        else i18n.t("ov_docs", lang, n=len(docs))
    )
    titles = "、".join(docs.sort_values("year")["doc_title"].dropna())
    return {"disputed": disputes.count_text(card.all_rows, lang), "docs": text,
            "titles": titles or None}  # fmt: skip


# The overview's five cards side by side leave a value about 150 px at 1440 px: English
# words are wider than Chinese ones, and st.metric cut them ('12 sessi…', 'Enforcement
# inspe…', 'Earthquake Bureau (…'). In English a card's name and change may take two lines
# and its value is drawn a size smaller (style only, sent in English mode). The value may
# wrap too: in a wider fallback font (before the page's own font has loaded, or where it
# cannot) '12 sessions' is two lines rather than '12 sessi…'.
METRIC_FIT_EN = (
    "<style>"
    '[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],'
    '[data-testid="stMetricLabel"] p,'
    '[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"],'
    '[data-testid="stMetricValue"] p,'
    '[data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"],'
    '[data-testid="stMetricDelta"] p{white-space:normal !important;}'
    '[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"]{font-size:1.875rem;}'
    "</style>"
)


def metric_fit(lang: str) -> None:
    """Send METRIC_FIT_EN in English mode (a style-only st.html takes no room)."""
    if lang == "en":
        st.html(METRIC_FIT_EN)


def metric_card(ctx: Ctx, card: model.Card, years: list[int], color: str, key: str,
                spark: dict | None = None, sources: dict | None = None) -> None:  # fmt: skip
    """One area on the overview: value, change on the year before, sparkline (`spark`: its
    spec, made already), sources (`sources`: card_sources, made already)."""
    with st.container(border=True):
        value = "—"
        if card.value is not None:
            value = i18n.value_text(card.value, card.unit, card.qualifier, ctx.lang)
        delta, direction, arrow = metric_delta(card, ctx.lang)
        yoy = ctx.t("yoy") if delta and not card.by_unit else None
        st.metric(card.area_name, value, delta, delta_color=direction, help=card.name,
                  delta_arrow=arrow, delta_description=yoy)  # fmt: skip
        note = [card.name, card.how if card.value is not None else ctx.t("ov_no_value")]
        if card.by_unit:  # a percentage of several agencies: each one's value, no mean
            note.append(card.per_unit)
        last = card.spark[:0]
        if card.value is None and not card.spark.empty:
            last = card.spark[card.spark["year"] < card.year].tail(1)
        if len(last):
            note.append(ctx.t("ov_latest", year=int(last["year"].iloc[0]), v=last["label"].iloc[0]))
        if card.value is not None and card.delta is None and not card.by_unit:
            note.append(ctx.t("ov_no_prev"))
        if card.partial_yoy:
            note.append(ctx.t("ov_matched", n=card.n_matched))
        if card.is_demo:
            note.append(ctx.t("demo"))
        if card.unverified:
            note.append(ctx.t("unverified"))
        sources = sources or card_sources(card, ctx.lang)
        disputed = sources["disputed"]  # the values behind the card
        if disputed:
            note.append(f":red[**{disputed}**]")
        st.caption(" · ".join(note))
        if not card.spark.empty:
            draw(spark if spark is not None else sparkline(card, years, ctx.lang, color),
                 key=key, width="stretch")  # fmt: skip
            st.caption(sources["docs"], help=sources["titles"])


def metric_delta(card: model.Card, lang: str) -> tuple[str | None, str, str]:
    """(delta text, delta_color, delta_arrow) of a card for st.metric. No change is no
    signal: '持平' in grey without an arrow (a green ↑ beside '+0次' reads as a rise)."""
    if card.by_unit:  # the value is the best of several agencies: say whose, in grey
        name = card.best_agency
        return (f"{name}（最高）" if lang == "zh" else f"{name} (best)"), "off", "off"
    if card.delta is None:
        return None, "off", "off"
    pp = card.unit == "%"
    unit = ("个百分点" if lang == "zh" else "pts") if pp else card.unit
    if abs(card.delta) < 1e-9:
        return ("持平" if lang == "zh" else "no change"), "off", "off"
    # ASCII signs: st.metric reads the direction of the arrow from a leading '-'
    delta = ("+" if card.delta > 0 else "-") + i18n.value_text(abs(card.delta), unit, None, lang)
    if card.delta_pct is not None and not pp:
        delta += f" ({card.delta_pct:+.0f}%)".replace("+-", "-")
    return delta, i18n.DIRECTION.get(card.indicator_id, "normal"), "auto"


def facts_table(ctx: Ctx, facts: pd.DataFrame) -> None:
    """Facts with their sentence and the number highlighted (escaped, then marked)."""
    texts = queries.doc_texts(facts["doc_id"].dropna())
    ocr = facts.loc[facts["method"] == "ocr", "doc_id"].dropna()
    paths = queries.doc_paths(ocr) if len(ocr) else {}
    rows = []
    for r in facts.itertuples():
        unit = ctx.meta.unit(r.indicator_id, ctx.lang)
        q = r.qualifier if isinstance(r.qualifier, str) else None
        sent = sentence_html(texts.get(r.doc_id), r.span_start, r.span_end, r.num_start, r.num_end,
                             r.quote)  # fmt: skip
        src = esc(r.doc_title or i18n.method_text(r.method, ctx.lang))
        src += f"<br><small>{esc(i18n.location_text(r.location, ctx.lang))}</small>" + demo_badge(
            r.origin == "demo", ctx.t("demo")
        )
        if r.method == "ocr":  # a scan: the page image beside the recognised sentence
            page = scans.page_of(texts.get(r.doc_id), r.span_start)
            path = paths.get(r.doc_id)
            jpeg = (
                scans.page_jpeg(warehouse.data_dir() / path, r.doc_id, page, 300) if path else None
            )
            src += scans.page_img_html(jpeg, esc(ctx.t("scan_page", page=page)))
        rows.append([ctx.meta.agency(r.agency_id, ctx.lang), str(r.year),
                     ctx.meta.ind(r.indicator_id, ctx.lang), i18n.value_text(r.value, unit, q, ctx.lang),
                     sent, src, i18n.status_text(r.status, ctx.lang)])  # fmt: skip
    heads = [
        ctx.t(k) for k in ("agency", "year", "indicator", "value", "source", "document", "status")
    ]
    st.html(table_html(heads, rows, raw_cols={4, 5}))


def scan_pages(ctx: Ctx, facts: pd.DataFrame) -> None:
    """The pages of the scans among `facts` (read by OCR), large, beside the sentences
    recognised on them, so that an editor can check each number against the image."""
    ocr = facts[facts["method"] == "ocr"]
    if ocr.empty:
        return
    texts = queries.doc_texts(ocr["doc_id"].dropna())
    paths = queries.doc_paths(ocr["doc_id"].dropna())
    pages: dict[tuple[str, int], list] = {}
    for r in ocr.itertuples():
        pages.setdefault((r.doc_id, scans.page_of(texts.get(r.doc_id), r.span_start)), []).append(r)
    st.subheader(ctx.t("scan_pages", n=len(pages)))

    def label(k: tuple[str, int]) -> str:
        first = pages[k][0]
        return f"{first.doc_title or paths.get(k[0], k[0])} · {ctx.t('scan_page', page=k[1])}"

    keys = list(pages)
    k = st.selectbox(ctx.t("scan_pick"), keys, format_func=label, key="scan_pick")
    path = paths.get(k[0])
    jpeg = scans.page_jpeg(warehouse.data_dir() / path, k[0], k[1], 1000) if path else None
    left, right = st.columns([3, 2], gap="medium")
    with left:
        if jpeg:
            st.image(jpeg, caption=ctx.t("scan_page", page=k[1]))
        else:
            st.caption(ctx.t("scan_gone"))
    with right:
        rows = []
        for r in pages[k]:
            unit = ctx.meta.unit(r.indicator_id, ctx.lang)
            q = r.qualifier if isinstance(r.qualifier, str) else None
            rows.append([ctx.meta.ind(r.indicator_id, ctx.lang),
                         i18n.value_text(r.value, unit, q, ctx.lang),
                         sentence_html(texts.get(r.doc_id), r.span_start, r.span_end, r.num_start,
                                       r.num_end, r.quote)])  # fmt: skip
        st.html(
            table_html([ctx.t(x) for x in ("indicator", "value", "source")], rows, raw_cols={2})
        )
