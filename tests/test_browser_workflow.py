"""Issue 5 in a real browser: upload a report → review its value → correct it → the trends
chart shows the corrected value. Runs on a copy of data/ (never the real one)."""

from __future__ import annotations

import pytest

from tests.test_browser import (  # noqa: F401
    CHART,
    WAIT_MS,
    browser,
    copy_data,
    expect,
    no_errors,
    page,
    serve,
    settle,
    shot,
    url,
)  # fmt: skip

pytest.importorskip("playwright.sync_api")
REPORT = "区科技局2019年度法治政府建设情况报告\n\n2019年，我局全年开展执法检查21次。\n"


@pytest.fixture(scope="module")
def workflow_server(tmp_path_factory):
    from etl.build import build

    data = copy_data(tmp_path_factory.mktemp("wf"))
    db = data / "warehouse.duckdb"
    build(data, db, workers=1)
    with serve(db, data, data.parent / "server.log") as base:
        yield base, data


def test_upload_review_correct_then_the_chart_shows_it(workflow_server, page, tmp_path):  # noqa: F811
    base, data = workflow_server
    view = {"y0": "2019", "y1": "2019", "ag": "zc_kjj", "demo": "0"}
    # 1. upload: the preview shows the value, saving stores the file and rebuilds
    report = tmp_path / "区科技局2019年度法治政府建设情况报告.txt"
    report.write_text(REPORT, encoding="utf-8")
    page.goto(url(base, "数据导入", view))
    settle(page, charts=0)
    page.locator('input[type="file"]').set_input_files(str(report))
    expect(page.get_by_text("执法检查", exact=False).first).to_be_attached()
    page.get_by_role("button", name="保存并重建数据仓库").click()
    expect(page.get_by_text("已保存", exact=False).first).to_be_attached(timeout=2 * WAIT_MS)
    assert list((data / "uploads").rglob("*.txt")), "the upload is stored under data/uploads"
    no_errors(page)
    # 2. review: correct 21 → 22 with a reason
    page.goto(url(base, "审核", {**view, "ind": "inspections"}))
    settle(page, charts=0)
    expect(page.get_by_text("21次", exact=False).first).to_be_attached()
    box = page.get_by_label("正确的数值").first
    box.fill("22")
    page.get_by_label("理由（必填）").first.fill("核对原件后更正")
    page.get_by_role("button", name="更正").first.click()
    expect(page.get_by_text("corrections.csv", exact=False).first).to_be_attached(
        timeout=2 * WAIT_MS
    )
    no_errors(page)
    assert "22" in (data / "corrections.csv").read_text(encoding="utf-8-sig")
    # 3. the trends chart now draws 22 for 2019, shown as verified
    page.goto(url(base, "趋势", {**view, "ind": "inspections"}))
    settle(page)
    page.locator(f"{CHART} g.mark-symbol path").first.click(force=True)
    expect(page.get_by_text("22次", exact=False).first).to_be_attached()
    no_errors(page)
    shot(page, "9_trends_after_correction")
