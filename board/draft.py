"""The figures section of next year's report, drafted from the warehouse.

Each year the bureau writes its 法治政府建设情况报告 (kind `fazhi`) and its 政府信息公开工作
年度报告 (`xxgk`); their figures paragraphs are mostly the year's data restated with 同比
comparisons. `compose(data, kind)` writes them as such reports do — one paragraph per area
(全年开展执法检查16次，比上年增加2次。), the subordinate agencies in sentences of their own,
for xxgk the standard tables — and keeps, for every figure, where it came from (a footnote)
and whether the writer must look at it (unverified; an open conflict or an inconsistent
claim). A figure the agency gave before but not this year is a visible blank
(【待补：行政复议案件数】), never invented. board/draft_docx.py writes the Word file.

The sentences are the ones the project's own extractor reads back: run on the draft it
gives exactly `Draft.facts`, and every claim it finds is consistent (tests/test_draft.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl import catalog as catalog_mod

KINDS = {"fazhi": "法治政府建设情况报告", "xxgk": "政府信息公开工作年度报告"}

# (heading, indicators) of each area, in the order reports give them
AREAS = [
    ("执法检查", ["inspections", "inspection_plans", "inspected_entities", "certified_officers"]),
    ("案件办理", ["cases", "penalty_case_files", "online_case_rate", "reconsideration_cases",
              "litigation_cases"]),
    ("学法培训", ["trainings", "training_attendance", "law_exam_pass_rate", "legal_meetings"]),
    ("政务公开", ["disclosures_proactive", "disclosure_requests"]),
    ("审批提速", ["approval_items", "approval_volume", "one_visit_items", "approval_days",
              "approval_time_cut_pct"]),
    ("合法性审核", ["contracts_reviewed", "normative_documents", "legal_reviews"]),
]  # fmt: skip

# indicator -> (words before the figure, words for a zero or None); the unit follows the
# figure. Each is a shape the extractor reads (tests/test_draft.py holds it to that).
PHRASES = {
    "inspections": ("全年开展执法检查", None),
    "inspection_plans": ("制定执法检查计划", None),
    "inspected_entities": ("随机抽取检查对象", None),
    "certified_officers": ("持证执法人员", None),
    "cases": ("办结行政执法案件", None),
    "penalty_case_files": ("提交行政处罚案卷", None),
    "online_case_rate": ("行政处罚网上办案率达到", None),
    "reconsideration_cases": ("发生行政复议案件", "未发生行政复议案件"),
    "litigation_cases": ("发生行政诉讼案件", "未发生行政诉讼案件"),
    "trainings": ("组织学法培训", None),
    "training_attendance": ("参训干部职工", None),
    "law_exam_pass_rate": ("学法考试通过率", None),
    "legal_meetings": ("召开法治专题会议", None),
    "disclosures_proactive": ("主动公开政府信息", None),
    "disclosure_requests": ("收到政府信息公开申请", "未收到政府信息公开申请"),
    "approval_items": ("承担行政审批事项", None),
    "approval_volume": ("审批办件量", None),
    "one_visit_items": ("实现“一次办好”事项", None),
    "approval_days_before": ("行政审批办理时限压缩前为", None),
    "approval_days_after": ("行政审批办理时限压缩后为", None),
    "approval_time_cut_pct": ("办理时限压缩比例", None),
    "contracts_reviewed": ("审核政府合同", None),
    "normative_documents": ("制发规范性文件", "未制发规范性文件"),
    "legal_reviews": ("出具合法性审核意见", None),
}
QUAL_WORDS = {"at_least": ("", "余"), "about": ("约", "")}  # 10余次, 约200人次; 95%以上

HISTORY = (1, 2)  # years back in which a figure makes its absence a blank

STATUS_ZH = {"unverified": "尚未核实", "verified": "已核实", "corrected": "已更正"}


@dataclass
class Value:
    """One resolved value and where it came from (a row of the draft_values query)."""

    agency_id: str
    year: int
    indicator: str
    value: float
    unit: str
    qualifier: str | None
    status: str
    origin: str
    method: str
    conflict: bool
    other_values: str | None
    quote: str
    location: str | None
    doc_title: str | None
    doc_path: str | None


@dataclass
class Data:
    """What a draft is written from: the agency (and its subordinates), the year, every
    value of theirs up to that year, and the keys an inconsistent claim disputes."""

    agency_id: str
    year: int
    names: dict[str, tuple[str, str]]  # agency_id -> (full name, short name)
    subordinates: list[str]
    values: dict[tuple[str, int, str], Value]
    disputed: dict[tuple[str, int, str], str] = field(default_factory=dict)  # key -> note


@dataclass
class Piece:
    """A run of a paragraph: plain words, a figure (with its footnote and its mark: None,
    'unverified' or 'disputed'), or a blank to fill in."""

    text: str
    kind: str = "text"  # text | figure | blank
    note: str = ""
    mark: str | None = None


@dataclass
class Block:
    kind: str  # title | notice | legend | heading | para | table_title | table
    pieces: list[Piece] = field(default_factory=list)
    rows: list[list[list[Piece]]] = field(default_factory=list)  # table: rows of cells


@dataclass
class Draft:
    title: str
    blocks: list[Block]
    facts: list[tuple[str, int, str, float]]  # (agency name, year, indicator, value) written
    demo: bool
    blanks: list[str]  # the labels of the visible blanks


def label(ind_id: str) -> str:
    """What a blank asks for: 行政复议案件数, 执法检查次数, 网上办案率."""
    zh = catalog_mod.load().by_id[ind_id].zh
    return zh + "数" if zh.endswith(("案件", "申请", "信息", "合同", "文件", "事项")) else zh


def _num(v: float) -> str:
    v = float(v)
    return str(int(v)) if v.is_integer() else f"{v:g}"


def _unit(ind_id: str) -> str:
    u = catalog_mod.load().by_id[ind_id].unit
    return "个工作日" if u == "工作日" else u


def _source(v: Value) -> str:
    """The footnote words of one value: report and paragraph, or table cell, or the
    corrections file; its status; demo."""
    if v.method == "correction":
        where = "data/corrections.csv（更正记录）"
    elif v.method == "table":
        where = f"{v.doc_path or v.doc_title}（{v.location}）：{v.quote}"
    else:
        where = f"《{v.doc_title}》{v.location or ''}：“{v.quote}”"
    extra = [STATUS_ZH.get(v.status, v.status)]
    if v.origin == "demo":
        extra.append("演示数据")
    return f"{v.year}年{_num(v.value)}{_unit(v.indicator)}，来源：{where}（{'，'.join(extra)}）"


def _mark(d: Data, v: Value) -> tuple[str | None, str]:
    """Whether the writer must look at a value, and why (for its footnote)."""
    key = (v.agency_id, v.year, v.indicator)
    why = []
    if v.conflict:
        why.append(f"来源不一致，另有来源为{v.other_values}{_unit(v.indicator)}")
    if key in d.disputed:
        said = d.disputed[key].removeprefix("不符：")
        why.append(f"与报告中“比上年”的说法不符（{said}）")
    if why:
        return "disputed", "请核对：" + "；".join(why) + "。"
    if v.status == "unverified":
        return "unverified", ""
    return None, ""


class _Writer:
    def __init__(self, d: Data):
        self.d = d
        self.facts: list[tuple[str, int, str, float]] = []
        self.blanks: list[str] = []
        self.cat = catalog_mod.load()

    def history(self, agency_id: str, ind: str) -> bool:
        """The agency gave this figure in one of the last two years: a gap now is a blank
        to fill (a figure given once long ago is not asked for every year)."""
        return any((agency_id, self.d.year - k, ind) in self.d.values for k in HISTORY)

    def figure(self, v: Value, extra_note: str = "") -> Piece:
        mark, why = _mark(self.d, v)
        before, after = QUAL_WORDS.get(v.qualifier or "", ("", ""))
        unit = _unit(v.indicator)
        if v.qualifier == "at_least" and unit == "%":
            before, after, unit = "", "", "%以上"
        fact = (self.d.names[v.agency_id][0], v.year, v.indicator, float(v.value))
        if fact not in self.facts:  # xxgk: a sentence and a table row give the same figure
            self.facts.append(fact)
        note = _source(v) + (why and " " + why) + extra_note
        return Piece(f"{before}{_num(v.value)}{after}{unit}", "figure", note, mark)

    def blank(self, ind: str) -> Piece:
        self.blanks.append(label(ind))
        return Piece(f"【待补：{label(ind)}】", "blank")

    def comparison(self, v: Value) -> list[Piece]:
        """，比上年增加2次 / ，与上年持平 — only where last year's value is plain (no bound)."""
        prev = self.d.values.get((v.agency_id, v.year - 1, v.indicator))
        if prev is None or prev.qualifier or v.qualifier:
            return []
        diff = float(v.value) - float(prev.value)
        unit = _unit(v.indicator)
        if abs(diff) < 1e-9:
            words = "，与上年持平"
        elif unit == "%":
            words = f"，比上年{'提高' if diff > 0 else '降低'}{_num(abs(round(diff, 4)))}个百分点"
        else:
            words = f"，比上年{'增加' if diff > 0 else '减少'}{_num(abs(round(diff, 4)))}{unit}"
        mark, why = _mark(self.d, prev)
        note = "上年" + _source(prev) + (why and " " + why)
        return [Piece(words, "figure", note, mark if mark == "disputed" else None)]

    def sentence(self, agency_id: str, ind: str, subject: str) -> list[Piece]:
        """One indicator's sentence, or its blank; [] when there is nothing to say."""
        if ind == "approval_days":
            return self.days(agency_id, subject)
        v = self.d.values.get((agency_id, self.d.year, ind))
        words, zero = PHRASES[ind]
        if v is None:
            if not self.history(agency_id, ind):
                return []
            return [Piece(subject + words), self.blank(ind), Piece(_unit(ind) + "。")]
        if float(v.value) == 0 and zero:
            fig = self.figure(v)
            # the zero is in words: the footnote hangs on them
            fig.text = zero
            return [Piece(subject), fig, *self.comparison(v), Piece("。")]
        return [Piece(subject + words), self.figure(v), *self.comparison(v), Piece("。")]

    def days(self, agency_id: str, subject: str) -> list[Piece]:
        """由20个工作日压缩至3个工作日: the time limits before and after, as a pair."""
        y = self.d.year
        a = self.d.values.get((agency_id, y, "approval_days_before"))
        b = self.d.values.get((agency_id, y, "approval_days_after"))
        if a is not None and b is not None and not a.qualifier and not b.qualifier:
            fa, fb = self.figure(a), self.figure(b)
            return [Piece(subject + "行政审批办理时限由"), fa, Piece("压缩至"), fb, Piece("。")]
        out = []
        for ind, v in (("approval_days_before", a), ("approval_days_after", b)):
            if v is not None:
                out += [Piece(subject + PHRASES[ind][0]), self.figure(v), Piece("。")]
            elif self.history(agency_id, ind):
                out += [Piece(subject + PHRASES[ind][0]), self.blank(ind), Piece("个工作日。")]
        return out


def compose(d: Data, kind: str = "fazhi") -> Draft:
    """The draft's blocks, its facts and its blanks."""
    if kind not in KINDS:
        raise ValueError(f"kind: {kind}")
    w = _Writer(d)
    name = d.names[d.agency_id][0]
    title = f"{name}{d.year}年度{KINDS[kind]}（数据部分草稿）"
    if kind == "xxgk":
        title = f"{name}{d.year}年{KINDS[kind]}（数据部分草稿）"
    demo = any(v.origin == "demo" for k, v in d.values.items() if k[1] in (d.year, d.year - 1))
    blocks = [Block("title", [Piece(title)])]
    if demo:
        blocks.append(
            Block("notice", [Piece("演示数据：本草稿中的数字来自演示数据，不代表真实情况。")])
        )
    blocks.append(Block("legend", [
        Piece("说明：本稿由法治指标看板根据已入库的报告和表格生成，供起草报告的数字部分参考。"),
        Piece("黄色底纹", mark="unverified"), Piece("为尚未核实的数字；"),
        Piece("粉色底纹", mark="disputed"),
        Piece("为来源不一致或与报告中“比上年”说法不符、须先核对的数字；"),
        Piece("【待补】", "blank"), Piece("处为往年报告过而本年缺少的数字，须补齐。每个数字的来源见脚注。"),
    ]))  # fmt: skip
    if kind == "fazhi":
        _fazhi(w, d, blocks)
    else:
        _xxgk(w, d, blocks)
    return Draft(title, blocks, w.facts, demo, w.blanks)


NUMERALS = "一二三四五六七八九十"


def _fazhi(w: _Writer, d: Data, blocks: list[Block]) -> None:
    n = 0
    for heading, inds in AREAS:
        pieces: list[Piece] = []
        for ind in inds:
            pieces += w.sentence(d.agency_id, ind, "我局" if not pieces and d.subordinates else "")
        for sub in d.subordinates:  # the subordinate agencies' figures in their own sentences
            short = d.names[sub][1]
            for ind in inds:
                pieces += w.sentence(sub, ind, short)
        if not pieces:
            continue
        blocks.append(Block("heading", [Piece(f"{NUMERALS[n]}、{heading}")]))
        blocks.append(Block("para", pieces))
        n += 1


# The standard tables of a 政府信息公开工作年度报告 (simplified to the figures kept here).
XXGK_TABLES = [
    ("主动公开政府信息情况", [("主动公开政府信息（条）", "disclosures_proactive")]),
    ("收到和处理政府信息公开申请情况", [("本年新收政府信息公开申请（件）", "disclosure_requests")]),
    ("政府信息公开行政复议、行政诉讼情况", [("行政复议（件）", "reconsideration_cases"),
                                  ("行政诉讼（件）", "litigation_cases")]),
]  # fmt: skip


def _xxgk(w: _Writer, d: Data, blocks: list[Block]) -> None:
    blocks.append(Block("heading", [Piece("一、总体情况")]))
    pieces: list[Piece] = []
    for ind in ("disclosures_proactive", "disclosure_requests"):
        pieces += w.sentence(d.agency_id, ind, "")
    blocks.append(Block("para", pieces or [Piece("本年度无可用数字。")]))
    for n, (title, rows) in enumerate(XXGK_TABLES, start=2):
        blocks.append(Block("heading", [Piece(f"{NUMERALS[n - 1]}、{title}")]))
        table = Block("table", rows=[[[Piece("指标")], [Piece("数量")]]])
        for row_label, ind in rows:
            v = d.values.get((d.agency_id, d.year, ind))
            if v is None:
                cell = [w.blank(ind)] if w.history(d.agency_id, ind) else [Piece("—")]
            else:
                fig = w.figure(v)
                fig.text = _num(v.value)  # the unit is in the row's label
                cell = [fig]
            table.rows.append([[Piece(row_label)], cell])
        blocks.append(table)
