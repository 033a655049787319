"""来源 (pages/4_来源.py): documents, facts with the number highlighted (safely),
disagreements between sources, rejected files."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from board_fixtures import assert_ok, open_page, texts, widget

pytest_plugins = ["board_fixtures"]


def html(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def test_documents_and_facts(app, bundled_wh):
    at = open_page("sources")
    assert_ok(at)
    docs = at.dataframe[0].value
    con = duckdb.connect(str(bundled_wh), read_only=True)
    n_docs, n_facts = con.execute("SELECT (SELECT count(*) FROM document), "
                                  "(SELECT count(*) FROM fact)").fetchone()  # fmt: skip
    con.close()
    assert len(docs) == n_docs
    assert list(docs.columns) == ["单位", "年份", "类型", "标题", "数值条数", "数据类型", "文件"]
    assert {"演示数据", "真实数据"} <= set(docs["数据类型"])
    assert f"提取到的数值（{n_facts}条）" in texts(at)
    assert html(at).count("<tr>") == 50 + 1  # one page of facts, and the header


def test_the_real_sentence_with_its_number_highlighted(app):
    q = {"y0": "2018", "y1": "2018", "ag": "zc_kjj", "demo": "0", "ind": "inspections"}
    at = open_page("sources", q)
    assert_ok(at)
    assert widget(at, "w_sources_ind").value == ["inspections"]
    body = html(at)
    assert "开展执法检查<mark>12</mark>次" in body
    assert "区科技局2018年度法治政府建设情况报告" in body
    assert "提取到的数值（1条）" in texts(at)


def test_indicator_filter_changes_the_facts(app):
    at = open_page("sources", {"ag": "zc_kjj"})
    before = texts(at)
    widget(at, "w_sources_ind").set_value(["cases"]).run()
    assert_ok(at)
    assert texts(at) != before
    assert at.query_params["ind"] == "cases"
    rows = [r for r in html(at).split("<tr>")[2:]]
    assert rows and all("执法案件" in r for r in rows)


def test_paging(app):
    at = open_page("sources")
    first = html(at)
    widget(at, "w_sources_page").set_value(2).run()
    assert_ok(at)
    assert html(at) != first
    assert at.query_params["page"] == "2"


def test_conflicts_and_rejected_files(use_wh, gen_wh):
    use_wh(gen_wh)
    at = open_page("sources")
    assert_ok(at)
    con = duckdb.connect(str(gen_wh), read_only=True)
    (n_conf,) = con.execute("SELECT count(*) FROM resolved WHERE conflict").fetchone()
    reasons = [
        r for (r,) in con.execute("SELECT reason FROM rejected_file ORDER BY path").fetchall()
    ]
    con.close()
    assert n_conf > 0
    assert f"来源之间不一致（{n_conf}处）" in texts(at)
    conf = at.dataframe[1].value
    assert len(conf) == n_conf and conf["其他来源的数值"].str.len().gt(0).all()
    rej = at.dataframe[2].value
    assert list(rej["原因"]) == reasons


@pytest.fixture
def evil_wh(tmp_path, gen_wh):
    """A warehouse whose report text carries HTML and Markdown."""
    db = tmp_path / "evil.duckdb"
    shutil.copy(gen_wh, db)
    text = (
        "2019年，区科技局<img src=x onerror=alert(1)>**开展**执法检查7次。<script>alert(2)</script>"
    )
    s, n = text.index("<img"), text.index("7次")
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO document VALUES ('evil', 'zc_kjj', 2019, '<b>标题</b>', 'x.txt', "
                "'report', 'txt', 'utf-8', 'real', ?, 1, NULL)", [text])  # fmt: skip
    con.execute("INSERT INTO fact VALUES (999999, 'evil', 'zc_kjj', 2019, 'inspections', 7, '次', "
                "NULL, ?, ?, ?, ?, ?, '第1段', 'test', 'text', 'real', 'unverified')",
                [text[s : n + 2], s, n + 2, n, n + 1])  # fmt: skip
    con.close()
    return db


def test_text_is_escaped_before_highlighting(use_wh, evil_wh):
    use_wh(evil_wh)
    at = open_page("sources", {"y0": "2019", "y1": "2019", "ag": "zc_kjj", "demo": "0",
                               "ind": "inspections"})  # fmt: skip
    assert_ok(at)
    body = html(at)
    assert "&lt;img src=x onerror=alert(1)&gt;**开展**执法检查<mark>7</mark>次" in body
    assert "<img" not in body and "<script" not in body and "<b>标题" not in body
    assert "&lt;b&gt;标题&lt;/b&gt;" in body
