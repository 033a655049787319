"""Upload security without a server: the size limit of board/importer.py (preview refuses,
store refuses), that it is the one number of .streamlit/config.toml, that XSRF protection is
on there, and that no secrets file is in git."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib

import pytest
from board_fixtures import ROOT
from test_build import make_corpus

from board import importer

pytest_plugins = ["board_fixtures"]

MB = 1024 * 1024
REPORT = "区科技局2019年度法治政府建设情况报告\n\n2019年，我局开展执法检查15次。\n".encode()


@pytest.fixture
def data(tmp_path, monkeypatch):
    d = make_corpus(tmp_path)
    monkeypatch.setenv("FAZHI_DATA", str(d))
    return d


@pytest.fixture
def limit_1mb(monkeypatch):
    monkeypatch.setattr(importer, "max_upload_mb", lambda: 1)


def padded(size: int) -> bytes:
    """The report, padded with blank lines to exactly `size` bytes."""
    return REPORT + b"\n" * (size - len(REPORT))


def files_under(d) -> list[str]:
    return sorted(str(p.relative_to(d)) for p in d.rglob("*"))


@pytest.mark.parametrize(
    ("size", "ok", "said"),
    [
        (len(REPORT), True, None),  # a normal report
        (MB, True, None),  # exactly the limit
        (MB + 1, False, "1,048,577 字节"),  # 1 byte over: the size in bytes, not "1 MB"
        (MB * 3 // 2, False, "文件大小为 1.5 MB"),
    ],
)
def test_preview_refuses_data_over_the_limit(data, limit_1mb, size, ok, said):
    p = importer.preview("区科技局2019年度法治政府建设情况报告.txt", padded(size))
    assert p.ok is ok, p.reason
    if ok:
        assert {f["indicator"]: f["value"] for f in p.facts} == {"inspections": 15}
        assert p.reason == ""
    else:
        assert said in p.reason
        assert "超过了上传上限 1 MB" in p.reason
        assert "拆成几个较小的文件" in p.reason and "压缩" in p.reason  # what to do
        assert p.facts == [] and p.name.endswith(".txt")
    assert not (data / "uploads").exists()  # a preview saves nothing


def test_preview_accepts_a_normal_report_under_the_real_limit(data):
    p = importer.preview("报告.txt", REPORT)
    assert p.ok and p.year == 2019 and p.facts


@pytest.mark.parametrize(("size", "stored"), [(MB, True), (MB + 1, False), (3 * MB, False)])
def test_store_refuses_data_over_the_limit(data, limit_1mb, size, stored):
    before = files_under(data)
    if stored:
        path = importer.store("报告.txt", padded(size), "2019")
        assert path.read_bytes() == padded(size)
        return
    with pytest.raises(importer.TooLarge) as e:
        importer.store("报告.txt", padded(size), "2019")
    assert isinstance(e.value, ValueError)
    assert str(e.value).startswith("报告.txt：文件大小为") and "上传上限 1 MB" in str(e.value)
    assert files_under(data) == before, "nothing written, not even the folder"


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (7, 7),  # Streamlit's option is the limit
        (0, importer.FALLBACK_MAX_UPLOAD_MB),  # nonsense: the fallback
        (RuntimeError("no config"), importer.FALLBACK_MAX_UPLOAD_MB),  # unreadable
    ],
)
def test_the_limit_is_streamlits_option_with_a_fallback(monkeypatch, option, expected):
    from streamlit import config

    real = config.get_option

    def get_option(key):
        if key != "server.maxUploadSize":
            return real(key)
        if isinstance(option, Exception):
            raise option
        return option

    monkeypatch.setattr(config, "get_option", get_option)
    assert importer.max_upload_mb() == expected


def _config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_config_sets_the_limit_that_the_importer_uses(tmp_path):
    """Run from the project folder (as `streamlit run` / `make run` do), importer reads the
    number of config.toml; the fallback is the same number."""
    server = _config()["server"]
    configured = server["maxUploadSize"]
    assert isinstance(configured, int) and 1 <= configured <= 100
    code = "from board import importer; print(importer.max_upload_mb())"
    got = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()[-1]  # fmt: skip
    assert int(got) == configured
    assert configured == importer.FALLBACK_MAX_UPLOAD_MB
    # and it is the config that decides: a copy with another number gives that number
    copy = tmp_path / "app"
    (copy / ".streamlit").mkdir(parents=True)
    text = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    (copy / ".streamlit" / "config.toml").write_text(
        text.replace(f"maxUploadSize = {configured}", "maxUploadSize = 3"), encoding="utf-8"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    got = subprocess.run([sys.executable, "-c", code], cwd=copy, env=env, capture_output=True,
                         text=True, check=True).stdout.split()[-1]  # fmt: skip
    assert int(got) == 3


def test_config_keeps_xsrf_protection_on():
    assert _config()["server"]["enableXsrfProtection"] is True


def _git(*args) -> subprocess.CompletedProcess:
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def test_no_secrets_file_in_git_and_gitignore_covers_it():
    tracked = _git("ls-files").stdout.splitlines()
    assert tracked, "git ls-files lists the checkout"
    assert not [f for f in tracked if f.endswith("secrets.toml")], "a secrets file is tracked"
    r = _git("check-ignore", "-v", ".streamlit/secrets.toml")
    assert r.returncode == 0 and ".gitignore" in r.stdout, r.stdout + r.stderr
