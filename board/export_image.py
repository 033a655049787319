"""A chart as an image a leader takes to a meeting: PNG (2× scale by default), SVG or PDF.

The image keeps the chart's title (which names the unit), legend and subtitle notes as on
screen, with the source footnote drawn inside it under the chart and the demo banner (if
any) across its top. Every image is made from one SVG: vl-convert renders the chart with
the project's CJK font named in the config (board.fonts), the footnote is appended as SVG
text, and vl-convert turns that SVG into PNG or PDF (the PDF embeds the font, so its text is
real, searchable Chinese). Nothing here reads the chart's data frame: pandas is not
imported, so the command line's light export (board.export_light) draws without it.
"""

from __future__ import annotations

import copy
import re
from xml.sax.saxutils import escape

from board import chart_fields, fonts, label_limits

IMAGE_FORMATS = ("png", "svg", "pdf")
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


def spec_of(chart) -> dict:
    """The chart's Vega-Lite spec as a dict. An Altair chart is not validated again against
    the schema (a quarter of a second of jsonschema on a trend chart): the page drew the
    same chart, validated, and tests/test_export.py validates every chart kind exported."""
    return chart if isinstance(chart, dict) else chart.to_dict(validate=False)


def export_spec(chart) -> dict:
    """The chart's Vega-Lite spec as exported: the CJK font named everywhere, a fixed width
    where the page would have stretched it, long subtitles on several lines. Its data keeps
    only the fields the chart reads (board.chart_fields): the same drawing from about half
    the JSON for vl-convert to parse and carry through Vega's dataflow; and its axis labels
    no length limit where none can reach it (board.label_limits): the same drawing with a
    quarter less text measuring."""
    spec = copy.deepcopy(chart_fields.prune_records(spec_of(chart)))
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
    label_limits.drop_if_unreachable(spec)
    label_limits.drop_legend_limits(spec)
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
    spec = spec_of(chart)
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


def _word_tail(line: str, ch: str) -> int | None:
    """Where the Latin word that `ch` would continue starts in `line` (after its space), when
    a break before `ch` would cut it ('from t' / 'he table'); None elsewhere."""
    if not (ch.isascii() and ch.isalnum() and line[-1:].isascii() and line[-1:].isalnum()):
        return None
    cut = line.rfind(" ")
    word = line[cut + 1 :]
    return cut + 1 if cut > 0 and len(word) <= MAX_WORD and word.isascii() else None


MAX_WORD = 24  # a longer run of Latin letters (a path, a link) may break anywhere


def wrap(s: str, width: float, size: float) -> list[str]:
    """Lines of s no wider than `width` px: Chinese breaks anywhere (it has no spaces), a
    Latin word only at a space before it."""
    lines: list[str] = []
    for para in s.split("\n"):
        line = ""
        for ch in para:
            if line and text_width(line + ch, size) > width:
                if (at := _word_tail(line, ch)) is not None:
                    lines.append(line[:at].rstrip())
                    line = line[at:] + ch
                    continue
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


def _text_lines(lines: list[str], top: float, lh: float, baseline: float, family: str,
                size: float, fill: str, *, bold: bool = False) -> str:  # fmt: skip
    """SVG text elements, one per line, the i-th line's baseline at top + lh * (i + baseline)."""
    fam = escape(family, {'"': "&quot;"})
    weight = ' font-weight="bold"' if bold else ""
    return "".join(
        f'<text x="{PAD}" y="{top + lh * (i + baseline):.1f}" font-family="{fam}" '
        f'font-size="{size}px"{weight} fill="{fill}">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )


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
    texts = _text_lines(lines, h + PAD, lh, 0.8, family, size, FOOT_COLOR)
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
    texts = _text_lines(lines, PAD / 2, lh, 0.75, family, size, BANNER_FG, bold=True)
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
