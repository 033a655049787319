"""Indicator facts from report text, driven by the catalog (etl/catalog.toml).

The text is normalised (simplified script, half-width digits) without changing its
length, so every span points into the report as written. Work goes line by line,
sentence by sentence, clause by clause:

1. "number + unit" mentions are found once per clause (12次, 十二次, 10余次, 百分之百);
   numbers in quotes, titles, document numbers, ordinals and dates never qualify;
2. each mention goes to the indicator whose keyword stands nearest before it in its
   clause (开展执法检查12次), or directly after it (三项行政审批事项, 两次召开…会议),
   among the indicators that accept its unit;
3. deltas (比上年增加3次), stocks (累计, 现行有效), frequencies (每季度至少一次) and
   其中-parts of an indicator already stated are dropped;
4. zeros in words (未收到…申请, 未发生…案件, …无) give value 0;
5. the owner is the subordinate agency that is the subject of the sentence at that
   point (named in the clause or carried over from earlier clauses), else the reporter.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from etl import catalog as catalog_mod
from etl import rows
from etl.identify import region_of
from etl.model import Candidate, Fact
from etl.normalize import normalise
from etl.numbers import CN_CHARS, parse_number

SENTENCE_END = "。！？!?\n"
CLAUSE_END = SENTENCE_END + "，,；;：:"
QUOTE_PAIRS = {
    "“": "”",
    '"': '"',
    "《": "》",
    "〔": "〕",
    "【": "】",
    "「": "」",
    "‘": "’",
    "[": "]",
}

NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|[{CN_CHARS}]+)"
PRE = r"(?P<pre>将近|接近|近|大约|约|超过|逾|多于)?"
POST = r"(?P<post>以上|左右|之多|多)?"

QUALIFIER = {"将近": "about", "接近": "about", "近": "about", "大约": "about", "约": "about",
             "左右": "about", "超过": "at_least", "逾": "at_least", "多于": "at_least", "上": "at_least",
             "余": "at_least", "多": "at_least", "以上": "at_least", "之多": "at_least"}  # fmt: skip

# 未发生一起…, 无一件…: "a single", not a count of one
NEGATED_ONE = re.compile(r"(?:未|没有|没|无)[\u4e00-\u9fff]{0,4}$")
RANGE_MARKS = "-—–~至到 "
RANGE_START = re.compile(rf"[\d{CN_CHARS}]\s*[-—–~至到]\s*$")
# A number glued to these is not a count: 第3位, 数百人, 一次性, 三项制度 in quotes …
NOT_BEFORE = re.compile(r"[第数几若每前]$")
NOT_AFTER = re.compile(r"^(?:性|是|号|版|届|位|名次)")
# Words that make every number in the clause something other than this year's level.
GLOBAL_VETO = re.compile(
    r"(?<!全年)(?<!本年)(?<!年内)(?<!今年)(?<!年度)(?<!当年)累计|现行有效|新增|净增|净减|以来|历年|总数|每(?:周|月|季度?|年|半年|天|日|次)|定期|至少"
    # plans and targets are not what happened: 力争开展检查不少于15次, 计划开展20次
    r"|力争|争取|预计|目标|不少于|不低于|确保|拟(?:于|在|开展|组织|举办)|计划(?:开展|组织|完成|举办|于)"
)
# An explicit year that is not the report's puts the rest of its sentence in that year.
YEAR_MARK = re.compile(r"(?<![\d\-—–~至])((?:19|20)\d{2})\s*年(?!\s*[\-—–~至]\s*\d)")
# …and so does a span of years that opens what it sums up (2016年至2018年，共办理…)
YEAR_SPAN = re.compile(
    r"(?:19|20)\d{2}\s*年?\s*[-—–~至到]\s*(?:19|20)\d{2}\s*年度?(?:间|期间|内)?"
    r"(?=[，,]|\s*(?:共|累计|先后|合计|总共|全局|我局))"
)
# …and so does 去年 / 上年 opening a clause, until 今年 / 本年 takes over.
RELATIVE_YEAR = re.compile(r"(?P<prev>去年|上年|上一年|前年)|(?P<this>今年|本年|当年)")
CLAUSE_OPEN = re.compile(r"(?:^|[，,；;：:。！？!?\n])\s*$")
# A section that looks ahead (七、下一步工作打算): its numbers are plans.
OUTLOOK_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、])"
    r"[^。:：]{0,24}(?:下一步|打算|工作计划|工作思路|明年|下一年|展望|努力方向)[^。:：]{0,12}(?:[。:：]|$)"
)
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[部章节])")
# A delta stands right before its number: 比上年增加3次, 同比增长20%, 较上年多2件.
DELTA = re.compile(r"(?:增加|减少|增长|下降|上升|提高|降低|多出|多|少|增|减)了?(?:近|约|超过)?$")
DELTA_CONTEXT = re.compile(r"比|较|同比|环比|相比")
DELTA_VERB = re.compile(r"(?:增加|减少|增长|下降|上升|提高|降低|多出)了?(?:近|约|超过)?$")
# …or anywhere after the comparison: 比上年多组织3次.
DELTA_AFTER_COMPARISON = re.compile(
    r"(?:比|较)(?:上年|去年|上一年度?|同期|往年|\d{4}年)[^，,；;。]{0,3}(?:增加|减少|增长|下降|上升|提高|降低|缩短|压缩|延长|多|少)"
)
# 由2017年的5次增加到9次: after "increased to", the level is the report's year's again
TO_LEVEL = re.compile(r"(?:增加|提高|上升|增长|下降|减少|降低|升|降)(?:到|至)$")
# Part of a year is not the year: 上半年, 前三季度, 截至8月, 1至11月
PART_OF_YEAR = re.compile(
    r"[上下]半年|前[一二三]季度|第[一二三四]季度|截[至止](?:目前|\d{1,2}月)|"
    r"(?<![\d年])1\s*[-至到~]\s*(?:[1-9]|1[01])\s*月(?!\d)"
)
COMPARISON_BASE = re.compile(
    r"(?:比|较|与|同)(?:上年|去年|上一年度?|同期|往年|(?:19|20)\d{2}年度?)(?:同期)?的?$"
)
# The subject is reset by the reporter speaking of itself.
SELF = re.compile(
    r"我局|局机关|本局|本单位|我单位|全局|局党组|局领导|局班子|我(?P<level>[区县市省旗])"
)
NOT_SUBJECT_BEFORE = re.compile(
    r"(?:会同|联合|配合|协助|协同|指导|督促|对|向|为|在|所属|内设机构?)$"
)
ZERO_NEG = re.compile(
    r"(?:未|没有|并未|尚未|均未|没)(?:收到|接到|受理|发生|出现|制发|出台|制定|印发|发布|办理|开展|产生|有)"
    r"|(?:未|没有|没)被(?:申请|提起|提出|起诉|提请)"  # 未被申请行政复议, 未被提起行政诉讼
    r"|无(?!一(?![起件例宗]))(?![需论法偿缝纸人障])"  # 无一起…案件 is a zero, 无一超期 is not
)
# Anything a zero in words or a time limit could hang on (the rest needs a number).
ZERO_HINT = re.compile(r"[未没无零0]|工作日")
# A zero stated after what it is about, also for a list: 行政复议、行政诉讼案件也均未发生
ZERO_TRAIL = re.compile(
    r"(?:也|亦|都|均|皆|全年|本年度?)*(?:为零|为0|为“0”|为\"0\"|无|为空|未发生|未出现|没有发生|没有|未收到)$"
)
RELATIVE = re.compile(r".*(?:的|引起|引发|因)")
# A phrase whose head is a situation speaks of that, not of a count of cases.
SITUATION_HEAD = re.compile(
    r"情况|问题|现象|行为|事故|事件|差错|失误|纠错|败诉|过错|违法|超期|撤销|被纠正"
)
# A figure of a whole region or system (全省各级…, 全市科技系统…, 各县（区）气象局…) opening
# its clause is not the reporter's, unless the clause speaks of the reporter's own field
# and of no system (全区3项气象行政审批事项 in a weather bureau's report).
WIDE = re.compile(r"\s*(?:全(?:国|省|市|区|县|州|盟|旗)|各(?:县|区|市|省|级|地|部门))")
SYSTEM = re.compile(r"系统|各级|部门|单位|范围|各县|各区|各市|领域")
FIELD = {"科技局": "科技", "知识产权局": "知识产权|专利|商标", "地震局": "地震|防震|抗震",
         "气象局": "气象|防雷|雷电", "市场监管局": "市场", "应急管理局": "应急|安全生产"}  # fmt: skip
DAYS_PAIR = re.compile(
    rf"(?:由|从)(?:法定的?|原来?的?|原|平均)?(?P<a>{NUM})(?:个?工作日|天)[^，,；;。]{{0,8}}?"
    rf"(?:压缩|压减|缩短|缩减|减少|精简|降低?|提速)(?:至|到|为)(?:承诺的?|现在的?|平均)?(?P<b>{NUM})(?:个?工作日|天)"
)
CUT_TO = re.compile(r"(?:压缩|缩短|减少|降低?)(?:至|到|为)[^，,；;。]*的$")
HALF = re.compile(r"(?:一半|减半)(?P<post>以上|多)?")
TENTHS = re.compile(
    r"(?<=提速|压缩|缩短|减少|降低|提高)了?(?P<n>[一二三四五六七八九])成(?![员立为果本绩交熟就])"
)


@dataclass
class _Mention:
    start: int  # of the whole mention (qualifier word included)
    num_start: int
    num_end: int
    end: int
    value: float
    unit: str
    qualifier: str | None
    aside: str | None = None  # why it can never be a fact (a range), kept as a candidate


@cache
def _compiled():
    cat = catalog_mod.load()
    units = sorted({u for i in cat.indicators for u in i.units}, key=len, reverse=True)
    unit_alt = "|".join(re.escape(u) for u in units)
    mention = re.compile(
        rf"{PRE}(?<![\d.{CN_CHARS}])(?<!\d,)(?P<num>{NUM})(?P<bound>余|多)?(?P<unit>{unit_alt}){POST}"
    )
    percent = re.compile(rf"{PRE}(?:百分之(?P<cn>{NUM})|(?<![\d.])(?<!\d,)(?P<num>{NUM})%){POST}")
    by_unit: dict[str, list] = {}
    for ind in cat.indicators:
        for u in ind.units:
            by_unit.setdefault(u, []).append(ind)
    return cat, mention, percent, by_unit


# --------------------------------------------------------------------------- helpers


def _protected(norm: str) -> list[tuple[int, int]]:
    """Spans inside quotes, book titles and document-number brackets (opener, closer)."""
    return [(m.start(), m.end() - 1) for m in _PROTECTED.finditer(norm)]


_PROTECTED = re.compile(
    "|".join(f"{re.escape(o)}[^{re.escape(c)}\n]*{re.escape(c)}" for o, c in QUOTE_PAIRS.items())
)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Strictly inside one of the sorted, non-overlapping spans."""
    i = bisect_left(spans, (pos,)) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]


def _spans(norm: str, start: int, end: int, stops: str):
    """Split norm[start:end] at any character of stops; yields (s, e) without the stop.
    A comma between digits (1,250) is a thousands separator, not a break."""
    for m in _span_re(stops).finditer(norm, start, end):
        yield m.start(), m.end()


# A report's sentence is a few hundred characters. Longer "sentences" (a pasted table, a
# padded or broken file) are read in pieces of at most this many characters, cut at clause
# marks where there are any: each number looks only within its piece, so the work stays
# linear in the length of the text.
MAX_SENTENCE = 600


def _sentences(norm: str, start: int, end: int):
    """The sentences of norm[start:end]; long ones in pieces of at most MAX_SENTENCE."""
    for ss, se in _spans(norm, start, end, SENTENCE_END):
        if se - ss <= MAX_SENTENCE:
            yield ss, se
            continue
        piece = last = ss  # the piece being gathered and the end of its last clause
        for cs, ce in _spans(norm, ss, se, CLAUSE_END):
            if ce - piece > MAX_SENTENCE:
                if last > piece:
                    yield piece, last
                piece = cs
                while ce - piece > MAX_SENTENCE:  # no clause mark for too long: cut anyway
                    yield piece, piece + MAX_SENTENCE
                    piece += MAX_SENTENCE
            last = ce
        if last > piece:
            yield piece, last


@cache
def _span_re(stops: str) -> re.Pattern:
    return re.compile(rf"(?:\d,(?=\d)|[^{re.escape(stops)}])+")


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\r\u3000":
        s += 1
    while e > s and text[e - 1] in " \t\r\u3000":
        e -= 1
    return s, e


# --------------------------------------------------------------------------- subjects


@dataclass
class Owners:
    """Who a fact may belong to: the reporter, or a subordinate named as the subject."""

    reporter: str
    pattern: re.Pattern | None  # subordinate names; group name → canonical via lookup
    lookup: dict[str, str]
    self_names: frozenset[str] = frozenset()  # the reporter's own names and aliases

    def canonical(self, name: str) -> str:
        return self.lookup.get(name, name)


_NO_REGISTRY_OWNERS: dict[str, Owners] = {}


def owners_for(reporter: str, registry=None) -> Owners:
    """Subordinates from the registry; for a reporter it does not know, a science
    bureau's usual subordinate bureaus in its own region (博山区知识产权局 …).
    Kept with the registry, per reporter: a build sees each reporter many times."""
    cache = _NO_REGISTRY_OWNERS if registry is None else registry.owners_cache
    if reporter not in cache:
        cache[reporter] = _owners_for(reporter, registry)
    return cache[reporter]


def _owners_for(reporter: str, registry) -> Owners:
    names: dict[str, str] = {}
    agency = registry.resolve(reporter) if registry is not None else None
    own = {reporter}
    if agency is not None:
        reporter = agency.name_zh
        own |= {agency.name_zh, agency.short_zh, *agency.aliases}
        for child in registry.children(agency.agency_id):
            for n in (child.name_zh, child.short_zh, *child.aliases):
                names[n] = child.name_zh
    elif re.search(r"科技|科学技术", reporter):
        region = region_of(reporter)
        # only bodies of the reporter's own level: a district's 市知识产权局 is the city's
        levels = region[-1] if region and region[-1] in "区县市旗" else "区县"
        for core in ("知识产权局", "地震局"):
            full = f"{region}{core}" if region and region not in ("区", "县", "市") else core
            for n in {full, core, *(f"{lv}{core}" for lv in levels)}:
                names[n] = full
    own = frozenset(n for n in own if n)
    if not names:
        return Owners(reporter, None, {}, own)
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # A city's or province's bureau of the same kind is another body, never ours.
    pattern = re.compile(rf"(?<![省市国家])(?:{alt})")
    return Owners(reporter, pattern, names, own)


# Another body opening a clause as its subject (区司法局对…, 区市场监管局全年查处…): what
# it did is not the reporter's. Region (周村区, 区, 市 …) + name + the kind of body.
_NAME_CHAR = r"[^\W\d_全的对向在为和与及开展组织年度月日共计累各项次件本我其该]"
_NOT_SUBJECT_START = r"会同|联合|配合|协助|协同|指导|督促|根据|按照|依据|依托|参加|参与|邀请|接受|迎接|通过|经|由|与|和|对|向|在|为|按|据|请"
_BODY = (
    rf"(?!{_NOT_SUBJECT_START})(?P<name>(?:{_NAME_CHAR}{{2,3}}?[省市区县]|[省市区县]|国家)"
    rf"{_NAME_CHAR}{{1,9}}?(?:局|厅|委员会|委|政府|法院|检察院|办公室|办))(?!的)"
)
# A clause mark first (a fast scan), then a few spaces at most: an unbounded \s* here would
# scan a long run of blank lines once per line (quadratic on a padded file).
OTHER_BODY = re.compile(rf"[，,；;：:。！？!?\n][ \t\u3000]{{0,4}}{_BODY}")
OTHER_BODY_AT_START = re.compile(rf"\s*{_BODY}")
OTHER = "\x00other"  # the owner of what another body did: never emitted


def _is_self(name: str, owners: Owners) -> bool:
    """区科技局 in a report of 周村区科学技术局 (same level, same kind of body)."""
    if name in owners.self_names or owners.reporter.endswith(name):
        return True
    (ra, ca), (rb, cb) = (_level_core(n) for n in (name, owners.reporter))
    if ca != cb or (ra and rb and ra[-1] != rb[-1]):
        return False  # another kind of body, or another level (市科技局 for a district)
    return len(ra) < 2 or len(rb) < 2 or ra.endswith(rb) or rb.endswith(ra)


def _level_core(name: str) -> tuple[str, str]:
    """周村区科学技术局 → (周村区, 科技局); 市知识产权局 → (市, 知识产权局)."""
    region = region_of(name)
    core = name[len(region) :].replace("科学技术", "科技").replace("市场监督管理", "市场监管")
    return region, core


def _subject_marks(
    norm: str, s: int, e: int, owners: Owners, bodies=()
) -> list[tuple[int, str | None]]:
    """(position, agency or None for the reporter) where the subject changes."""
    marks = []
    if owners.pattern is not None:
        object_end = -1  # end of the last agency named as an object (对A、B开展检查)
        for m in owners.pattern.finditer(norm, s, e):
            before = norm[max(s, m.start() - 4) : m.start()]
            joined = object_end >= 0 and re.fullmatch(r"[、和及与]", norm[object_end : m.start()])
            if NOT_SUBJECT_BEFORE.search(before) or joined:
                object_end = m.end()
                continue
            marks.append((m.start(), owners.canonical(m.group(0))))
    for m in SELF.finditer(norm, s, e):
        # 我区 in a district body's report is the reporter's area; in a city's, not a subject
        if m["level"] and not region_of(owners.reporter).endswith(m["level"]):
            continue
        if NOT_SUBJECT_BEFORE.search(norm, max(s, m.start() - 4), m.start()):
            continue  # 联合我局, 对我县: an object, the subject stays
        marks.append((m.start(), None))
    for start, end, name in bodies:  # other bodies opening a clause, found per document
        if start < s or start >= e or any(start <= p < end for p, _ in marks):
            continue  # outside, or one of ours
        marks.append((start, None if _is_self(name, owners) else OTHER))
    marks.sort()
    return marks


def _owner_at(pos: int, marks, owners: Owners) -> str:
    who = None
    for p, agency in marks:
        if p >= pos:
            break
        who = agency
    return who or owners.reporter


# --------------------------------------------------------------------------- mentions


def _mentions(norm: str, s: int, e: int, protected) -> list[_Mention]:
    _, mention_re, percent_re, _ = _compiled()
    out = []
    for m in mention_re.finditer(norm, s, e):
        if _inside(m.start("num"), protected):
            continue
        out.append(_mention(m, m.group("num"), m.group("unit"), norm, s))
    for m in percent_re.finditer(norm, s, e):
        if _inside(m.start(), protected):
            continue
        num = m.group("num") or m.group("cn")
        out.append(_mention(m, num, "%", norm, s, group="num" if m.group("num") else "cn"))
    for m in TENTHS.finditer(norm, s, e):  # 提速八成: 80%
        v = parse_number(m["n"])
        if v is not None and not _inside(m.start(), protected):
            out.append(_Mention(m.start("n"), m.start("n"), m.end(), m.end(), v * 10, "%", None))
    for m in HALF.finditer(norm, s, e):
        pre = "超过" if norm.endswith("超过", s, m.start()) else None  # 超过一半
        qual = QUALIFIER[m["post"] or pre] if m["post"] or pre else None
        out.append(_Mention(m.start(), m.start(), m.end(), m.end(), 50.0, "%", qual))
    out = [x for x in out if x is not None]
    out.sort(key=lambda x: x.start)
    return out


def _mention(m, num, unit, norm, clause_start, group="num") -> _Mention | None:
    value = parse_number(num)
    if value is None:
        return None
    ns, ne = m.start(group), m.end(group)
    if NOT_BEFORE.search(norm[max(clause_start, ns - 1) : ns]):
        return None
    if NOT_AFTER.match(norm, m.end("unit") if "unit" in m.re.groupindex else m.end()):
        return None
    if num == "一" and NEGATED_ONE.search(norm, max(0, ns - 6), ns):
        return None
    aside = None
    if ns > 1 and norm[ns - 1] in RANGE_MARKS and RANGE_START.search(norm, max(0, ns - 3), ns):
        aside = "range"  # 20-30家, 3至5次: a range, not one value
    qual = None
    for g in ("pre", "bound", "post"):
        if g in m.re.groupindex and m.group(g):
            qual = QUALIFIER[m.group(g)]
    if qual is None and ns > 0 and norm[ns - 1] == "上" and num[0] in "百千万":
        qual = "at_least"  # 上百人次
    if unit == "%" and m.group("pre") is None and norm[max(0, ns - 3) : ns].endswith("百分之"):
        ns = ns - 3
    # 检查-3次: a minus sign (not a range like 2016-2020) is kept, so the value is refused
    if ns > 0 and norm[ns - 1] in "-−" and not (ns > 1 and norm[ns - 2].isdigit()):
        value, ns = -value, ns - 1
    end = m.end()
    return _Mention(m.start(), ns, ne, end, value, unit, qual, aside)


# --------------------------------------------------------------------------- choosing


def _choose(left: str, clause_left: str, right: str, mention: _Mention, sentence: str):
    """The indicator for one mention, or None. `left` is the clause text since the
    previous mention, `clause_left` since the clause start, `right` the rest of it."""
    cat, _, _, by_unit = _compiled()
    pct = [i for i in cat.indicators if "%" in i.units]
    candidates = pct if mention.unit == "%" else by_unit.get(mention.unit, [])
    best_before, best_pos, best_len = None, -1, 0
    best_after, after_len = None, 10**6
    for ind in candidates:
        if ind.veto is not None and ind.veto.search(clause_left):
            continue
        if ind.require is not None and not ind.require.search(sentence):
            continue
        if ind.exclude is not None and ind.exclude.search(sentence):
            continue
        for p in ind.before:
            for k in p.finditer(left):
                if k.end() > best_pos or (k.end() == best_pos and len(k.group(0)) > best_len):
                    best_before, best_pos, best_len = ind, k.end(), len(k.group(0))
        for p in ind.after:
            k = p.search(right)
            if k and k.end() < after_len:
                best_after, after_len = ind, k.end()
    if best_after is not None:  # the noun after the number is its head: 办理6件…案件
        # 3项审批事项全部实现“一次办好”: every kind the words after it name
        others = [
            i for i in candidates
            if i is not best_after and i.also_after and any(p.search(right) for p in i.after)
            and (i.veto is None or not i.veto.search(clause_left))
        ]  # fmt: skip
        return best_after, others, "after"
    if best_before is None:
        return None, [], ""
    # A zero stated for several things at once: 行政复议和行政诉讼案件均为0件; or one for
    # each: 行政复议、行政诉讼案件各1件.
    also = []
    if mention.value == 0 or left.rstrip().endswith("各"):
        for ind in candidates:
            if (
                ind is not best_before
                and any(p.search(left) for p in ind.before)
                and (ind.veto is None or not ind.veto.search(clause_left))
            ):
                also.append(ind)
    return best_before, also, "kw"


def _zero_targets(obj: str) -> list:
    """Indicators a zero in words is about. The head of the phrase decides: in
    未发生因政府信息公开申请引起的行政复议案件 it is 行政复议, not 申请."""
    cat = _compiled()[0]
    if re.search(r"率", obj):
        return []  # 纠错率、败诉率均为零: rates, not counts
    head = RELATIVE.sub("", obj)
    found = [i for i in cat.indicators if i.zero and _zero_hit(i, head)]
    if found or SITUATION_HEAD.search(obj):
        return found  # …的情况 / …败诉的问题 / 被撤销的案件: about something else
    last, last_end = None, -1
    for i in cat.indicators:
        for p in i.zero:
            for k in p.finditer(obj):
                if k.end() > last_end and (i.veto is None or not i.veto.search(obj)):
                    last, last_end = i, k.end()
    return [last] if last else []


def _zero_hit(ind, head: str) -> bool:
    if ind.veto is not None and ind.veto.search(head):
        return False
    return any(p.search(head) for p in ind.zero)


# --------------------------------------------------------------------------- table rows


def _row_indicator(label: str, unit: str, cell) -> str | None:
    """The indicator of a table row read as "label number unit" (主动公开政府信息（条） | 86,
    执法检查 | 次 | 14): the sentence rules choose, as for a clause."""
    if unit != "%" and unit not in _compiled()[3]:
        return None
    if GLOBAL_VETO.search(label) or YEAR_MARK.search(label):
        return None
    value = parse_number(cell.text)
    if value is None:
        return None
    p = cell.start
    mention = _Mention(p, p, p + len(cell.text), p + len(cell.text), value, unit, None)
    ind, _, _ = _choose(label, label, "", mention, label)
    return ind.id if ind else None


# --------------------------------------------------------------------------- main


def extract_text(
    text: str,
    agency: str,
    year: int,
    registry=None,
    owners: Owners | None = None,
    norm: str | None = None,
) -> list[Fact]:
    """Facts of `text`, reported by `agency` for `year`. Spans index `text`.
    `norm`: normalise(text), when the caller has it already."""
    return extract_all(text, agency, year, registry, owners, norm)[0]


def extract_all(
    text: str,
    agency: str,
    year: int,
    registry=None,
    owners: Owners | None = None,
    norm: str | None = None,
) -> tuple[list[Fact], list[Candidate]]:
    """Facts of `text` and the candidates beside them: every number that speaks of an
    indicator and did not become a fact, with why."""
    x = _Extraction(text, year, owners or owners_for(agency, registry), norm)
    return x.run(), x.candidates


class _Extraction:
    """One pass over one text; holds what later sentences need of earlier ones."""

    def __init__(self, text: str, year: int, owners: Owners, norm: str | None = None):
        self.text, self.year, self.owners = text, year, owners
        self.norm = normalise(text) if norm is None else norm
        self.protected = _protected(self.norm)
        self.mentions = _mentions(self.norm, 0, len(self.norm), self.protected)
        self.mention_starts = [m.start for m in self.mentions]
        first = OTHER_BODY_AT_START.match(self.norm)
        self.bodies = [
            (m.start("name"), m.end("name"), m["name"])
            for m in ([first] if first else []) + list(OTHER_BODY.finditer(self.norm))
        ]
        # (position, year) of 去年 / 今年 opening a clause and of spans of years (year 0)
        self.year_marks = sorted(
            [
                (m.start(), year - 1 if m["prev"] else year)
                for m in RELATIVE_YEAR.finditer(self.norm)
                if CLAUSE_OPEN.search(self.norm, max(0, m.start() - 3), m.start())
            ]
            + [(m.start(), 0) for m in YEAR_SPAN.finditer(self.norm)]
        )
        self.facts: list[Fact] = []
        self.candidates: list[Candidate] = []
        self.sentence_at = (0, 0)  # the sentence (or section) being read
        self.seen: set = set()
        self.cat = _compiled()[0]

    def emit(self, ind, value, qualifier, qs, qe, ns, ne, who, rule):
        if who == OTHER:
            return  # another body's figure
        key = (who, ind.id, value, qualifier)
        if key in self.seen:
            return
        self.seen.add(key)
        qs, qe = _strip_span(self.text, qs, qe)
        self.facts.append(Fact(who, self.year, ind.id, value, ind.unit, qualifier,
                               self.text[qs:qe], qs, qe, rule=rule, num_start=ns, num_end=ne))  # fmt: skip

    def run(self) -> list[Fact]:
        norm, prev_line, outlook = self.norm, (0, 0), False
        prev_stated: set = set()
        table = rows.Table(self.year)
        lines = list(_spans(norm, 0, len(norm), "\n"))
        skip_to = -1
        for n, (ls, le) in enumerate(lines):
            if n <= skip_to:
                continue  # cells of a row read with the line before
            line = norm[ls:le].strip()
            if not line:
                continue
            if OUTLOOK_HEADING.match(line):
                outlook = True
            elif HEADING.match(line):
                outlook = False
            if outlook:
                self.set_aside_all(ls, le, "plan")  # next year's plans are not this year's facts
                continue
            last = self.table_row(table, lines, n)
            if last is not None:
                prev_line, skip_to = (ls, le), last
                continue
            if re.fullmatch(r"无[。.]?", line):  # a heading answered by 无 on the next line
                ps, pe = prev_line
                for ind in _zero_targets(norm[ps:pe]):
                    self.emit(ind, 0.0, None, ps, le, ls, le, self.owners.reporter, "zero:heading")
                continue
            prev_line = (ls, le)
            for ss, se in _sentences(norm, ls, le):
                if norm[ss:se].lstrip().startswith("下一步"):
                    self.set_aside_all(ss, le, "plan")
                    break  # the rest of the paragraph looks ahead
                # 其中 opening a sentence continues the previous one's totals
                carried = prev_stated if norm[ss:se].lstrip().startswith("其中") else set()
                if self.has_number(ss, se) or ZERO_HINT.search(norm, ss, se):
                    prev_stated = self.sentence(ss, se, set(carried))
                else:
                    prev_stated = set()  # most sentences state no figure: skip them cheaply
        return self.facts

    def table_row(self, table: rows.Table, lines, n: int) -> int | None:
        """Read lines[n] as a table row (with the lines after it, when a page saved the
        row one cell per line); the index of its last line, or None when it is no row."""
        norm = self.norm
        ls, le = lines[n]
        cells, last = rows.split_line(norm, ls, le), n
        if cells is None and rows.is_label_line(norm[ls:le]):
            more = []
            while last + 1 < len(lines) and (c := rows.lone_cell(norm, *lines[last + 1])):
                more.append(c)
                last += 1
            if not any(c.numeric for c in more):
                return None
            label = norm[ls:le].strip()
            cells = [rows.Cell(label, ls + norm[ls:le].index(label), False), *more]
        if cells is None:
            return None
        decisions = table.row(cells, n, _row_indicator)
        if decisions is None:
            return None
        qs, qe = _strip_span(self.text, ls, lines[last][1])
        for d in decisions:
            ind = self.cat.by_id[d.indicator]
            ns, ne = d.cell.start, d.cell.start + len(d.cell.text)
            if d.reason is None:
                self.emit(ind, d.number, None, qs, qe, ns, ne, self.owners.reporter,
                          f"row:{ind.id}")  # fmt: skip
            else:
                self.candidates.append(
                    Candidate(self.owners.reporter, self.year, ind.id, d.number, ind.unit,
                              d.reason, self.text[qs:qe], qs, qe, ns, ne)
                )  # fmt: skip
        return last

    def set_aside(self, mt: _Mention, reason: str, cs: int, ce: int, marks, ind=None) -> None:
        """Keep a number that was not taken as a candidate, with why; only where its
        clause speaks of an indicator (ind, or the best guess from the clause's words)."""
        ind = ind or _guess(self.norm, cs, ce, mt) or _guess(self.norm, *self.sentence_at, mt)
        if ind is None:
            return
        owner = _owner_at(mt.start, marks, self.owners) if marks is not None else None
        qs, qe = _strip_span(self.text, cs, ce)
        self.candidates.append(
            Candidate(None if owner in (None, OTHER) else owner, self.year, ind.id, mt.value,
                      mt.unit, reason, self.text[qs:qe], qs, qe, mt.num_start, mt.num_end)
        )  # fmt: skip

    def set_aside_all(self, s: int, e: int, reason: str) -> None:
        """Every number of norm[s:e] as a candidate (a section that looks ahead)."""
        for i in range(bisect_left(self.mention_starts, s), len(self.mentions)):
            mt = self.mentions[i]
            if mt.start >= e:
                break
            cs = max(s, _clause_start(self.norm, mt.start))
            ce = min(e, _clause_end(self.norm, mt.end))
            self.sentence_at = (s, e)
            self.set_aside(mt, reason, cs, ce, None)

    def wide(self, cs: int, ce: int) -> bool:
        """The clause gives a whole region's or system's figure, not the reporter's."""
        if not WIDE.match(self.norm, cs, ce):
            return False
        clause = self.norm[cs:ce]
        field = next(
            (v for k, v in FIELD.items() if _level_core(self.owners.reporter)[1] == k), None
        )
        return bool(SYSTEM.search(clause)) or not (field and re.search(field, clause))

    def has_number(self, ss: int, se: int) -> bool:
        i = bisect_left(self.mention_starts, ss)
        return i < len(self.mentions) and self.mentions[i].start < se

    def sentence(self, ss: int, se: int, stated: set) -> set:
        """Facts of one sentence. `stated`: (agency, indicator) already given in it."""
        norm, owners = self.norm, self.owners
        self.sentence_at = (ss, se)
        bodies = _between(self.bodies, ss, se)
        marks = _subject_marks(norm, ss, se, owners, bodies)
        years = [(m.start(), int(m.group(1))) for m in YEAR_MARK.finditer(norm, ss, se)
                 if not _inside(m.start(), self.protected)]  # fmt: skip
        more = _between(self.year_marks, ss, se)  # 去年…，今年…, 2016年至2018年，共…
        if more:
            years = sorted(years + [(p, y) for p, y in more])

        def other_year(pos: int) -> bool:
            before = [(p, y) for p, y in years if p < pos]
            if not before or before[-1][1] == self.year:
                return False
            # 由2017年的5次增加到9次: the 9 is this year's
            return not TO_LEVEL.search(norm, before[-1][0], max(before[-1][0], pos))

        for cs, ce in _spans(norm, ss, se, CLAUSE_END):
            used = []
            for m in DAYS_PAIR.finditer(norm, cs, ce):  # 由20个工作日压缩至5个工作日
                used.append((m.start(), m.end()))
                if other_year(m.start()):
                    continue
                who = _owner_at(m.start(), marks, owners)
                for g, ind_id in (("a", "approval_days_before"), ("b", "approval_days_after")):
                    v = parse_number(m.group(g))
                    if v is not None:
                        self.emit(self.cat.by_id[ind_id], v, None, cs, ce, m.start(g), m.end(g),
                                  who, "pair:days")  # fmt: skip
            _zeros(norm, cs, ce, marks, owners, self.emit, other_year)
            prev_end = left_from = cs
            for i in range(bisect_left(self.mention_starts, cs), len(self.mentions)):
                mt = self.mentions[i]
                if mt.start >= ce:
                    break
                if mt.start < prev_end or any(a <= mt.num_start < b for a, b in used):
                    continue
                if mt.aside:  # a range: never a fact, and not a number the next one skips
                    self.set_aside(mt, mt.aside, cs, ce, marks)
                    continue
                # keywords are looked for since the last number that was taken
                left, clause_left = norm[left_from : mt.start], norm[cs : mt.start]
                prev_end = mt.end
                veto = GLOBAL_VETO.search(clause_left)
                if veto:
                    self.set_aside(mt, _veto_reason(veto.group(0)), cs, ce, marks)
                    continue
                if _is_delta(left, clause_left, norm, ss, mt.start):
                    self.set_aside(mt, "delta", cs, ce, marks)
                    continue
                if other_year(mt.start):
                    self.set_aside(mt, "other_year", cs, ce, marks)
                    continue
                if PART_OF_YEAR.search(norm, ss, mt.start):
                    self.set_aside(mt, "period", cs, ce, marks)
                    continue
                # what the sentence is about (a require) is not decided by its 其中-parts
                part = norm.find("其中", mt.end, se)
                about = norm[ss : se if part < 0 else part]
                right = _right(norm, mt.end, ce, se)
                ind, also, how = _choose(left, clause_left, right, mt, about)
                if ind is None and TRAINING_WORDS.search(norm, ss, mt.start):
                    # 干部职工共45人次参加，分3期进行 / …专利执法培训，共计8人次
                    batch = {"人次": "training_attendance"}.get(mt.unit, "trainings")
                    target = self.cat.by_id[batch]
                    if (mt.unit in BATCH_UNITS or mt.unit == "人次") and not (
                        target.veto and target.veto.search(norm, ss, mt.start)
                    ):
                        ind, also, how = target, [], "batch"
                if ind is None:
                    self.set_aside(mt, "ambiguous", cs, ce, marks)
                    continue
                value = mt.value
                # 压缩至法定时限的30%: the cut is the rest (一半 is 50% either way)
                if ind.id == "approval_time_cut_pct" and CUT_TO.search(left):
                    value = 100 - value
                left_from = mt.end
                who = _owner_at(mt.start, marks, owners)
                if who == owners.reporter and self.wide(cs, ce):
                    who = OTHER
                if who == OTHER:
                    self.set_aside(mt, "other_body", cs, ce, marks, ind)
                    continue
                for target in (ind, *also):
                    if (who, target.id) in stated:
                        # 其中-parts, 结案4起 after 查处5起: parts of a stated total
                        if target is ind:
                            self.set_aside(mt, "part", cs, ce, marks, ind)
                        continue
                    stated.add((who, target.id))
                    self.emit(target, value, mt.qualifier, cs, ce, mt.num_start, mt.num_end, who,
                              f"{how}:{target.id}")  # fmt: skip
        return stated


BATCH_UNITS = ("期", "批", "场", "场次")
TRAINING_WORDS = re.compile(r"培训|学法|讲座|轮训|授课|法治课")


def _veto_reason(word: str) -> str:
    """Why a clause's veto word sets its numbers aside."""
    if word.startswith("每") or word in ("定期", "至少"):
        return "frequency"
    if word in ("累计", "现行有效", "以来", "历年", "总数"):
        return "stock"
    if word in ("新增", "净增", "净减"):
        return "delta"
    return "plan"


def _guess(norm: str, cs: int, ce: int, mt: _Mention):
    """The indicator a set-aside number most likely speaks of: among those taking its
    unit, the one whose words stand nearest to it in its clause; None when the clause
    names no indicator (then the number is not a candidate at all)."""
    cat, _, _, by_unit = _compiled()
    inds = (
        [i for i in cat.indicators if "%" in i.units]
        if mt.unit == "%"
        else by_unit.get(mt.unit, [])
    )
    best, best_d = None, 10**6
    clause = norm[cs:ce]
    at = mt.start - cs
    for ind in inds:
        for p in (*ind.before, *ind.after):
            for k in p.finditer(clause):
                d = at - k.end() if k.end() <= at else k.start() - (mt.end - cs)
                if 0 <= d < best_d:
                    best, best_d = ind, d
    return best


def _clause_start(norm: str, pos: int) -> int:
    i = pos
    while i > 0 and norm[i - 1] not in CLAUSE_END:
        i -= 1
    return i


def _clause_end(norm: str, pos: int) -> int:
    i = pos
    while i < len(norm) and norm[i] not in CLAUSE_END:
        i += 1
    return i


def _between(marks: list, s: int, e: int) -> list:
    """The items of sorted (position, …) marks with s <= position < e."""
    if not marks or marks[-1][0] < s or marks[0][0] >= e:
        return []
    return marks[bisect_left(marks, (s,)) : bisect_left(marks, (e,))]


def _right(norm: str, pos: int, ce: int, se: int) -> str:
    """The clause after a number; with the next clause when that one only goes on to say
    what all of them are (执法人员15名，均持有执法证件)."""
    if ce < se and norm[ce] in "，," and ALL_OF_THEM.match(norm, ce + 1):
        m = _CLAUSE_REST.match(norm, ce + 1, se)
        return norm[pos : m.end()]
    return norm[pos:ce]


ALL_OF_THEM = re.compile(r"(?:均|全部|全都|都|皆)")
_CLAUSE_REST = re.compile(rf"[^{re.escape(CLAUSE_END)}]*")


def _is_delta(left: str, clause_left: str, norm: str, ss: int, pos: int) -> bool:
    """比上年增加3次, 较上年多2件, 同比增长20%: a change, not a level. 由5个减少至2个:
    the 5 is what it was before (only time limits keep that, by their own rule)."""
    if DELTA.search(left) and DELTA_CONTEXT.search(clause_left):
        return True
    # 与上年相比，执法检查次数增加3次: the comparison may open the sentence
    if DELTA_VERB.search(left) and DELTA_CONTEXT.search(norm, ss, pos):
        return True
    if DELTA_AFTER_COMPARISON.search(left) or re.search(r"(?:由|从)[^，,；;。\d]{0,6}$", left):
        return True
    if COMPARISON_BASE.search(left):  # 比上年的10次增加到14次: 10 is last year's
        return True
    return bool(re.search(r"(?:同比|环比)(?:增加|减少|增长|下降|上升|提高|降低)?$", left))


def _zeros(norm: str, cs: int, ce: int, marks, owners: Owners, emit, other_year) -> None:
    clause = norm[cs:ce]
    negations = list(ZERO_NEG.finditer(clause))
    # each negation governs up to the next one: 无行政复议案件、无行政诉讼案件
    for i, neg in enumerate(negations):
        upto = negations[i + 1].start() if i + 1 < len(negations) else len(clause)
        if other_year(cs + neg.start()):
            continue  # 2017年未发生…: another year's zero
        who = _owner_at(cs + neg.start(), marks, owners)
        for ind in _zero_targets(clause[neg.start() : upto]):
            emit(ind, 0.0, None, cs, ce, cs + neg.start(), cs + neg.end(), who, f"zero:{ind.id}")
    if negations and negations[-1].end() < len(clause):
        return
    t = ZERO_TRAIL.search(clause)
    if t and not other_year(cs + t.start()):
        who = _owner_at(cs, marks, owners)
        for ind in _zero_targets(clause[: t.start()]):
            emit(ind, 0.0, None, cs, ce, cs + t.start(), cs + t.end(), who, f"zero:{ind.id}")
