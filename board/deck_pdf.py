"""The meeting pack as a PDF (board.deck): each page is composed as one SVG (texts plus the
chart's own SVG nested in it) and turned into PDF by vl-convert with the project's CJK font
(board.fonts), so the text is real, embedded Noto Sans CJK SC; pypdf joins the pages. The
pages say what the PPTX slides say: the demo band, the title, the takeaway, the chart, and
the disputed values and sources at 12 pt under it."""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from board import disputes, export, fonts, i18n
from board.deck import Pack, made_text

PW, PH = 960, 540  # PDF page in points: 13.333 × 7.5 in


def _svg_text(x: float, y: float, text: str, size: float, family: str, *, bold=False,
              color="#222222", width: float | None = None, lh: float = 1.35) -> tuple[str, float]:  # fmt: skip
    """SVG <text> lines (wrapped to `width`), and the y below them."""
    lines = export.wrap(text, width, size) if width else [text]
    fam = escape(family, {'"': "&quot;"})
    weight = ' font-weight="bold"' if bold else ""
    out = []
    for i, line in enumerate(lines):
        out.append(f'<text x="{x}" y="{y + size * (1 + i * lh):.1f}" font-family="{fam}" '
                   f'font-size="{size}" fill="{color}"{weight}>{escape(line)}</text>')  # fmt: skip
    return "".join(out), y + size * (1 + (len(lines) - 1) * lh) + size * 0.4


def _nest(svg: str, x: float, y: float, w: float, h: float) -> str:
    """The chart's SVG placed in the box (x, y, w, h), scaled to fit."""
    m = re.search(r"<svg\b[^>]*>", svg)
    tag = m.group(0)
    tag = re.sub(r'\swidth="[\d.]+"', f' width="{w:g}"', tag, count=1)
    tag = re.sub(r'\sheight="[\d.]+"', f' height="{h:g}" x="{x:g}" y="{y:g}" '
                 'preserveAspectRatio="xMidYMid meet"', tag, count=1)  # fmt: skip
    end = svg.rfind("</svg>")
    return tag + svg[m.end() : end] + "</svg>"


def _page(body: str, n: int | None = None, family: str = "") -> str:
    num = ""
    if n is not None:
        num = (f'<text x="{PW - 30}" y="{PH - 14}" font-family="{escape(family)}" font-size="10" '
               f'fill="#999999" text-anchor="end">{n}</text>')  # fmt: skip
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{PW}" height="{PH}" viewBox="0 0 {PW} {PH}"><rect width="{PW}" height="{PH}" '
            f'fill="white"/>{body}{num}</svg>')  # fmt: skip


def page_svgs(pack: Pack) -> list[str]:
    """Every page of the PDF as an SVG document (title page first)."""
    fam = fonts.family()
    M = 36
    tw = PW - 2 * M
    y = 150
    body = ""
    for text, size, bold, color in [
        (pack.bureau, 18, False, "#1f5fa8"), (pack.title, 30, True, "#111111"),
        (i18n.t("deck_sub", pack.lang, agencies=pack.agencies), 15, False, "#444444"),
        (i18n.t("deck_period", pack.lang, y0=pack.y0, y1=pack.year), 15, False, "#444444"),
        (i18n.t("deck_date", pack.lang, d=made_text(pack.made, pack.lang)), 15, False, "#444444"),
        *([(i18n.t("deck_demo", pack.lang), 14, True, export.BANNER_FG)] if pack.has_demo else []),
    ]:  # fmt: skip
        t, y = _svg_text(M, y, text, size, fam, bold=bold, color=color, width=tw)
        body += t
        y += 10
    pages = [_page(body, None, fam)]
    for n, sl in enumerate(pack.slides, start=2):
        body, top = "", 14
        if sl.has_demo:
            body += f'<rect x="0" y="0" width="{PW}" height="28" fill="{export.BANNER_BG}"/>'
            t, _ = _svg_text(M, 6, i18n.t("slide_demo", pack.lang), 12, fam, bold=True,
                             color=export.BANNER_FG, width=tw)  # fmt: skip
            body += t
            top = 36
        t, y = _svg_text(M, top, sl.title, 19, fam, bold=True, color="#111111", width=tw)
        body += t
        t, y = _svg_text(M, y + 2, sl.takeaway, 13, fam, color="#1f5fa8", width=tw)
        body += t
        foot = ([(sl.disputed, disputes.COLOR)] if sl.disputed else []) + [(sl.sources, "#444444")]
        n_lines = sum(len(export.wrap(text, tw, 12)) for text, _ in foot)
        foot_y = PH - 20 - 12 * 1.35 * n_lines - 4 * (len(foot) - 1)
        body += _nest(sl.svg, M, y + 4, tw, foot_y - y - 12)
        fy = foot_y
        for text, color in foot:
            t, fy = _svg_text(M, fy, text, 12, fam, color=color, width=tw)
            body += t
        pages.append(_page(body, n, fam))
    return pages


def to_pdf(pack: Pack) -> bytes:
    """The pack as a PDF, one 16:9 page per slide, with the CJK font embedded."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for svg in page_svgs(pack):
        writer.append(PdfReader(io.BytesIO(export.svg_to(svg, "pdf"))))
    writer.add_metadata({"/Title": f"{pack.bureau} {pack.title}", "/Creator": "法治指标看板"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
