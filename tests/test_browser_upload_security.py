"""Upload security on a running `streamlit run dashboard.py` (Chromium via Playwright): the
upload endpoint refuses a file without the XSRF cookie and header, the uploader refuses a
file over `server.maxUploadSize` (started with 1 MB here, so the big file stays small) while
a normal report still previews, and signing in with the editor password leaves neither the
password nor its hash in the server log. Runs on a copy of data/ (never the real one)."""

from __future__ import annotations

import hashlib
import http.cookies
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.test_browser import (  # noqa: F401
    READY,
    SHOTS,
    WAIT_MS,
    browser,
    copy_data,
    expect,
    next_paint,
    no_errors,
    page,
    serve,
    settle,
    url,
)  # fmt: skip

pytest_plugins = ["board_fixtures"]
pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser, pytest.mark.slow]
REPORT = "区科技局2019年度法治政府建设情况报告\n\n2019年，我局全年开展执法检查21次。\n"
SAVE = "保存并重建数据仓库"
PASSWORD = "Fz-秘密-7391"  # noqa: S105 - a test password
XSRF = "_streamlit_xsrf"


def snapshot(d) -> dict:
    return {str(p.relative_to(d)): p.stat().st_size for p in d.rglob("*")}


@pytest.fixture(scope="module")
def limited_server(bundled_wh, tmp_path_factory):
    """The dashboard with a 1 MB upload limit, over a copy of data/."""
    tmp = tmp_path_factory.mktemp("upload")
    data = copy_data(tmp)
    with serve(bundled_wh, data, tmp / "server.log", ["--server.maxUploadSize", "1"]) as base:
        yield base, data


def report_file(folder: Path, size: int = 0, name: str = "2019年度报告.txt") -> Path:
    """The 2019 report as a .txt, padded with blank lines to `size` bytes if given."""
    path = folder / name
    raw = REPORT.encode()
    path.write_bytes(raw + b"\n" * max(0, size - len(raw)))
    return path


def put_file(upload_url: str, cookie: str | None, header: str | None) -> int:
    """PUT one file (multipart, as the frontend sends it) to Streamlit's upload endpoint."""
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="evil.txt"\r\nContent-Type: text/plain\r\n\r\n').encode()  # fmt: skip
    body += REPORT.encode() + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(upload_url, data=body, method="PUT")
    req.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    if cookie:
        req.add_header("Cookie", f"{XSRF}={cookie}")
    if header:
        req.add_header("X-Xsrftoken", header)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def xsrf_token(base: str) -> str:
    """A fresh XSRF token, as the server hands it out (in a cookie of its health check)."""
    with urllib.request.urlopen(base + "/_stcore/health", timeout=60) as r:
        jar = http.cookies.SimpleCookie()
        for h in r.headers.get_all("Set-Cookie") or []:
            jar.load(h)
    assert XSRF in jar, "the server sets its XSRF cookie (protection is on)"
    return jar[XSRF].value


def test_an_upload_without_the_xsrf_token_is_refused(limited_server, page, tmp_path):  # noqa: F811
    base, data = limited_server
    before = snapshot(data)
    # the browser's own upload gives a real session's upload URL
    puts = []
    page.on("request", lambda r: puts.append(r.url) if r.method == "PUT" else None)
    page.goto(url(base, "数据导入"))
    settle(page, charts=0)
    page.locator('input[type="file"]').set_input_files(str(report_file(tmp_path)))
    expect(page.get_by_text("执法检查", exact=False).first).to_be_attached()
    upload_url = next(u for u in puts if "/_stcore/upload_file/" in u)
    token, other = xsrf_token(base), xsrf_token(base)
    cases = [  # (cookie, X-Xsrftoken header, status)
        (None, None, 403),
        (token, None, 403),
        (None, token, 403),
        (token, other, 403),  # the header must match the cookie
        (token, "junk", 403),
    ]
    for cookie, header, status in cases:
        assert put_file(upload_url, cookie, header) == status, (cookie, header)
    # control: the same request with a matching pair is taken (so the 403s are XSRF's)
    assert put_file(upload_url, token, token) == 204
    assert snapshot(data) == before, "nothing is written under the data folder"
    no_errors(page)


def test_a_file_over_the_limit_is_refused_in_the_browser(limited_server, page, tmp_path):  # noqa: F811
    base, data = limited_server
    before = snapshot(data)
    big = report_file(tmp_path, 3 * 1024 * 1024 // 2, "大报告.txt")  # 1.5 MB, limit 1 MB
    page.goto(url(base, "数据导入"))
    settle(page, charts=0)
    page.locator('input[type="file"]').set_input_files(str(big))
    expect(page.get_by_text("File must be 1.0MB or smaller", exact=False).first).to_be_visible()
    chip = page.locator('[data-testid="stFileChip"]')
    expect(chip).to_have_attribute("aria-invalid", "true")  # the file is marked as refused
    page.wait_for_selector(READY, timeout=WAIT_MS)
    # No preview and no save button. An absence has no moment to wait for: the browser
    # refused the file itself, so no rerun was sent; were one sent, the checks below would
    # still see its preview as soon as it was drawn, as the upload of the normal report
    # at the end of this test shows (same page, same checks, the other way round).
    expect(page.get_by_role("button", name=SAVE)).to_have_count(0)
    expect(page.get_by_text("执法检查", exact=False)).to_have_count(0)  # no preview
    chip.hover()  # Streamlit shows its reason as a tooltip of the file
    tip = page.locator('[data-testid="stTooltipErrorContent"]', has_text="File must be")
    expect(tip).to_be_visible()
    # the tooltip fades in: wait until it is fully opaque before the screenshot
    page.wait_for_function(
        """() => { const t = document.querySelector('[data-testid="stTooltipErrorContent"]');
                   for (let e = t; e; e = e.parentElement)
                     if (getComputedStyle(e).opacity !== '1') return false;
                   return true; }""",
        timeout=WAIT_MS,
    )
    next_paint(page)
    SHOTS.mkdir(parents=True, exist_ok=True)  # not full_page: that would drop the tooltip
    page.screenshot(path=str(SHOTS / "upload_too_big.png"))
    assert snapshot(data) == before
    # a normal report on the same page still previews and can be saved
    page.goto(url(base, "数据导入"))
    settle(page, charts=0)
    page.locator('input[type="file"]').set_input_files(str(report_file(tmp_path)))
    expect(page.get_by_text("执法检查", exact=False).first).to_be_attached()
    expect(page.get_by_role("button", name=SAVE)).to_be_visible()
    no_errors(page)


@pytest.fixture
def secret_server(bundled_wh, tmp_path, monkeypatch):
    """The dashboard with a secrets file that turns off local editing and sets the editor
    password; yields base URL and the path of its log (unbuffered, so complete)."""
    digest = hashlib.sha256(PASSWORD.encode()).hexdigest()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'local_editing = false\neditor_password_sha256 = "{digest}"\n')
    data = copy_data(tmp_path)
    log = tmp_path / "server.log"
    monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    with serve(bundled_wh, data, log, ["--secrets.files", str(secrets)]) as base:
        yield base, log, digest


@pytest.mark.parametrize("page_name", ["数据导入", "审核"])
def test_the_password_stays_out_of_the_server_log(secret_server, page, tmp_path, page_name):  # noqa: F811
    base, log, digest = secret_server
    page.goto(url(base, page_name))
    settle(page, charts=0)
    expect(page.get_by_text("您目前只能查看", exact=False).first).to_be_visible()  # a viewer
    box = page.get_by_label("编辑密码")
    box.fill("wrong-" + PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_text("密码不正确", exact=False).first).to_be_visible()
    box.fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_label("编辑密码")).to_have_count(0)
    expect(page.get_by_text("您目前只能查看", exact=False)).to_have_count(0)  # signed in
    settle(page, charts=0)
    if page_name == "数据导入":
        page.locator('input[type="file"]').set_input_files(str(report_file(tmp_path)))
        expect(page.get_by_role("button", name=SAVE)).to_be_visible()  # an editor
    no_errors(page)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Streamlit" in text, "the log is the server's"
    for secret in (PASSWORD, digest, digest.upper(), PASSWORD.encode().hex()):
        assert secret not in text, "a secret is in the server log"
