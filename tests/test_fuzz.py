"""Fuzzing (hypothesis): the readers refuse any bytes with a ReadError and nothing else; the
extractor never crashes, and every fact it returns points at its own text."""

from __future__ import annotations

import io
import math
import re
import tempfile
from pathlib import Path

import html_pages
import pytest
from docx import Document
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from etl.extract import extract_text
from etl.model import Fact, ReadError, TableDoc, TextDoc
from etl.readers import read
from etl.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = DATA / "reports" / "周村区科学技术局" / "区科技局2018年度法治政府建设情况报告.txt"
REGISTRY = Registry.load(DATA)
AGENCY = "周村区科学技术局"

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


# --- valid samples of each format, to mutate ------------------------------------------------


def _docx_bytes() -> bytes:
    doc = Document()
    doc.add_paragraph("区科技局2018年度法治政府建设情况报告")
    doc.add_paragraph("全年开展执法检查12次，办理案件11件，网上办案率100%。")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "执法检查", "12"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _xlsx_bytes() -> bytes:
    wb = Workbook()
    wb.active.append(["单位", "年度", "指标", "数值"])
    wb.active.append(["周村区科学技术局", 2019, "inspections", 16])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Inspections 12, cases 11, rate 100%")
    return bytes(pdf.output())


CSV = (
    "单位,年度,指标,数值\n周村区科学技术局,2019,inspections,16\n区知识产权局,2019,行政处罚案卷,5\n"
)
_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="gb2312"></head><body><div class="nav">'
    '<a href="/">首页</a></div><h1>周村区科学技术局2019年度法治政府建设情况报告</h1><p>开展执法检查'
    '16次。</p><table><tr><td rowspan="2">行政复议案件（件）</td><td colspan="2">1</td></tr>'
    "<tr><td>0</td></tr></table></body></html>"
)
SAMPLES = {
    ".txt": SEED.read_bytes(),
    ".csv": CSV.encode("utf-8"),
    ".docx": _docx_bytes(),
    ".xlsx": _xlsx_bytes(),
    ".pdf": _pdf_bytes(),
    ".html": _PAGE.encode("gb18030"),  # web pages (etl/readers/html.py)
    ".mht": html_pages.as_mht(_PAGE, "gbk"),
}
PREFIXES = [b"", b"PK\x03\x04", b"%PDF-1.4\n", b"\xd0\xcf\x11\xe0", b"\xef\xbb\xbf", b"\xff\xfe"]


@st.composite
def mutated(draw, suffix: str) -> bytes:
    """Random bytes, random bytes behind a format signature, or a valid file of the
    format truncated, with bytes overwritten, or with a random chunk spliced in."""
    kind = draw(st.sampled_from(["random", "prefixed", "truncated", "flipped", "spliced"]))
    if kind == "random":
        return draw(st.binary(max_size=2000))
    if kind == "prefixed":
        return draw(st.sampled_from(PREFIXES)) + draw(st.binary(max_size=2000))
    base = SAMPLES[draw(st.sampled_from([suffix, *SAMPLES]))]
    if kind == "truncated":
        return base[: draw(st.integers(0, len(base)))]
    if kind == "flipped":
        data = bytearray(base)
        for _ in range(draw(st.integers(1, 20))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        return bytes(data)
    i = draw(st.integers(0, len(base)))
    j = draw(st.integers(i, min(len(base), i + 500)))
    return base[:i] + draw(st.binary(max_size=300)) + base[j:]


def _read_or_refuse(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"file{suffix}"
        path.write_bytes(data)
        try:
            doc = read(path)
        except ReadError as e:
            assert isinstance(e.reason, str) and e.reason.strip()
            return
        assert isinstance(doc, TextDoc | TableDoc)
        if isinstance(doc, TextDoc):
            assert isinstance(doc.text, str)


@pytest.mark.parametrize("suffix", sorted(SAMPLES))
def test_readers_never_crash_on_any_bytes(suffix):
    @FAST
    @given(data=mutated(suffix))
    def check(data):
        _read_or_refuse(data, suffix)

    check()


@pytest.mark.parametrize("suffix", sorted(SAMPLES))
def test_the_valid_samples_are_read(suffix, tmp_path):
    """The mutation bases are real files of their format (else the fuzzing is hollow)."""
    path = tmp_path / f"x{suffix}"
    path.write_bytes(SAMPLES[suffix])
    doc = read(path)
    assert isinstance(doc, TableDoc if suffix in {".csv", ".xlsx"} else TextDoc)


# --- the extractor ------------------------------------------------------------------------


def check_facts(text: str, facts: list[Fact]) -> None:
    for f in facts:
        assert f.quote == text[f.start : f.end], f
        assert 0 <= f.start <= f.num_start < f.num_end <= f.end <= len(text), f
        if f.value is not None:
            assert math.isfinite(f.value), f


def _seed_fragments() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [p for p in re.split(r"(?<=[，。；：、\n])", text) if p.strip()]


KEYWORDS = [
    "执法检查", "开展执法检查", "行政执法检查计划", "检查对象", "持证执法人员", "执法证",
    "行政处罚案件", "执法案件", "行政处罚案卷", "网上办案率", "行政复议", "行政诉讼",
    "应诉", "信息公开申请", "依申请公开", "政府信息", "合同", "合法性审查", "规范性文件",
    "审批事项", "行政审批", "办理时限", "承诺时限", "压缩", "学法", "培训", "考试",
    "区知识产权局", "区地震局", "区科技局", "我局", "周村区科学技术局", "全年", "共",
    "累计", "其中", "同比", "增长", "下降", "较上年", "分别为", "和", "及",
]  # fmt: skip
NUMBERS = [
    "0", "1", "12", "100", "1,234", "3.5", "１２", "十二", "两", "三十五", "一百零二",
    "百分之百", "99.9", "1e308", "9" * 40, "0.0000001", "-3", "2018", "2031", "十", "万",
]  # fmt: skip
UNITS = [
    "次",
    "件",
    "家",
    "人",
    "名",
    "卷",
    "%",
    "％",
    "个",
    "项",
    "天",
    "个工作日",
    "场",
    "份",
    "户次",
]
PUNCT = ["，", "。", "；", "、", "：", "（", "）", "\n", " ", "\t", "—", "…", "“", "”", ",", "."]
QUALS = ["约", "近", "超过", "余", "多", "以上", "左右", "达", "为", "达到", "共计"]
TRAD = [
    "執法檢查",
    "開展",
    "處罰",
    "網上辦案率",
    "覆議",
    "資訊公開",
    "審批",
    "區科技局",
    "萬",
    "兩",
]

clause = st.tuples(
    st.sampled_from(["", "全年", "我局", "区知识产权局", "共"]),
    st.sampled_from(KEYWORDS + TRAD),
    st.sampled_from(["", *QUALS]),
    st.sampled_from(NUMBERS),
    st.sampled_from(UNITS),
    st.sampled_from(["", *QUALS]),
    st.sampled_from(PUNCT),
).map("".join)
fragment = st.one_of(
    clause,
    clause,
    st.sampled_from(_seed_fragments()),
    st.sampled_from(KEYWORDS),
    st.sampled_from(NUMBERS),
    st.sampled_from(UNITS),
    st.sampled_from(PUNCT),
    st.sampled_from(QUALS),
    st.sampled_from(TRAD),
    st.text(max_size=5),
)
report_like = st.lists(fragment, max_size=80).map("".join)


@FAST
@given(text=st.text(max_size=400), year=st.integers(1900, 2100))
def test_extractor_never_crashes_on_any_text(text, year):
    check_facts(text, extract_text(text, AGENCY, year, REGISTRY))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=report_like)
def test_extractor_on_report_like_text(text):
    check_facts(text, extract_text(text, AGENCY, 2018, REGISTRY))


def test_report_like_texts_really_yield_facts():
    """The fragment strategy reaches the extractor's rules (not only its early exits)."""
    found = 0
    seen_rules: set[str] = set()

    # derandomized: a count over random draws must not pass or fail by luck
    @settings(
        max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
    )
    @given(text=report_like)
    def count(text):
        nonlocal found
        facts = extract_text(text, AGENCY, 2018, REGISTRY)
        check_facts(text, facts)
        found += bool(facts)
        seen_rules.update(f.rule for f in facts)

    count()
    assert found >= 5, found  # with this fixed draw: 9 of 150 texts yield facts
    assert len(seen_rules) >= 2, seen_rules


def test_extractor_on_the_seed_report_and_its_traditional_form():
    text = SEED.read_text(encoding="utf-8")
    facts = extract_text(text, AGENCY, 2018, REGISTRY)
    assert len(facts) >= 5
    check_facts(text, facts)
    trad = text.translate(str.maketrans("执检查开处罚网办议区万两", "執檢查開處罰網辦議區萬兩"))
    check_facts(trad, extract_text(trad, AGENCY, 2018, REGISTRY))
