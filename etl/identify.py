"""Which agency a report is by and which year it covers: from its title, checked
against the body; a file or folder name may help; a banner or publication date never."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from etl.normalize import normalise
from etl.numbers import parse_chinese

# Lines that web pages put around a report: never the title, never the year.
BANNER = re.compile(r"发布时间|发布日期|发文日期|来源[:：]|浏览|字号|首页|当前位置|打印|关闭|分享|索引号|"
                    r"信息来源|点击|阅读|责任编辑|演示数据")  # fmt: skip
TITLE_HINT = re.compile(r"报告|总结|情况|年报")
NON_BLANK_LINE = re.compile(r"[^\n]*\S[^\n]*")  # a line with something on it: a paragraph
YEAR = r"(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3}"
AGENCY_SUFFIX = r"(?:局|委员会|委|办公室|中心|院|厅|站|队|所)"
TITLE = re.compile(
    rf"^[\s【\[（(]*(?:演示|示例|附件\d*)?[】\]）)]*\s*"
    rf"(?P<agency>[\u4e00-\u9fff]{{1,30}}?{AGENCY_SUFFIX})\s*(?:关于)?\s*[（(]?"
    rf"(?P<year>{YEAR})\s*年(?!\s*[-—–~至]\s*\d)"  # "2018年至2019年" is a range, not 2018
)
# A year, not the second half of a range ("2018-2019年", "2018年至2019年"): a dash with no
# year before it ("--2019年度") is punctuation, and the year stands.
ANY_YEAR = re.compile(
    rf"(?=[12〇零一二])(?<!\d)(?<![\d年][-—–~至])(?<![\d年]\s[-—–~至])(?<![\d年][-—–~至]\s)"
    rf"(?P<year>{YEAR})\s*年(?!\s*[-—–~至]\s*\d)"
)

YEAR_RANGE = re.compile(rf"(?:{YEAR})\s*年?\s*[-—–~至]\s*(?:{YEAR})\s*年?")


@dataclass
class Identity:
    title: str
    agency: str  # as the title writes it, in simplified script
    year: int
    year_source: str  # title | file name | folder


class Unidentified(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _year(s: str) -> int | None:
    s = s.strip()
    if s.isdigit():
        return int(s)
    digits = {"〇": "0", "零": "0"}
    out = "".join(
        digits.get(c) or str(parse_chinese(c) if parse_chinese(c) is not None else "") for c in s
    )
    return int(out) if len(out) == 4 else None


def find_title(text: str, norm: str | None = None) -> tuple[str, int, int]:
    """The title line and its span: the first non-banner line among the first few that
    looks like a report title; else the first non-empty line."""
    norm = normalise(text) if norm is None else norm
    lines = []  # (start, end) of the first non-empty lines
    for m in NON_BLANK_LINE.finditer(text):
        lines.append((m.start(), m.end()))
        if len(lines) >= 6:
            break
    for looks_like in (TITLE, TITLE_HINT):
        for s, e in lines:
            if not BANNER.search(norm, s, e) and looks_like.search(norm[s:e]):
                return text[s:e].strip(), s, e
    if lines:
        s, e = lines[0]
        return text[s:e].strip(), s, e
    return "", 0, 0


def identify(text: str, path: Path | None = None, norm: str | None = None) -> Identity:
    """`norm`: normalise(text), when the caller has it already."""
    norm = normalise(text) if norm is None else norm
    title, _, title_end = find_title(text, norm)
    if not title:
        raise Unidentified(
            "报告没有标题，无法确定单位和年度（请在第一行写明标题，如“区科技局2018年度法治政府建设情况报告”）"
        )
    norm_title = normalise(title)
    m = TITLE.search(norm_title)
    agency = m.group("agency") if m else None
    year = _year(m.group("year")) if m else None
    year_source = "title"
    if year is None:
        y = ANY_YEAR.search(norm_title)
        year = _year(y.group("year")) if y else None
    if year is None and path is not None:
        for part, source in ((path.stem, "file name"), (path.parent.name, "folder")):
            y = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", part)
            if y:
                year, year_source = int(y.group(1)), source
                break
    if year is None and (r := YEAR_RANGE.search(norm_title)):
        raise Unidentified(
            f"无法确定报告年度：标题“{title[:40]}”写的是年份区间（{r.group(0)}），一份报告只能对应一个年度（请分年度报送，或在标题中写明一个年度）"
        )
    if year is None:
        raise Unidentified(
            f"无法确定报告年度：标题“{title[:40]}”中没有年份（请在标题中写明年度，如“2018年度”，或把文件放进以年份命名的文件夹）"
        )
    if agency is None:
        a = re.match(rf"^\s*(?P<agency>[\u4e00-\u9fff]{{1,30}}?{AGENCY_SUFFIX})", norm_title)
        agency = a.group("agency") if a else None
    if agency is None:
        raise Unidentified(
            f"无法确定报告单位：标题“{title[:40]}”中没有单位名称（请在标题开头写明单位，如“区科技局”）"
        )
    _check_body_year(norm[title_end:], year, title)
    return Identity(title=title, agency=agency, year=year, year_source=year_source)


def _check_body_year(body: str, year: int, title: str) -> None:
    """The title's year should be the body's: a report whose body speaks only of another
    year (beyond the next year's plans) has a wrong title, and is not loaded under it."""
    years = Counter(_year(m.group("year")) for m in ANY_YEAR.finditer(body))
    years.pop(None, None)
    if not years or year in years:
        return
    main, _ = years.most_common(1)[0]
    if main not in (year, year + 1):
        raise Unidentified(
            f"标题年度（{year}年）与正文不一致：正文主要写的是{main}年，且没有提到{year}年（请核对标题中的年度）"
        )


def region_of(agency: str) -> str:
    """周村区科学技术局 → 周村区; 泰安市岱岳区地震局 → 泰安市岱岳区; 区科技局 → 区."""
    m = re.match(r"^(.*[区县旗])", agency) or re.match(r"^(.*?市)", agency)
    return m.group(1) if m else ""
