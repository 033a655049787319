"""Four more saved pages (tests/fixtures/webpages/w24–w27), written for the second blind round:
a 开发区 science bureau's 信息公开 page whose template tables are filled with "/" (no figure),
a province-level earthquake bureau's 法治 report on an HTML5 site with a system-wide figure and
last year's figure beside this year's, an old table-layout page of a science bureau that is also
the county 科协 (科普 figures beside the law figures), and a 法治 report with a table whose
columns are years (2023年 | 2024年 | 2025年) and a five-year cumulative sentence.

The facts each page must give were written from ../shared/spec/indicators.md before the
extractor was run on the pages; places, names and figures are invented. See
tests/fixtures/webpages/README.md ("w24–w27").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import pipeline

PAGES = Path(__file__).parent / "fixtures" / "webpages"

FJ, YQ = "沣泾高新区科技创新局", "雁丘省地震局"
SY, XP = "杉屿县科学技术局", "棠川市汐浦区科学技术局"
EXPECTED = {
    # 开发区 site; 2021 template whose 第二十条 cells hold "/" (no figure, no fact); 200余条
    # stated with its channels under 其中; no requests, no 复议/诉讼 (body and a zero table)
    "w24_fengjing_kjcxj_2024_xxgk.html": (FJ, 2024, [
        (FJ, "disclosures_proactive", 200), (FJ, "disclosure_requests", 0),
        (FJ, "reconsideration_cases", 0), (FJ, "litigation_cases", 0),
    ]),
    # province-level earthquake bureau; 较2023年的38件增加9件 beside this year's 47; a joint
    # inspection led by the reporter; 全省市县地震部门共开展执法检查412次 is other bodies'
    "w25_yanqiu_dzj_2024_fzzf.html": (YQ, 2024, [
        (YQ, "legal_meetings", 3), (YQ, "trainings", 1), (YQ, "training_attendance", 96),
        (YQ, "approval_items", 2), (YQ, "approval_volume", 47), (YQ, "certified_officers", 29),
        (YQ, "inspections", 5), (YQ, "inspected_entities", 63), (YQ, "normative_documents", 1),
        (YQ, "legal_reviews", 12), (YQ, "reconsideration_cases", 0), (YQ, "litigation_cases", 0),
    ]),
    # old table layout; the bureau is also the county 科协 (title 杉屿县科学技术局（科学技术协会）);
    # left column of 科协 news with figures; 科普活动12场, 培训农民2300人次 are no law figures
    "w26_shanyu_kjj_2015_yfxz.html": (SY, 2015, [
        (SY, "trainings", 4), (SY, "certified_officers", 3), (SY, "inspections", 6),
        (SY, "inspected_entities", 15), (SY, "cases", 0), (SY, "disclosures_proactive", 38),
        (SY, "disclosure_requests", 0), (SY, "reconsideration_cases", 0),
        (SY, "litigation_cases", 0),
    ]),
    # a table whose columns are years (only the 2025年 column is this year's); a sentence of
    # the five years' totals (累计 38, 44: stocks) that states no litigation in those years
    "w27_xipu_kjj_2025_fzzf.html": (XP, 2025, [
        (XP, "legal_meetings", 2), (XP, "certified_officers", 6), (XP, "inspections", 9),
        (XP, "trainings", 10), (XP, "legal_reviews", 18), (XP, "reconsideration_cases", 0),
        (XP, "litigation_cases", 0),
    ]),
}  # fmt: skip


@pytest.mark.parametrize("name", EXPECTED)
def test_saved_page_gives_its_facts(name):
    agency, year, facts = EXPECTED[name]
    p = pipeline.process_file(PAGES / name, None, strict=False)
    assert (p.agency, p.year) == (agency, year)
    got = sorted((f.agency, f.indicator, f.value) for f in p.facts)
    assert got == sorted((a, i, float(v)) for a, i, v in facts)
