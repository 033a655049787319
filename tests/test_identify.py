"""Agency and year come from the title, checked against the body; never from a banner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from etl.identify import Unidentified, identify, region_of

ROOT = Path(__file__).resolve().parent.parent

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
    ("区科技局2019年1-12月法治政府建设工作总结" + BODY, "区科技局", 2019),  # the whole year
    # a title laid out over three short lines, and a title with its body's name under it
    ("周村区科学技术局\n关于2019年度法治政府建设\n工作情况的报告" + BODY, "周村区科学技术局", 2019),
    ("2019年度法治政府建设情况报告\n\n周村区科学技术局" + BODY, "周村区科学技术局", 2019),
    # a page that put its information line between the body's name and the rest of the title
    ("周村区科学技术局\n发布时间：2020-01-10 来源：本站 浏览次数：\n2019年度法治政府建设情况报告" + BODY,
     "周村区科学技术局", 2019),
    ("周村区地震局\n2020年01月10日\n2019年度法治政府建设情况报告" + BODY, "周村区地震局", 2019),
    # the year before the name (sites that file reports by year): 年 is no part of the name
    ("2019年周村区科学技术局法治政府建设情况报告" + BODY, "周村区科学技术局", 2019),
    ("2019年度区科技局政府信息公开工作年度报告" + BODY, "区科技局", 2019),
    ("二〇一九年周村区知识产权局法治政府建设情况报告" + BODY, "周村区知识产权局", 2019),
]  # fmt: skip


@pytest.mark.parametrize("text,agency,year", TITLES, ids=[str(i) for i in range(len(TITLES))])
def test_title_gives_agency_and_year(text, agency, year):
    ident = identify(text)
    assert (ident.agency, ident.year, ident.year_source) == (agency, year, "title")


def test_a_title_split_by_the_pages_information_line_is_shown_whole():
    text = "青禾县科学技术局\n发布时间：2025-01-10 来源：本站\n2024年度法治政府建设情况报告" + BODY
    assert identify(text).title == "青禾县科学技术局2024年度法治政府建设情况报告"


@pytest.mark.parametrize(
    "above",
    [
        "青禾县人民政府",  # the site's name: no bureau
        "青禾县人民政府办公室",  # an office, not the bureau that reports
        "关于加强科技工作的通知",  # no name alone
    ],
)
def test_only_a_bureaus_name_alone_completes_a_split_title(above):
    text = f"{above}\n发布时间：2025-01-10\n2024年度法治政府建设情况报告\n\n2024年，我局开展执法检查8次。"
    with pytest.raises(Unidentified):
        identify(text, Path("x.txt"))


def test_year_from_folder_when_the_title_has_none():
    text = "区科技局法治政府建设情况报告\n\n全年开展执法检查8次。"
    ident = identify(text, Path("data/reports/2019/区科技局法治政府建设情况报告.txt"))
    assert (ident.year, ident.year_source) == (2019, "folder")


REJECTED = [  # (text, words the reason must contain)
    ("", "标题"),
    ("区科技局法治政府建设情况报告\n\n全年开展执法检查8次。", "年度"),
    ("2019年度法治政府建设情况报告\n\n全年开展执法检查8次。", "单位"),
    # dashes with no year before them are punctuation: the year is read, the agency is not
    ("'; DROP TABLE fact; --2019年度法治政府建设情况报告" + BODY, "单位"),
    # a range of years is not one year: refused rather than read as its last year
    ("区科技局2018-2019年度法治政府建设情况报告" + BODY, "年份区间"),
    ("区科技局2018年至2019年法治政府建设情况报告" + BODY, "年份区间"),
    # part of a year: its figures are not the year's (a quarter's zero is no year's zero)
    ("区科技局2019年第三季度关于未发生行政处罚事项的情况说明" + BODY, "不是年度报告"),
    ("区科技局2019年上半年法治政府建设工作总结" + BODY, "不是年度报告"),
    ("区科技局2019年1-6月政务公开工作情况报告" + BODY, "不是年度报告"),
    # a date above a title that has no year is when it was written, not the year covered
    ("2019年1月10日\n区科技局法治政府建设情况报告\n\n全年开展执法检查8次。", "年度"),
    ("（2019年1月10日）\n区科技局法治政府建设情况报告\n\n全年开展执法检查8次。", "年度"),
    # a news item of part of a year: its figures are not the year's
    (
        "区科技局召开法治建设推进会\n7月10日，区科技局召开2023年上半年法治建设推进会，通报全局开展执法检查3次。",
        "年度",
    ),
    # a title of another kind (说明) over the body's first heading is no report title
    ("区科技局2019年度部门决算公开说明\n一、部门基本情况\n本部门内设3个股室。", "年度"),
]


@pytest.mark.parametrize("text,words", REJECTED, ids=[str(i) for i in range(len(REJECTED))])
def test_unidentifiable_reports_are_refused_with_a_reason(text, words):
    with pytest.raises(Unidentified) as e:
        identify(text, Path("x.txt"))
    assert words in e.value.reason


def test_a_clear_title_is_never_overruled_by_the_body_only_noted():
    # the body speaks only of 2016: the title stands, and the doubt is noted for 数据质量
    text = "区科技局2019年度法治政府建设情况报告\n\n2016年，我局开展检查8次。2016年底完成。"
    ident = identify(text)
    assert (ident.agency, ident.year, ident.year_source) == ("区科技局", 2019, "title")
    assert len(ident.notes) == 1 and "2016年" in ident.notes[0]


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


# Pages as saved from a website (issue 11): chrome before the title, metadata fields, a
# title split over two lines, no title at all. Written here in the shapes of real pages,
# with invented bodies and figures. (text, path, agency, agency source, year, year source)
BODY_LINE = (
    "一、主要工作\n全年开展执法检查8次，检查企业21家，执法工作规范有序，群众满意度持续提高。"
)
PAGES = [
    ("首页 > 政务公开 > 部门信息 > 临川市科技局 > 法治政府建设年度报告\n"
     "临川市科技局2019年度法治政府建设情况报告\n发布时间：2020-01-22 10:31  浏览次数：412\n"
     + BODY_LINE, None, "临川市科技局", "title", 2019, "title"),
    # the title far down, after a long block of chrome
    ("当前位置：首页 > 信息公开\n" + "\n".join(f"栏目{i}" for i in range(20)) +
     "\n青禾县地震局2022年度法治政府建设工作报告\n" + BODY_LINE,
     None, "青禾县地震局", "title", 2022, "title"),
    # a metadata table, several fields to a line; the 索引号 and 成文日期 years are not it
    ("索引号：11371122MB1234/2021-00017  发布机构：青禾县科学技术局  成文日期：2021-02-03\n"
     "名 称：青禾县科学技术局2020年度法治政府建设情况报告\n" + BODY_LINE,
     None, "青禾县科学技术局", "metadata", 2020, "metadata"),
    # the same table saved one cell per line
    ("索引号\n113711/2023-0042\n发布机构\n青禾县知识产权局\n成文日期\n2023-01-30\n"
     "2022年，我局在县委、县政府的坚强领导下，认真履行知识产权保护职责，开展执法检查6次。",
     None, "青禾县知识产权局", "metadata", 2022, "opening"),
    # no title: the opening sentence names both
    ("发布时间：2025-02-01 浏览次数：99\n"
     "2024年，县科技局在县委、县政府的坚强领导下，认真落实法治政府建设各项要求，开展执法检查3次。",
     None, "县科技局", "opening", 2024, "opening"),
    ("首页>信息公开>年度报告\n现将临川市气象局2019年度政府信息公开工作年度报告公布如下：\n"
     "一、总体情况\n本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。",
     None, "临川市气象局", "opening", 2019, "opening"),
    # the period the report covers, stated in its body; the publication date is not it
    ("青禾县科技局政府信息公开工作年度报告\n发布日期：2021年1月15日\n"
     "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止，由青禾县科技局编制。",
     None, "青禾县科技局", "title", 2020, "opening"),
    # a disclosure report's opening: the law it follows, then the body that compiled it;
    # the period's end without its year
    ("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定编制本报告。由临川市青禾区科学技术局编制。"
     "本报告中所列数据统计期限为2022年1月1日至12月31日止。\n一、总体情况\n" + BODY_LINE,
     None, "临川市青禾区科学技术局", "opening", 2022, "opening"),
    ("本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》，"
     "由青禾县地震局结合有关统计数据编制。本年度报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
     "一、总体情况\n2023年，县地震局按照政务公开工作要点，全年主动公开政府信息45条。",
     None, "青禾县地震局", "opening", 2023, "opening"),
    # a title that names the bureau by its level alone; the 发布机构 field says whose
    ("名  称: 区科技局2022年法治政府建设情况报告\n发布机构: 澜石市沙洲区科学技术局\n"
     "成文日期: 2023-02-14\n" + BODY_LINE,
     None, "澜石市沙洲区科学技术局", "metadata", 2022, "metadata"),
    # ... but a publisher of another kind (the district's office) does not replace it
    ("名  称: 区科技局2022年法治政府建设情况报告\n发布机构: 澜石市沙洲区人民政府办公室\n" + BODY_LINE,
     None, "区科技局", "metadata", 2022, "metadata"),
    # the agency on its own line above the title
    ("临川市科学技术局\n2019年度法治政府建设情况报告\n\n" + BODY_LINE,
     None, "临川市科学技术局", "title", 2019, "title"),
    # a title without the agency; the signature at the foot names it
    ("关于2019年度法治政府建设情况的报告\n\n" + BODY_LINE + "\n\n青禾县科学技术局\n2020年1月10日",
     None, "青禾县科学技术局", "signature", 2019, "title"),
    # a short opening line, with no comma, that presents the report: not a heading
    ("首页 > 信息公开 > 年度报告\n发布时间：2022-01-20\n现将桐溪县地震局2021年度报告如下。\n"
     "一、总体情况\n全年开展执法检查6次。",
     None, "桐溪县地震局", "opening", 2021, "opening"),
    # the opening names the bureau by its level alone; the signature says whose
    ("法治政府建设年度报告\n2024年，县科技局在县委、县政府领导下，全面推进依法行政，"
     "全年开展执法检查5次。\n\n青禾县科学技术局\n2025年1月20日",
     None, "青禾县科学技术局", "signature", 2024, "opening"),
    # 我局 is a pronoun, never the agency: the breadcrumb names it
    ("首页 > 部门 > 临川市地震局 > 工作总结\n2021年度依法行政工作总结\n"
     "2021年，我局坚持依法行政，全年开展执法检查4次，检查建设工程12项，执法工作规范有序。",
     None, "临川市地震局", "breadcrumb", 2021, "title"),
    # metadata as a bullet list, and in brackets; the 索引号 and 发布日期 years are not it
    ("- 索引号:000014349/2024-00191\n- 发布机构:临川市气象局\n- 发布日期:2024-02-27\n\n"
     "2023年，我局全面推进依法行政，各项工作取得显著成效，全年开展执法检查12次，现将有关情况报告如下。",
     None, "临川市气象局", "metadata", 2023, "opening"),
    ("[ 索引号 ] 113/2021-01 [ 发布机构 ] 青禾县科技局\n"
     "[ 标题 ] 青禾县科技局2020年度法治政府建设情况报告\n" + BODY_LINE,
     None, "青禾县科技局", "metadata", 2020, "metadata"),
    # metadata saved as a list of values without their labels; the opening names the
    # bureau by its level alone, the list in full ...
    ("• QH1203345/2026-00021\n• 青禾县科学技术局\n• 通知公告\n• 2026-02-11\n"
     "2025年，县科技局深入推进法治政府建设，现将有关情况报告如下：\n" + BODY_LINE,
     None, "青禾县科学技术局", "metadata", 2025, "opening"),
    # ... but a bulleted list below the opening is the body's, not the page's
    ("2025年，县科技局深入推进法治政府建设，现将有关情况报告如下：\n• 县知识产权局\n"
     "• 县地震局\n" + BODY_LINE,
     None, "县科技局", "opening", 2025, "opening"),
    # openings that present the report in other words: 特编制…, 现发布《…》, 我局编制了…;
    # a field's name by its level alone (市科学技术局) completed by the opening's
    ("索引号：3212000029/2021-354896\n发布机构：市科学技术局\n发文日期：2021-01-27\n一、总体情况\n"
     "根据《中华人民共和国政府信息公开条例》的要求，特编制临川市科学技术局2020年政府信息公开工作年度报告。\n"
     + BODY_LINE, None, "临川市科学技术局", "opening", 2020, "opening"),
    ("根据《中华人民共和国政府信息公开条例》要求，现发布《青禾县科学技术局2024年政府信息公开工作年度报告》。"
     "本报告由总体情况等六部分组成。\n一、总体情况\n" + BODY_LINE,
     None, "青禾县科学技术局", "opening", 2024, "opening"),
    ("首页 > 部门 > 临川市科学技术局 > 年度报告\n"
     "根据《中华人民共和国政府信息公开条例》的有关规定，我局编制了2016年政府信息公开工作年度报告。\n"
     "一、概述\n" + BODY_LINE, None, "临川市科学技术局", "breadcrumb", 2016, "opening"),
    # a contact line names the office that answers for the report, its publisher's own: the
    # body before the office, where nothing else names one (in the opening or at the foot)
    ("2021年政府信息公开工作年度报告\n本报告所列数据统计期限为2021年1月1日至12月31日。如对本报告有疑问，"
     "请联系鹤汀县科学技术局办公室（电话：0000-7654321）。\n" + BODY_LINE,
     None, "鹤汀县科学技术局", "contact", 2021, "title"),
    ("2022年度政府信息公开工作年度报告\n" + BODY_LINE + "\n如对本报告有任何疑问，请与梅岭县地震局"
     "政务公开办公室联系，地址：梅岭县东大街1号。\n", None, "梅岭县地震局", "contact", 2022, "title"),
    # a news item: no report title; its first sentence dates the event by month and day and
    # names the year of what it tells (second blind round, h19)
    ("汐浦区科技局召开2023年度法治建设工作推进会\n来源：汐浦区科技局  发布时间：2023-12-29\n"
     "12月28日，汐浦区科技局召开2023年度法治建设工作推进会，局领导班子成员参加会议。\n" + BODY_LINE,
     None, "汐浦区科技局", "metadata", 2023, "opening"),
    # a page that names neither, filed under data/reports/<registered agency>/<year>/
    (BODY_LINE, Path("data/reports/周村区科学技术局/2021/网页.txt"),
     "周村区科学技术局", "folder", 2021, "folder"),
]  # fmt: skip


@pytest.mark.parametrize("text,path,agency,a_src,year,y_src", PAGES,
                         ids=[str(i) for i in range(len(PAGES))])  # fmt: skip
def test_a_saved_page_is_identified_with_its_sources(text, path, agency, a_src, year, y_src):
    ident = identify(text, path)
    got = (ident.agency, ident.agency_source, ident.year, ident.year_source)
    assert got == (agency, a_src, year, y_src)
    assert ident.notes == []


@pytest.mark.parametrize(
    "text",
    [
        # 我局 in an opening with no other name, and no folder: refused, not named 我局
        "2019年，我局坚持依法行政，全年开展执法检查5次，检查建设工程12项，成效明显。",
        # a contact line that names a person, or a government's office, names no publisher
        "2020年政府信息公开工作年度报告\n"
        + BODY_LINE
        + "\n如对本报告有疑问，请联系王晓丽，电话：0000-1234567。",
        "2020年政府信息公开工作年度报告\n"
        + BODY_LINE
        + "\n如对本报告有疑问，请与青禾县人民政府办公室联系。",
        # a publication date and an 索引号 are not the year covered
        "发布时间：2020-03-01\n索引号：113711/2020-00012\n区科技局法治政府建设情况报告\n"
        + BODY_LINE,
    ],
)
def test_pronouns_and_publication_dates_never_identify(text):
    with pytest.raises(Unidentified):
        identify(text, Path("x.txt"))


def test_a_page_with_several_publisher_fields_is_named_the_same_way_every_run():
    """发布机构 before 来源, whatever the interpreter's hash seed (the keys were a set, whose
    order changes from one process to the next)."""
    page = ("来源：周村区人民政府办公室\n发布机构：周村区地震局\n"
            "2022年度法治政府建设工作报告\n" + BODY_LINE)  # fmt: skip
    code = "import sys; from etl.identify import identify; print(identify(sys.stdin.read()).agency)"
    got = {
        subprocess.run([sys.executable, "-c", code], input=page, capture_output=True, text=True,
                       cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": str(seed)},
                       check=True).stdout.strip()
        for seed in range(8)
    }  # fmt: skip
    assert got == {"周村区地震局"}
