"""Which agency a report is by and which year it covers, found the way a clerk would.

A report as staff have it may be a clean text with its title on the first line, or a page
saved from a website: breadcrumbs, a metadata table (索引号, 发布机构, 成文日期, 标题), the
title somewhere below, or no title at all. The sources, in order of trust:

1. the title, wherever it stands in the first part of the page (also split over two
   lines, or as the last item of a breadcrumb);
2. labelled metadata fields (标题/名称 for both, 发布机构/发文机关/… for the agency);
3. the opening of the body (2024年，县科技局…; 现将X局2019年度…报告公布如下; 本报告…统计期限
   自2019年1月1日起至2019年12月31日止) and, for the agency, the signature at the end;
4. the file name (year) and the folder: data/reports/<单位>/<年度>/… names both.

A publication date (发布时间, 成文日期, a 索引号's year) is never the year covered, and a
pronoun (我局, 本局) is never an agency's name. A clear title is never overruled by a
guess from the body: where the body speaks of another year, the report is loaded under
its title and the doubt is noted (shown on 数据质量).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from etl.fast_regex import fast
from etl.normalize import normalise
from etl.numbers import parse_chinese
from etl.readers.wrapped import HEADING

# Lines that web pages put around a report: never the title, never the year.
BANNER = fast(r"发布时间|发布日期|发文日期|成文日期|生成日期|来源[:：]|浏览|字号|首页|当前位置|打印|关闭|分享|"
                    r"索引号|信息来源|点击|阅读|责任编辑|演示数据|[>»›]|网站标识码|备案|主办单位|版权所有")  # fmt: skip
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

# How far into a page its title and metadata may stand (web chrome can be long).
HEAD_LINES = 80
HEAD_CHARS = 8000
# The verbs by which an opening presents the report it opens, besides 现将 (特编制X局2020年…
# 报告, 现发布《…》, 向社会公布…): PRESENT's, and words a body's name may follow
PRESENTS = r"特?编制了?|现?发布|现?公布|(?:特|现)?向社会公[布开]"
# Words that open a clause before the body's name: 关于X局…, 现将X局…
LEAD_WORDS = re.compile(rf"^(?:关于|现将|现把|根据|按照|中共|附件\d*|全文|标题|题目|{PRESENTS})+")
# A name that is a pronoun or a party organ is nobody's agency name here.
NOT_A_NAME = re.compile(
    r"^(?:我|本|该|全|各|贵|此|其|两|上级|下属|所属|有关|相关|直属)|^[省市区县州]?委$|党委|党组|"
    r"[省市区县州]委(?!员)|依法治[省市区县]|领导小组"  # party organs and their committees
)
# A body's name: region + kind, ending in the kind of body (the shortest such run).
BODY_NAME = re.compile(rf"[\u4e00-\u9fff]{{2,30}}?{AGENCY_SUFFIX}")
# Labelled metadata fields of a page (索引号：… 发布机构：… 标题：…), several to a line.
META_KEY = re.compile(
    r"(?P<key>名\s*称|网页标题|标\s*题|题\s*名|文\s*章\s*标\s*题|发布机构|发文机关|发布单位|发文单位|公开主体|"
    r"所属机构|责任部门|信息来源|来\s*源|索\s*引\s*号|成文日期|发布日期|发布时间|公开日期|文\s*号|"
    r"主题分类|体裁分类|主\s*题\s*词|公开方式|公开范围|有\s*效\s*性)\s*[:：]?"
)
BULLETS = " \t\u3000-•·*|[【"  # what may stand before a field's name ("- 发布机构：")
META_FIRST = frozenset("名网标题文发公所责信来索成主体有")  # the first characters of the keys
# In order of trust: a page with several gives the first (tuples: a set's order changes with
# the interpreter's hash seed, so a page with 发布机构 and 来源 fields was named either way)
META_TITLE_KEYS = ("名称", "标题", "题名", "文章标题", "网页标题")
# A name by level alone (区科技局, 县地震局): which district's is said elsewhere, if at all
BARE_NAME = re.compile(r"^[省市区县][^省市区县]{2,8}$")
META_AGENCY_KEYS = ("发布机构", "发文机关", "发布单位", "发文单位", "公开主体", "所属机构",
                    "责任部门", "信息来源", "来源")  # fmt: skip
OPENS_SENTENCE = re.compile(r"^\s*(?:现将|现把|特此|根据|按照|为|经)")
# The opening of a body: 2024年，… / 2024年度，… / 2024年以来，…
OPENING_YEAR = re.compile(rf"^\s*(?P<year>{YEAR})\s*年度?(?:[，,]|以来|是|全年|我|本|县|区|市|省)")
# 现将X局2019年度…报告公布如下 / 本报告由X局编制 …
# and the other ways an opening presents the report it opens: 特编制X局2020年…报告, 现发布《X局
# 2024年…报告》, 向社会公布2021年度本级机关…报告, 我局编制了2016年…报告
PRESENT = re.compile(
    rf"(?:现将|现把|特将|{PRESENTS})"
    rf"[^。\n]{{0,40}}?(?P<year>{YEAR})\s*年度?[^。\n]{{0,30}}?(?:报告|总结)"
)
# A news item's first sentence dates what it tells: 2023年11月15日，X局…; 为…，2024年4月中旬，…
DATED = re.compile(r"^[^。\n]{0,40}?(?<!\d)(?P<year>(?:19|20)\d{2})\s*年\s*\d{1,2}\s*月")
# …or names the year of what it tells after the day: 12月28日，X局召开2023年度法治建设工作推进会
# (not a part of a year: 召开2023年上半年…推进会)
DAY_THEN_YEAR = re.compile(
    r"^\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[，,][^。；;\n]{0,40}?(?<!\d)(?P<year>(?:19|20)\d{2})\s*年度?"
    r"(?!\s*(?:[上下]半年|前?[一二三四]季度|第[一二三四]季度|\d{1,2}\s*月))"
)
# 本报告…统计期限自2019年1月1日起至2019年12月31日止: the period covered, stated
# (the end's year may go unsaid: 统计期限为2018年1月1日至12月31日止)
PERIOD = re.compile(
    rf"(?P<year>{YEAR})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|[-—–~])\s*(?:(?P=year)\s*年\s*)?12\s*月\s*31\s*日"
)
# 本报告由X局编制 / 由X局结合有关统计数据编制: the body that wrote the report, named in an
# opening that otherwise speaks of the law it follows (a disclosure report's first paragraph)
COMPILED_BY = re.compile(r"由(?P<name>[^。；;，,\n]{2,40}?)(?:结合[^。；;\n]{0,20})?编制")
# 如对本报告有疑问，请与X局办公室联系 / 请联系X局办公室 / 可致电X局政务公开科: the office that
# answers for a report is its publisher's own (the 条例 has each body name its own office for
# its disclosure work, which compiles its annual report); the body before the office names
# the publisher. Read only where nothing else names one, and only a body (局, 委员会): a
# person's name, or a government's 办公室, gives none.
CONTACT = re.compile(
    r"(?:疑问|意见|建议|问题|咨询)[^。\n]{0,30}?(?:请|可|欢迎)[^。，,\n]{0,6}?"
    r"(?:与|联系|致电|咨询|询问|向)(?P<name>[^，,。；;:：（(\n]{3,40})"
)
DATE_LINE = re.compile(
    rf"^\s*(?:{YEAR})\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*$|^\s*\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}\s*$"
)
MONTH_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2}")
# A folder or file name that is a year (data/reports/<单位>/2019/…)
PATH_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


# A title covering part of a year: 第三季度, 上半年, 前三季度, 1-6月 (the year is 1-12月)
PART_OF_YEAR = re.compile(
    r"[上下]半年|前[一二三]季度|第[一二三四]季度|(?<!\d)1\s*[-至到~]\s*(?:[1-9]|1[01])\s*月(?!\d)"
)


@dataclass
class Identity:
    title: str
    agency: str  # as the report writes it, in simplified script
    year: int
    year_source: str  # title | metadata | opening | file name | folder | assigned
    agency_source: str = "title"  # title | metadata | opening | signature | breadcrumb | folder
    notes: list[str] = field(default_factory=list)  # doubts to show on 数据质量
    folder_agency: str | None = None  # what the folder may name, for the registry to check


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


def agency_in(s: str, *, bodies_only: bool = False) -> str | None:
    """The first body's name in a title, field or clause (not a pronoun, not a party
    organ): 关于X市科技局… → X市科技局. bodies_only: a 局 or 委员会 only (an opening
    clause may name a 中心 or 办公室 that is not its subject's kind)."""
    # (the year first: 2020年青禾县科学技术局… splits before 青, not before 年)
    for chunk in re.split(rf"(?:{YEAR})\s*年度?|年度|[^\u4e00-\u9fff]+", s):
        chunk = LEAD_WORDS.sub("", chunk)
        for m in BODY_NAME.finditer(chunk):
            name = LEAD_WORDS.sub("", m.group(0))
            if NOT_A_NAME.search(name) or len(name) < 3:
                break  # 我局…: a pronoun heads this chunk; look at the next
            if bodies_only and not re.search(r"局$|委员会$", name):
                break
            return name
    return None


def find_title(text: str, norm: str | None = None) -> tuple[str, int, int]:
    """The title line and its span: among the first lines of the page, the first that
    is not page chrome and looks like a report title; else the first non-empty line."""
    norm = normalise(text) if norm is None else norm
    head = _head(norm)
    found = _title(norm, head)
    if found:
        return text[found[0] : found[1]].strip(), found[0], found[1]
    if head:
        s, e = head[0]
        return text[s:e].strip(), s, e
    return "", 0, 0


def _head(norm: str, lines: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """lines: non_blank_lines(norm), when the caller has them: a text no longer than the
    head's HEAD_CHARS has them as its head's lines (its first HEAD_LINES of them)."""
    if lines is not None and len(norm) <= HEAD_CHARS:
        return lines[:HEAD_LINES]
    return non_blank_lines(norm[:HEAD_CHARS], HEAD_LINES)


def non_blank_lines(text: str, most: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the first `most` lines of text that NON_BLANK_LINE matches, those
    holding a character other than white space (str.isspace's, which is re's): found by
    splitting, not by the pattern's scan of every character."""
    lines, at = [], 0
    for line in text.split("\n"):
        if line and not line.isspace():
            lines.append((at, at + len(line)))
            if len(lines) == most:
                break
        at += len(line) + 1
    return lines


def _title(norm: str, head) -> tuple[int, int] | None:
    """(start, end) of the title in norm: the first line that names a report with its
    year and its agency (or the agency alone on the line before); else the first that
    names a report with one of the two. Never chrome, a metadata field or a sentence."""
    weaker = None
    for i, (s, e) in enumerate(head):
        line = norm[s:e].strip()
        if len(line) > 80 or BANNER.search(line) or _is_meta(line) or not TITLE_HINT.search(line):
            continue
        if (
            "。" in line
            or line.count("，") > 1
            or line.count(",") > 1
            or OPENS_SENTENCE.match(line)
        ):
            continue  # a sentence of the body, not a title
        has_year = bool(ANY_YEAR.search(line) or YEAR_RANGE.search(line))
        has_agency = bool(TITLE.search(line) or agency_in(line))
        if has_year and has_agency:
            return s, e
        if has_year and i and _name_only(norm, *head[i - 1]):
            return head[i - 1][0], e  # X市科学技术局 / 2019年度法治政府建设情况报告
        if (start := _title_lines_before(norm, head, i)) is not None:
            return start, e  # X局 / 关于2019年度法治政府建设 / 工作情况的报告
        if has_year and i + 1 < len(head) and _name_only(norm, *head[i + 1]):
            return s, head[i + 1][1]  # 2019年度法治政府建设情况报告 / X市科学技术局
        if (has_year or has_agency) and weaker is None:
            weaker = (s, e)
    return weaker


def _title_lines_before(norm: str, head, i: int) -> int | None:
    """Where a title laid out over two or three short lines starts, when head[i] is its last
    line and the lines above it, with no blank line between, add its year and agency."""
    start = None
    if HEADING.match(norm[slice(*head[i])]):
        return None  # 一、部门基本情况: the body's first heading, under a title of its own
    for k in (1, 2):
        if i - k < 0:
            break
        (ps, pe), (ns, _) = head[i - k], head[i - k + 1]
        line = norm[ps:pe].strip()
        if norm[pe:ns].count("\n") != 1 or len(line) > 30 or BANNER.search(line):
            break
        if _is_meta(line) or "。" in line or "，" in line or OPENS_SENTENCE.match(line):
            break
        if DATE_LINE.match(line) or MONTH_DAY.search(line):
            break  # a date above the title is when it was written, never the year covered
        joined = re.sub(r"\s+", "", norm[ps : head[i][1]])
        if ANY_YEAR.search(joined) and (TITLE.search(joined) or agency_in(joined)):
            start = ps
            break
    return start


def _name_above_info(norm: str, head, start: int) -> tuple[int, int] | None:
    """The line above the title line at `start` that only names a body, where one or two
    lines of the page's information (发布时间：… 来源：…, a date) stand between them: a
    page that laid its title out as 青禾县科学技术局 / 发布时间：… / 2024年度…报告."""
    i = next((k for k, (s, _) in enumerate(head) if s == start), None)
    if not i:
        return None
    for k in range(i - 1, max(-1, i - 4), -1):
        line = norm[slice(*head[k])].strip()
        if _is_meta(line) or DATE_LINE.match(line):
            continue
        named = k < i - 1 and _name_only(norm, *head[k], bodies_only=True)
        return head[k] if named else None  # (a 局 or 委员会: not the site's 人民政府办公室)
    return None


def _name_only(norm: str, s: int, e: int, *, bodies_only: bool = False) -> bool:
    """norm[s:e] is a body's name and nothing else (bodies_only: as agency_in's)."""
    line = norm[s:e].strip()
    return len(line) <= 30 and agency_in(line, bodies_only=bodies_only) == line


def _is_meta(line: str) -> bool:
    m = META_KEY.match(line.strip(BULLETS))
    return bool(m)


def _meta(norm: str, head) -> dict[str, tuple[int, int]]:
    """Labelled fields of the page's metadata block: key → (start, end) of its value in
    norm (the first of each key). Several fields may share a line; a key alone on its
    line takes the next line (a table saved one cell per line)."""
    out: dict[str, tuple[int, int]] = {}
    for i, (s, e) in enumerate(head):
        # (the line's first character first: most lines open with neither a bullet nor
        # a field's first character, and are not copied)
        if norm[s] not in BULLETS and norm[s] not in META_FIRST:
            continue
        line = norm[s:e].lstrip(BULLETS)
        if line[:1] not in META_FIRST:
            continue  # no field's name starts the line
        keys = list(META_KEY.finditer(norm, s, e))
        if not keys or keys[0].start() > e - len(line) + 2:
            continue
        for j, k in enumerate(keys):
            vs, ve = k.end(), keys[j + 1].start() if j + 1 < len(keys) else e
            if not norm[vs:ve].strip(" \t|:：") and j + 1 == len(keys) and i + 1 < len(head):
                vs, ve = head[i + 1]  # one cell per line
            while vs < ve and norm[vs] in " \t|:：\u3000":
                vs += 1
            while ve > vs and norm[ve - 1] in " \t|\u3000":
                ve -= 1
            key = re.sub(r"\s+", "", k.group("key"))
            if ve > vs and key not in out:
                out[key] = (vs, ve)
    return out


def _listed_publisher(norm: str, head, before: int) -> str | None:
    """A body named alone on a bulleted line above the title: a page's metadata saved as a
    list of values without their labels (• 索引号 • 松江县科学技术局 • 通知公告 • 日期)."""
    for s, e in head:
        line = norm[s:e].strip()
        if s >= before or len(line) >= 30 or "，" in line:
            break  # the title, or the body's first sentence: the page's chrome is above it
        if line[:1] in "•·" and agency_in(name := line[1:].strip()) == name:
            return name  # (under 30 characters, as _name_only asks: the break above)
    return None


def _breadcrumb_agency(norm: str, head) -> str | None:
    """The last item of a breadcrumb (首页 > 政务公开 > X市科技局 > …) that is a body."""
    for s, e in head:
        line = norm[s:e]
        if not re.search(r"[>»›]", line):
            continue
        names = [agency_in(part.strip()) for part in re.split(r"[>»›|]", line)]
        names = [n for n, part in zip(names, re.split(r"[>»›|]", line), strict=True)
                 if n and n == part.strip()]  # fmt: skip
        if names:
            return names[-1]
    return None


def _body_lines(norm: str, head, after: int) -> list[tuple[int, int]]:
    """The first lines of the body: after the title (or the chrome), not chrome."""
    out = []
    for s, e in head:
        if s < after:
            continue
        line = norm[s:e].strip()
        if (
            BANNER.search(line)
            or _is_meta(line)
            or (
                len(line) < 30 and "，" not in line and "," not in line and not PRESENT.search(line)
            )
        ):
            continue  # chrome, a field, a heading (现将X局2021年度报告如下。 is none: short)
        out.append((s, e))
        if len(out) >= 3:
            break
    return out


def _fuller(full: str, bare: str) -> bool:
    """`full` names the body that `bare` names by its level alone: 澜石市沙洲区科学技术局 for
    区科技局 (a page's title says which bureau of a district, its 发布机构 which district)."""
    return (
        bool(BARE_NAME.match(bare))
        and len(full) > len(bare)
        and short_form(full).endswith(short_form(bare))
    )


def _signature(norm: str) -> str | None:
    """The body named at the foot of the report, above or beside its date."""
    tail = [m.group(0).strip() for m in NON_BLANK_LINE.finditer(norm, max(0, len(norm) - 400))]
    for i, line in enumerate(tail[-6:]):
        if len(line) <= 30:
            name = agency_in(line, bodies_only=True)
            rest = tail[-6:][i + 1 : i + 2]
            if name == line and rest and DATE_LINE.match(rest[0]):
                return name
    return None


def _contact_agency(norm: str) -> str | None:
    """The body whose office a contact line names (请联系青禾县科学技术局办公室 → 青禾县科学
    技术局), if any: the first such line of the report."""
    for m in CONTACT.finditer(norm):
        if a := agency_in(m["name"], bodies_only=True):
            return a
    return None


def _path_parts(path: Path | None) -> tuple[int | None, str | None, str | None]:
    """(year, where, folder agency) from data/reports/<单位>/<年度>/file or the file name."""
    if path is None:
        return None, None, None
    year, where = None, None
    y = PATH_YEAR.search(path.stem)
    if y:
        year, where = int(y.group(1)), "file name"
    parent = path.parent
    folder_year = PATH_YEAR.fullmatch(parent.name.removesuffix("年度").removesuffix("年"))
    if folder_year:
        if year is None:
            year, where = int(folder_year.group(1)), "folder"
        parent = parent.parent
    elif year is None and (y := PATH_YEAR.search(parent.name)):
        year, where = int(y.group(1)), "folder"
    agency = _folder_name(parent.name) if parent.name else None
    return year, where, agency


# normalise, kept per folder name: a build reads every report of a folder
_folder_name = lru_cache(maxsize=4096)(normalise)


def identify(
    text: str,
    path: Path | None = None,
    norm: str | None = None,
    lines: list[tuple[int, int]] | None = None,
) -> Identity:
    """`norm`: normalise(text), when the caller has it already; `lines`:
    non_blank_lines(norm), likewise."""
    norm = normalise(text) if norm is None else norm
    head = _head(norm, lines)
    if not head:
        raise Unidentified(
            "报告没有标题，无法确定单位和年度（请在第一行写明标题，如“区科技局2018年度法治政府建设情况报告”）"
        )
    span = _title(norm, head)
    title = norm[span[0] : span[1]].strip() if span else ""
    agency = year = None
    agency_source = year_source = None
    if title:
        m = TITLE.search(title.replace("\n", ""))
        name = LEAD_WORDS.sub("", m.group("agency")) if m else ""
        if m and len(name) >= 2 and not NOT_A_NAME.search(name):
            agency, year = name, _year(m.group("year"))
        agency = agency or agency_in(title)
        if year is None and (y := ANY_YEAR.search(title)):
            year = _year(y.group("year"))
        agency_source = "title" if agency else None
        year_source = "title" if year else None
        if year is None and (r := YEAR_RANGE.search(title)):
            raise Unidentified(
                f"无法确定报告年度：标题“{title[:40]}”写的是年份区间（{r.group(0)}），一份报告只能对应一个年度（请分年度报送，或在标题中写明一个年度）"
            )
        if year is not None and (p := PART_OF_YEAR.search(title)):
            # a quarter's or half-year's figures are not the year's (第三季度未实施行政处罚)
            raise Unidentified(
                f"不是年度报告：标题“{title[:40]}”写的是{year}年的一部分（{p.group(0)}），其中的数字不能作为全年指标（请提供{year}年度报告）"
            )
    named_above = None  # the line naming the body above a title split by a page's info line
    if title and agency is None and (named_above := _name_above_info(norm, head, span[0])):
        agency, agency_source = agency_in(norm[slice(*named_above)]), "title"
    meta = _meta(norm, head)
    key = next((k for k in META_TITLE_KEYS if k in meta), None)
    if key:
        ms, me = meta[key]
        if agency is None and (a := agency_in(norm[ms:me])):
            agency, agency_source = a, "metadata"
        if year is None and (y := ANY_YEAR.search(norm, ms, me)):
            year, year_source = _year(y.group("year")), "metadata"
        span = span or (ms, me)
    publisher = next(
        (a for k in META_AGENCY_KEYS if k in meta and (a := agency_in(norm[slice(*meta[k])]))),
        None,
    ) or _listed_publisher(norm, head, span[0] if span else len(norm))
    if agency is None and publisher:
        agency, agency_source = publisher, "metadata"
    elif agency and publisher and _fuller(publisher, agency):
        agency, agency_source = publisher, "metadata"  # 区科技局 titled, 发布机构 in full
    body = _body_lines(norm, head, span[1] if span else 0)
    # a field's name by its level alone (发布机构：市科学技术局), which the opening may give in
    # full (a title's is completed by the signature below, as before)
    bare = agency_source == "metadata" and BARE_NAME.match(agency) is not None
    if agency is None or year is None or bare:
        for s, e in body:
            line = norm[s:e]
            p = PRESENT.search(line)
            o = OPENING_YEAR.match(line)
            hit = p or o or PERIOD.search(line) or DATED.match(line) or DAY_THEN_YEAR.match(line)
            if year is None and hit:
                year, year_source = _year(hit.group("year")), "opening"
            if agency is None or bare:
                first = re.split(r"[。；;]", line)[0]
                if CONTACT.search(first):
                    continue  # a contact line (请与X局办公室联系): read last, by its own rule
                lead = first[p.start() : p.end()] if p else first[:40]
                c = COMPILED_BY.search(line)
                a = (c and agency_in(c["name"], bodies_only=True)) or agency_in(
                    lead, bodies_only=True
                )
                # (市科学技术局 in a field, 宁川市科学技术局 in the opening: the fuller)
                if a and (agency is None or _fuller(a, agency)):
                    agency, agency_source, bare = a, "opening", False
    # none named yet, or 县科技局 by its level alone and signed 青禾县科学技术局
    signed = _signature(norm) if agency is None or BARE_NAME.match(agency) else None
    if signed and (agency is None or _fuller(signed, agency)):
        agency, agency_source = signed, "signature"
    if agency is None and (a := _breadcrumb_agency(norm, head)):
        agency, agency_source = a, "breadcrumb"
    path_year, path_where, folder_agency = _path_parts(path)
    if year is None and path_year is not None:
        year, year_source = path_year, path_where
    if agency is None and folder_agency and agency_in(folder_agency) == folder_agency:
        agency, agency_source = folder_agency, "folder"
    if agency is None and (a := _contact_agency(norm)):
        agency, agency_source = a, "contact"
    s, e = span or (body or head)[0]
    title = text[s:e].strip()
    if named_above:  # 青禾县科学技术局 / 发布时间：… / 2024年度…报告: the title in one
        title = text[slice(*named_above)].strip() + title
    title = title[:80]
    # what the reason quotes: the title found, or (none) the line the text starts with
    where = f"标题（“{title[:40]}”）、" if span else f"报告没有标题（开头是“{title[:30]}”），"
    if year is None:
        raise Unidentified(
            f"无法确定报告年度：{where}网页信息栏和正文开头都没有写明年度"
            "（请在标题中写明年度，如“2018年度”，或把文件放进以年份命名的文件夹，如 reports/区科技局/2018/）"
        )
    if agency is None:
        raise Unidentified(
            f"无法确定报告单位：{where}网页信息栏、正文开头和落款都没有写明单位"
            "（请在标题开头写明单位，如“区科技局”，或把文件放进以单位命名的文件夹，如 reports/区科技局/2018/）"
        )
    notes = []
    if year_source == "title" and (main := _body_speaks_of(norm[e:], year)):
        notes.append(
            f"标题年度（{year}年）与正文不一致：正文主要写的是{main}年，且没有提到{year}年（请核对标题中的年度）"
        )
    return Identity(
        title=" ".join(title.split()), agency=agency, year=year, year_source=year_source,
        agency_source=agency_source, notes=notes, folder_agency=folder_agency,
    )  # fmt: skip


def _body_speaks_of(body: str, year: int) -> int | None:
    """Another year, when the body speaks only of that one (beyond next year's plans)."""
    others = []
    for m in ANY_YEAR.finditer(body):
        y = _year(m.group("year"))
        if y == year:
            return None  # it speaks of the year (most bodies, in their first lines)
        if y is not None:
            others.append(y)
    if not others:
        return None
    main, _ = Counter(others).most_common(1)[0]
    return main if main not in (year, year + 1) else None


def region_of(agency: str) -> str:
    """周村区科学技术局 → 周村区; 泰安市岱岳区地震局 → 泰安市岱岳区; 区科技局 → 区."""
    m = re.match(r"^(.*[区县旗])", agency) or re.match(r"^(.*?市)", agency)
    return m.group(1) if m else ""


def short_form(name: str) -> str:
    """A body's name in its short form, as reports write it: 科学技术局 → 科技局,
    市场监督管理局 → 市场监管局 (what names of one body in two forms are compared in)."""
    return name.replace("科学技术", "科技").replace("市场监督管理", "市场监管")
