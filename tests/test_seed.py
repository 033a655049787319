"""The one real report (周村区, 2018) yields exactly the facts the issue lists."""

from __future__ import annotations

import re

from etl.pipeline import process_file
from etl.registry import Registry
from tests.conftest import DATA, SEED

EXPECTED = {
    ("周村区科学技术局", "inspection_plans", 1),
    ("周村区科学技术局", "inspections", 12),
    ("周村区科学技术局", "cases", 11),
    ("周村区科学技术局", "online_case_rate", 100),
    ("周村区科学技术局", "contracts_reviewed", 3),
    ("周村区科学技术局", "disclosure_requests", 0),
    ("周村区科学技术局", "reconsideration_cases", 0),
    ("周村区知识产权局", "penalty_case_files", 4),
    ("周村区地震局", "approval_items", 2),
}
ALLOWED_EXTRA = {("周村区科学技术局", "litigation_cases", 0)}  # from 没有收到行政复议应诉要求


def _seed():
    return process_file(SEED, Registry.load(DATA), strict=True)


def test_seed_report_is_identified():
    doc = _seed()
    assert (doc.agency, doc.year, doc.kind) == ("周村区科学技术局", 2018, "report")
    assert doc.title == "区科技局2018年度法治政府建设情况报告"


def test_seed_yields_exactly_the_listed_facts():
    got = {(f.agency, f.indicator, f.value) for f in _seed().facts if f.value is not None}
    assert got - ALLOWED_EXTRA == EXPECTED
    assert all(f.year == 2018 for f in _seed().facts)


def test_seed_distractors_never_become_values():
    # 2018, 2016, 2020 (years), 4.26 (a date), 三 (“三最”), 一次 (“一次办好”), section numbers
    values = {f.value for f in _seed().facts}
    for v in (2018, 2016, 2020, 4.26, 4, 26) + tuple(range(5, 11)):
        if v == 4:
            continue  # 4 is the IP bureau's real case-file count
        assert v not in values, v
    quotes = " ".join(f.quote for f in _seed().facts)
    assert "三最" not in quotes and "一次办好" not in quotes


def test_every_seed_fact_quotes_its_source_sentence():
    doc = _seed()
    for f in doc.facts:
        assert doc.text[f.start : f.end] == f.quote
        assert f.start <= f.num_start < f.num_end <= f.end
        number = doc.text[f.num_start : f.num_end]
        if f.rule.startswith(("kw:", "after:", "pair:")):
            assert re.sub(r"[^\d.]", "", number) == f"{f.value:g}", (number, f)
