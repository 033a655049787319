"""Agency and year come from the title, checked against the body; never from a banner."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.identify import Unidentified, identify, region_of

BODY = "\n\n2019年，我局全年开展执法检查8次。"

TITLES = [  # (text, agency as the title writes it, year)
    ("区科技局2019年度法治政府建设情况报告" + BODY, "区科技局", 2019),
    ("周村区科技局关于2019年度法治政府建设工作的报告" + BODY, "周村区科技局", 2019),
    ("周村区科学技术局2019年法治政府建设情况报告" + BODY, "周村区科学技术局", 2019),
    ("淄川區地震局2019年度法治政府建設情況報告" + BODY, "淄川区地震局", 2019),
    ("泰安市岱岳区地震局2019年政府信息公开工作年度报告" + BODY, "泰安市岱岳区地震局", 2019),
    ("周村区知识产权局二〇一九年度法治政府建设情况报告" + BODY, "周村区知识产权局", 2019),
    ("\n\n  区科技局2019年度法治政府建设情况报告  \n" + BODY, "区科技局", 2019),
    # a web page's banner line before the title is skipped, and its date is not the year
    ("发布时间：2020年03月12日　浏览次数：356\n张店区知识产权局2019年度法治政府建设情况报告" + BODY,
     "张店区知识产权局", 2019),
    ("张店区知识产权局2019年度法治政府建设情况报告\n发布时间：2020年03月12日　　浏览次数：356" + BODY,
     "张店区知识产权局", 2019),
    ("【演示】区科技局2019年度法治政府建设情况报告\n（演示数据：数字为虚构）" + BODY, "区科技局", 2019),
]  # fmt: skip


@pytest.mark.parametrize("text,agency,year", TITLES, ids=[str(i) for i in range(len(TITLES))])
def test_title_gives_agency_and_year(text, agency, year):
    ident = identify(text)
    assert (ident.agency, ident.year, ident.year_source) == (agency, year, "title")


def test_year_from_folder_when_the_title_has_none():
    text = "区科技局法治政府建设情况报告\n\n全年开展执法检查8次。"
    ident = identify(text, Path("data/reports/2019/区科技局法治政府建设情况报告.txt"))
    assert (ident.year, ident.year_source) == (2019, "folder")


REJECTED = [  # (text, words the reason must contain)
    ("", "标题"),
    ("区科技局法治政府建设情况报告\n\n全年开展执法检查8次。", "年度"),
    ("2019年度法治政府建设情况报告\n\n全年开展执法检查8次。", "单位"),
    # the body speaks only of 2016: a title saying 2019 is wrong, not guessed around
    ("区科技局2019年度法治政府建设情况报告\n\n2016年，我局开展检查8次。2016年底完成。", "不一致"),
    # dashes with no year before them are punctuation: the year is read, the agency is not
    ("'; DROP TABLE fact; --2019年度法治政府建设情况报告" + BODY, "单位"),
    # a range of years is not one year: refused rather than read as its last year
    ("区科技局2018-2019年度法治政府建设情况报告" + BODY, "年份区间"),
    ("区科技局2018年至2019年法治政府建设情况报告" + BODY, "年份区间"),
]


@pytest.mark.parametrize("text,words", REJECTED, ids=[str(i) for i in range(len(REJECTED))])
def test_unidentifiable_reports_are_refused_with_a_reason(text, words):
    with pytest.raises(Unidentified) as e:
        identify(text, Path("x.txt"))
    assert words in e.value.reason


def test_next_years_plans_do_not_contradict_the_title():
    text = "区科技局2019年度法治政府建设情况报告\n\n全年开展检查8次。2020年，我局将继续努力。"
    assert identify(text).year == 2019


@pytest.mark.parametrize(
    "agency,region",
    [("周村区科学技术局", "周村区"), ("洛阳市涧西区科学技术局", "洛阳市涧西区"), ("区科技局", "区"),
     ("淄博市科学技术局", "淄博市"), ("周村区市场监督管理局", "周村区")],
)  # fmt: skip
def test_region_of(agency, region):
    assert region_of(agency) == region
