"""Text wrapped at a fixed width: the lines of a PDF copied out, or saved as text, keep the
page's line breaks, which fall mid-word ("全年开展执法检\\n查12次"). The extractor reads
within a line, so such a text's breaks are joined before it is read.

A plain-text report is otherwise one line per paragraph, and its line breaks are kept: the
text is taken as wrapped only when several lines of the same display width (a Chinese
character counts two, an ASCII one one) stop short of a sentence's end. Line breaks that
PDF reading joins from the page's geometry (etl/readers/pdf.py) share these marks.
"""

from __future__ import annotations

import re
from collections import Counter

SENTENCE_END = tuple("。；！？：”）)")
SHORT_HEADING = 20  # a heading-like line this short is a heading, not a wrapped sentence
HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:[.．](?!\d)|、)"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条部分篇项])"
)
# "- 3 -", "— 3 —", "第3页", "第 3 页 共 10 页", "3/10": page furniture, not text
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)

# a report's title is a line of its own, however wide (周村区科学技术局关于2018年度…的报告),
# in a text wrapped at a page's width and in a PDF's lines (etl/readers/pdf.py): up to 40
# characters each side of the year, for a merged bureau's two names and a party group's
TITLE = re.compile(r"^\s*\S{2,40}?(?:19|20)\d\d年\S{0,40}(?:报告|总结)\s*$")

MIN_WIDTH = 30  # narrower lines are headings, signatures and dates, never the page's width
MIN_CUT = 3  # lines cut at one width before a text is taken as wrapped
SLACK = 3  # a line full to the edge may fall short of it by a character and a digit


def width(line: str) -> int:
    """Display width: 2 for a Chinese (wide) character, 1 for an ASCII one: each character
    one, and one more for each from U+2E80 on (counted by deleting the others, in C)."""
    return len(line) + len(_NARROW.sub("", line))


_NARROW = re.compile("[\x00-\u2e7f]")  # the characters of width 1


def _cut(line: str) -> bool:
    """Stops without a sentence's end and is no table row (rows are never joined)."""
    body = line.rstrip()
    return bool(body) and not body.endswith(SENTENCE_END) and "|" not in body and "\t" not in body


def page_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None when it was not: the most common width
    of the lines cut short of a sentence's end, if at least MIN_CUT of them share it and
    hardly a line is wider (a report written one line per paragraph has some wide headings
    without a sentence's end, and its paragraphs are far wider). Character counts rule
    most lines in or out before any width is measured: a width is at least the count."""
    cut = [line for line in lines if len(line) * 2 >= MIN_WIDTH and _cut(line)]
    if len(cut) < MIN_CUT:
        return None
    widths = Counter(w for line in cut if (w := width(line.rstrip())) >= MIN_WIDTH)
    if not widths:
        return None
    # lines of a wrapped page differ by a digit or a half-width mark: count neighbours too
    best, n = max(
        ((w, sum(widths[v] for v in range(w - SLACK, w + 1))) for w in widths),
        key=lambda wn: (wn[1], wn[0]),
    )
    if n < MIN_CUT:
        return None
    wider = sum(1 for line in lines if 2 * len(line) > best + SLACK and _wider(line, best))
    return best if wider * 4 <= n else None


def _wider(line: str, edge: int) -> bool:
    """Wider than the page, and no table row (a row may run past the page's text)."""
    if "|" in line:
        return False
    return len(line) > edge + SLACK or width(line.rstrip()) > edge + SLACK


def join_fixed_width(text: str) -> str:
    """text with the breaks of its wrapped paragraphs joined and its page numbers dropped;
    text itself (the same object) when it is not wrapped (most reports)."""
    return cut_out(text, breaks(text))


def breaks(text: str) -> list[tuple[int, int]]:
    """The spans of a wrapped text to cut out, in order: each break inside a paragraph
    (its newline, a page's blank lines and number between, the next line's indent) and
    each page number's line; none for a text that is not wrapped."""
    lines = text.split("\n")
    edge = page_width(lines)
    if edge is None:
        return []
    spans: list[tuple[int, int]] = []
    joining = False  # the last line reached the edge mid-sentence: the next one goes on
    blanks = page_break = False  # since the last line of text
    numbers: list[tuple[int, int]] = []  # page-number lines since the last line of text
    pos, last_end = 0, 0
    for line in lines:
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            blanks = True
            continue
        if PAGE_NUMBER.match(line):
            numbers.append((start, min(pos, len(text))))  # "— 2 —", often mid-sentence
            page_break = True
            continue
        # a page's blank lines do not end a paragraph; other blank lines do
        if (
            joining
            and (page_break or not blanks)
            and not HEADING.match(line)
            and not TITLE.match(line)
        ):
            spans.append((last_end, start + len(line) - len(line.lstrip())))
        else:
            spans.extend(numbers)
        numbers, blanks, page_break = [], False, False
        last_end = end
        body = line.rstrip()
        joining = (
            _cut(body)
            and width(body) >= edge - SLACK
            and not _short_heading(body)
            and not TITLE.match(body)
        )
    spans.extend(numbers)
    return spans


def cut_out(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces, at = [], 0
    for s, e in spans:
        pieces.append(text[at:s])
        at = e
    pieces.append(text[at:])
    return "".join(pieces)


def moved(pos: int, spans: list[tuple[int, int]]) -> int:
    """Where text[pos] stands once spans are cut out (a position inside a span: its start)."""
    gone = 0
    for s, e in spans:
        if pos < s:
            break
        gone += min(pos, e) - s
    return pos - gone


def _short_heading(line: str) -> bool:
    return bool(HEADING.match(line)) and width(line.strip()) <= 2 * SHORT_HEADING
