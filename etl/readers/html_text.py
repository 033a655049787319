"""A web page's cleaned tree (etl/readers/html.py has dropped its furniture) written as
lines of text: blocks as lines, a data <table> one row a line with its cells' places
(表2 第3行第4列) in TextDoc.parts, the metadata block's fields gathered at the top
(`标题：…`, `发布机构：…`, where identification reads them)."""

from __future__ import annotations

import re

from etl.readers.table_cells import laid_across
from etl.readers.text import INVISIBLE

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
               "dd", "tr", "table", "section", "article", "blockquote", "pre", "center",
               "header", "main", "tbody", "thead", "tfoot", "hr", "address", "figure",
               "figcaption", "caption", "body", "html", "form",
               "td", "th"}  # fmt: skip
# (a cell is a block: a layout table read block by block must not glue its cells' texts,
# "执法检查（次）" and "12" and a note into one line; a data table's cells are read apart)
# A short line that is only page furniture.
_CHROME_LINE = re.compile(
    r"^(?:[【\[(（]?\s*(?:首页|返回首页|网站首页|打印(?:本页|此页)?|关闭(?:本页|窗口)?|收藏|"
    r"返回顶部|返回|分享(?:到)?|相关(?:新闻|链接|文章|信息|阅读)|推荐阅读|字号|字体|大|中|小|默认|上一篇|下一篇|扫一扫.*|"
    r"用手机扫描.*|加入收藏|设为首页|无障碍|长者模式|简体|繁体|English|登录|注册)\s*[】\])）]?"
    r"\s*[:：|｜/·]?\s*)+$"
    r"|(?:浏览次数|访问量|阅读次数|点击数|浏览量|阅读量|访问次数|点击率)\s*(?:[:：]|\d+\s*次?\s*$)"
    r"|^(?:当前位置|您的位置|您现在的位置|您当前的位置|你的位置|所在位置|现在位置)"
    r"|(?:主办单位|承办单位|主办|承办|技术支持)\s*[:：]"  # not 承办人大代表建议
    r"|(?:网站标识码|ICP备|网安备|版权所有|Copyright|©|网站地图|分辨率)"
    r"|^(?:分享到|字号[:：]|【\s*字[体号])"
)
_CRUMB = re.compile(r"^[^\s\d]{1,12}(?:\s*(?:>|>>|»|›|→|/|＞)\s*[^\s\d]{1,20}){2,}$")
_SENTENCE = re.compile(r"[。；！？]")

_KEYS = (
    r"索\s*引\s*号|主题分类|主\s*题\s*词|体裁分类|组配分类|服务对象|发布机构|发文机关|发布单位|"
    r"发文单位|公开主体|所属机构|责任部门|成文日期|发文日期|发布日期|公开日期|生成日期|发布时间|"
    r"发文字号|文\s*号|文章标题|网页标题|标\s*题|名\s*称|题\s*名|有\s*效\s*性|公开方式|公开范围|信息来源|"
    r"来\s*源|时\s*效"
)
META_KEY = re.compile(rf"^\s*(?P<key>{_KEYS})\s*[:：]\s*(?P<value>.*)$")
_META_KEY_ONLY = re.compile(rf"^\s*(?P<key>{_KEYS})\s*[:：]?\s*$")
_FIELD = re.compile(rf"(?P<key>{_KEYS})\s*[:：]")
# what may follow a field's value on the same line and is not part of it
_FIELD_END = re.compile(r"\s*(?:浏览次数|访问量|阅读次数|点击数|字号|字体|【|\[|打印|分享).*$")


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"


# A line break in the page's source between two digits: one number that an editor or Word
# split over two inline elements (执法检查<span>1</span>⏎<span>2</span>次), or that a text
# copied from a PDF broke at the page's width inside one text node (执法检查1⏎6次). A browser
# shows a space there, but no report writes a count as "1 6": read as a space it would
# leave 6. (Word itself wraps its source inside tags and at white space, never inside a
# run of text; in <pre> a line break is shown as one, and stays one: _Writer.walk.)
_DIGITS_BROKEN = re.compile(r"(?<=[0-9０-９])[ \t\u00a0]*[\r\n]\s*(?=[0-9０-９])")


def _clean(s: str) -> str:
    """HTML whitespace rules: runs of white space are one space; none between two CJK
    characters (a line break in the page's source inside a sentence), none where a line
    break in the source splits a number; characters shown as nothing are nothing."""
    s = INVISIBLE.sub("", s)  # (what a browser shows as nothing)
    s = _DIGITS_BROKEN.sub("", s)
    s = re.sub(r"[\s\u00a0]+", " ", s).strip()
    return re.sub(rf"(?<=[{_CJK}]) (?=[{_CJK}])", "", s)


class _Writer:
    """Walks the cleaned tree and writes lines: blocks, data tables (one row a line),
    metadata fields (gathered for the top)."""

    def __init__(self):
        self.lines: list[str | list[tuple[str, str]]] = []  # text, or a table row's cells
        self.buf: list[str] = []
        self.meta: list[tuple[str, str]] = []
        self.tables = 0

    def flush(self) -> None:
        line = _clean("".join(self.buf))
        self.buf = []
        if line:
            self.lines.append(line)

    def walk(self, el) -> None:
        if not isinstance(el.tag, str):
            return
        tag = el.tag.lower()
        if tag == "br":
            self.flush()
        elif tag == "table":
            self.flush()
            self.table(el)
            return
        elif tag == "pre":  # its line breaks are shown as such: a line each (a pasted .txt)
            self.flush()
            for line in el.text_content().splitlines():
                self.buf.append(line)
                self.flush()
            return
        else:
            if tag in _BLOCK_TAGS:
                self.flush()
            if el.text:
                self.buf.append(el.text)
            for child in el:
                self.walk(child)
                if child.tail:
                    self.buf.append(child.tail)
            if tag in _BLOCK_TAGS:
                self.flush()

    # tables ---------------------------------------------------------------------------

    def table(self, el) -> None:
        rows = _own_rows(el)
        nested = any(t is not el for t in el.iter("table"))
        cells = [_cells(r) for r in rows]
        sizes = [len(_squash(c.text_content())) for r in cells for c in r]
        prose = any(n > 200 for n in sizes) or any(
            len(_SENTENCE.findall(c.text_content())) > 1 for r in cells for c in r
        )
        if prose and max(sizes) <= 200 and _rows_with_figures(cells) >= 2:
            prose = False  # a table of figures with a note column (说明: 含…。均已…。)
        if nested or prose or not rows:  # a layout table: read what it holds, block by block
            for child in el:
                self.walk(child)
            self.flush()
            return
        grid = _grid(rows)
        if not grid:
            return
        if self._metadata(grid) or not any(t for row in grid for t in row):
            return
        self.tables += 1
        if across := laid_across(grid):
            for c in across:  # one line a column: 检查企业（家） | 42, each cell where it was
                self.lines.append(
                    [(grid[r][c], f"表{self.tables} 第{r + 1}行第{c + 1}列") for r in (0, 1)]
                )
            return
        for r, row in enumerate(grid, 1):
            if not any(t for t in row):
                continue
            self.lines.append(
                [(t, f"表{self.tables} 第{r}行第{c}列") for c, t in enumerate(row, 1)]
            )

    def _metadata(self, grid: list[list[str]]) -> bool:
        """A table of "key： | value" pairs (the page's information block)."""
        pairs, other = [], 0
        for row in grid:
            cells = [t for t in row if t]
            i = 0
            while i < len(cells):
                m = META_KEY.match(cells[i])
                if m and m["value"].strip():
                    pairs.append((_key(m["key"]), m["value"].strip()))
                    i += 1
                elif _META_KEY_ONLY.match(cells[i]):
                    val = (
                        cells[i + 1]
                        if i + 1 < len(cells) and not _META_KEY_ONLY.match(cells[i + 1])
                        else ""
                    )
                    key = _META_KEY_ONLY.match(cells[i])["key"]
                    if val:
                        pairs.append((_key(key), val))
                    i += 2 if val else 1
                else:
                    other += 1
                    i += 1
        if len(pairs) < 2 or other > len(pairs):
            return False
        self.meta.extend(pairs)
        return True

    def shows(self, text: str) -> bool:
        """Whether the page's text holds `text` (spaces aside)."""
        want = _squash(text)
        return any(isinstance(x, str) and want in _squash(x) for x in (*self.lines, *self.buf))

    # output ---------------------------------------------------------------------------

    def result(self) -> tuple[str, list[tuple[int, int, str]]]:
        self.flush()
        lines: list[str | list[tuple[str, str]]] = []
        head = True
        paired = False  # the line was a field's value, taken with its key
        for i, line in enumerate(self.lines):
            if paired:
                paired = False
                continue
            if isinstance(line, str):
                if head and (field := _field_over_two_lines(line, self.lines[i + 1 : i + 2])):
                    self.meta.append(field)
                    paired = True
                    continue
                if head and len(line) < 200 and META_KEY.match(line):
                    self.meta.extend(_split_fields(line))
                    continue
                if head and (dated := _TITLE_DATED.match(line)):
                    line = dated["title"]  # 〈title〉 时间：2024-01-29: the date is a field
                    self.meta.append(("发布时间", dated["date"]))
                if _CHROME_LINE.search(line) and len(line) < 60 and not _SENTENCE.search(line):
                    continue
                if _CRUMB.match(line):
                    continue
                if len(line) > 60 or _SENTENCE.search(line):
                    head = False
            lines.append(line)
        seen, top = set(), []
        for k, v in self.meta:
            if (k, v) not in seen:
                seen.add((k, v))
                top.append(f"{k}：{v}")
        out, parts, pos = [], [], 0
        for line in top + ([""] if top else []) + lines:
            if isinstance(line, str):
                out.append(line)
                pos += len(line) + 1
                continue
            texts = []
            for i, (t, label) in enumerate(line):
                if i:
                    texts.append(" | ")
                    pos += 3
                if t:
                    parts.append((pos, pos + len(t), label))
                texts.append(t)
                pos += len(t)
            out.append("".join(texts))
            pos += 1
        return "\n".join(out) + "\n", parts


# A title line that carries the page's date after it ("…年度报告 时间：2020-02-18", the
# date in a span of its own beside the title): left there, the date became part of the title.
_TITLE_DATED = re.compile(
    r"^(?P<title>.{6,}?(?:报告|总结|年报))\s*(?:发布|更新|公开|发文|成文)?(?:时间|日期)\s*[:：]\s*"
    r"(?P<date>(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d\d(?::\d\d)?)?)\s*$"
)


def _key(k: str) -> str:
    return re.sub(r"\s+", "", k)


_A_TITLE = re.compile(r"(?:19|20)\d\d.{0,40}(?:报告|总结|年报)$")
_TITLE_KEYS = {"标题", "名称", "题名", "文章标题", "网页标题"}


def _field_over_two_lines(line: str, after: list) -> tuple[str, str] | None:
    """A key alone on its line and its value on the next, as a page writes its metadata in
    blocks of their own (<dt>发布机构：</dt><dd>…</dd>, <label>…</label> in one div and the
    value in another): (key, value), else None."""
    key = _META_KEY_ONLY.match(line)
    if key is None or not after or not isinstance(after[0], str):
        return None
    value = after[0].strip(" \u3000|")
    if not value or len(value) > 100 or META_KEY.match(value) or _META_KEY_ONLY.match(value):
        return None
    name = _key(key["key"])
    if (_A_TITLE.search(value) and name not in _TITLE_KEYS) or re.search(r"[。；！？，]", value):
        return None  # a field left blank (文号：) before the report's title or its first words
    return name, value


def _split_fields(line: str) -> list[tuple[str, str]]:
    """索引号：… 发布机构：… several to a line."""
    keys = list(_FIELD.finditer(line))
    out = []
    for i, m in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(line)
        value = _FIELD_END.sub("", line[m.end() : end]).strip(" \u3000|")
        if value:
            out.append((_key(m["key"]), value))
    return out


_FIGURE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?")


def _rows_with_figures(rows: list[list]) -> int:
    """How many rows hold a figure alone in a cell (12, 0, 95%) beside a label: a data
    table's rows do; a layout table's cells hold the article, menus and lines of chrome
    (a hit counter alone in its cell is no row of figures)."""
    out = 0
    for cells in rows:
        texts = [_squash(c.text_content()) for c in cells]
        figures = [bool(_FIGURE.fullmatch(t)) for t in texts]
        out += any(figures) and any(t and not f for t, f in zip(texts, figures, strict=True))
    return out


def _own_rows(table) -> list:
    """The table's own rows (tr), not those of a table nested in one of its cells."""
    return [r for r in table.iter("tr") if _own_table(r) is table]


def _cells(tr) -> list:
    """A row's cells (td, th)."""
    return [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]


def _own_table(tr):
    p = tr.getparent()
    while p is not None and p.tag != "table":
        p = p.getparent()
    return p


def _cell_text(cell) -> str:
    w = _Writer()
    w.walk(cell)  # a td/th is neither a block nor a table: its text, children and tails
    w.flush()
    lines = [x for x in w.lines if isinstance(x, str)]
    joined = ""
    for x in lines:
        sep = (
            ""
            if not joined or re.match(rf"[{_CJK}]", x) and re.search(rf"[{_CJK}]$", joined)
            else " "
        )
        joined += sep + x
    return joined.replace("|", "／")


def _span(cell, name: str) -> int:
    try:
        return max(1, min(int(re.sub(r"\D", "", cell.get(name, "1")) or 1), 200))
    except ValueError:
        return 1


def _grid(rows) -> list[list[str]]:
    """Rows of cells with rowspan/colspan expanded: a spanned cell's text in its first
    (top-left) place, the places it also covers empty; a header row (no figure of its own)
    repeats the text of a cell reaching down into it, so its columns stay named."""
    grid: list[list[str | None]] = []
    carry: dict[tuple[int, int], str] = {}  # (row, col) covered from above -> text
    for r, tr in enumerate(rows):
        row: list[str | None] = []
        col = 0
        for cell in _cells(tr):
            while (r, col) in carry:
                row.append(None)
                col += 1
            text = _cell_text(cell)
            rs, cs = _span(cell, "rowspan"), _span(cell, "colspan")
            for dr in range(rs):
                for dc in range(cs):
                    if dr or dc:
                        carry[(r + dr, col + dc)] = text if dc == 0 else ""
            row.append(text)
            row.extend([""] * (cs - 1))
            col += cs
        while (r, col) in carry:
            row.append(None)
            col += 1
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    out = []
    for r, row in enumerate(grid):
        header = not any(re.fullmatch(r"[-+]?[\d,.]+%?", t or "") for t in row)
        full = []
        for c in range(width):
            t = row[c] if c < len(row) else None
            if t is None:
                t = carry.get((r, c), "") if header else ""
            full.append(t)
        out.append(full)
    return out
