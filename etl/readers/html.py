"""Web pages as staff save them: .html/.htm, and .mht/.mhtml (one MIME message).

A report copied from the bureau's website arrives as the whole page: site banner, menus,
breadcrumbs, the page's own metadata block (索引号, 发布机构, 成文日期, 标题), the title,
the body with its tables, then share bars, 打印/关闭 and the footer. This reader keeps the
report whole and drops the rest:

- parsing is lxml's HTML parser (forgiving of the broken markup such sites produce); the
  chrome goes by our own rules: page furniture by tag (nav, footer, script…), by class or
  id (breadcrumb, share, footer…), blocks that are mostly links (menus, related news), and
  short lines that are only furniture words (首页, 打印, 关闭, 浏览次数：123);
- the metadata block (a <table>, <ul> or lines of "key：value") becomes lines
  `标题：…`, `发布机构：…` at the top of the text, where identification reads them;
- a data <table> becomes one line per row, cells joined by " | " with rowspan/colspan
  expanded so that columns line up (a spanned cell's text stands in its first cell, as a
  spreadsheet keeps a merged cell); each cell's span in the text and its place
  ("表2 第3行第4列") go in TextDoc.parts, so a fact from a cell says where it stands.
  A table used for layout (one holding another table or paragraphs of prose) is read as
  the blocks it holds.

This file finds and decodes the page and drops the furniture; etl/readers/html_text.py
writes what is left as text.

Encoding: a BOM, else UTF-8 when the bytes are valid UTF-8 (a page re-saved by a browser
keeps its old GB2312 meta tag), else the charset the page or MIME part declares, else
GB18030.
"""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from etl.model import ReadError, TextDoc
from etl.readers import mojibake, wrapped
from etl.readers.html_text import (
    _SENTENCE,
    _cells,
    _clean,
    _own_rows,
    _rows_with_figures,
    _squash,
    _Writer,
)

NOT_A_PAGE = (
    "网页文件中没有可读的正文（页面为空、已损坏，或只保存了网页框架）。"
    "请在浏览器中打开原网页，用“另存为 → 网页，全部”或“网页，仅 HTML”重新保存后再提供，"
    "也可以把正文复制到 .txt 或 .docx 文件中。（The page has no readable text.）"
)
BAD_MHT = (
    "这个 .mht 网页存档已损坏或不完整，找不到其中的网页内容。"
    "请在浏览器中重新打开原网页并另存为 .html 后再提供。（Damaged MHT archive: no HTML part.）"
)

# --- sniffing -------------------------------------------------------------------------

_MIME_HEAD = re.compile(rb"^(?:[\x21-\x39\x3b-\x7e]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)*?"
                        rb"MIME-Version\s*:", re.I)  # fmt: skip
_HTML_HEAD = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html[\s>]|head[\s>]|meta\s|body[\s>])",
    re.I | re.S,
)


def sniff(head: bytes) -> str | None:
    """'mht' for a MIME message (a page saved as one file), 'html' for a page, else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return None
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _MIME_HEAD.match(head[:4096]) and re.search(rb"Content-Type\s*:", head[:4096], re.I):
        return "mht"
    if _HTML_HEAD.match(head[:4096]):
        return "html"
    return None


# --- decoding -------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)
_LEGACY = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
           "cp936": "gb18030", "hz-gb-2312": "hz", "big5": "big5hkscs"}  # fmt: skip


def _decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):  # fmt: skip
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared is None:
        m = _META_CHARSET.search(data[:8192])
        declared = m.group(1).decode("ascii", "replace") if m else None
    names = []
    if declared:
        d = declared.lower()
        names.append(_LEGACY.get(d, d))
    names.append("gb18030")
    for name in names:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        label = "gbk" if name == "gb18030" and (declared or "").lower() in _LEGACY else name
        return text, label
    return data.decode("gb18030", "replace"), "gb18030"


def _from_mht(data: bytes) -> tuple[str, str]:
    try:
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # noqa: BLE001 - the email parser raises many kinds
        raise ReadError(BAD_MHT) from exc
    for part in msg.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not payload:
            continue
        return _decode(payload, part.get_content_charset())
    raise ReadError(BAD_MHT)


# --- the page -------------------------------------------------------------------------

_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "select", "option", "button",
              "input", "textarea", "nav", "footer", "aside", "object", "embed", "svg",
              "canvas", "video", "audio", "map", "head", "template")  # fmt: skip
# class/id words of page furniture (whole words of the class or id, split at -, _ and case)
_CHROME_WORDS = re.compile(
    r"^(?:nav|navbar|menu|menus|submenu|breadcrumbs?|crumbs?|bread|position|location|weizhi|"
    r"dqwz|curpos|footer|foot|bottom|copyright|share|bshare|fenxiang|jiathis|print|tools?|"
    r"toolbar|sidebar|side|banner|search|login|links|friendlink|yqlj|xgwz|related|fontsize|"
    r"zoomfont|pagetool|top|logo)$",
    re.I,
)

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_html(path: Path) -> TextDoc:
    data = Path(path).read_bytes()
    kind = sniff(data[:8192]) or "html"
    if kind == "mht":
        text, encoding = _from_mht(data)
        fmt = "mht"
    else:
        text, encoding = _decode(data)
        fmt = "html"
    text, encoding = mojibake.undo(text, encoding)
    out, parts = page_text(text)
    # a page that shows a PDF's lines, one <p> or <br> each: "执法检</p><p>查12次"
    if cut := wrapped.breaks(out):
        parts = [(wrapped.moved(s, cut), wrapped.moved(e, cut), k) for s, e, k in parts]
        out = wrapped.cut_out(out, cut)
    if not out.strip():
        raise ReadError(NOT_A_PAGE)
    return TextDoc(path=Path(path), text=out, format=fmt, encoding=encoding, parts=parts)


def page_text(markup: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The report of a page as text, and where each table cell stands in it."""
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    # control characters have no place in a page's text, and lxml refuses them in any text
    # it is given back (moving a dropped element's tail), so they go before parsing
    markup = _CONTROLS.sub("", markup)
    if not markup.strip():
        return "", []
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return "", []
    named = _named_title(root)  # before the furniture goes: <head> and crumbs are furniture
    _strip_chrome(root)
    w = _Writer()
    w.walk(root)
    if named and not w.shows(named):
        w.meta.insert(0, ("网页标题", named))  # a field, where identification reads titles
    return w.result()


# The report's title as the page names it outside its body, when the body shows none: the
# <title> before the site's name (…报告_XX区人民政府) or the breadcrumb's last item.
# (a hyphen between two Chinese characters too: 〈title〉-桐溪县人民政府; never 2016-2020)
_SITE_SEPARATOR = re.compile(
    r"\s*(?:_|——|--|\s-\s|[|｜]|(?<=[\u4e00-\u9fff])-(?=[\u4e00-\u9fff]))\s*"
)
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>>|[>»›→＞])\s*")
_NAMES_REPORT = re.compile(
    r"(?:(?:19|20)\d\d|[〇零一二][〇零一二三四五六七八九]{3})[^>]{0,40}(?:报告|总结|年报)"
)
_CRUMB_WORDS = re.compile(r"crumb|position|location|weizhi|dqwz|curpos", re.IGNORECASE)


def _named_title(root) -> str | None:
    title = root.find(".//title")
    pieces = _SITE_SEPARATOR.split(_clean(title.text_content())) if title is not None else []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        marks = f"{el.get('class', '')} {el.get('id', '')}"
        own = (el.text or "").strip()
        if _CRUMB_WORDS.search(marks) or own.startswith(("当前位置", "您的位置", "您现在的位置")):
            pieces.append(_CRUMB_SEPARATOR.split(_clean(el.text_content()))[-1])
    return next((p for p in pieces if len(p) <= 80 and _NAMES_REPORT.search(p)), None)


def _strip_chrome(root) -> None:
    for el in root.xpath("//comment() | //processing-instruction()"):
        _drop(el)
    for el in list(root.iter(*_DROP_TAGS)):
        _drop(el)
    for el in root.xpath(
        "//*[@hidden or contains(translate(@style, ' ', ''), 'display:none')"
        " or contains(translate(@style, ' ', ''), 'visibility:hidden')]"
    ):
        if not _hidden_part_of_report(el, root):
            _drop(el)  # what a reader of the page never sees
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("body", "html"):
            continue
        words = re.split(
            r"[\s_\-]+|(?<=[a-z])(?=[A-Z])", f"{el.get('class', '')} {el.get('id', '')}"
        )
        if any(_CHROME_WORDS.match(x) for x in words if x) and not _holds_report(el):
            _drop(el)
    in_figures = _figure_cells(root)
    for el in list(root.iter("ul", "ol", "dl", "div", "table", "p", "span", "td")):
        if el.getparent() is None or _holds_report(el) or _inside(el, in_figures):
            continue
        total = len(_LISTED_DATE.sub("", _squash(el.text_content())))
        if total and len(_squash("".join(a.text_content() for a in el.iter("a")))) >= 0.6 * total:
            _drop(el)


# The date a list of links gives each item (相关新闻: a headline, then 2021-03-05 or
# [03-05] or 2021年3月5日): furniture like the links, not text of the page's own, so that a
# list of headlines with their dates is still a list of links (its headlines' figures,
# 开展执法检查12次, are another page's).
_LISTED_DATE = re.compile(
    r"[\[【(（]?(?:(?:19|20)\d\d[-/.年])?\d{1,2}[-/.月]\d{1,2}日?(?:\d{1,2}:\d\d(?::\d\d)?)?[\]】)）]?"
)


def _figure_cells(root) -> set:
    """The cells of every table with a row that holds a figure beside a label: a data
    table. Its cells are never menus, even when a site links a row's label or figure to a
    list (<td><a href=…>行政许可</a></td>): dropping such a cell as a block of links would
    take the row's label away or shift its figures into other columns."""
    out = set()
    for table in root.iter("table"):
        rows = [_cells(tr) for tr in _own_rows(table)]
        if _rows_with_figures(rows):
            out.update(c for row in rows for c in row)
    return out


def _inside(el, cells: set) -> bool:
    """Whether el is one of `cells` or inside one."""
    return el in cells or any(a in cells for a in el.iterancestors("td", "th"))


def _hidden_part_of_report(el, root) -> bool:
    """A hidden block that is part of the report: the later pages of an article a pager
    shows one at a time (第1页/共2页; the others display:none until clicked), which hold
    prose or a table of figures that appears nowhere else on the page. A hidden copy of
    text shown elsewhere (a print or mobile copy) is still dropped, as are hidden menus."""
    if el.getparent() is None:
        return False
    tables = el.iter("table")
    if not (
        _holds_report(el)
        or any(_rows_with_figures([_cells(r) for r in _own_rows(t)]) >= 2 for t in tables)
    ):
        return False
    own = _squash(el.text_content())
    page = _squash(root.text_content())
    # a copy may open with lines of its own (返回 分享): its longest sentences tell
    samples = sorted(re.split(r"[。；！？]", own), key=len, reverse=True)[:3]
    return all(page.count(x) < 2 for x in [own[:60], *samples] if len(x) >= 8)


def _holds_report(el) -> bool:
    """An element that holds prose or a table of figures is no furniture, whatever its class."""
    txt = _squash(el.text_content())
    return (
        any(True for _ in el.iter("h1", "h2"))  # a title's wrapper ("article-top")
        or len(txt) > 300
        or len(_SENTENCE.findall(txt)) >= 3
        or (el.tag != "table" and any(True for _ in el.iter("table")) and len(txt) > 80)
    )


def _drop(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)
