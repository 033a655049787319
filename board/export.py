"""Charts and their numbers as files a leader takes to a meeting.

- Images: PNG (2× scale by default), SVG and PDF of an Altair chart, with its title (which
  names the unit), legend and subtitle notes as on screen, plus the source footnote drawn
  inside the image under the chart. Every image is made from one SVG: vl-convert renders
  the chart with the project's CJK font named in the config (board.fonts), the footnote is
  appended as SVG text, and vl-convert turns that SVG into PNG or PDF (the PDF embeds the
  font, so its text is real, searchable Chinese).
- Numbers: CSV (UTF-8 with BOM, so Excel opens the Chinese correctly) and XLSX (a data
  sheet with units, status and the source of every value, and a 说明 sheet with the title,
  the source footnote, the notes on marks and the list of source documents).

Nothing here needs Streamlit: the pages (board/export_ui.py) and the command line
(python -m board export) call the same functions.
"""

from __future__ import annotations

import copy
import io
import math
import re
from datetime import date
from xml.sax.saxutils import escape

import pandas as pd

from board import disputes, fonts, i18n

FORMATS = ("png", "svg", "pdf", "csv", "xlsx")
IMAGE_FORMATS = ("png", "svg", "pdf")
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
SCALE = 2  # PNG pixels per chart pixel: sharp on a projector
WIDTH = 640  # width of a single-view chart whose width the page left to the container
FOOT_SIZE = 12  # px, the footnote under the chart
FOOT_COLOR = "#555555"
PAD = 10


# -- chart → SVG / PNG / PDF --------------------------------------------------------------------

_FONT_KEYS = re.compile(r"^(font|[a-z]+Font)$")


def _set_fonts(node, family: str) -> None:
    """Every font name in the spec (config, titles, marks) → the registered CJK family."""
    if isinstance(node, dict):
        for k, v in list(node.items()):
            if k in ("datasets", "data", "values"):
                continue
            if isinstance(v, str) and _FONT_KEYS.match(k):
                node[k] = family
            else:
                _set_fonts(v, family)
    elif isinstance(node, list):
        for v in node:
            _set_fonts(v, family)


def _split_subtitle(title, width: float = 600, size: float = 12) -> None:
    """A subtitle of notes ('含演示数据；空心点为未核实数值；…') too wide for the chart → lines,
    broken between notes."""
    if not isinstance(title, dict):
        return
    sub = title.get("subtitle")
    if not isinstance(sub, str) or text_width(sub, size) <= width or "；" not in sub:
        return
    parts = [p + "；" for p in sub.split("；") if p]
    parts[-1] = parts[-1][:-1]
    lines = [""]
    for p in parts:
        if lines[-1] and text_width(lines[-1] + p, size) > width:
            lines.append(p)
        else:
            lines[-1] += p
    title["subtitle"] = lines


def export_spec(chart) -> dict:
    """The chart's Vega-Lite spec as exported: the CJK font named everywhere, a fixed width
    where the page would have stretched it, long subtitles on several lines."""
    spec = copy.deepcopy(chart if isinstance(chart, dict) else chart.to_dict())
    family = fonts.family()
    spec.setdefault("config", {})["font"] = family
    _set_fonts({k: v for k, v in spec.items() if k != "datasets"}, family)
    single = "mark" in spec or "layer" in spec
    if single and not isinstance(spec.get("width"), int | float):
        spec["width"] = WIDTH
    t = spec.get("title")
    size = float(t.get("subtitleFontSize", 12)) if isinstance(t, dict) else 12.0
    _split_subtitle(t, max(float(spec.get("width", 0)) if single else 0, 600), size)
    spec.pop("autosize", None)
    _landscape(spec)
    return spec


SLIDE_W, SLIDE_H = 1240, 560  # px of panels a landscape export aims at (before the notes)


def panels(spec: dict) -> int:
    """How many panels a faceted spec draws (1 for a single view)."""
    facet = spec.get("facet")
    if not isinstance(facet, dict):
        return 1
    field = facet.get("field") or (facet.get("row") or facet.get("column") or {}).get("field")
    values = None
    data = spec.get("data", {})
    if isinstance(data, dict) and "name" in data:
        values = spec.get("datasets", {}).get(data["name"])
    elif isinstance(data, dict):
        values = data.get("values")
    if not field or not values:
        return 1
    return len({v.get(field) for v in values if isinstance(v, dict)})


def _landscape(spec: dict) -> None:
    """A chart of one panel per indicator stacked in a column (the trends page: a tall
    portrait) is laid out as a grid, two or three panels a row, sized for a 16:9 page."""
    facet = spec.get("facet")
    n = panels(spec)
    if not isinstance(facet, dict) or "row" not in facet or n < 2:
        return
    cols = 2 if n <= 4 else 3
    rows = -(-n // cols)
    inner = spec.get("spec", {})
    inner["width"] = int((SLIDE_W - 90 * cols) / cols)
    inner["height"] = int(max(120, (SLIDE_H - 60 * rows) / rows))
    row = facet.pop("row")
    facet.update(row)
    spec["columns"] = cols


def chart_title(chart) -> str:
    """The chart's title text ('执法检查次数（次）'), or ''."""
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    t = spec.get("title")
    if isinstance(t, dict):
        t = t.get("text")
    if isinstance(t, list):
        t = " ".join(map(str, t))
    return str(t or "")


def text_width(s: str, size: float) -> float:
    """Rough width of s in px: CJK and full-width characters are square, the rest ~0.55 em."""
    w = 0.0
    for ch in s:
        o = ord(ch)
        wide = o >= 0x2E80 or 0xFF00 <= o <= 0xFFEF or ch in "“”‘’…—"
        w += size if wide else size * 0.56
    return w


def wrap(s: str, width: float, size: float) -> list[str]:
    """Lines of s no wider than `width` px (breaks anywhere: Chinese has no spaces)."""
    lines: list[str] = []
    for para in s.split("\n"):
        line = ""
        for ch in para:
            if line and text_width(line + ch, size) > width:
                # keep closing punctuation with its line
                if ch in "，。；、：）》”’":
                    line += ch
                    continue
                carry = ""
                while line and line[-1] in "（《“‘(":  # an opening mark starts the next line
                    carry, line = line[-1] + carry, line[:-1]
                lines.append(line)
                line = carry + ch.lstrip()
            else:
                line += ch
        lines.append(line)
    return [ln for ln in lines if ln.strip()] or [""]


_SVG_TAG = re.compile(r"<svg\b[^>]*>")


def _attr(tag: str, name: str) -> float | None:
    m = re.search(rf'\s{name}="([\d.]+)"', tag)
    return float(m.group(1)) if m else None


def _svg_size(svg: str) -> tuple[re.Match, float, float]:
    """The opening <svg> tag of a drawing, its width and its height."""
    m = _SVG_TAG.search(svg)
    if not m:
        raise ValueError("not an SVG document")
    w, h = _attr(m.group(0), "width"), _attr(m.group(0), "height")
    if w is None or h is None:
        raise ValueError("SVG without width/height")
    return m, w, h


def _taller(tag: str, w: float, nh: float) -> str:
    """The opening <svg> tag with its height (and viewBox) made nh."""
    tag = re.sub(r'\sheight="[\d.]+"', f' height="{nh:g}"', tag, count=1)
    return re.sub(r'\sviewBox="[^"]*"', f' viewBox="0 0 {w:g} {nh:g}"', tag, count=1)


def add_footnote(svg: str, footnote: str | None, family: str, *, size: float = FOOT_SIZE) -> str:
    """Append the footnote as text lines under the drawing, growing the SVG to hold them."""
    if not footnote:
        return svg
    m, w, h = _svg_size(svg)
    lines = wrap(footnote, max(w - 2 * PAD, 200), size)
    lh = size * 1.45
    extra = PAD + lh * len(lines) + PAD / 2
    nh = h + extra
    new_tag = _taller(m.group(0), w, nh)
    fam = escape(family, {'"': "&quot;"})
    texts = "".join(
        f'<text x="{PAD}" y="{h + PAD + lh * (i + 0.8):.1f}" font-family="{fam}" '
        f'font-size="{size}px" fill="{FOOT_COLOR}">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    foot = (f'<g class="footnote"><rect x="0" y="{h:g}" width="{w:g}" height="{extra:.1f}" '
            f'fill="white"/>{texts}</g>')  # fmt: skip
    end = svg.rfind("</svg>")
    return svg[: m.start()] + new_tag + svg[m.end() : end] + foot + svg[end:]


BANNER_BG, BANNER_FG, BANNER_SIZE = "#fff1e6", "#a33b00", 15


def banner_height(text: str | None, width: float, size: float = BANNER_SIZE) -> float:
    if not text:
        return 0.0
    return PAD + size * 1.4 * len(wrap(text, max(width - 2 * PAD, 200), size))


def add_banner(svg: str, text: str | None, family: str, *, size: float = BANNER_SIZE) -> str:
    """A band across the top of the drawing saying `text` (演示数据…), the drawing moved
    down under it: a picture cut out of a slide still says it is demo data."""
    if not text:
        return svg
    m, w, h = _svg_size(svg)
    lines = wrap(text, max(w - 2 * PAD, 200), size)
    lh = size * 1.4
    band = banner_height(text, w, size)
    nh = h + band
    new_tag = _taller(m.group(0), w, nh)
    fam = escape(family, {'"': "&quot;"})
    texts = "".join(
        f'<text x="{PAD}" y="{PAD / 2 + lh * (i + 0.75):.1f}" font-family="{fam}" '
        f'font-size="{size}px" font-weight="bold" fill="{BANNER_FG}">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    head = (f'<g class="demo-banner"><rect x="0" y="0" width="{w:g}" height="{band:.1f}" '
            f'fill="{BANNER_BG}"/>{texts}</g>')  # fmt: skip
    end = svg.rfind("</svg>")
    body = svg[m.end() : end]
    return (svg[: m.start()] + new_tag + head + f'<g transform="translate(0,{band:.1f})">'
            + body + "</g>" + svg[end:])  # fmt: skip


def slide_shaped(svg: str, ratio: float = 16 / 9, banner: str | None = None) -> str:
    """The drawing centred on a white page of the given shape (16:9: a slide), so that a
    picture of several panels drops onto a slide as it is; room is left for the banner
    that add_banner puts across the top afterwards."""
    m = _SVG_TAG.search(svg)
    tag = m.group(0)
    w, h = _attr(tag, "width"), _attr(tag, "height")
    hb = h + banner_height(banner, w)  # the final height, as far as the shape goes
    nw, nh = (hb * ratio, h) if w / hb < ratio else (w, w / ratio - (hb - h))
    dx, dy = (nw - w) / 2, (nh - h) / 2
    new_tag = re.sub(r'\swidth="[\d.]+"', f' width="{nw:g}"', tag, count=1)
    new_tag = re.sub(r'\sheight="[\d.]+"', f' height="{nh:g}"', new_tag, count=1)
    new_tag = re.sub(r'\sviewBox="[^"]*"', f' viewBox="0 0 {nw:g} {nh:g}"', new_tag, count=1)
    end = svg.rfind("</svg>")
    return (svg[: m.start()] + new_tag + f'<rect width="{nw:g}" height="{nh:g}" fill="white"/>'
            f'<g transform="translate({dx:.1f},{dy:.1f})">' + svg[m.end() : end] + "</g>"
            + svg[end:])  # fmt: skip


def chart_svg(chart, footnote: str | None = None, banner: str | None = None) -> str:
    """The chart as an SVG document with the footnote inside it, the demo banner (if any)
    across its top; a chart of several panels on a 16:9 page."""
    import vl_convert as vlc

    spec = export_spec(chart)
    svg = vlc.vegalite_to_svg(spec)
    family = fonts.family()
    svg = add_footnote(svg, footnote, family)
    if panels(spec) > 1:
        svg = slide_shaped(svg, banner=banner)
    return add_banner(svg, banner, family)


VIEWER_FONTS = ("Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "sans-serif")


def for_viewers(svg: str, family: str) -> str:
    """The SVG file as downloaded: it keeps its text, so name fonts that the computer
    opening it may have (Windows: Microsoft YaHei, macOS: PingFang SC) after ours."""
    fam = escape(family, {'"': "&quot;"})
    fallback = ", ".join(f"'{f}'" if " " in f else f for f in VIEWER_FONTS)
    return svg.replace(f'font-family="{fam}"', f"font-family=\"'{fam}', {fallback}\"")


def svg_to(svg: str, fmt: str, scale: float = SCALE) -> bytes:
    """PNG, PDF (drawn with the registered CJK font) or SVG bytes of an SVG document."""
    import vl_convert as vlc

    font = fonts.ensure()
    if fmt == "png":
        return vlc.svg_to_png(svg, scale=scale)
    if fmt == "pdf":
        return vlc.svg_to_pdf(svg)
    if fmt == "svg":
        return for_viewers(svg, font.family).encode("utf-8")
    raise ValueError(f"not an image format: {fmt}")


def chart_bytes(chart, fmt: str, footnote: str | None = None, banner: str | None = None, *,
                scale: float = SCALE) -> bytes:  # fmt: skip
    """PNG, SVG or PDF bytes of the chart with its footnote (and demo banner)."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"not an image format: {fmt}")
    return svg_to(chart_svg(chart, footnote, banner), fmt, scale)


def footnote(sources: str | None, lang: str = "zh", when: date | None = None,
             data: pd.DataFrame | None = None) -> str:  # fmt: skip
    """'来源：…  ·  导出自法治指标看板，2026-11-27', after a line naming the disputed values
    of `data` ('有争议：区科技局2021年执法检查次数15次（来源不一致：…）。')."""
    stamp = i18n.t("exported", lang, d=(when or date.today()).isoformat())
    text = f"{sources}  ·  {stamp}" if sources else stamp
    why = disputes.footnote(data, lang) if data is not None else None
    return f"{why}\n{text}" if why else text


def banner(data: pd.DataFrame | None, lang: str = "zh") -> str | None:
    """The demo banner of an export whose numbers include demo data, else None."""
    if data is None or "origin" not in data or not data["origin"].eq("demo").any():
        return None
    return i18n.t("banner_demo", lang)


# -- chart data → CSV / XLSX --------------------------------------------------------------------


def _col(lang: str):
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    return [  # (column in the chart data, header), in this order when present
        ("agency", t("agency")),
        ("year", t("year")),
        ("area_txt", t("area")),
        ("indicator", t("indicator")),
        ("which_txt", i18n.t("kind", lang)),
        ("value", t("value")),
        ("unit_txt", i18n.t("unit_col", lang)),
        ("label", i18n.t("as_written", lang)),
        ("yoy_pct", t("yoy_pct")),
        ("status_txt", t("status")),
        ("disputed_txt", disputes.tt("label", lang)),
        ("dispute_note", disputes.tt("note_col", lang)),
        ("origin_txt", t("origin")),
        ("source_txt", t("document")),
        ("quote", t("source")),
        ("agency_id", i18n.t("agency_id", lang)),
        ("indicator_id", i18n.t("indicator_id", lang)),
    ]


def _plain(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    f = float(v)
    return int(f) if f.is_integer() else f


def table(data: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The numbers behind a chart, one row per value, with headers in the chosen language."""
    df = data.copy()
    if "agency" not in df and "agency_id" in df:
        df["agency"] = df["agency_id"]
    if "indicator" not in df and "indicator_id" in df:
        df["indicator"] = df["indicator_id"]
    if "unit_txt" not in df and "unit" in df:
        df["unit_txt"] = df["unit"]
    if "source_txt" not in df and "doc_title" in df:
        df["source_txt"] = df["doc_title"]
    if "disputed" in df:
        yes = disputes.tt("yes", lang)
        df["disputed_txt"] = [yes if d is True or d == 1 else "" for d in df["disputed"]]
    if "yoy_pct" in df:
        if df["yoy_pct"].notna().any():
            df["yoy_pct"] = df["yoy_pct"].round(1)
        else:
            df = df.drop(columns="yoy_pct")
    if "value" in df:  # 12, not 12.0; 12.5 stays
        df["value"] = pd.Series([_plain(v) for v in df["value"]], index=df.index, dtype="object")
    cols = [(c, h) for c, h in _col(lang) if c in df]
    out = df[[c for c, _ in cols]].rename(columns=dict(cols))
    if "year" in df:
        out[i18n.t("year", lang)] = df["year"].astype(int)
    return out.reset_index(drop=True)


def to_csv(data: pd.DataFrame, lang: str = "zh") -> bytes:
    """CSV in UTF-8 with a BOM: Excel on Windows then reads the Chinese correctly."""
    return table(data, lang).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def documents(data: pd.DataFrame, lang: str) -> list[str]:
    """Each source document's title once, oldest first: '区科技局2018年度法治政府建设情况报告',
    with '（演示数据）' after a demo one. (A report may give other agencies' figures and a
    table many years', so neither is repeated beside the title.)"""
    if "doc_id" not in data:
        return []
    docs = data.dropna(subset=["doc_id"])
    if "year" in docs:
        docs = docs.sort_values("year", kind="stable")
    docs = docs.drop_duplicates("doc_id")
    out = []
    for r in docs.itertuples():
        title = getattr(r, "doc_title", None) or getattr(r, "source_txt", None) or r.doc_id
        if getattr(r, "origin", None) == "demo":
            demo = i18n.t("demo", lang)
            title = f"{title}（{demo}）" if lang == "zh" else f"{title} ({demo})"
        out.append(str(title))
    return out


def notes(data: pd.DataFrame, lang: str) -> list[str]:
    out = [i18n.t("note_value", lang), i18n.t("note_missing", lang)]
    if "origin" in data and data["origin"].eq("demo").any():
        out.append(i18n.t("note_demo", lang))
    if "status" in data and data["status"].eq("unverified").any():
        out.append(i18n.t("note_unverified", lang))
    if not disputes.rows(data).empty:
        out.append(disputes.tt("xlsx_note", lang))
    return out


def to_xlsx(data: pd.DataFrame, lang: str = "zh", *, title: str = "", sources: str = "",
            when: date | None = None) -> bytes:  # fmt: skip
    """A workbook: the data sheet (units, status, source of every value) and a 说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    tab = table(data, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = i18n.t("sheet_data", lang)
    ws.append(list(tab.columns))
    for row in tab.itertuples(index=False):
        ws.append([None if isinstance(v, float) and math.isnan(v) else
                   (v.item() if hasattr(v, "item") else v) for v in row])  # fmt: skip
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, name in enumerate(tab.columns, start=1):
        vals = [str(name)] + [str(v) for v in tab.iloc[:200, i - 1]]
        w = max(text_width(v, 1) for v in vals) + 2
        ws.column_dimensions[get_column_letter(i)].width = min(max(w, 6), 60)
    value_col = (
        list(tab.columns).index(i18n.t("value", lang)) + 1 if i18n.t("value", lang) in tab else None
    )
    if value_col:
        for (cell,) in ws.iter_rows(min_row=2, min_col=value_col, max_col=value_col):
            cell.number_format = "#,##0.##"
    if "disputed" in data:  # a disputed row is tinted, as the chart rings it
        from openpyxl.styles import PatternFill

        tint = PatternFill("solid", fgColor="FDE2E1")
        for i, d in enumerate(data["disputed"].tolist(), start=2):
            if d is True:
                for c in ws[i]:
                    c.fill = tint

    ns = wb.create_sheet(i18n.t("sheet_notes", lang))
    units = []
    if "indicator" in data and "unit_txt" in data:
        pairs = data.drop_duplicates("indicator")[["indicator", "unit_txt"]]
        units = [
            f"{a}：{b}" if lang == "zh" else f"{a}: {b}" for a, b in pairs.itertuples(index=False)
        ]
    warn = banner(data, lang)
    rows = [
        *([(i18n.t("n_warning", lang), warn)] if warn else []),
        (i18n.t("n_title", lang), title),
        (i18n.t("n_sources", lang), sources),
        *([(disputes.tt("label", lang), why)] if (why := disputes.footnote(data, lang)) else []),
        (i18n.t("n_exported", lang), (when or date.today()).isoformat()),
        (i18n.t("n_rows", lang), len(tab)),
        (i18n.t("n_units", lang), "\n".join(units)),
        (i18n.t("n_notes", lang), "\n".join(notes(data, lang))),
        (i18n.t("n_docs", lang), "\n".join(documents(data, lang))),
    ]
    for k, v in rows:
        ns.append([k, v])
    for c in ns["A"]:
        c.font = Font(bold=True)
        c.alignment = Alignment(vertical="top")
    for c in ns["B"]:
        c.alignment = Alignment(wrap_text=True, vertical="top")
    ns.column_dimensions["A"].width = 12
    ns.column_dimensions["B"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# -- one entry point ----------------------------------------------------------------------------


def content_name(chart, data: pd.DataFrame | None = None, lang: str = "zh") -> str:
    """What a file of the chart is called: its title; for a chart of several indicators
    (whose title says only 'the chosen indicators'), the indicators and the years:
    '执法检查次数、办理案件数_2016-2025'."""
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    head = chart_title(spec)
    if data is None or "indicator_id" not in data or data["indicator_id"].nunique() < 2:
        return head
    # the panels in the order drawn (the facet's sort), else the data's order
    facet = spec.get("facet") or {}
    sort = (facet.get("row") or facet.get("column") or facet).get("sort")
    names = [re.sub(r"（[^（）]*）$", "", str(x)) for x in sort] if isinstance(sort, list) else []
    names = names or list(
        dict.fromkeys(data["indicator"] if "indicator" in data else data["indicator_id"])
    )
    text = i18n.join([str(n) for n in names[:3]], lang)
    if len(names) > 3:
        text += f"等{len(names)}项" if lang == "zh" else f" and {len(names) - 3} more"
    if "year" in data and len(data):
        y0, y1 = int(data["year"].min()), int(data["year"].max())
        text += f"_{y0}-{y1}" if y0 < y1 else f"_{y0}"
    return text


def file_name(title: str, ext: str, *, suffix: str = "") -> str:
    """A file name from a chart title: '执法检查次数（次）_2016-2025.png' (no path characters)."""
    base = re.sub(r'[\\/:*?"<>|\s]+', "_", (title or "chart").strip()).strip("_.") or "chart"
    base = base[:60]
    if suffix:
        base += "_" + re.sub(r'[\\/:*?"<>|\s]+', "_", suffix)
    return f"{base}.{ext}"


def export(chart, data: pd.DataFrame, fmt: str, *, sources: str | None = None,
           lang: str = "zh", title: str | None = None, when: date | None = None) -> bytes:  # fmt: skip
    """Bytes of one export: an image of the chart (with its footnote) or its numbers."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt in IMAGE_FORMATS:
        return chart_bytes(chart, fmt, footnote(sources, lang, when, data), banner(data, lang))
    if fmt == "csv":
        return to_csv(data, lang)
    return to_xlsx(data, lang, title=title if title is not None else chart_title(chart),
                   sources=sources or "", when=when)  # fmt: skip
