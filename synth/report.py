"""Deterministic synthetic annual reports, for the demo corpus and for benchmarks.

`make_report` writes one 法治政府建设情况报告 (style "fazhi") or 政府信息公开工作年度报告
(style "xxgk") from a dict of figures, and returns the text together with exactly the facts
an ideal extractor following the contract (../shared/spec/indicators.md) must find in it.
Beside the facts, each report carries distractors that must yield nothing: dates (“4.26”),
names of plans (《…（2016-2020年）》), document numbers (〔2019〕12号), slogans (“三最”,
“一次办好”改革), frequencies (每季度至少一次), deltas (比上年增加3次), ordinals, cumulative
stocks, business statistics and mentions without a number (多次).

Rules the templates keep, so that the expected facts are unambiguous under the contract:
- A sentence that names a subordinate agency carries facts of that agency only, and the
  name stands in the clause of every number it owns. Facts of the reporting agency are in
  sentences that name no other agency.
- A 其中 part is only written for a different indicator (合法性审核…其中审核政府合同) or as a
  distractor of the same kind (its number is not a fact).
- A cut % that the report does not state but that follows from before→after days is not
  in `expected`; it is listed in `optional`.

Everything is driven by the `random.Random` passed in: same seed, same text.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

CONTRACT_IDS = (
    "inspections", "inspection_plans", "inspected_entities", "certified_officers",
    "cases", "penalty_case_files", "online_case_rate", "reconsideration_cases",
    "litigation_cases", "trainings", "training_attendance", "law_exam_pass_rate",
    "legal_meetings", "disclosures_proactive", "disclosure_requests", "approval_items",
    "approval_volume", "approval_time_cut_pct", "approval_days_before", "approval_days_after",
    "one_visit_items", "contracts_reviewed", "normative_documents", "legal_reviews",
)  # fmt: skip

Figures = dict[tuple[str, str], tuple[float, str | None]]


@dataclass
class Report:
    title: str
    text: str  # title line, (notice line,) blank line, body
    expected: list[dict]  # {agency, year, indicator, value, qualifier}, in text order
    agency: str = ""  # canonical name of the reporting agency
    year: int = 0
    style: str = "fazhi"
    optional: list[dict] = field(default_factory=list)  # derivable, not stated (cut %)
    path: str = ""  # where generate_corpus wrote it, relative to its out_dir
    encoding: str = "utf-8"


# --------------------------------------------------------------------------- numbers
def _pick(rng: random.Random, seq: Sequence):
    """rng.choice, about three times faster (rng.random() only)."""
    return seq[int(rng.random() * len(seq))]


def _randint(rng: random.Random, lo: int, hi: int) -> int:
    return lo + int(rng.random() * (hi - lo + 1))


def _sample(rng: random.Random, seq: Sequence, k: int) -> list:
    pool = list(seq)
    out = []
    for _ in range(min(k, len(pool))):
        out.append(pool.pop(int(rng.random() * len(pool))))
    return out


_CN = "零一二三四五六七八九"


def cn_int(n: int) -> str:
    """0..99 in Chinese numerals: 2 → 二, 12 → 十二, 20 → 二十, 35 → 三十五."""
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _CN[tens] + "十"
    return head + (_CN[ones] if ones else "")


def _num(v: float) -> str:
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _json_value(v: float) -> int | float:
    return int(v) if float(v).is_integer() else float(v)


def _count(v: float, unit: str, qual: str | None, rng: random.Random, cn_ok: bool = True) -> str:
    """A count with its unit as reports write it; the qualifier decides 余/以上/近."""
    iv = int(v) if float(v).is_integer() else None
    chinese = cn_ok and iv is not None and 0 < iv < 100 and rng.random() < 0.15
    if qual == "at_least":
        if iv is not None and iv >= 10 and iv % 10 == 0 and rng.random() < 0.7:
            return (cn_int(iv) if chinese else str(iv)) + "余" + unit
        return _num(v) + unit + "以上"
    if qual == "about":
        return "近" + _num(v) + unit
    if chinese:
        return ("两" if iv == 2 else cn_int(iv)) + unit
    return _num(v) + unit


def _pct(v: float, qual: str | None, rng: random.Random, half_ok: bool = False) -> str:
    if qual == "at_least":
        return _num(v) + "%以上"
    if qual == "about":
        return "近" + _num(v) + "%"
    if v == 100 and rng.random() < 0.25:
        return "百分之百"
    if v == 50 and half_ok and rng.random() < 0.5:
        return "一半"
    return _num(v) + "%"


# ------------------------------------------------------------------------ templates
# The words of the reports are data: synth/templates.toml (its first lines say what the
# placeholders of the templates mean).
_WORDS = tomllib.loads(Path(__file__).with_name("templates.toml").read_text(encoding="utf-8"))

T = tuple[str, str]

TEMPLATES: dict[str, list[T]] = {k: [tuple(t) for t in v] for k, v in _WORDS["templates"].items()}
PRE_TEMPLATES: dict[str, list[T]] = {
    k: [tuple(t) for t in v] for k, v in _WORDS["pre_templates"].items()
}
ZERO_TEMPLATES: dict[str, list[str]] = _WORDS["zero_templates"]
BOTH_ZERO: list[str] = _WORDS["both_zero"]
DOMAIN: dict[str, dict[str, list[str]]] = _WORDS["domain"]  # by agency kind: {D}, {C} words


def agency_kind(name: str) -> str:
    if "知识产权" in name:
        return "ip"
    if "地震" in name:
        return "eq"
    return "sci"


def short_ref(name: str) -> str:
    """How a bureau's own report names its subordinate: 周村区知识产权局 → 区知识产权局."""
    m = re.match(r"^.+?([区县市])(.+局)$", name)
    return m.group(1) + m.group(2) if m else name


def district_of(name: str) -> str:
    m = re.match(r"^(.+?[区县市])", name)
    return m.group(1) if m else ""


# --------------------------------------------------------------------------- sections

SECTIONS: dict[str, dict[str, list[str]]] = _WORDS["sections"]  # heads, inds, fill
FAZHI_ORDER: list[str] = _WORDS["fazhi_order"]
OPENINGS: list[str] = _WORDS["openings"]
OUTLOOKS: list[str] = _WORDS["outlooks"]
OUTLOOK_HEADS: list[str] = _WORDS["outlook_heads"]
DISTRACTORS: dict[str, list[str]] = _WORDS["distractors"]  # never facts; {a:lo-hi}… slots
_SLOT = re.compile(r"\{(a|a10|cn|x):(\d+)-(\d+)\}")


def _distractor(rng: random.Random, fmt: str, year: int, district: str) -> str:
    def slot(m: re.Match) -> str:
        v = _randint(rng, int(m.group(2)), int(m.group(3)))
        kind = m.group(1)
        if kind == "a10":
            return str(v * 10)
        if kind == "cn":
            return cn_int(v)
        if kind == "x":
            return f"{v / 10:.1f}"
        return str(v)

    text = _SLOT.sub(slot, fmt) if "{" in fmt else fmt
    if "{" not in text:
        return text
    return text.format(
        year=year, district=district, plan="（2016-2020年）" if year <= 2020 else "（2021-2025年）",
        pufa="“七五”" if year <= 2020 else "“八五”", abbr=(district[:1] or "区") + "政办字",
        cum=(year - 2012) * 60 + _randint(rng, 0, 5) * 10,
    )  # fmt: skip


class _Grouper:
    """Where the sentences of one owner start: in ones for a subordinate, in ones, twos
    and threes for the reporting agency (whose subject then stands in the first only)."""

    def __init__(self, rng: random.Random, single: bool):
        self.rng = rng
        self.single = single
        self.starts: list[int] = []
        self.left = 0

    def first(self, n_clauses: int) -> bool:
        if self.left == 0:
            self.left = 1 if self.single else _pick(self.rng, (1, 1, 2, 2, 3))
            self.starts.append(n_clauses)
        self.left -= 1
        return self.starts[-1] == n_clauses

    def sentences(self, clauses: list[str]) -> list[str]:
        bounds = [*self.starts, len(clauses)]
        return ["，".join(clauses[i:j]) for i, j in zip(bounds, bounds[1:], strict=False) if i < j]


# --------------------------------------------------------------------------- rendering


class _Writer:
    """Renders fact clauses and records the expected facts in text order."""

    def __init__(self, year: int, rng: random.Random, me: str, refs: dict[str, str],
                 reporter: str, prev: Figures):  # fmt: skip
        self.year = year
        self.rng = rng
        self.me = me
        self.refs = refs
        self.reporter = reporter
        self.prev = prev
        self.expected: list[dict] = []
        self.optional: list[dict] = []

    def fact(self, agency: str, ind: str, value: float, qual: str | None) -> None:
        self.expected.append(
            {"agency": agency, "year": self.year, "indicator": ind,
             "value": _json_value(value), "qualifier": qual}
        )  # fmt: skip

    def subject(self, owner: str, first: bool) -> str:
        if owner != self.reporter:
            return self.refs[owner]
        if not first:
            return ""
        return _pick(self.rng, ["我局", "我局", "局机关", "", "本局"])

    def adverb(self) -> str:
        return _pick(self.rng, ["", "", "全年", "年内", "本年度"])

    def clause(self, owner: str, ind: str, value: float, qual: str | None, first: bool) -> str:
        rng = self.rng
        kind = agency_kind(owner)
        s = self.subject(owner, first)
        sub = owner != self.reporter
        if value == 0 and ind in ZERO_TEMPLATES and rng.random() < 0.85:
            fmt = _pick(rng, ZERO_TEMPLATES[ind])
            self.fact(owner, ind, 0, None)
            return fmt.format(S=s, T=self.adverb())
        pool = list(TEMPLATES[ind])
        if qual is None and ind in PRE_TEMPLATES and rng.random() < 0.3:
            pool = PRE_TEMPLATES[ind]
        if sub:
            pool = [t for t in pool if "{S}" in t[0] and "，" not in t[0].split("{S}")[1]]
        fmt, unit = _pick(rng, pool)
        if not sub and not fmt.startswith("{S}"):  # 报送{S}案卷: not 报送局机关案卷
            s = _pick(rng, ("", "本局")) if first else ""
        v = _pct(value, qual, rng) if unit == "%" else _count(value, unit, qual, rng)
        text = fmt.format(
            S=s, T=self.adverb(), V=v, D=_pick(rng, DOMAIN[kind]["D"]),
            C=_pick(rng, DOMAIN[kind]["C"]),
        )  # fmt: skip
        if v.startswith("近"):  # 达近200人次 → 近200人次
            text = re.sub(r"(?:达到|达|为)近", "近", text)
        self.fact(owner, ind, value, qual)
        if not fmt.endswith("{V}"):  # the number is not at the end: nothing may follow it
            return text
        return text + self.tail(owner, ind, value, qual, unit, text)

    def tail(self, owner: str, ind: str, value: float, qual: str | None, unit: str,
             text: str) -> str:  # fmt: skip
        """What may follow a level in the same sentence without being a fact."""
        rng = self.rng
        if qual is not None or unit == "%":
            return ""
        prev = self.prev.get((owner, ind))
        r = rng.random()
        if prev is not None and prev[1] is None and prev[0] != value and r < 0.35:
            d = value - prev[0]
            word = _pick(rng, ["比上年增加", "较上年增加"]) if d > 0 else "比上年减少"
            return f"，{word}{_num(abs(d))}{unit}"
        if ind == "inspections" and value >= 4 and r < 0.55:
            if rng.random() < 0.5:
                part = _randint(rng, 1, int(value) // 2)
                what = "跨部门联合抽查" if "双随机" in text else "联合执法检查"
                return f"，其中{what}{part}次"
            return f"，出动执法人员{int(value) * _randint(rng, 2, 4)}人次"
        if ind == "cases" and value >= 3 and r < 0.55:
            return f"，其中适用简易程序的{_randint(rng, 1, int(value) // 2)}件"
        if ind == "disclosures_proactive" and value >= 10 and r < 0.6:
            part = _randint(rng, 2, int(value) // 3)
            kind = _pick(rng, ["政策文件类", "工作动态类", "财政资金类"])
            return f"，其中{kind}{part}条"
        return ""

    def approval_time(self, owner: str, figs: dict[str, tuple[float, str | None]],
                      first: bool = True) -> str:  # fmt: skip
        """before→after days, and the cut % where given, in one sentence."""
        rng = self.rng
        s = self.subject(owner, first)
        if not s and owner != self.reporter:
            s = self.refs[owner]
        b = figs.get("approval_days_before")
        a = figs.get("approval_days_after")
        p = figs.get("approval_time_cut_pct")
        parts = []
        cn = rng.random() < 0.12

        def days(x: float) -> str:
            iv = int(x) if float(x).is_integer() else None
            if cn and iv is not None and iv < 100:
                return ("两" if iv == 2 else cn_int(iv)) + "个工作日"
            return _num(x) + "个工作日"

        if b and a:
            fmt = _pick(rng, [
                "{S}将审批办理时限由{B}压缩至{A}",
                "{S}行政审批事项办理时限从法定的{B}缩短到{A}",
                "{S}审批时限由原来的{B}减少为{A}",
            ])  # fmt: skip
            parts.append(fmt.format(S=s, B=days(b[0]), A=days(a[0])))
            self.fact(owner, "approval_days_before", b[0], b[1])
            self.fact(owner, "approval_days_after", a[0], a[1])
            if p:
                pv = _pct(p[0], p[1], rng, half_ok=True)
                if owner == self.reporter:
                    fmt = _pick(rng, ["，压缩{P}", "，办理时限压缩了{P}", "，提速{P}"])
                else:  # a new sentence that names the subordinate again
                    fmt = "。" + s + _pick(rng, ["审批办理时限压缩幅度达到{P}", "办理时限压缩{P}"])
                parts.append(fmt.format(P=pv))
                self.fact(owner, "approval_time_cut_pct", p[0], p[1])
            elif b[0] > 0:
                cut = (b[0] - a[0]) * 100 / b[0]
                self.optional.append(
                    {"agency": owner, "year": self.year, "indicator": "approval_time_cut_pct",
                     "value": _json_value(round(cut, 2)), "qualifier": None}
                )  # fmt: skip
        elif a:
            parts.append(f"{s}审批事项承诺办结时限压缩至{days(a[0])}")
            self.fact(owner, "approval_days_after", a[0], a[1])
            if p:
                pv = _pct(p[0], p[1], rng, half_ok=True)
                parts.append(
                    f"，办理时限压缩{pv}" if owner == self.reporter else f"。{s}办理时限压缩{pv}"
                )
                self.fact(owner, "approval_time_cut_pct", p[0], p[1])
        elif p:
            pv = _pct(p[0], p[1], rng, half_ok=True)
            fmt = _pick(rng, ["{S}审批事项办理时限平均压缩{P}", "{S}行政审批办理时限整体压缩{P}"])
            parts.append(fmt.format(S=s, P=pv))
            self.fact(owner, "approval_time_cut_pct", p[0], p[1])
        elif b:
            parts.append(f"{s}审批事项法定办理时限为{days(b[0])}")
            self.fact(owner, "approval_days_before", b[0], b[1])
        return "".join(parts)


def _by_owner(figures: Figures, owners: Sequence[str]) -> dict[str, dict[str, tuple]]:
    out: dict[str, dict[str, tuple]] = {o: {} for o in owners}
    for (agency, ind), fig in figures.items():
        if agency in out and ind in CONTRACT_IDS:
            out[agency][ind] = (float(fig[0]), fig[1])
    return out


def _section_sentences(w: _Writer, key: str, owned: dict[str, dict[str, tuple]],
                       owners: Sequence[str]) -> list[str]:  # fmt: skip
    """The fact sentences of one section: the reporting agency first, then subordinates.

    A subordinate gets one clause a sentence, each naming it; the reporting agency's
    clauses are joined by commas in twos and threes now and then, the subject (我局 …)
    only in the first clause of a sentence."""
    rng = w.rng
    inds = SECTIONS[key]["inds"]
    sentences: list[str] = []
    for owner in owners:
        figs = {i: owned[owner][i] for i in inds if i in owned[owner]}
        if not figs:
            continue
        sub = owner != w.reporter
        clauses: list[str] = []
        g = _Grouper(rng, sub)

        def first() -> bool:
            return g.first(len(clauses))  # noqa: B023 - called within this iteration only

        if key == "approve":
            timing = {k: figs.pop(k) for k in list(figs) if k.startswith("approval_")
                      and k not in ("approval_items", "approval_volume")}  # fmt: skip
            for ind in list(figs):
                f = first()
                clauses.append(w.clause(owner, ind, *figs.pop(ind), first=f))
            if timing:
                f = first()
                clauses.append(w.approval_time(owner, timing, first=f))
        elif key == "remedy" and all(figs.get(i, (1,))[0] == 0 for i in inds) and len(figs) == 2:
            if rng.random() < 0.6:
                s = w.subject(owner, first())
                clauses.append(_pick(rng, BOTH_ZERO).format(S=s, T=w.adverb()))
                w.fact(owner, "reconsideration_cases", 0, None)
                w.fact(owner, "litigation_cases", 0, None)
                figs = {}
        elif (
            key == "decision"
            and not sub
            and len(figs) == 2
            and figs["legal_reviews"][1] is None
            and figs["contracts_reviewed"][1] is None
            and figs["contracts_reviewed"][0] < figs["legal_reviews"][0]
            and rng.random() < 0.4
        ):
            s = w.subject(owner, first())
            lr, cr = figs.pop("legal_reviews")[0], figs.pop("contracts_reviewed")[0]
            clauses.append(
                f"{s}{w.adverb()}出具合法性审核意见{_num(lr)}次，其中审核政府合同{_num(cr)}件"
            )
            w.fact(owner, "legal_reviews", lr, None)
            w.fact(owner, "contracts_reviewed", cr, None)
        for ind in inds:
            if ind in figs:
                f = first()
                clauses.append(w.clause(owner, ind, *figs[ind], first=f))
        sentences.extend(g.sentences(clauses))
    return sentences


def _assemble(rng: random.Random, heads: list[tuple[str, list[str]]], inline: bool) -> str:
    lines = []
    for n, (head, sents) in enumerate(heads, start=1):
        body = "。".join(sents) + "。" if sents else ""
        label = f"{cn_int(n)}、{head}"
        if inline:
            lines.append(f"{label}。{body}")
        else:
            lines.append(label)
            if body:
                lines.append(body)
    return "\n".join(lines)


def make_report(agency_name: str, year: int, figures: Figures, rng: random.Random,
                subordinates: Sequence[str] = (), style: str = "fazhi", *,
                title: str | None = None, title_name: str | None = None,
                refs: dict[str, str] | None = None, notice: str | None = None,
                prev: Figures | None = None, signature: bool | None = None) -> Report:  # fmt: skip
    """One synthetic report and the facts it states.

    figures: (agency, indicator) → (value, qualifier); only the reporting agency's and the
    subordinates' figures are written (style "xxgk": the reporting agency's disclosure and
    remedy figures only). title / title_name: the title, or the name it starts with
    (default: agency_name). refs: how the body names each subordinate (default
    区知识产权局-style short names). notice: a second line under the title (demo data).
    prev: last year's figures, for year-over-year deltas (never facts)."""
    if style not in ("fazhi", "xxgk"):
        raise ValueError(f"unknown style {style!r}")
    subs = [s for s in subordinates if s != agency_name] if style == "fazhi" else []
    refs = {s: (refs or {}).get(s) or short_ref(s) for s in subs}
    owners = [agency_name, *subs]
    owned = _by_owner(figures, owners)
    name = title_name or agency_name
    me = name if rng.random() < 0.5 else _pick(rng, ["我局", "本局"])
    w = _Writer(year, rng, me, refs, agency_name, prev or {})
    district = district_of(agency_name)
    kind = agency_kind(agency_name)
    if title is None:
        forms = (
            ["{n}{y}年度法治政府建设情况报告", "{n}{y}年法治政府建设情况报告",
             "{n}关于{y}年度法治政府建设工作的报告", "{n}{y}年度法治政府建设工作情况报告",
             "{n}关于{y}年法治政府建设情况的报告"]
            if style == "fazhi"
            else ["{n}{y}年政府信息公开工作年度报告", "{n}{y}年度政府信息公开工作报告"]
        )  # fmt: skip
        title = _pick(rng, forms).format(n=name, y=year)
    if style == "fazhi":
        body = _fazhi_body(w, owned, owners, district, kind)
    else:
        body = _xxgk_body(w, owned, district, kind)
    if district.endswith("县"):  # a county: 县委、县政府, 全县 …
        for a, b in _COUNTY:
            body = body.replace(a, b)
    if signature is None:
        signature = rng.random() < 0.3
    if signature:
        body += f"\n\n{agency_name}\n{year + 1}年{_randint(rng, 1, 3)}月{_randint(rng, 1, 28)}日"
    head = title + ("\n" + notice if notice else "")
    return Report(
        title=title, text=f"{head}\n\n{body}\n", expected=w.expected, agency=agency_name,
        year=year, style=style, optional=w.optional,
    )  # fmt: skip


def _fazhi_body(w: _Writer, owned, owners, district: str, kind: str) -> str:
    rng = w.rng
    order = list(FAZHI_ORDER)
    if rng.random() < 0.3:
        i, j = order.index("disclose"), order.index("remedy")
        order[i], order[j] = order[j], order[i]
    subs = owners[1:]
    heads: list[tuple[str, list[str]]] = []
    for key in order:
        sec = SECTIONS[key]
        if key == "develop" and kind != "sci":
            continue
        facts = _section_sentences(w, key, owned, owners)
        n_dis = _pick(rng, [0, 1, 1, 2]) if key != "develop" else _pick(rng, [1, 2])
        if key == "develop" and kind != "sci":
            n_dis = 0
        pool = DISTRACTORS[key] if key != "develop" or kind == "sci" else []
        extra = [_distractor(rng, f, w.year, district) for f in _sample(rng, pool, n_dis)]
        if not facts and not extra and rng.random() < 0.5:
            continue
        fill = _sample(rng, sec["fill"], _pick(rng, [1, 2, 2])) if sec["fill"] else []
        fill = [f.format(me=w.me) for f in fill]
        if key == "lead" and subs and rng.random() < 0.8:
            names = "和".join(w.refs[s] for s in subs)
            fill.append(f"对{names}加强依法行政工作的指导和监督，确保各项要求落实到位")
        sents = fill[:1] + facts + extra + fill[1:]
        heads.append((_pick(rng, sec["heads"]), sents))
    inline = rng.random() < 0.5
    outlook = _pick(rng, OUTLOOKS).format(me=w.me, next=w.year + 1)
    if rng.random() < 0.5:
        heads.append((_pick(rng, OUTLOOK_HEADS), [outlook.rstrip("。")]))
        tail = ""
    else:
        tail = "\n" + outlook
    opening = _pick(rng, OPENINGS).format(year=w.year, me=w.me if w.me != "本局" else "我局")
    return opening + "\n" + _assemble(rng, heads, inline) + tail


_COUNTY: list[T] = [tuple(p) for p in _WORDS["county"]]
XXGK_HEADS: list[tuple[str, list[str]]] = [(h, inds) for h, inds in _WORDS["xxgk_heads"]]


def _xxgk_body(w: _Writer, owned, district: str, kind: str) -> str:
    rng = w.rng
    me = w.reporter
    figs = owned[me]
    y = w.year
    opening = (
        f"本报告依据《中华人民共和国政府信息公开条例》编制，由总体情况、主动公开政府信息情况、"
        f"收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及"
        f"改进情况、其他需要报告的事项等部分组成。本报告中所列数据的统计期限自{y}年1月1日起至"
        f"{y}年12月31日止。"
    )
    fills = {
        "总体情况": [
            f"{y}年，{w.me}认真贯彻落实政府信息公开工作部署，坚持以公开为常态、不公开为例外",
            "进一步健全信息公开工作机制，明确分管负责人和具体经办人员",
            "及时更新政府信息公开指南和目录，保障公众的知情权、参与权和监督权",
        ],
        "主动公开政府信息情况": [
            "重点公开机构职能、政策文件、财政预决算、科技项目等信息",
            "对公开内容严格执行保密审查程序",
        ],
        "收到和处理政府信息公开申请情况": ["对依申请公开工作建立了登记、审核、答复全流程管理制度"],
        "政府信息公开行政复议、行政诉讼情况": [],
        "存在的主要问题及改进情况": [
            "政策解读的形式还比较单一，信息更新的及时性有待提高",
            "下一步将加强业务培训，丰富解读形式，提升公开实效",
        ],
        "其他需要报告的事项": ["本年度未收取信息处理费", "无其他需要报告的事项"],
    }
    heads = []
    for head, inds in XXGK_HEADS:
        sents = list(fills[head][:2]) if head == "总体情况" else list(fills[head])
        for ind in inds:
            if ind not in figs:
                continue
            if ind == "litigation_cases" and "reconsideration_cases" in figs:
                continue
            if (ind == "reconsideration_cases" and "litigation_cases" in figs
                    and figs[ind][0] == 0 and figs["litigation_cases"][0] == 0):  # fmt: skip
                sents.append(f"{y}年，未发生因政府信息公开引起的行政复议和行政诉讼案件")
                w.fact(me, "reconsideration_cases", 0, None)
                w.fact(me, "litigation_cases", 0, None)
                continue
            sents.append(w.clause(me, ind, *figs[ind], first=True))
            if ind == "reconsideration_cases" and "litigation_cases" in figs:
                sents.append(
                    w.clause(me, "litigation_cases", *figs["litigation_cases"], first=True)
                )
        if not sents:
            sents = ["本年度无相关情况"]
        heads.append((head, sents))
    return opening + "\n" + _assemble(rng, heads, inline=False)
