# One file though just over 400 lines: the two halves (a page's characters into lines and
# fragments; the lines into reading order, in columns where the page has them) share the
# _Char/_Frag/_Line types and their thresholds, and page_layout already needs the gutter.
"""A PDF page's text in reading order, from PDFium's character boxes.

Producers write text in whatever order suits them: LibreOffice writes the characters of a
fallback font (the curly quotes of “双随机”) after the rest of the line, so in write order
the quotes land at the line's end and a sentence reads "其中 双随机 抽查“ | ”". The page is
therefore laid out from geometry alone: characters on one baseline make a line, read left
to right; within a line, characters far apart make separate fragments (cells of a table
row, or the two columns of a page), joined with " | " as the docx reader writes a row. A
tab the producer wrote is kept as a tab: it is how a text report separates its cells.

A page whose lines all leave a gutter free is read as two columns (down the left, then
down the right) when the page shows it is laid out so — running text on both sides, or a
paragraph wrapped to the gutter — and no ruling is drawn in the gutter (a ruled gutter is a
table, read row by row). Once one page of a document shows its columns, its other pages
with the same gutter are read as columns too, even where they hold only short lines (a
statistics table set one cell per line inside a column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

HARD = "\ue000"  # marks a line that stopped short of its edge: it ends a paragraph, a title, a row
CELLS = "\ue001"  # marks a line of cells set apart on the page (a table row), before any HARD

_SPACE_GAP = 0.25  # a gap this wide (in font heights) between two glyphs is a space
_CELL_GAP = 1.5  # and this wide, a new fragment: another table cell or another column
_SHORT_LINE = 4  # a line ending this far (in font heights) before the column's edge ended there
_PARAGRAPH = 0.3  # this much more space (in font heights) than between lines: a new paragraph
_PROSE = 8  # a column's lines hold at least this many characters (median); a table's do not
_WRAPPED = 3  # this many lines in a row running to a column's edge: a wrapped paragraph
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class _Char:
    ch: str
    left: float
    right: float
    bottom: float
    top: float
    index: int  # position in the text layer: keeps zero-width characters in written order

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Frag:
    """Characters side by side on one baseline with no wide gap."""

    text: str
    left: float
    right: float
    bottom: float
    top: float

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


@dataclass
class _Line:
    frags: list[_Frag] = field(default_factory=list)

    def text(self, frags: list[_Frag] | None = None) -> str:
        out = ""
        prev = None
        for f in sorted(frags if frags is not None else self.frags, key=lambda f: f.left):
            if prev is not None:
                gap = (f.left - prev.right) / min(f.height, prev.height)
                tab = prev.text.endswith("\t") or f.text.startswith("\t")
                out += (
                    "" if tab else " | " if gap >= _CELL_GAP else " " if gap >= _SPACE_GAP else ""
                )
            out += f.text
            prev = f
        return out.strip(" ")


@dataclass
class PageLayout:
    lines: list[_Line]
    gutter: float | None  # the x that the fewest lines cross, if few enough do
    rules: list[tuple[float, float, float]]  # vertical rulings drawn: (x, bottom, top)


def page_layout(page) -> PageLayout:
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage)
    finally:
        textpage.close()
    lines = [_Line(_fragments(line)) for line in _char_lines(chars)]
    lines = [line for line in lines if line.frags]
    return PageLayout(lines, _gutter(lines), _vertical_rules(page))


def _chars(textpage) -> list[_Char]:
    """The page's characters with their boxes. PDFium's own inferred spaces and line
    breaks are skipped (the geometry decides); a space or tab the producer wrote is kept,
    on the line of the character before it where its own box is empty."""
    raw = textpage.raw
    out: list[_Char] = []
    last: _Char | None = None
    n = textpage.count_chars()
    i = 0
    while i < n:
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        generated = pdfium_c.FPDFText_IsGenerated(raw, i) == 1
        index = i
        i += 1
        if generated or code in (0, 0xFFFE, 0xFFFF) or code in (10, 13):
            continue
        if 0xD800 <= code < 0xDC00 and i < n:  # a character beyond the BMP: two units
            low = pdfium_c.FPDFText_GetUnicode(raw, i)
            if 0xDC00 <= low < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                i += 1
        ch = chr(code)
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        if ch.isspace():
            if last is not None:
                ch = "\t" if ch == "\t" else " "
                if top - bottom < 1:  # an empty box: on the line of the character before
                    bottom, top = last.bottom, last.top
                out.append(_Char(ch, left, max(left, right), bottom, top, index))
            continue
        last = _Char(ch, left, right, bottom, top, index)
        out.append(last)
    return out


def _char_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters on one baseline make a line; lines from the top of the page down."""
    lines: list[list[_Char]] = []
    for c in sorted(chars, key=lambda c: (-c.middle, c.left)):
        for line in reversed(lines[-3:]):
            ref = line[0]
            if abs(c.middle - ref.middle) < 0.5 * min(c.height, ref.height):
                line.append(c)
                break
        else:
            lines.append([c])
    return lines


def _fragments(chars: list[_Char]) -> list[_Frag]:
    """One line's characters left to right, cut where a gap is wide (another cell, another
    column); a narrower gap or a written space is a space."""
    frags: list[_Frag] = []
    cur: _Frag | None = None
    space = False
    for c in sorted(chars, key=lambda c: (c.left, c.index)):
        if c.ch == " ":
            space = cur is not None
            continue
        if cur is not None:
            gap = (c.left - cur.right) / min(cur.height, c.height)
            if c.ch == "\t" or gap < _CELL_GAP:
                if (space or gap >= _SPACE_GAP) and not cur.text.endswith((" ", "\t")):
                    cur.text += " " if c.ch != "\t" else ""
                cur.text += c.ch
                cur.right = max(cur.right, c.right)
                cur.bottom, cur.top = min(cur.bottom, c.bottom), max(cur.top, c.top)
                space = False
                continue
        cur = _Frag(c.ch, c.left, c.right, c.bottom, c.top)
        frags.append(cur)
        space = False
    for f in frags:
        f.text = f.text.strip(" ")
    return [f for f in frags if f.text.strip()]


def _vertical_rules(page) -> list[tuple[float, float, float]]:
    """Vertical edges of the lines and boxes drawn on the page (a table's cell borders)."""
    rules = []
    try:
        objects = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2))
    except Exception:
        return rules
    for obj in objects:
        try:
            left, bottom, right, top = obj.get_bounds()
        except Exception:
            continue
        if top - bottom < 5:
            continue
        if right - left < 2:
            rules.append(((left + right) / 2, bottom, top))
        else:
            rules += [(left, bottom, top), (right, bottom, top)]
    return rules


# --- reading order -------------------------------------------------------------------------


@dataclass(frozen=True)
class Columns:
    """Two columns a page showed: the x of its gutter, and the right edge of each column."""

    gutter: float
    left_edge: float
    right_edge: float


def reading_order(
    layout: PageLayout, known: tuple[Columns, ...] = ()
) -> tuple[list[str], Columns | None]:
    """Line texts in reading order, and the two columns the page showed of its own (None).

    A run of lines that all leave the gutter free is read as two columns (the left one
    first) when it shows it is laid out so, or when `known` holds columns another page of
    the document showed and the run's gutter is the same (their edges then tell where a
    line of this page ran full); anything else, a table row included, is read across. A
    gap wider than the page's usual line spacing is a paragraph break: an empty line,
    which the line joining never crosses."""
    lines, gutter = layout.lines, layout.gutter
    spacing = _usual_gap(lines)
    out: list[str] = []
    run: list[_Line] = []
    shown: Columns | None = None
    page_right = max((f.right for line in lines for f in line.frags), default=0.0)
    prev: tuple[float, float] | None = None  # (bottom, height) of the line read before

    def emit(part: list[tuple[_Line, list[_Frag]]], full: float = page_right) -> None:
        nonlocal prev
        part = [(line, frags) for line, frags in part if frags]
        full = max([full] + [f.right for _, frags in part for f in frags])
        for line, frags in part:
            top, bottom = max(f.top for f in frags), min(f.bottom for f in frags)
            if prev is not None and prev[0] - top > spacing + _PARAGRAPH * prev[1]:
                out.append("")
            text = _CONTROLS.sub("", line.text(frags))
            right, height = max(f.right for f in frags), max(f.height for f in frags)
            text += CELLS if len(frags) > 1 or "\t" in text else ""
            out.append(text + HARD if right < full - _SHORT_LINE * height else text)
            prev = (bottom, top - bottom)

    def flush() -> None:
        nonlocal shown
        if gutter is not None and run:
            left = [[f for f in line.frags if f.right <= gutter] for line in run]
            right = [[f for f in line.frags if f.left >= gutter] for line in run]
            if _shows_columns(left, right, layout.rules):
                edges = [
                    max((f.right for fs in side for f in fs), default=0.0) for side in (left, right)
                ]
                if shown is not None:
                    edges = [max(edges[0], shown.left_edge), max(edges[1], shown.right_edge)]
                shown = Columns(gutter, *edges)
                cols: Columns | None = Columns(gutter, 0.0, 0.0)
            else:
                cols = _same_gutter(left, right, known, layout.rules)
            if cols is not None:
                emit(list(zip(run, left, strict=True)), full=cols.left_edge)
                emit(list(zip(run, right, strict=True)), full=cols.right_edge)
                run.clear()
                return
        emit([(line, line.frags) for line in run])
        run.clear()

    for line in lines:
        if gutter is not None and any(f.left < gutter < f.right for f in line.frags):
            flush()
            run.append(line)
            flush()
        else:
            run.append(line)
    flush()
    return out, shown


def _shows_columns(left: list[list[_Frag]], right: list[list[_Frag]], rules) -> bool:
    """Running text on both sides; or, with no ruling in the gutter and sides of like
    width, a column of wrapped text beside another column (which may hold short lines, a
    table set one cell per line). A table of labels and numbers has a narrow side."""
    if _prose(left) and _prose(right):
        return True
    if not _both_sides(left, right) or _ruled(left, right, rules):
        return False
    if not _like_widths(left, right):
        return False
    if _filled(left) and _prose(right, chars=1):
        return True
    return _wrapped(left) or _wrapped(right)


def _like_widths(left, right) -> bool:
    """The narrower side spans at least half the width of the wider one."""
    widths = []
    for side in (left, right):
        frags = [f for fs in side for f in fs]
        widths.append(max(f.right for f in frags) - min(f.left for f in frags))
    return min(widths) >= 0.5 * max(widths)


def _same_gutter(left, right, known: tuple[Columns, ...], rules) -> Columns | None:
    """The columns of a page that showed them, if their gutter runs through this run's."""
    if not known or not _both_sides(left, right) or _ruled(left, right, rules):
        return None
    lo, hi = _band(left, right)
    return next((c for c in known if lo <= c.gutter <= hi), None)


def _both_sides(left, right) -> int:
    """Lines with text on the side that has fewer."""
    return min(sum(1 for fs in left if fs), sum(1 for fs in right if fs))


def _band(left, right) -> tuple[float, float]:
    """The free strip between the two sides."""
    lo = max((f.right for fs in left for f in fs), default=0.0)
    hi = min((f.left for fs in right for f in fs), default=lo)
    return lo, hi


def _ruled(left, right, rules) -> bool:
    """A vertical ruling drawn in the free strip, beside these lines: a table's border."""
    lo, hi = _band(left, right)
    frags = [f for fs in left + right for f in fs]
    bottom, top = min(f.bottom for f in frags), max(f.top for f in frags)
    return any(lo - 1 <= x <= hi + 1 and b < top and t > bottom for x, b, t in rules)


def _usual_gap(lines: list[_Line]) -> float:
    """The usual space between one line and the next (between boxes, not baselines): the
    fifth percentile up, so that pages of short paragraphs still count their wrapped lines."""
    gaps = sorted(
        max(min(f.bottom for f in a.frags) - max(f.top for f in b.frags), 0.0)
        for a, b in zip(lines, lines[1:], strict=False)
    )
    return gaps[len(gaps) // 5] if gaps else 0.0


def _gutter(lines: list[_Line]) -> float | None:
    """The x in the middle half of the text that the fewest lines cross (None if every x
    there is crossed by most lines: one column)."""
    frags = [f for line in lines for f in line.frags]
    if len(lines) < 6 or not frags:
        return None
    x0, x1 = min(f.left for f in frags), max(f.right for f in frags)
    width = x1 - x0
    best: tuple[int, float, float] | None = None
    steps = 50
    for k in range(steps + 1):
        x = x0 + width * (0.25 + 0.5 * k / steps)
        crossing = sum(any(f.left < x < f.right for f in line.frags) for line in lines)
        key = (crossing, abs(x - (x0 + x1) / 2), x)
        if best is None or key < best:
            best = key
    if best is None or best[0] > len(lines) // 2:
        return None
    return best[2]


def _prose(sides: list[list[_Frag]], chars: int = _PROSE) -> bool:
    """At least three lines, their median length that of running text."""
    lengths = sorted(sum(len(f.text) for f in fs) for fs in sides if fs)
    return len(lengths) >= 3 and lengths[len(lengths) // 2] >= chars


def _filled(sides: list[list[_Frag]]) -> bool:
    """A column of wrapped text: most of its (three or more) lines are one run of text to
    its right edge, where a table's first column holds labels of every length (and a table
    row, cells)."""
    lines = [fs for fs in sides if fs]
    if len(lines) < 3:
        return False
    edge = max(f.right for fs in lines for f in fs)
    return sum(_full(fs, edge) for fs in lines) >= 0.6 * len(lines)


def _full(fs: list[_Frag], edge: float) -> bool:
    """One fragment that runs to the column's edge."""
    return len(fs) == 1 and fs[0].right >= edge - 1.5 * fs[0].height


def _wrapped(sides: list[list[_Frag]]) -> bool:
    """A paragraph wrapped inside a column: `_WRAPPED` lines in a row, each one run of text
    to the column's right edge, and a line after them on the same side."""
    lines = [fs for fs in sides if fs]
    if not lines:
        return False
    edge = max(f.right for fs in lines for f in fs)
    streak = 0
    for fs in lines:
        if streak >= _WRAPPED:
            return True  # the streak ran on to another line: not a column's last lines
        streak = streak + 1 if _full(fs, edge) and len(fs[0].text) >= _PROSE else 0
    return False
