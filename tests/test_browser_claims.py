"""Cross-year claims and the report draft in a real browser, on the bundled data:
数据质量 lists the demo corpus's deliberately misstated claim (2023: the bureau's
inspected firms "比上年增加4家" where the figures give +6) with both sentences and a link to
审核; 会议材料 downloads the draft of the year's figures section, which opens with
python-docx and, rendered by LibreOffice, shows real Chinese glyphs. Screenshots (and the
draft's first page as a PNG) go to artifacts/screenshots/; look at them."""

from __future__ import annotations

import shutil
import subprocess
import urllib.parse

import pytest
from docx import Document

from tests.test_browser import (  # noqa: F401  (fixtures, by name)
    SHOTS,
    browser,
    expect,
    has_text,
    next_paint,
    no_errors,
    page,
    server,
    settle,
    shot,
    url,
)

pytest_plugins = ["board_fixtures"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_quality_page_lists_the_demo_inconsistency(server, page):  # noqa: F811
    page.goto(url(server, "数据质量"))
    settle(page, charts=0)
    expect(page.get_by_text("前后年度说法不符或无法核对（", exact=False)).to_be_visible()
    row = has_text(page, "table.fz-src tr", "比上年增加4家")
    expect(row).to_be_visible()
    expect(row).to_contain_text("不符")
    expect(row).to_contain_text("区科技局")
    # the claim's sentence and the 2022 figure's sentence, each with its number marked
    expect(row.locator("mark")).to_have_count(2)
    expect(row).to_contain_text("报告称+4家，实际2022年46家→2023年52家，+6家")
    link = row.get_by_role("link", name="去审核")
    href = link.get_attribute("href")
    assert href.startswith("审核?") and "ind=inspected_entities" in urllib.parse.unquote(href)
    row.scroll_into_view_if_needed()
    next_paint(page)
    no_errors(page)
    shot(page, "quality_claims")
    link.click()  # the link opens 审核 on that indicator
    page.wait_for_url("**/%E5%AE%A1%E6%A0%B8?*")
    settle(page, charts=0)
    no_errors(page)


def test_draft_downloads_opens_and_renders_chinese(server, page, tmp_path):  # noqa: F811
    page.goto(url(server, "会议材料"))
    settle(page, charts=0)
    button = page.get_by_role("button", name="下载草稿（Word）")
    expect(button).to_be_visible()
    expect(page.get_by_text("个数字，其中尚未核实", exact=False)).to_be_visible()
    next_paint(page)
    shot(page, "meeting_draft")
    with page.expect_download() as dl:
        button.click()
    path = tmp_path / "draft.docx"
    dl.value.save_as(path)
    assert dl.value.suggested_filename.endswith("（数据部分草稿）.docx")
    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs if p.text.strip()]
    assert lines[0].startswith("周村区科学技术局2025年度法治政府建设情况报告")
    assert lines[1].startswith("演示数据")
    assert any(line.startswith("我局全年开展执法检查16次") for line in lines)
    no_errors(page)

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF rendering is not checked")
    pdfium = pytest.importorskip("pypdfium2")
    out = tmp_path / "pdf"
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}",
         "--convert-to", "pdf", "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = out / "draft.pdf"
    data = pdf.read_bytes()
    assert b"CJK" in data  # the glyphs come from a Noto CJK font, embedded
    first = pdfium.PdfDocument(str(pdf))[0]
    text = first.get_textpage().get_text_range()
    assert "法治政府建设情况报告" in text and "演示数据" in text and "执法检查" in text
    SHOTS.mkdir(parents=True, exist_ok=True)
    first.render(scale=1.5).to_pil().save(SHOTS / "draft_page1.png")


def test_trends_ring_the_values_an_inconsistent_claim_disputes(server, page):  # noqa: F811
    page.goto(url(server, "趋势", {"ind": "inspected_entities"}))
    settle(page)
    ring = page.locator('[data-testid="stVegaLiteChart"] g.disputed_marks path')
    expect(ring).to_have_count(2)  # 2022 and 2023 of 区科技局: the claim +4, the figures +6
    box = ring.nth(1).bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx - 30, cy - 30)
    page.mouse.move(cx, cy)
    tip = page.locator("#vg-tooltip-element")
    expect(tip).to_contain_text("与报告中“比上年”的说法不符：报告称+4家")
    next_paint(page)
    no_errors(page)
    shot(page, "trends_claim_disputed")
