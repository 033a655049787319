"""A draft (board/draft.py) as a Word file in 公文 style.

- Fonts: the title in 方正小标宋简体, headings in 黑体, the body in 仿宋_GB2312 三号 with a
  fixed 28-point line, A4 with the 公文 margins. Where those fonts are not installed, the
  file itself names the fallback: each font in word/fontTable.xml carries a w:altName of
  Noto Serif CJK SC (仿宋, 小标宋) or Noto Sans CJK SC (黑体), which Word and LibreOffice
  use in their place.
- Sources: real footnotes (a word/footnotes.xml part, which python-docx does not write, so
  it is made here): every figure carries one. Footnotes are not body text, so the
  extractor reading the draft back does not see them.
- Marks: yellow highlight for an unverified figure, pink for a disputed one (an open
  conflict or an inconsistent claim), blanks in bold red.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from board.draft import Draft, Piece

BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体"
# The fallback each font names in the file (w:altName), and the Latin font beside it.
FALLBACK = {BODY_FONT: "Noto Serif CJK SC", TITLE_FONT: "Noto Serif CJK SC",
            HEADING_FONT: "Noto Sans CJK SC"}  # fmt: skip
MARKS = {"unverified": WD_COLOR_INDEX.YELLOW, "disputed": WD_COLOR_INDEX.PINK}
RED = RGBColor(0xC0, 0x00, 0x00)
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def to_docx(draft: Draft) -> bytes:
    doc = Document()
    _page(doc)
    _styles(doc)
    notes: list[str] = []
    for b in draft.blocks:
        if b.kind == "table":
            _table(doc, b.rows, notes)
            continue
        p = doc.add_paragraph()
        if b.kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _fmt(p, TITLE_FONT, 22)
        elif b.kind == "notice":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.kind == "heading":
            _fmt(p, HEADING_FONT, 16)
            p.paragraph_format.first_line_indent = Pt(32)
        elif b.kind in ("para", "legend"):
            p.paragraph_format.first_line_indent = Pt(32)
        for piece in b.pieces:
            run = _run(p, piece, notes)
            if b.kind == "notice":
                run.bold, run.font.color.rgb = True, RED
            if b.kind == "title":
                _font(run, TITLE_FONT, 22)
            elif b.kind == "heading":
                _font(run, HEADING_FONT, 16)
            elif b.kind == "legend":
                run.font.size = Pt(12)
    _footnotes(doc, notes)
    _font_fallbacks(doc)
    cp = doc.core_properties
    cp.title, cp.author = draft.title, "法治指标看板"
    cp.comments = "演示数据" if draft.demo else ""
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _page(doc) -> None:
    s = doc.sections[0]
    s.page_width, s.page_height = Cm(21), Cm(29.7)
    s.top_margin, s.bottom_margin = Cm(3.7), Cm(3.5)
    s.left_margin, s.right_margin = Cm(2.8), Cm(2.6)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    _east_asian(normal.element.get_or_add_rPr(), BODY_FONT)
    pf = normal.paragraph_format
    pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28)
    pf.space_before = pf.space_after = Pt(0)
    # footnotes in 小五 with single spacing: LibreOffice sizes a footnote's number by its
    # paragraph's style, not by the run around it
    note = doc.styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(9)
    note.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _east_asian(rpr, name: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), name)


def _font(run, name: str, size: float) -> None:
    run.font.size = Pt(size)
    _east_asian(run._r.get_or_add_rPr(), name)


def _fmt(p, name: str, size: float) -> None:
    p.paragraph_format.line_spacing = Pt(max(28, size * 1.6))


def _run(p, piece: Piece, notes: list[str]):
    run = p.add_run(piece.text)
    if piece.kind == "blank":
        run.bold, run.font.color.rgb = True, RED
    if piece.mark:
        run.font.highlight_color = MARKS[piece.mark]
    if piece.kind == "figure" and piece.note:
        notes.append(piece.note)
        ref = parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{len(notes)}"/></w:r>'
        )
        p._p.append(ref)
    return run


def _table(doc, rows, notes: list[str]) -> None:
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, pieces in enumerate(row):
            cell = t.cell(r, c)
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if c else WD_ALIGN_PARAGRAPH.LEFT
            for piece in pieces:
                run = _run(p, piece, notes)
                run.font.size = Pt(14)
                if r == 0:
                    _font(run, HEADING_FONT, 14)


def _footnotes(doc, notes: list[str]) -> None:
    """word/footnotes.xml with one footnote per source, related from the document."""
    sep = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
           '<w:continuationSeparator/></w:r></w:p></w:footnote>')  # fmt: skip
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="18"/></w:rPr>'
        f"<w:footnoteRef/></w:r><w:r><w:rPr>"
        f'<w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:eastAsia="{BODY_FONT}"/>'
        f'<w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {escape(n)}</w:t></w:r></w:p>'
        f"</w:footnote>"
        for i, n in enumerate(notes, start=1)
    )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">{sep}{body}</w:footnotes>'
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, xml.encode("utf-8"),
                doc.part.package)  # fmt: skip
    doc.part.relate_to(part, RT.FOOTNOTES)
    settings = doc.settings.element
    if settings.find(qn("w:footnotePr")) is None:  # Word expects the separators named here
        settings.append(parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                                  f'<w:footnote w:id="0"/></w:footnotePr>'))  # fmt: skip


def _font_fallbacks(doc) -> None:
    """Name each 公文 font in word/fontTable.xml with its Noto CJK fallback (w:altName)."""
    table = next((r.target_part for r in doc.part.rels.values()
                  if r.reltype == RT.FONT_TABLE), None)  # fmt: skip
    if table is None:
        return
    el = table.element if hasattr(table, "element") else parse_xml(table.blob)
    for name, alt in FALLBACK.items():
        el.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
            f'<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        ))  # fmt: skip
    if not hasattr(table, "element"):
        from lxml import etree

        table._blob = etree.tostring(el, xml_declaration=True, encoding="UTF-8", standalone=True)
