"""The extractor's word lists and patterns over normalised text: what a number's
neighbourhood must or must not say. Indicator-specific words live in etl/catalog.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from etl import catalog as catalog_mod
from etl.fast_regex import fast
from etl.numbers import CN_CHARS

# fast(…): compiled behind a lookahead of the characters a match can start with (the
# patterns searched in every sentence or clause that re would otherwise try in full at
# every character; etl/fast_regex.py)

SENTENCE_END = "。！？!?\n"

CLAUSE_END = SENTENCE_END + "，,；;：:"

# A clause that only counts what a list named before it holds (公布“一次办好”事项清单，列入
# 事项2项): the words before its number, and the end of the clause before it that names the list
LIST_COUNT = re.compile(
    r"\s*(?:其中|共|共计|合计|计)?(?:列入|纳入|梳理|确定|公布|包含|涵盖|包括)?了?(?:各类)?"
    r"(?:事项|项目)?(?:共|共计|合计)?\s*"
)
LIST_NAMED = re.compile(r"清单[”’》）)]*\s*$")

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

# 1.2万 (12,000) first: read as 1.2 the 万 would be left over, and the unit not found
NUM = rf"(?:\d+(?:\.\d+)?万|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|[{CN_CHARS}]+)"

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

# …and neither is what is followed by these: a report's parts (…行政诉讼情况…等六个部分组成),
# aspects (两个方面), rules (等3项制度)
NOT_AFTER = re.compile(
    r"(?:性|是|号|版|届|位|名次|部分|方面|制度)"
)  # .match at the unit's end: no ^, which would only match at 0

# Words that make every number in the clause something other than this year's level.
# (新增 not before 主动公开/公开/发布: 新增主动公开政府信息205条 is what the year published;
# 累计 not after 全年, 本年 …: its lookbehinds read past the word, so that every
# alternative opens with a character and re scans for them in C; tests/test_fast_regex.py)
GLOBAL_VETO = re.compile(
    r"累计(?<!全年累计)(?<!本年累计)(?<!年内累计)(?<!今年累计)(?<!年度累计)(?<!当年累计)|现行有效|新增(?!主动公开|公开|发布)|净增|净减|以来|历年|总数|每(?:周|月|季度?|年|半年|天|日|次)|定期|至少"
    # plans and targets are not what happened: 力争开展检查不少于15次, 计划开展20次
    r"|力争|争取|预计|目标|不少于|不低于|确保|拟(?:于|在|开展|组织|举办)|计划(?:开展|组织|完成|举办|于|全年|年内)"
    # 年内计划专题研究…2次, 明年计划…: a time word before 计划 makes it the verb, not a plan's name
    r"|计划(?<=年[内初]计划)|计划(?<=[明来下]年计划)"
)

# What makes 累计 a standing total over years rather than the year's sum (组织培训2期，累计
# 参训36人次): a since or until (截至年底, 2016年以来, 至今, 近三年, 历年) or 累计达到.
STOCK_SPAN = re.compile(
    r"截[至止]|以来|至今|迄今|目前|历年|近[一二三四五两\d]+年|自\d{4}|累计(?:达到?|已达)"
    # a plan period or a count of years: “十四五”期间, 五年来, 3年间
    r"|十[一二三四五六]五”?\s*(?:期间|时期)|(?<![全当今本])[两三四五六七八九十\d]年(?:来|间)"
)

# Words that name the year itself: after a standing total in its sentence, the clauses from
# one of them on are the year's again (累计公开信息386条，全年新发布25条; the report's own
# year named does the same: 累计检查31次，其中2016年开展13次，检查企业42家次)
THIS_YEAR_WORD = re.compile(r"全年|本年|今年|年内|当年")

# …and a clause that opens with 其中 and the year gives the year's share of that total
# (其中2016年开展13次, 其中本年度新增…): the total's indicator, this year's figure
YEAR_SHARE = re.compile(r"\s*其中\s*(?:(?P<year>(?:19|20)\d{2})\s*年度?|本年度?|今年|当年)")

# An explicit year that is not the report's puts the rest of its sentence in that year.
# (?<![\d\-—–~至])((?:19|20)\d{2})\s*年(?!\s*[\-—–~至]\s*\d), written to open with one
# character class, as the extractor's number is (tests/test_fast_regex.py compares them)
YEAR_MARK = re.compile(r"([12](?<![\d\-—–~至].)(?:(?<=1)9|(?<=2)0)\d{2})\s*年(?!\s*[\-—–~至]\s*\d)")

# …and so does a span of years that opens what it sums up (2016年至2018年，共办理…)
YEAR_SPAN = re.compile(
    r"(?:19|20)\d{2}\s*年?\s*[-—–~至到]\s*(?:19|20)\d{2}\s*年度?(?:间|期间|内)?"
    r"(?=[，,]|\s*(?:共|累计|先后|合计|总共|全局|我局))"
)

# …and so does 去年 / 上年 opening a clause, until 今年 / 本年 takes over.
# (its first character says which: 去上前, the year before; 今本当, the year itself)
RELATIVE_YEAR = re.compile(r"去年|上年|上一年|前年|今年|本年|当年")

CLAUSE_OPEN = re.compile(r"(?:^|[，,；;：:。！？!?\n])\s*$")

# A section that looks ahead (七、下一步工作打算): its numbers are plans.
OUTLOOK_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、])"
    r"[^。:：]{0,24}(?:下一步|打算|工作计划|工作思路|明年|下一年|展望|努力方向|主要安排|工作安排)[^。:：]{0,12}(?:[。:：]|$)"
)

HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[部章节])")

# …whose heading names the year's shortcomings too (三、存在的问题和下一步打算): only its
# sentences that look ahead (LOOKS_AHEAD, or a later year) are plans; 全局现有持证执法人员4人 there
# is the year's
MIXED_OUTLOOK = re.compile(r"问题|不足|差距|困难|短板|薄弱")
LOOKS_AHEAD = re.compile(
    r"将|计划|拟|力争|争取|目标|下一步|明年|今后|下一年|不少于|不低于|确保|努力|预计"
)

# A heading that names one indicator and nothing else (（二）执法检查。/ 2.学法培训 / 四、行政复议
# 情况：): its name, then the end of the heading (a mark, or the line's end); the figure comes in
# the first sentence after it (全年开展4次), on its line or the next
NAMED_HEADING = re.compile(
    r"(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}(?:[.．](?!\d)|、))"
    r"[ \t\u3000]*(?P<name>[^\s，,。；;：:\d“”\"《》()（）、]{2,12}?)(?:情况|工作)?"
    r"[ \t\u3000]*(?:[。：:．.]|$)"
)

# A delta stands right before its number: 比上年增加3次, 同比增长20%, 较上年多2件.
DELTA = re.compile(r"(?:增加|减少|增长|下降|上升|提高|降低|多出|多|少|增|减)了?(?:近|约|超过)?$")

DELTA_CONTEXT = re.compile(r"比|较|同比|环比|相比")

DELTA_VERB = re.compile(r"(?:增加|减少|增长|下降|上升|提高|降低|多出)了?(?:近|约|超过)?$")

# …or anywhere after the comparison: 比上年多组织3次.
DELTA_AFTER_COMPARISON = re.compile(
    r"(?:比|较)(?:上年|去年|上一年度?|同期|往年|\d{4}年)[^，,；;。]{0,3}(?:增加|减少|增长|下降|上升|提高|降低|缩短|压缩|延长|多|少)"
)

# A year named as what this year is compared with (较2018年的60条, 比2018年增加, 与2018年相比)
# speaks for its own clause only: the clauses after it are the sentence's own year again.
COMPARED_YEAR = re.compile(r"(?:较|比|相比|对比|相较|与|同)于?\s*$")
CLAUSE_STOP = re.compile(r"[，,；;]")

# 由2017年的5次增加到9次: after "increased to", the level is the report's year's again
TO_LEVEL = re.compile(
    r"(?:增加|提高|提升|上升|增长|下降|减少|降低|缩减|压减|压缩|缩短|升|降|增|减)(?:到|至)$"
)

# Part of a year is not the year: 上半年, 前三季度, 截至8月, 1至11月
# A period that is the whole year: 2021年1月1日至12月31日, 1月1日至12月31日
WHOLE_YEAR = fast(
    r"(?:(?P<year>(?:19|20)\d{2})\s*年\s*)?1\s*月\s*1\s*日\s*起?\s*(?:至|到|[-—–~])\s*"
    r"(?:(?:19|20)\d{2}\s*年\s*)?12\s*月\s*31\s*日"
)
# (截至12月31日 is the whole year)
# (written so that every alternative opens with a character, as GLOBAL_VETO is)
PART_OF_YEAR = re.compile(
    r"上半年|下半年|前[一二三]季度|第[一二三四]季度|截[至止](?:目前|(?:[1-9]|1[01])月)|"
    r"1(?<![\d年]1)\s*[-至到~]\s*(?:[1-9]|1[01])\s*月(?!\d)"
)

COMPARISON_BASE = re.compile(
    r"(?:比|较|与|同)(?:上年|去年|上一年度?|同期|往年|(?:19|20)\d{2}年度?)(?:同期)?的?$"
)

# The subject is reset by the reporter speaking of itself.
SELF = re.compile(
    r"我局|局机关|本局|本单位|我单位|全局|局党组|局领导|局班子|我(?P<level>[区县市省旗])"
)

# (所属 / 内设机构 only after one of them: 对所属知识产权局加强指导 names an object, but
# 二是所属区知识产权局全年立案查处… opens its clause with the subordinate as subject)
NOT_SUBJECT_BEFORE = re.compile(
    r"(?:会同|联合|配合|协助|协同|指导|督促|对|向|为|在)(?:所属|内设机构?)?$"
)

ZERO_NEG = fast(
    # (新 between: 本年度未新制发行政规范性文件, 未新出台)
    r"(?:未|没有|并未|尚未|均未|没)新?(?:收到|接到|受理|发生|出现|制发|出台|制定|印发|发布|办理|开展|产生|有|作出|实施|立案|查处)"
    r"|(?:未|没有|没)被(?:申请|提起|提出|起诉|提请)"  # 未被申请行政复议, 未被提起行政诉讼
    r"|(?:未|没有|并未)因"  # 未因政府信息公开引起行政复议和行政诉讼
    r"|未对[^，,。；;]{0,10}?(?:实施|作出)"  # 未对任何单位实施行政处罚
    r"|无(?!一(?![起件例宗]))(?![需论法偿缝纸人障正])"  # 无一起…案件 is a zero, 无一超期 (or 无正当理由) is not
)

# Anything a zero in words or a time limit could hang on (the rest needs a number):
# [未没无零0]|工作日, written to open with one character class (re then scans for it in C;
# searched in every line, tests/test_fast_regex.py compares it with the words as written)
ZERO_HINT = re.compile(r"[未没无零0工](?:(?<=工)作日|(?<!工))")

# What every zero of ZERO_NEG or ZERO_TRAIL holds: a sentence without a number and without
# these words gives no zero. [未没无]|为(?:零|0|“0”|"0"|空), written as ZERO_HINT is.
ZERO_NEEDED = re.compile(r'[未没无为](?:(?<=为)(?:零|0|“0”|"0"|空)|(?<!为))')

# A zero stated after what it is about, also for a list: 行政复议、行政诉讼案件也均未发生
ZERO_TRAIL = fast(
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
# An item of a run opens with its enumerator before it (一是全区科技系统…, 1.全区…, （1）全区…).
WIDE = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,2}是|[0-9]{1,2}[.．、]|[（(](?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})[)）])?"
    r"(?:全(?:国|省|市|区|县|州|盟|旗)|各(?:县|区|市|省|级|地|部门))"
)

SYSTEM = re.compile(r"系统|各级|部门|单位|范围|各县|各区|各市|领域")


@dataclass(frozen=True)
class Pair:
    """A before/after pair of the catalog ([[pair]]): 由<a>…压缩至<b>."""

    before: str
    after: str
    pattern: re.Pattern


@cache
def pairs() -> tuple[Pair, ...]:
    out = []
    for p in catalog_mod.raw().get("pair", []):
        unit = p["units"]
        pattern = re.compile(
            rf"{p['from']}(?P<a>{NUM}){unit}[^，,；;。]{{0,8}}?{p['verbs']}(?P<b>{NUM}){unit}"
        )
        out.append(Pair(p["before"], p["after"], pattern))
    return tuple(out)


@cache
def fields() -> dict[str, str]:
    """Each kind of body's own field words (bodies.fields of the catalog)."""
    return dict(catalog_mod.raw().get("bodies", {}).get("fields", {}))


@cache
def subordinates() -> dict[str, tuple[str, ...]]:
    """Reporter kind pattern → the kinds of body it usually reports for."""
    raw = catalog_mod.raw().get("bodies", {}).get("subordinates", {})
    return {k: tuple(v) for k, v in raw.items()}


HALF = re.compile(r"(?:一半|减半)(?P<post>以上|多)?")

TENTHS = fast(
    r"(?<=提速|压缩|缩短|减少|降低|提高)了?(?P<n>[一二三四五六七八九])成(?![员立为果本绩交熟就])"
)

_PROTECTED = re.compile(
    "|".join(f"{re.escape(o)}[^{re.escape(c)}\n]*{re.escape(c)}" for o, c in QUOTE_PAIRS.items())
)

# A report's sentence is a few hundred characters. Longer "sentences" (a pasted table, a
# padded or broken file) are read in pieces of at most this many characters, cut at clause
# marks where there are any: each number looks only within its piece, so the work stays
# linear in the length of the text.
MAX_SENTENCE = 600

# Another body opening a clause as its subject (区司法局对…, 区市场监管局全年查处…): what
# it did is not the reporter's. Region (周村区, 区, 市 …) + name + the kind of body.
_NAME_CHAR = r"[^\W\d_全的对向在为和与及开展组织年度月日共计累各项次件本我其该]"

_NOT_SUBJECT_START = r"会同|联合|配合|协助|协同|指导|督促|根据|按照|依据|依托|参加|参与|邀请|接受|迎接|通过|经|由|与|和|对|向|在|为|按|据|请"

# What a name opens with (a region's mark within its first four characters, or 国家), looked
# at first: most clause marks are followed by no name, and this fails there at once
_BODY_OPENS = r"(?=[省市区县]|国家|..[省市区县]|...[省市区县])"

_BODY = (
    rf"{_BODY_OPENS}(?!{_NOT_SUBJECT_START})(?P<name>(?:{_NAME_CHAR}{{2,3}}?[省市区县]|[省市区县]|国家)"
    rf"{_NAME_CHAR}{{1,9}}?(?:局|厅|委员会|委|政府|法院|检察院|办公室|办))(?!的)"
)

# A clause mark first (a fast scan), then a few spaces at most: an unbounded \s* here would
# scan a long run of blank lines once per line (quadratic on a padded file).
OTHER_BODY = re.compile(rf"[，,；;：:。！？!?\n][ \t\u3000]{{0,4}}{_BODY}")

OTHER_BODY_AT_START = re.compile(rf"\s*{_BODY}")

# A body named as the one that held a training (参加市科技局举办的…培训班)
HELD_BY = re.compile(rf"{_BODY}[^，,。；;]{{0,6}}?(?:举办|主办|组织)")

OTHER = "\x00other"  # the owner of what another body did: never emitted

BATCH_UNITS = ("期", "批", "场", "场次")

TRAINING_WORDS = re.compile(r"培训|学法|讲座|讲堂|轮训|授课|法治课")

# who attended, not who held it: 举办法律大讲堂3期，全市科技系统干部参加260余人次
ATTENDING = re.compile(r"参加|参训|参学|受训|听课")

ALL_OF_THEM = re.compile(r"(?:均|全部|全都|都|皆)")

_CLAUSE_REST = re.compile(rf"[^{re.escape(CLAUSE_END)}]*")
