"""The command line's image of a trend chart without pandas or Altair (issue 16).

`python -m board export --format png|svg|pdf` spent about half of a cold start importing
pandas (≈0.4 s) and Altair (≈0.3 s) to draw one small chart. This module reads the same
named SQL (board/sql.py, board/claims_sql.py) into plain rows, shapes them as
board.series (enrich, segments, 同比), board.disputes and board.export_data do, and writes
the Vega-Lite spec that board.charts.trend makes, as a dict: the same spec, data included,
so the drawing is the same chart as the page's. tests/test_export_light.py compares the two
paths' specs and SVGs for single and several indicators, agencies, both languages and demo
data on and off; a change to charts.trend (or series/disputes) that this module does not
follow fails there.

Only the ordinary case is handled here: anything else (an unknown indicator or agency, no
data, no years) returns None and the command takes the full path, which words the error.
The one difference in the output: the name Altair gives the clickable view (a hash of its
Python objects, `view_<hash>_2`) is made here from the spec instead; it is a class name in
the SVG, not drawn.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

from board import chart_words, i18n, warehouse
from board.chart_style import (
    AXIS_CONFIG,
    DEMO_OPACITY,
    DISPUTE_COLOR,
    FONT,
    HEADER_CONFIG,
    LEGEND_CONFIG,
    PALETTE,
    Y_AXIS,
)
from board.chart_words import note_lines, short_quote
from board.claims_sql import SQL as CLAIMS_SQL
from board.sql import SQL

SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"  # alt.SCHEMA_URL
CONFIG = {
    "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
    "axis": AXIS_CONFIG,
    "font": FONT,
    "header": HEADER_CONFIG,
    "legend": LEGEND_CONFIG,
}


# -- the warehouse as rows ----------------------------------------------------------------------


def rows(v: warehouse.Version, sql: str, params: tuple = ()) -> list[dict]:
    """The statement's result as dicts (DuckDB's own Python values: int, float, str, bool)."""
    cur = warehouse.cursor(v)
    try:
        cur.execute(sql, [list(p) if isinstance(p, tuple) else p for p in params])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        cur.close()


class Meta:
    """board.meta.Meta's names, order and colours, on rows."""

    def __init__(self, agencies: list[dict], indicators: list[dict], years: list[int]):
        self.agencies = {r["agency_id"]: r for r in agencies}
        self.indicators = {r["indicator_id"]: r for r in indicators}
        self.years = years
        self.pos = {a: i for i, a in enumerate(self.agencies)}
        self.colors = {a: PALETTE[i % len(PALETTE)] for i, a in enumerate(self.agencies)}

    def agency(self, aid: str, lang: str) -> str:
        r = self.agencies.get(aid)
        return aid if r is None else str(r["short_en" if lang == "en" else "short_zh"])

    def ind(self, iid: str, lang: str) -> str:
        r = self.indicators.get(iid)
        return iid if r is None else str(r["name_en" if lang == "en" else "name_zh"])

    def unit(self, iid: str, lang: str) -> str:
        r = self.indicators.get(iid)
        return "" if r is None else str(r["unit_en" if lang == "en" else "unit"])

    def color_scale(self, agency_ids, lang: str) -> tuple[list[str], list[str]]:
        ids = sorted({a for a in agency_ids if a in self.pos}, key=self.pos.__getitem__)
        return [self.agency(a, lang) for a in ids], [self.colors[a] for a in ids]

    def opening(self) -> list[str]:
        """board.regions.opening: the bureau and the agencies under it (at most 8)."""
        ids = list(self.agencies)
        bureau = {a for a, r in self.agencies.items() if r["kind"] == "bureau"}
        chosen = [a for a in ids if a in bureau or self.agencies[a]["parent_id"] in bureau]
        return (chosen[:8] if chosen else ids[:3]) or ids[:3]


class Warehouse:
    """board.reader.Warehouse on rows: meta, agencies by name, the series with claim notes."""

    def __init__(self, path: Path):
        self.version = warehouse.current(Path(path))
        if self.version is None:
            raise FileNotFoundError(str(path))
        years = rows(self.version, SQL["years"])
        self.meta = Meta(rows(self.version, SQL["agencies"]), rows(self.version, SQL["indicators"]),
                         [int(r["year"]) for r in years])  # fmt: skip

    def indicators(self, asked: list[str]) -> list[str] | None:
        """__main__._indicators, or None for a name nobody knows (the full path says so)."""
        ind = self.meta.indicators
        by_name = {str(r["name_zh"]).strip(): i for i, r in ind.items()}
        by_name.update({str(r["name_en"]).strip().lower(): i for i, r in ind.items()})
        out = []
        for a in asked:
            iid = a if a in ind else by_name.get(a.strip()) or by_name.get(a.strip().lower())
            if not iid:
                return None
            out.append(iid)
        return list(dict.fromkeys(out))

    def agencies(self, asked: list[str]) -> list[str] | None:
        """__main__._agencies, or None for a name nobody knows."""
        if not asked:
            return self.meta.opening()
        names: dict[str, str] = {}
        for aid, r in self.meta.agencies.items():
            for col in ("name_zh", "short_zh", "name_en", "short_en"):
                if isinstance(r.get(col), str):
                    names[r[col].strip().lower()] = str(aid)
            names[str(aid).lower()] = str(aid)
        for r in rows(self.version, SQL["agency_aliases"]):
            names.setdefault(str(r["alias"]).strip().lower(), str(r["agency_id"]))
        got = set()
        for n in asked:
            aid = names.get(n.strip().lower())
            if aid is None:
                return None
            got.add(aid)
        return [a for a in self.meta.agencies if a in got]

    def series(self, ids, agency_ids, y0: int, y1: int, demo: bool) -> list[dict]:
        """reader.Warehouse.series: resolved rows with claim_note."""
        import duckdb

        out = rows(self.version, SQL["series"],
                   (list(ids), list(agency_ids), int(y0), int(y1), bool(demo)))  # fmt: skip
        try:
            d = rows(self.version, CLAIMS_SQL["claims_disputed"],
                     (list(agency_ids), bool(demo), int(y0), int(y1)))  # fmt: skip
        except duckdb.CatalogException:  # a warehouse built before claims were kept
            d = []
        notes = {(r["agency_id"], int(r["year"]), r["indicator_id"]): r["claim_note"] for r in d}
        for r in out:
            r["claim_note"] = notes.get((r["agency_id"], r["year"], r["indicator_id"])) or ""
        return out


# -- rows made ready to draw (board.series, board.disputes) --------------------------------------


def _str(v) -> str | None:
    return v if isinstance(v, str) else None


def _nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _others(raw, unit: str, lang: str) -> str:
    out = []
    for v in [v for v in str(raw or "").split("、") if v]:
        try:
            out.append(i18n.value_text(float(v), unit, None, lang))
        except ValueError:
            out.append(v)
    return i18n.join(out, lang)


def enrich(data: list[dict], meta: Meta, lang: str) -> list[dict]:
    """series.enrich and disputes.mark on rows."""
    at_least, about = ("以上", "约") if lang == "zh" else ("+", "~")
    out = []
    for src in data:
        r = dict(src)
        r["year"] = int(r["year"])
        q = r.get("qualifier")
        r["agency"] = meta.agency(r["agency_id"], lang)
        r["indicator"] = meta.ind(r["indicator_id"], lang)
        r["unit_txt"] = meta.unit(r["indicator_id"], lang)
        r["label"] = i18n.value_text(r["value"], r["unit_txt"], _str(q), lang)
        r["bound"] = at_least if q == "at_least" else (about if q == "about" else "")
        r["status_txt"] = i18n.status_text(r["status"], lang)
        r["origin_txt"] = i18n.origin_text(r["origin"], lang)
        r["is_demo"] = r["origin"] == "demo"
        r["unverified"] = r["status"] == "unverified"
        r["quote_short"] = short_quote(r["quote"])
        r["year_txt"] = str(r["year"])
        t = r.get("doc_title")
        r["source_txt"] = t if isinstance(t, str) and t else i18n.method_text(r["method"], lang)
        why = []
        if r.get("conflict"):
            unit = r["unit_txt"] or r.get("unit") or ""
            shown = r["label"] or i18n.value_text(r["value"], unit, None, lang)
            method = i18n.method_text(r.get("method") or "", lang)
            others = _others(r.get("other_values"), unit, lang)
            why.append(i18n.t("dp_conflict", lang, shown=shown, method=method, others=others))
        claim = str(r.get("claim_note") or "")
        if claim:
            why.append(i18n.t("dp_claim", lang, note=claim.removeprefix("不符：")))
        r["disputed"] = bool(r.get("conflict")) or claim != ""
        r["dispute_note"] = i18n.semicolon(lang).join(why)
        out.append(r)
    return out


def _by_key(data: list[dict]) -> list[dict]:
    return sorted(data, key=lambda r: (r["indicator_id"], r["agency_id"], r["year"]))


def add_segments(data: list[dict]) -> list[dict]:
    """series.add_segments: `seg`, one id per run of consecutive years."""
    out, run, last = [], 0, None
    for src in _by_key(data):
        r = dict(src)
        key = (r["indicator_id"], r["agency_id"])
        if last is None or key != last[0] or r["year"] - last[1] != 1:
            run += 1
        last = (key, r["year"])
        r["seg"] = f"{r['indicator_id']}|{r['agency_id']}|{run}"
        out.append(r)
    return out


def add_yoy(data: list[dict]) -> list[dict]:
    """series.add_yoy: prev (and prev_disputed, prev_dispute_note), yoy_abs, yoy_pct."""
    data = _by_key(data)
    before = {(r["indicator_id"], r["agency_id"], r["year"]): r for r in data}
    carry = [c for c in ("disputed", "dispute_note") if data and c in data[0]]
    out = []
    for src in data:
        r = {k: v for k, v in src.items() if k != "prev" and not k.startswith("prev_")}
        p = before.get((r["indicator_id"], r["agency_id"], r["year"] - 1))
        r["prev"] = None if p is None else p["value"]
        for c in carry:
            r[f"prev_{c}"] = None if p is None else p[c]
        v, pv = r["value"], r["prev"]
        r["yoy_abs"] = None if _nan(pv) or _nan(v) else v - pv
        r["yoy_pct"] = (v - pv) / pv * 100 if pv and not _nan(pv) and not _nan(v) else None
        out.append(r)
    return out


def sources_footnote(data: list[dict], lang: str, max_titles: int = 3) -> str:
    """series.sources_footnote on rows."""
    return chart_words.sources(data, lang, max_titles)


def disputes_footnote(data: list[dict], lang: str, most: int = 3) -> str | None:
    """disputes.footnote on enriched rows."""
    seen: dict[tuple, dict] = {}
    for r in data:
        if r.get("disputed"):
            seen.setdefault((r["agency_id"], r["year"], r["indicator_id"]), r)
    if not seen:
        return None
    d = sorted(seen.values(), key=lambda r: (r["year"], r["agency_id"]))
    items = [
        i18n.t("dp_item", lang, agency=r["agency"], year=int(r["year"]), indicator=r["indicator"],
               value=r["label"], note=r["dispute_note"])
        for r in d[:most]
    ]  # fmt: skip
    text = i18n.join(items, lang)
    if len(d) > most:
        text += f"等{len(d)}处" if lang == "zh" else f" and {len(d) - most} more"
    return i18n.t("dp_footnote", lang, items=text)


def footnote(sources: str | None, lang: str, data: list[dict], when=None) -> str:
    """export_data.footnote on rows."""
    from datetime import date

    stamp = i18n.t("exported", lang, d=(when or date.today()).isoformat())
    text = f"{sources}  ·  {stamp}" if sources else stamp
    why = disputes_footnote(data, lang)
    return f"{why}\n{text}" if why else text


def banner(data: list[dict], lang: str) -> str | None:
    """export_data.banner on rows."""
    return i18n.t("banner_demo", lang) if any(r["origin"] == "demo" for r in data) else None


# -- the chart (board.charts.trend, as Altair writes it) -------------------------------------------


def notes(data: list[dict], lang: str) -> list[str]:
    out = []
    if any(r["is_demo"] for r in data):
        out.append(
            i18n.t("contains_demo", lang) + ("（浅色标记）" if lang == "zh" else " (lighter marks)")
        )
    if any(r["unverified"] for r in data):
        out.append(i18n.t("hollow_unverified", lang))
    if any(not _nan(r.get("qualifier")) for r in data):
        out.append(i18n.t("bound_mark", lang))
    if any(r.get("disputed") for r in data):
        out.append(i18n.t("dp_chart_note", lang))
    return out


def title(text: str, subtitle: list[str] | None = None, size: int = 16) -> dict:
    lines = note_lines(subtitle) if subtitle else []
    sub = (lines if len(lines) > 1 else lines[0]) if lines else None
    out: dict = {"text": text, "anchor": "start", "fontSize": size}
    if sub:
        out.update(subtitle=sub, subtitleColor="#a33b00", subtitleFontSize=12)
    return out


def tip(lang: str) -> dict:
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    pairs = [("agency", t("agency")), ("year_txt", t("year")), ("indicator", t("indicator")),
             ("label", t("value")), ("status_txt", t("status")), ("origin_txt", t("origin")),
             ("quote_short", t("source")), ("source_txt", t("document"))]  # fmt: skip
    items = [
        f"{json.dumps(title, ensure_ascii=False)}: datum[{json.dumps(f)}]" for f, title in pairs
    ]
    why = json.dumps(i18n.t("dp_label", lang), ensure_ascii=False)
    items.append(f"{why}: datum.disputed ? datum.dispute_note : datum.__not_disputed")
    return {"expr": "{" + ", ".join(items) + "}"}


def _records(data: list[dict]) -> list[dict]:
    """The rows as Altair writes a frame's records: NaN as null."""
    return [{k: (None if _nan(v) else v) for k, v in r.items()} for r in data]


def trend_spec(data: list[dict], meta: Meta, years: list[int], lang: str, *,
               width: int = 620) -> dict:  # fmt: skip
    """charts.trend(...) as a Vega-Lite dict: `data` are the enriched rows, in drawing order."""
    heads = {}
    for r in data:
        i = r["indicator_id"]
        if i not in heads:
            heads[i] = i18n.t(
                "tr_chart_title", lang, name=meta.ind(i, lang), unit=meta.unit(i, lang)
            )
    data = [{**r, "panel": heads[r["indicator_id"]]} for r in data]
    ids = list(heads)
    units = {r["unit_txt"] for r in data} if data else {"%"}
    axis = dict(Y_AXIS) if "%" in units else {**Y_AXIS, "tickMinStep": 1, "format": ",d"}
    y = {"field": "value", "type": "quantitative", "axis": axis,
         "title": meta.unit(ids[0], lang) if len(ids) == 1 else None}  # fmt: skip
    ys = [str(v) for v in years]
    x = {"field": "year_txt", "type": "ordinal", "scale": {"domain": ys}, "sort": ys,
         "axis": {"labelAngle": 0, "labelOverlap": True, "title": i18n.t("year", lang)}}  # fmt: skip
    domain, rng = meta.color_scale(list(dict.fromkeys(r["agency_id"] for r in data)), lang)
    col = {"field": "agency", "type": "nominal", "scale": {"domain": domain, "range": rng},
           "legend": {"direction": "horizontal", "labelLimit": 200, "orient": "bottom",
                      "title": i18n.t("agency", lang)}}  # fmt: skip
    opacity = {"condition": {"test": "datum.is_demo", "value": DEMO_OPACITY}, "value": 1.0}
    base = {"x": x, "y": y, "color": col}
    layers = []
    if any(r["disputed"] for r in data):
        label = i18n.t("dp_label", lang)
        legend = {"orient": "top", "symbolFillColor": "white", "symbolSize": 160,
                  "symbolStrokeColor": DISPUTE_COLOR, "symbolStrokeWidth": 2.5, "title": None}  # fmt: skip
        layers.append({
            "mark": {"type": "point", "color": DISPUTE_COLOR, "filled": False, "opacity": 1,
                     "size": 330, "strokeWidth": 2.5, "tooltip": tip(lang)},
            "encoding": {"shape": {"field": "dispute_key", "type": "nominal", "legend": legend,
                                   "scale": {"domain": [label], "range": ["circle"]}},
                         "x": x, "y": y},
            "name": "disputed",
            "transform": [{"filter": "datum.disputed"},
                          {"calculate": json.dumps(label, ensure_ascii=False), "as": "dispute_key"}],
        })  # fmt: skip
    layers.append({"mark": {"type": "line", "strokeWidth": 2.5},
                   "encoding": {**base, "detail": {"field": "seg", "type": "nominal"},
                                "opacity": opacity}})  # fmt: skip
    pts = {
        "mark": {"type": "point", "filled": False, "size": 90, "strokeWidth": 2.5,
                 "tooltip": tip(lang)},
        "encoding": {**base, "fill": {"condition": {"test": "datum.unverified", "value": "white"}, **col},
                     "opacity": opacity,
                     "size": {"condition": {"param": "pick", "value": 170, "empty": False},
                              "value": 90}},
    }  # fmt: skip
    hsh = hashlib.sha256(json.dumps(pts, sort_keys=True).encode()).hexdigest()[:16]
    pts["name"] = view = f"view_{hsh}_{len(layers)}"
    layers.append(pts)
    layers.append({"mark": {"type": "text", "dy": -12, "fontSize": 11},
                   "encoding": {**base, "text": {"field": "bound", "type": "nominal"}}})  # fmt: skip
    params = [{"name": "pick", "views": [view],
               "select": {"type": "point", "clear": "dblclick",
                          "fields": ["agency_id", "year", "indicator_id"], "on": "click"}}]  # fmt: skip
    values = _records(data)
    name = "data-" + hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:32]
    notes_ = notes(data, lang) + [i18n.t("tr_gaps", lang)]
    spec: dict = {"config": CONFIG}
    if len(ids) == 1:
        spec.update(layer=layers, autosize={"contains": "padding", "type": "fit-x"},
                    data={"name": name}, height=280, params=params,
                    title=title(heads[ids[0]], notes_))  # fmt: skip
    else:
        order = {i: n for n, i in enumerate(meta.indicators)}
        panels = [heads[i] for i in sorted(ids, key=order.__getitem__)]
        header = {"labelAnchor": "start", "labelAngle": 0, "labelFontWeight": "bold",
                  "labelOrient": "top"}  # fmt: skip
        spec.update(data={"name": name},
                    facet={"row": {"field": "panel", "type": "nominal", "header": header,
                                   "sort": panels, "title": None}},
                    spec={"layer": layers, "height": 200, "width": width}, params=params,
                    resolve={"scale": {"y": "independent"}},
                    title=title(i18n.t("tr_chart_multi", lang), notes_))  # fmt: skip
    spec["$schema"] = SCHEMA_URL
    spec["datasets"] = {name: values}
    return spec


# -- the command ----------------------------------------------------------------------------------


def chart_data(wh: Warehouse, ids: list[str], agencies: list[str], y0: int, y1: int, demo: bool,
               lang: str) -> list[dict]:  # fmt: skip
    """The rows __main__.cmd_export draws, in its order: enriched, segments, 同比, sorted by
    the registry's indicator and agency order, then year."""
    data = add_yoy(add_segments(enrich(wh.series(ids, agencies, y0, y1, demo), wh.meta, lang)))
    order = {x: n for n, x in enumerate([*wh.meta.indicators, *wh.meta.agencies])}
    return sorted(data, key=lambda r: (order.get(r["indicator_id"], math.inf),
                                       order.get(r["agency_id"], math.inf), r["year"]))  # fmt: skip


def chart(a) -> tuple[dict, list[dict], str, str | None] | None:
    """(spec, rows, footnote, demo banner) of `python -m board export` (args `a`), as
    __main__.full_chart makes them with pandas and Altair; None when the full path should
    make them (it also words every error)."""
    if not Path(a.db).is_file():
        return None
    wh = Warehouse(a.db)
    ids = wh.indicators(a.indicator)
    agencies = wh.agencies(a.agency)
    years = wh.meta.years
    if not ids or agencies is None or not years:
        return None
    y0 = a.y0 if a.y0 is not None else min(years)
    y1 = a.y1 if a.y1 is not None else max(years)
    if y0 > y1:
        return None
    data = chart_data(wh, ids, agencies, y0, y1, not a.real_only, a.lang)
    if not data:
        return None
    y0, y1 = min(y0, min(r["year"] for r in data)), max(y1, max(r["year"] for r in data))
    spec = trend_spec(data, wh.meta, list(range(y0, y1 + 1)), a.lang)
    foot = footnote(sources_footnote(data, a.lang), a.lang, data)
    return spec, data, foot, banner(data, a.lang)


def draw(spec: dict, foot: str, banner_: str | None, fmt: str) -> bytes:
    """The file's bytes (FontMissing without a CJK font, as on the full path)."""
    from board import export_image

    return export_image.chart_bytes(spec, fmt, foot, banner_)
