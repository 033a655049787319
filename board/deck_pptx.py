"""The meeting pack (board.deck) as a 16:9 PowerPoint file, with python-pptx.

The chart is a native, editable PowerPoint chart with its numbers inside (board.deck_chart);
a 2× PNG of the dashboard's chart only if that fails. Every run of text names an East-Asian
typeface (a:ea, 微软雅黑, which PowerPoint and WPS have) beside its Latin one, and is tagged
zh-CN, so Chinese never falls back to a font without the glyphs.
"""

from __future__ import annotations

import io

from board import deck_chart, disputes, export, i18n
from board.deck import Pack, Slide, made_text

EA_FONT = "微软雅黑"  # East-Asian typeface of the slides (a:ea): Windows/Office and WPS have it
LATIN_FONT = "Microsoft YaHei"


def _ea(run, size: float | None = None, bold: bool = False, color: str | None = None) -> None:
    """Style a run and name its Latin and East-Asian typefaces (a:latin + a:ea), zh-CN."""
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    f = run.font
    if size:
        f.size = Pt(size)
    f.bold = bold
    if color:
        f.color.rgb = RGBColor.from_string(color.lstrip("#"))
    f.name = LATIN_FONT  # a:latin
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", "zh-CN")
    rpr.set("altLang", "en-US")
    for tag in ("a:ea", "a:cs"):
        old = rpr.find(qn(tag))
        if old is not None:
            rpr.remove(old)
    latin = rpr.find(qn("a:latin"))
    ea = latin.makeelement(qn("a:ea"), {"typeface": EA_FONT})
    cs = latin.makeelement(qn("a:cs"), {"typeface": EA_FONT})
    latin.addnext(ea)
    ea.addnext(cs)


def _text(slide, left, top, width, height, lines, *, size=18, bold=False, color="#222222",
          align=None, anchor=None):  # fmt: skip
    """A text box: `lines` are strings or (text, size, bold, color) tuples, one paragraph each."""
    from pptx.enum.text import MSO_AUTO_SIZE

    box = slide.shapes.add_textbox(left, top, width, height)
    tf = box.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    if anchor is not None:
        tf.vertical_anchor = anchor
    for i, line in enumerate(lines):
        text, sz, b, c = line if isinstance(line, tuple) else (line, size, bold, color)
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        if align is not None:
            p.alignment = align
        r = p.add_run()
        r.text = text
        _ea(r, sz, b, c)
    return box


def _notes_text(slide, text: str) -> None:
    tf = slide.notes_slide.notes_text_frame
    for i, line in enumerate(text.split("\n")):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        r = p.add_run()
        r.text = line
        _ea(r, 12)


def _band(slide, left, top, width, height, text: str, size: float) -> None:
    """A coloured band with a warning in it (演示数据)."""
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches

    box = _text(slide, left, top, width, height, [(text, size, True, export.BANNER_FG)],
                anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
    box.fill.solid()
    box.fill.fore_color.rgb = deck_chart._rgb(export.BANNER_BG)
    box.text_frame.margin_left = box.text_frame.margin_right = Inches(0.3)


def _chart(slide, sl: Slide, box: tuple, lang: str) -> None:
    """The native chart in box; the dashboard's chart as a picture only if that fails."""
    from PIL import Image

    try:
        deck_chart.add(slide, sl.data, sl.colors, sl.order, sl.unit, tuple(int(b) for b in box),
                       latin=LATIN_FONT, east_asian=EA_FONT,
                       dispute_label=i18n.t("dp_label", lang))  # fmt: skip
        return
    except Exception:  # noqa: BLE001 - the picture says the same, only not editable
        pass
    png = sl.png()
    with Image.open(io.BytesIO(png)) as im:
        pw, ph = im.size
    x, y, bw, bh = (int(b) for b in box)
    w = min(bw, int(bh * pw / ph))
    h = int(w * ph / pw)
    slide.shapes.add_picture(io.BytesIO(png), x + int((bw - w) / 2), y, w, h)


def to_pptx(pack: Pack) -> bytes:
    """The pack as a 16:9 PowerPoint file."""
    from pptx import Presentation
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu, Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in
    blank = prs.slide_layouts[6]
    W = prs.slide_width
    M = Inches(0.5)

    s = prs.slides.add_slide(blank)
    lines = [(pack.bureau, 24, False, "#1f5fa8"), (pack.title, 40, True, "#111111"),
             (i18n.t("deck_sub", pack.lang, agencies=pack.agencies), 20, False, "#444444"),
             (i18n.t("deck_period", pack.lang, y0=pack.y0, y1=pack.year), 20, False, "#444444"),
             (i18n.t("deck_date", pack.lang, d=made_text(pack.made, pack.lang)), 20, False, "#444444")]  # fmt: skip
    _text(s, M, Inches(1.2), W - 2 * M, Inches(4.2), lines, align=PP_ALIGN.LEFT,
          anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
    if pack.has_demo:
        _band(s, M, Inches(5.6), W - 2 * M, Inches(0.9), i18n.t("deck_demo", pack.lang), 18)
    _notes_text(s, "\n".join([pack.title, pack.agencies, made_text(pack.made, pack.lang)]))

    for sl in pack.slides:
        s = prs.slides.add_slide(blank)
        top = Inches(0.15)
        if sl.has_demo:
            _band(s, 0, 0, W, Inches(0.42), i18n.t("slide_demo", pack.lang), 13)
            top = Inches(0.5)
        _text(s, M, top, W - 2 * M, Inches(0.7), [sl.title], size=24, bold=True, color="#111111")
        _text(s, M, top + Inches(0.68), W - 2 * M, Inches(0.75), [sl.takeaway], size=16,
              color="#1f5fa8")  # fmt: skip
        foot = [(sl.disputed, 12, False, disputes.COLOR)] if sl.disputed else []
        foot.append((sl.sources, 12, False, "#444444"))
        foot_h = Inches(0.24) * sum(len(export.wrap(t, 780, 12)) for t, *_ in foot)
        foot_top = prs.slide_height - foot_h - Inches(0.15)
        chart_top = top + Inches(1.45)
        box = (M, chart_top, W - 2 * M, foot_top - chart_top - Inches(0.05))
        _chart(s, sl, box, pack.lang)
        _text(s, M, foot_top, W - 2 * M, foot_h, foot, size=12, color="#444444")
        _notes_text(s, sl.notes)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
