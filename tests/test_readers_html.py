"""Web pages as saved (.html/.htm, .mht/.mhtml): the report whole, chrome dropped, the
metadata block handed to identification, tables read cell by cell with their place.

The pages are our own (tests/html_pages.py), in the shapes of real government pages."""

from __future__ import annotations

from pathlib import Path

import html_pages as hp
import pytest

from board import importer
from etl import pipeline, readers
from etl.readers.html import page_text
from etl.readers.text import decode
from etl.registry import Registry

DATA = Path(__file__).resolve().parents[1] / "data"
REALSHAPED = Path(__file__).parent / "realshaped" / "docs"


@pytest.fixture(scope="module")
def registry():
    return Registry.load(DATA)


def _facts(p: pipeline.Processed) -> list[tuple]:
    return sorted((f.agency, f.year, f.indicator, f.value) for f in p.facts)


def _pair(tmp_path, registry, name: str, raw: bytes, title: str, blocks: list):
    page = tmp_path / name
    page.write_bytes(raw)
    text = tmp_path / (name + ".txt")
    text.write_text(hp.as_text(title, blocks), encoding="utf-8")
    return (
        pipeline.process_file(page, registry, strict=True),
        pipeline.process_file(text, registry, strict=True),
    )


def _disclosure_page() -> bytes:
    return hp.as_page(hp.DISCLOSURE_TITLE, hp.DISCLOSURE_META, hp.DISCLOSURE).encode()


def _old_page(charset: str = "gb2312") -> str:
    return hp.as_old_page(hp.LAW_TITLE, hp.LAW_META, hp.LAW, charset)


CASES = {
    "信息公开年报.html (UTF-8, rowspan/colspan)": (
        "年报.html", _disclosure_page, hp.DISCLOSURE_TITLE, hp.DISCLOSURE),
    "依法行政总结.htm (GB2312, layout tables)": (
        "总结.htm", lambda: _old_page().encode("gb18030"), hp.LAW_TITLE, hp.LAW),
    "依法行政总结.mht (GBK quoted-printable)": (
        "总结.mht", lambda: hp.as_mht(_old_page(), "gbk"), hp.LAW_TITLE, hp.LAW),
    "信息公开年报.mhtml (UTF-8 base64, as Chrome saves)": (
        "年报.mhtml", lambda: hp.as_mht(_disclosure_page().decode(), "utf-8", base64=True),
        hp.DISCLOSURE_TITLE, hp.DISCLOSURE),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_page_gives_the_facts_of_the_same_report_as_text(tmp_path, registry, case):
    name, raw, title, blocks = CASES[case]
    page, text = _pair(tmp_path, registry, name, raw(), title, blocks)
    assert (page.agency, page.year) == (text.agency, text.year)
    assert page.format == ("mht" if ".mht" in name else "html")
    assert len(_facts(text)) >= 7
    assert _facts(page) == _facts(text)


def test_realshaped_reports_as_pages_keep_their_facts(tmp_path, registry):
    """The 47 text reports of tests/realshaped, each as a page with the site's chrome and
    its pipe/tab tables as <table>: ≥ 99% of the text's facts, none of their own."""
    total = kept = extra = 0
    for f in sorted(REALSHAPED.rglob("*.txt")):
        text, _ = decode(f.read_bytes())
        rel = f.relative_to(REALSHAPED)
        page = tmp_path / rel.with_suffix(".html")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(hp.realshaped_page(text), encoding="utf-8")
        got = {}
        for p in (f, page):
            try:
                r = pipeline.process_file(p, None, strict=False)
                got[p] = (set(_facts(r)), (r.agency, r.year))
            except pipeline.Rejected as e:
                got[p] = (set(), e.reason)
        (a, ida), (b, idb) = got[f], got[page]
        assert ida == idb, rel
        total += len(a)
        kept += len(a & b)
        extra += len(b - a)
    assert total > 300
    assert kept / total >= 0.99
    assert extra == 0


def test_table_facts_name_their_row_and_column(tmp_path, registry):
    page, text = _pair(tmp_path, registry, "年报.html", _disclosure_page(),
                       hp.DISCLOSURE_TITLE, hp.DISCLOSURE)  # fmt: skip
    where = {f.indicator: f.location for f in page.facts}
    assert where["normative_documents"] == "表1 第4行第2列"  # 行政规范性文件 | 1 | 0 | 3
    assert where["approval_volume"] == "表1 第7行第2列"  # 行政许可, a cell over 3 columns
    assert where["cases"] == "表1 第10行第2列"
    assert where["reconsideration_cases"] == "表3 第4行第5列"  # 行政复议 总计
    assert where["litigation_cases"] == "表3 第4行第15列"
    assert where["disclosures_proactive"].endswith("段")  # from a sentence, not a cell
    for f in page.facts:  # the highlighted number is the cell's (litigation: 总计 + 总计)
        if f.indicator == "litigation_cases":
            continue
        assert page.text[f.num_start : f.num_end] == str(int(f.value))
    assert all(f.location.endswith("段") for f in text.facts)  # plain text: paragraphs


def test_layout_tables_are_read_as_blocks_and_data_tables_counted(tmp_path, registry):
    p = tmp_path / "总结.htm"
    p.write_bytes(_old_page().encode("gb18030"))
    r = pipeline.process_file(p, registry, strict=True)
    assert r.encoding == "gbk"
    where = {f.indicator: f.location for f in r.facts}
    assert where["reconsideration_cases"] == "表1 第2行第3列"  # the 2013年 column
    assert where["inspections"].endswith("段")
    assert "行政复议案件（件） | 0 | 1" in r.text


def test_metadata_block_reaches_identification(tmp_path, registry):
    """No visible title: the 标题 and 发布机构 fields of the information table identify it."""
    html = hp.as_page(hp.DISCLOSURE_TITLE, hp.DISCLOSURE_META, hp.DISCLOSURE)
    html = html.replace(f'<h1 class="title">{hp.DISCLOSURE_TITLE}</h1>', "")
    p = tmp_path / "无标题.html"
    p.write_text(html, encoding="utf-8")
    doc = readers.read(p)
    head = doc.text.splitlines()[:6]
    assert f"标题：{hp.DISCLOSURE_TITLE}" in head and "发布机构：周村区地震局" in head
    r = pipeline.process_file(p, registry, strict=True)
    assert (r.agency, r.year) == ("周村区地震局", 2025)


def test_chrome_gives_no_fact():
    text, _ = page_text(hp.as_page(hp.DISCLOSURE_TITLE, hp.DISCLOSURE_META, hp.DISCLOSURE))
    for word in ("首页", "打印", "关闭", "浏览次数", "1287", "分享到", "当前位置", "ICP备",
                 "网站标识码", "执法检查5次", "300件", "字号"):  # fmt: skip
        assert word not in text, word
    chrome_only = hp.as_page("周村区科学技术局2013年度依法行政工作总结", [], [])
    body, _ = page_text(chrome_only)
    assert "5" not in body and "1287" not in body


def test_chrome_page_yields_nothing(tmp_path, registry):
    p = tmp_path / "栏目.html"
    p.write_text(hp.as_page("周村区科学技术局2013年度依法行政工作总结", [], []), encoding="utf-8")
    r = pipeline.process_file(p, registry, strict=True)
    assert r.facts == [] and r.candidates == []


@pytest.mark.parametrize(
    "name, raw, words",
    [
        ("空.html", b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>",
         "没有可读的正文"),
        ("框架.htm", b"<html><body><div class='nav'><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></div>"
         b"<script>var a = 1;</script></body></html>", "没有可读的正文"),
        ("断.html", b"<html><body><p", "没有可读的正文"),
        ("存档.mht", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n"
         b"--b\r\nContent-Type: image/gif\r\n\r\nGIF89a\r\n--b--\r\n", "找不到其中的网页内容"),
        ("文字.html", "周村区科学技术局2013年度依法行政工作总结\n开展执法检查3次。".encode(),
         "内容不是网页"),
    ],
)  # fmt: skip
def test_broken_or_empty_page_is_set_aside_with_a_reason(tmp_path, name, raw, words):
    p = tmp_path / name
    p.write_bytes(raw)
    with pytest.raises(pipeline.Rejected) as e:
        pipeline.process_file(p, None, strict=False)
    assert words in e.value.reason


def test_content_is_sniffed_not_the_extension(tmp_path):
    as_txt = tmp_path / "网页另存.txt"
    as_txt.write_bytes(_disclosure_page())
    assert readers.read(as_txt).format == "html"
    mht_as_html = tmp_path / "存档.html"
    mht_as_html.write_bytes(hp.as_mht(_old_page(), "gbk"))
    doc = readers.read(mht_as_html)
    assert doc.format == "mht" and hp.LAW_TITLE in doc.text


@pytest.mark.parametrize(
    "raw, encoding",
    [
        (_old_page("gb2312").encode("gb18030"), "gbk"),  # declared, legacy
        (_old_page("gb2312").encode("utf-8"), "utf-8"),  # re-saved as UTF-8, old meta kept
        (_old_page("x").replace('; charset=x"', '"').encode("gb18030"), "gb18030"),  # none
    ],
)
def test_encodings_declared_or_sniffed(tmp_path, raw, encoding):
    p = tmp_path / "p.htm"
    p.write_bytes(raw)
    doc = readers.read(p)
    assert doc.encoding == encoding
    assert hp.LAW_TITLE in doc.text and "执法检查16次" in doc.text


def test_other_readers_have_no_parts(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(hp.as_text(hp.DISCLOSURE_TITLE, hp.DISCLOSURE), encoding="utf-8")
    assert readers.read(p).parts == []


def test_upload_preview_shows_a_page_and_its_cells():
    for ext in ("html", "htm", "mht", "mhtml"):
        assert ext in importer.UPLOAD_TYPES
    p = importer.preview("地震局年报.html", _disclosure_page())
    assert p.ok, p.reason
    assert (p.agency, p.year) == ("周村区地震局", 2025)
    got = {f["indicator"]: f["location"] for f in p.facts}
    assert got["approval_volume"] == "表1 第7行第2列"
    m = importer.preview("总结.mht", hp.as_mht(_old_page(), "gbk"))
    assert m.ok and len(m.facts) >= 10


def test_rules_keep_the_report_and_drop_what_no_reader_sees():
    page = """<html><body>
    <div class="article-top"><h1>周村区科学技术局2013年度依法行政工作总结</h1>
    <span>发布时间：2014-01-22</span> <span>浏览次数：356</span></div>
    <div style="display: none">开展执法检查99次</div>
    <div class="content"><p>（三）承办人大代表建议5件</p><p>全年开展执法检查16次。</p><p>许可/处罚/强制各3件</p></div>
    <div class="bottom"><p>主办单位：周村区人民政府办公室</p></div></body></html>"""
    text, _ = page_text(page)
    assert "周村区科学技术局2013年度依法行政工作总结" in text  # the title in a "top" block
    assert "承办人大代表建议5件" in text and "执法检查16次" in text
    assert "许可/处罚/强制各3件" in text  # slashes, but no breadcrumb
    for gone in ("99次", "356", "主办单位"):
        assert gone not in text, gone


def test_a_large_page_reads_quickly():
    import time

    blocks = [f"第{i}项工作开展执法检查{i}次，检查企业{i}家。" for i in range(3000)]
    blocks += [[["指标", "2012年", "2013年"]] + [[f"项目{i}（件）", "1", "2"] for i in range(500)]]
    page = hp.as_page(hp.LAW_TITLE, hp.LAW_META, blocks)
    t = time.perf_counter()
    text, parts = page_text(page)
    assert time.perf_counter() - t < 5
    assert "执法检查2999次" in text and len(parts) == 3 * 501


def test_a_control_character_in_a_page_does_not_crash_the_reader(tmp_path):
    """Found by the fuzz test: a stray \\x01 in a GB2312 page made lxml refuse a text it
    was handed back; the page is read, its facts found."""
    from etl.readers import read

    page = ('<!DOCTYPE html><html><head><meta charset="gb2312"></head><body>'
            '<div class="nav"><a href="/">首页</a></div>\x01<h1>周村区科学技术局2019年度法治政府建设情况报告</h1>'
            "<p>开展执法检查16次。</p></body></html>").encode("gb2312")  # fmt: skip
    path = tmp_path / "page.html"
    path.write_bytes(page)
    doc = read(path)
    assert "开展执法检查16次" in doc.text and "\x01" not in doc.text


NAMED_BODY = "<div class='article'><p>2023年，我局全年开展执法检查6次，检查企业21家。</p></div>"


@pytest.mark.parametrize(
    "head,top,agency_year",
    [
        # the report's title only in the browser's tab, before the site's name
        (
            "<title>梧桐区科学技术局2023年度法治政府建设情况报告_梧桐区人民政府</title>",
            "",
            ("梧桐区科学技术局", 2023),
        ),
        # only as the breadcrumb's last item (the crumb is furniture, dropped from the text)
        (
            "<title>梧桐区人民政府</title>",
            "<div class='crumb'>当前位置：首页 &gt; 政务公开 &gt; 梧桐区科学技术局2023年度法治政府建设情况报告</div>",
            ("梧桐区科学技术局", 2023),
        ),
        # a tab title that names no report adds nothing: the page has no body name to find
        ("<title>梧桐区人民政府_政务公开</title>", "", None),
    ],
    ids=["tab title", "breadcrumb", "site name only"],
)
def test_a_title_named_outside_the_body_identifies_the_page(tmp_path, head, top, agency_year):
    page = tmp_path / "p.html"
    page.write_text(f"<html><head><meta charset='utf-8'>{head}</head><body>{top}{NAMED_BODY}"
                    "</body></html>", encoding="utf-8")  # fmt: skip
    if agency_year is None:
        with pytest.raises(pipeline.Rejected):
            pipeline.process_file(page, None, strict=False)
        return
    r = pipeline.process_file(page, None, strict=False)
    assert (r.agency, r.year) == agency_year
    assert r.text.startswith("网页标题：")  # said where the title came from
    assert {(f.indicator, f.value) for f in r.facts} >= {("inspections", 6.0)}


def test_a_tab_title_is_not_added_when_the_page_shows_it(tmp_path):
    title = "梧桐区科学技术局2023年度法治政府建设情况报告"
    page = tmp_path / "p.html"
    page.write_text(f"<html><head><meta charset='utf-8'><title>{title}_梧桐区人民政府</title></head>"
                    f"<body><h1>{title}</h1>{NAMED_BODY}</body></html>", encoding="utf-8")  # fmt: skip
    assert "网页标题" not in readers.read(page).text
