"""Candidates (numbers set aside) on 审核 and 数据质量: listed with their reasons in plain
Chinese, filtered by reason, turned into a fact by an editor (one corrections.csv row, the
rebuilt warehouse and the trends page show the value, method correction), not editable by a
viewer, and counted per report on 数据质量. Each test runs on its own copy of a small data/
(never the real one)."""

from __future__ import annotations

import re
from html import unescape

import duckdb
import pytest
from board_fixtures import ROOT, TIMEOUT, assert_ok, chart_data, charts, texts
from test_build import make_corpus, write
from test_pages_parked import PAGE_TEXT, REL
from test_pages_review import open_review

from etl.build import build

pytest_plugins = ["board_fixtures"]
REPORT_2020 = (
    "区科技局2020年度法治政府建设情况报告\n\n"
    "2020年，我局开展执法检查9次，比上年增加2次。组织学法培训3次，其中专题讲座1次。"
    "截至年底，现行有效规范性文件累计12件。全年坚持每月开展一次执法检查。\n"
)
REL_2020 = "reports/区科技局2020年度法治政府建设情况报告.txt"
Q = {"y0": "2018", "y1": "2020", "ag": "zc_kjj,zc_zscqj,zc_dzj", "view": "candidates"}
VERIFIED = "已核实"  # the status the trends chart shows of a corrected value


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    data = make_corpus(tmp_path)
    write(data / REL_2020, REPORT_2020)
    write(data / REL, PAGE_TEXT)  # a parked report: its numbers have no agency, no year
    db = tmp_path / "w.duckdb"
    assert build(data, db, workers=1).parked == [REL]
    monkeypatch.setenv("FAZHI_WAREHOUSE", str(db))
    monkeypatch.setenv("FAZHI_DATA", str(data))
    return data, db


def query(db, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def html(at) -> str:
    """The candidate cards (not the parked reports above them)."""
    return "\n".join(b for b in (str(e.proto.body) for e in at.get("html")) if "fz-cand" in b)


def control(at, key: str):
    [w] = [w for w in at.button_group if w.key == key]
    return w


def forms(at) -> list[str]:
    return sorted({b.proto.form_id for b in at.button if b.proto.form_id.startswith("cd_")})


def candidate_id(db, quote_part: str) -> int:
    [(cid,)] = query(db, "SELECT candidate_id FROM candidate WHERE contains(quote, ?)", quote_part)
    return cid


def submit(at, cid: int):
    [b] = [b for b in at.button if b.proto.form_id == f"cd_{cid}"]
    return b.click().run()


def resolved(db, agency: str, year: int, indicator: str):
    rows = query(db, "SELECT value, method, status FROM resolved WHERE agency_id = ? AND "
                 "year = ? AND indicator_id = ?", agency, year, indicator)  # fmt: skip
    return rows[0] if rows else None


def trends_values(agency: str, year: int, indicator: str) -> list[tuple]:
    """The (value, method) rows the trends page charts for one key."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for k, v in {"y0": str(year - 1), "y1": str(year), "ag": agency, "ind": indicator}.items():
        at.query_params[k] = v
    at.switch_page("pages/1_趋势.py")
    at.run()
    assert_ok(at)
    [chart] = charts(at)
    data = chart_data(chart)
    rows = data[(data["agency_id"] == agency) & (data["year"] == year)]
    # what the chart shows of the value: the number and its status (the chart is sent the
    # columns it reads, not method: the correction is checked in the warehouse before this)
    return sorted(set(zip(rows["value"], rows["status_txt"], strict=True)))


def test_the_queue_stays_first_and_the_switch_counts_candidates(corpus):
    _, db = corpus
    [(n,)] = query(db, "SELECT count(*) FROM candidate")
    at = open_review({k: v for k, v in Q.items() if k != "view"})
    assert_ok(at)
    view = control(at, "w_review_view")
    assert view.value == "queue"
    assert view.options[1] == f"未采用的数字（{n}个）"
    assert "未采用的数字（候选" not in texts(at)
    view.set_value("candidates").run()
    assert_ok(at)
    assert f"未采用的数字（候选，{n}个）" in texts(at)
    assert at.query_params["view"] == "candidates"


def test_candidates_are_listed_with_their_reasons(corpus):
    at = open_review(Q)
    assert_ok(at)
    body = html(at)
    # the reason in plain Chinese, the sentence with the number marked, the file and place
    assert "未采用的原因：与上年相比的增减，不是本年数值" in body
    assert "比上年增加<mark>2</mark>次" in body
    assert "现行有效规范性文件累计<mark>12</mark>件" in body
    assert f"文件：{REL_2020} · 第2段" in body
    assert "未采用的原因：累计或现有总量，不是本年数值" in body
    # the parked report's numbers are there too, marked in their quote, waiting for a place
    assert "今年开展执法检查<mark>9</mark>次" in body
    assert "单位待定 · 年度待定 · 执法检查次数" in body
    assert "这份报告的单位和年度尚未确定" in body
    # a key that already has a value says so
    assert "该单位该年度此指标现有数值：9次（报告原文）" in body
    # no English in 中文 mode
    assert "delta" not in body and "Set aside" not in body


def test_filtering_by_reason(corpus):
    _, db = corpus
    at = open_review(Q)
    why = control(at, "w_review_why")
    assert {"与上年增减 1", "累计或现有总量 1", "报告单位或年度未定 2"} <= set(why.options)
    why.set_value(["stock"]).run()
    assert_ok(at)
    assert "未采用的数字（候选，1个）" in texts(at)
    body = html(at)
    assert "现行有效规范性文件累计<mark>12</mark>件" in body
    assert "比上年增加" not in body and "今年开展执法检查" not in body
    assert at.query_params["why"] == "stock"
    # and by the page's indicators
    at = open_review({**Q, "ind": "inspections"})
    [(n,)] = query(db, "SELECT count(*) FROM candidate WHERE indicator_id = 'inspections'")
    assert f"未采用的数字（候选，{n}个）" in texts(at)
    assert "规范性文件" not in html(at)


def test_paged_ten_at_a_time(tmp_path, monkeypatch):
    data = make_corpus(tmp_path)
    for i in range(25):  # 25 reports of one year, one delta each
        write(data / f"reports/r{i:02d}/区科技局2020年度法治政府建设情况报告.txt",
              REPORT_2020.replace("比上年增加2次", f"比上年增加{i + 30}次"))  # fmt: skip
    db = tmp_path / "w.duckdb"
    build(data, db, workers=1)
    monkeypatch.setenv("FAZHI_WAREHOUSE", str(db))
    monkeypatch.setenv("FAZHI_DATA", str(data))
    at = open_review({**Q, "why": "delta"})
    assert_ok(at)
    assert "未采用的数字（候选，25个）" in texts(at)
    assert html(at).count("fz-card fz-cand") == 10
    assert "第1–10个，共25个" in texts(at)
    at.get("pagination")[0].set_value(3).run()
    assert_ok(at)
    assert html(at).count("fz-card fz-cand") == 5
    assert "第21–25个，共25个" in texts(at)


def test_an_editor_turns_a_candidate_into_a_fact(corpus):
    data, db = corpus
    assert resolved(db, "zc_kjj", 2020, "normative_documents") is None
    cid = candidate_id(db, "现行有效规范性文件累计12件")
    at = open_review({**Q, "why": "stock"})
    assert forms(at) == [f"cd_{cid}"]
    # prefilled from the candidate
    assert at.selectbox(key=f"cd_ind_{cid}").value == "normative_documents"
    assert at.selectbox(key=f"cd_ag_{cid}").value == "zc_kjj"
    assert at.number_input(key=f"cd_yr_{cid}").value == 2020
    assert at.number_input(key=f"cd_v_{cid}").value == 12
    at.text_input(key=f"cd_why_{cid}").input("报告未写本年制发数，按现行有效数记")
    submit(at, cid)
    assert_ok(at)
    saved = "\n".join(s.value for s in at.success)
    assert "已记入 data/corrections.csv 第2行" in saved
    assert "区科技局 2020年“规范性文件”现为 12件（人工更正）" in saved
    lines = (data / "corrections.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2  # the header and one row
    assert lines[1].startswith(
        "周村区科学技术局,2020,normative_documents,,12,corrected,"
        "报告未写本年制发数，按现行有效数记（第2段，原文：“现行有效规范性文件累计12件”）,本机,"
    )
    assert lines[1].endswith(f",{REL_2020}")
    assert resolved(db, "zc_kjj", 2020, "normative_documents") == (12, "correction", "verified")
    assert trends_values("zc_kjj", 2020, "normative_documents") == [(12, VERIFIED)]
    # the card now says it was adopted, without a form
    assert "已采用为数值（人工更正）" in html(at)
    assert forms(at) == []


def test_an_editor_places_a_parked_reports_number(corpus):
    data, db = corpus
    cid = candidate_id(db, "今年开展执法检查9次")
    at = open_review({**Q, "why": "unidentified_document"})
    assert at.selectbox(key=f"cd_ag_{cid}").value is None
    assert at.number_input(key=f"cd_yr_{cid}").value is None
    # without an agency and a year nothing is saved
    at.text_input(key=f"cd_why_{cid}").input("网页栏目为区地震局")
    submit(at, cid)
    assert [e.value for e in at.error] == ["请先选择或填写：单位、年份。"]
    assert not (data / "corrections.csv").exists()
    at.selectbox(key=f"cd_ag_{cid}").set_value("zc_dzj")
    at.number_input(key=f"cd_yr_{cid}").set_value(2019)
    submit(at, cid)
    assert_ok(at)
    assert resolved(db, "zc_dzj", 2019, "inspections") == (9, "correction", "verified")
    assert trends_values("zc_dzj", 2019, "inspections") == [(9, VERIFIED)]
    text = (data / "corrections.csv").read_text(encoding="utf-8-sig")
    assert "周村区地震局,2019,inspections,,9,corrected,网页栏目为区地震局（" in text
    assert text.rstrip().endswith(f",{REL}")


def test_a_viewer_sees_the_candidates_without_a_form(corpus):
    at = open_review(Q, {"local_editing": False})
    assert_ok(at)
    assert "未采用的数字（候选" in texts(at)
    assert "有编辑权限的人可以把其中的数字采用为数值" in texts(at)
    assert "比上年增加<mark>2</mark>次" in html(at)
    assert forms(at) == [] and not at.expander
    assert not [w for w in at.selectbox if (w.key or "").startswith("cd_")]


def test_in_english(corpus):
    at = open_review({**Q, "lang": "en", "why": "delta"})
    assert_ok(at)
    assert "Numbers set aside (candidates, 1)" in texts(at)
    assert "Set aside: a change on another year, not a level" in html(at)
    assert [e.label for e in at.expander] == ["Use as a value"]


def quality_page(query: dict):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page("pages/7_数据质量.py")
    return at.run()


def cand_table(at) -> tuple[list[str], list[dict]]:
    """The header and the rows of the candidates table (报告 split into title and file)."""
    [body] = [str(e.proto.body) for e in at.get("html") if "候选数" in str(e.proto.body)]
    head = [unescape(h) for h in re.findall(r"<th>(.*?)</th>", body)]
    rows = []
    for tr in re.findall(r"<tr>(<td.*?)</tr>", body):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr)
        title, path = re.fullmatch(r"(.*)<br><small>(.*)</small>", cells[0]).groups()
        text = [unescape(re.sub(r"<[^>]+>", "", c)) for c in cells[1:]]
        rows.append(dict(zip(["报告", "文件", *head[1:]], [unescape(title), unescape(path), *text],
                             strict=True)))  # fmt: skip
    return head, rows


def test_quality_counts_candidates_per_report(corpus):
    _, db = corpus
    at = quality_page({"y0": "2018", "y1": "2020", "ag": "zc_kjj,zc_zscqj,zc_dzj"})
    assert_ok(at)
    head, rows = cand_table(at)
    assert head == ["报告", "单位", "年度", "候选数", "按原因"]
    want = dict(query(db, "SELECT path, count(*) FROM candidate GROUP BY path"))
    assert {r["文件"]: int(r["候选数"]) for r in rows} == want
    counts = [int(r["候选数"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert f"未采用的数字最多的报告（{len(want)}份）" in texts(at)
    [row] = [r for r in rows if r["文件"] == REL_2020]
    assert (row["报告"], row["单位"], row["年度"]) == (
        "区科技局2020年度法治政府建设情况报告", "区科技局", "2020",
    )  # fmt: skip
    by_reason = dict(query(db, "SELECT reason, count(*) FROM candidate WHERE path = ? "
                           "GROUP BY reason", REL_2020))  # fmt: skip
    assert by_reason == {"delta": 1, "part": 1, "stock": 1, "frequency": 1}
    assert sorted(row["按原因"].split("、")) == sorted(
        ["与上年增减 1", "总数中的一部分 1", "累计或现有总量 1", "频次要求 1"]
    )
    [parked] = [r for r in rows if r["文件"] == REL]
    assert (parked["报告"], parked["单位"], parked["年度"]) == ("网页.txt", "待指定", "待指定")
    assert parked["按原因"] == f"报告单位或年度未定 {want[REL]}"
    # the year filter leaves out the 2020 report, keeps the parked one
    at = quality_page({"y0": "2018", "y1": "2019", "ag": "zc_kjj,zc_zscqj,zc_dzj"})
    files = {r["文件"] for r in cand_table(at)[1]}
    assert REL_2020 not in files and REL in files


def test_a_demo_reports_numbers_are_labelled_demo(tmp_path, monkeypatch):
    """Demo data is labelled wherever it shows: a candidate from a file under data/demo/
    carries the 演示数据 badge; one from a real report does not."""
    data = make_corpus(tmp_path)
    write(data / REL_2020, REPORT_2020)
    demo = "demo/reports/区科技局2019年度法治政府建设情况报告（演示）.txt"
    write(
        data / demo,
        "区科技局2019年度法治政府建设情况报告\n\n2019年，我局开展执法检查8次，比上年增加5次。\n",
    )
    db = tmp_path / "w.duckdb"
    build(data, db, workers=1)
    monkeypatch.setenv("FAZHI_WAREHOUSE", str(db))
    monkeypatch.setenv("FAZHI_DATA", str(data))
    at = open_review(Q)
    assert_ok(at)
    cards = [h for h in html(at).split('class="fz-card fz-cand"')[1:]]
    demo_cards = [c for c in cards if "比上年增加<mark>5</mark>次" in c]
    real_cards = [c for c in cards if "比上年增加<mark>2</mark>次" in c]
    assert demo_cards and real_cards
    assert all('class="fz-demo">演示数据' in c for c in demo_cards)
    assert not any('class="fz-demo"' in c for c in real_cards)
