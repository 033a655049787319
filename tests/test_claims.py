"""Claims (what a report says about another year) from sentences, table-driven, and
`python -m etl check` on small data folders.

tests/cases/claims.tsv: text<TAB>expected<TAB>why. expected is every claim the text must
give, ' ; '-separated, each kind:indicator[=value][~qualifier]>about_year[@agency], or `-`.
A line `#@ agency=<reporting agency> year=<YYYY>` sets the report the cases after it come
from (default 周村区科学技术局, 2021); `\\n` in a text is a line break.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract import extract_all
from etl.extract.claims import KINDS, extract_claims
from etl.normalize import normalise
from etl.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases" / "claims.tsv"
AGENCY, YEAR = "周村区科学技术局", 2021

_ITEM = re.compile(
    r"^(?P<kind>[a-z_]+):(?P<ind>[a-z_]+)(?:=(?P<val>-?\d+(?:\.\d+)?))?(?:~(?P<q>[a-z_]+))?"
    r">(?P<about>\d{4})(?:@(?P<ag>\S+))?$"
)


@dataclass(frozen=True)
class Case:
    line: int
    text: str
    expected: tuple
    why: str
    agency: str
    year: int


def _load() -> list[Case]:
    out, agency, year, header = [], AGENCY, YEAR, False
    for n, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), start=1):
        if m := re.match(r"^#@ agency=(\S+) year=(\d{4})$", line):
            agency, year = m[1], int(m[2])
            continue
        if not line.strip() or line.startswith("#"):
            continue
        if not header:
            assert line == "text\texpected\twhy", f"line {n}: bad header"
            header = True
            continue
        text, expected, why = line.split("\t")
        items = []
        for raw in [] if expected.strip() == "-" else expected.split(" ; "):
            m = _ITEM.match(raw.strip())
            assert m, f"line {n}: bad item {raw!r}"
            assert m["kind"] in KINDS, f"line {n}: unknown kind {m['kind']}"
            val = None if m["val"] is None else float(m["val"])
            items.append((m["kind"], m["ind"], val, m["q"], int(m["about"]), m["ag"] or agency))
        out.append(Case(n, text.replace("\\n", "\n"), tuple(sorted(items, key=str)), why,
                        agency, year))  # fmt: skip
    return out


ALL = _load()
REGISTRY = Registry.load(ROOT / "data")


def claims_of(text: str, agency: str = AGENCY, year: int = YEAR):
    norm = normalise(text)
    facts, cands = extract_all(text, agency, year, REGISTRY, norm=norm)
    return extract_claims(text, year, facts, cands, agency, norm)


def test_enough_cases_and_a_third_yield_nothing():
    assert len(ALL) >= 80
    empty = sum(1 for c in ALL if not c.expected)
    assert empty * 3 >= len(ALL), f"{empty} of {len(ALL)} cases yield nothing"
    kinds = {i[0] for c in ALL for i in c.expected}
    assert kinds == set(KINDS)


@pytest.mark.parametrize("case", ALL, ids=[f"L{c.line}" for c in ALL])
def test_claims_of_sentence(case: Case):
    got = claims_of(case.text, case.agency, case.year)
    keys = tuple(sorted(((c.kind, c.indicator, c.value, c.qualifier, c.about_year, c.agency)
                         for c in got), key=str))  # fmt: skip
    assert keys == case.expected, case.why
    for c in got:  # nothing invented: the quote is the text, the number inside it
        assert case.text[c.start : c.end] == c.quote
        assert c.start <= c.num_start < c.num_end <= c.end
        assert c.year == case.year


def test_claims_never_change_the_facts():
    """The claims pass reads the extractor's facts; it must not add or drop any."""
    text = "全年开展执法检查15次，比上年增加3次；办理行政处罚案件5件，同比下降20%。"
    facts, _ = extract_all(text, AGENCY, YEAR, REGISTRY)
    claims_of(text)
    again, _ = extract_all(text, AGENCY, YEAR, REGISTRY)
    assert [(f.indicator, f.value) for f in facts] == [("inspections", 15), ("cases", 5)]
    assert [(f.indicator, f.value) for f in again] == [(f.indicator, f.value) for f in facts]


# --- python -m etl check -------------------------------------------------------------------


def _folder(tmp_path: Path, level_2020: int) -> Path:
    data = tmp_path / "data"
    folder = data / "reports" / "周村区科学技术局"
    folder.mkdir(parents=True)
    (data / "registry").mkdir()
    src = ROOT / "data" / "registry" / "agencies.csv"
    (data / "registry" / "agencies.csv").write_bytes(src.read_bytes())
    (folder / "区科技局2021年度法治政府建设情况报告.txt").write_text(
        "区科技局2021年度法治政府建设情况报告\n\n2021年，我局全年开展执法检查15次，比上年增加3次。\n",
        encoding="utf-8",
    )
    (folder / "区科技局2020年度法治政府建设情况报告.txt").write_text(
        f"区科技局2020年度法治政府建设情况报告\n\n2020年，我局全年开展执法检查{level_2020}次。\n",
        encoding="utf-8",
    )
    return data


def _etl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)  # fmt: skip


@pytest.mark.parametrize(
    ("level_2020", "verdict", "observed", "code"),
    [(10, "inconsistent", 5, 3), (12, "consistent", 3, 0)],
)
def test_check_compares_with_the_year_before(tmp_path, level_2020, verdict, observed, code):
    data = _folder(tmp_path, level_2020)
    db = tmp_path / "w.duckdb"
    assert _etl("build", "--data", str(data), "--db", str(db)).returncode == 0
    r = _etl("check", "--db", str(db), "--json")
    assert r.returncode == code, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert (row["verdict"], row["claimed"], row["observed"]) == (verdict, 3, observed)
    assert (row["year"], row["about_year"], row["other_value"]) == (2021, 2020, level_2020)
    assert row["quote"].endswith("比上年增加3次")
    assert row["other_quote"] == f"我局全年开展执法检查{level_2020}次"
    text = _etl("check", "--db", str(db), "--agency", "区科技局", "--year", "2021")
    assert text.returncode == code
    assert ("不符" if code else "相符") in text.stdout
    assert f"+{observed}次" in text.stdout
    other = _etl("check", "--db", str(db), "--year", "2020", "--json")
    assert (other.returncode, other.stdout) == (0, "")  # the 2020 report claims nothing


def test_check_a_missing_year_is_unverifiable(tmp_path):
    data = _folder(tmp_path, 10)
    next(data.glob("reports/*/*2020*")).unlink()
    db = tmp_path / "w.duckdb"
    assert _etl("build", "--data", str(data), "--db", str(db)).returncode == 0
    r = _etl("check", "--db", str(db))
    assert r.returncode == 0
    assert "无法核对" in r.stdout and "缺少2020年的执法检查次数" in r.stdout


def test_check_without_a_warehouse_says_what_to_do(tmp_path):
    r = _etl("check", "--db", str(tmp_path / "none.duckdb"))
    assert r.returncode == 2 and "python -m etl build" in r.stderr


_CLAIM_PIECES = ["比", "较", "由", "从", "与", "同", "和", "上", "一", "年", "度", "去", "前",
                 "2019", "20", " ", "的", "3", "次", "增加", "同比", "持平", "相比", "，",
                 "连续", "三", "基本", "%", "个百分点", "期", "下降", "比上年", "较2019年",
                 "与去年相比，", "上一年度", "前年", "增加了", "5件", "零复议", "未发生",
                 "的8件", "同期", "减少2起"]  # fmt: skip


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(_CLAIM_PIECES), max_size=14).map("".join))
def test_every_claim_opens_with_what_a_read_sentence_holds(text):
    """claims._ANY (a sentence without it is not read) matches where each claim pattern's
    match opens."""
    from etl.extract.claims import _ANY, _patterns

    for pattern in _patterns()[1:]:
        for m in pattern.finditer(text):
            assert _ANY.match(text, m.start()), (text, m.group(0))
