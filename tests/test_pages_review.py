"""审核 (pages/6_审核.py): the queue, a correction through the page, and who may edit."""

from __future__ import annotations

import hashlib

import duckdb
import pytest
from board_fixtures import ROOT, TIMEOUT, assert_ok, texts
from test_build import make_corpus

from board import access
from etl.build import build

pytest_plugins = ["board_fixtures"]
PAGE = "pages/6_审核.py"
Q = {"y0": "2019", "y1": "2019", "ag": "zc_kjj", "ind": "inspections"}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    data = make_corpus(tmp_path)
    db = tmp_path / "w.duckdb"
    build(data, db, workers=1)
    monkeypatch.setenv("FAZHI_WAREHOUSE", str(db))
    monkeypatch.setenv("FAZHI_DATA", str(data))
    return data, db


def open_review(query=None, secrets=None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    for k, v in (secrets or {}).items():
        at.secrets[k] = v
    at.switch_page(PAGE)
    return at.run()


def fact_id(db, value) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT fact_id FROM fact WHERE agency_id = 'zc_kjj' AND year = 2019 "
            "AND indicator_id = 'inspections' AND value = ?",
            [value],
        ).fetchone()[0]


def resolved(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT value, method, status FROM resolved WHERE agency_id = 'zc_kjj' "
            "AND year = 2019 AND indicator_id = 'inspections'"
        ).fetchone()


def buttons(at, prefix: str) -> list:
    return [b for b in at.button if (b.key or "").startswith(prefix)]


def test_the_queue_renders_with_the_number_highlighted(corpus):
    at = open_review(Q)
    assert_ok(at)
    assert at.title[0].value == "审核"
    assert "待审核的数值（2条）" in texts(at)
    body = "\n".join(str(e.proto.body) for e in at.get("html"))
    assert "开展执法检查<mark>15</mark>次" in body
    assert len(buttons(at, "rv_ok_")) == 2


def test_a_correction_through_the_page_changes_the_resolved_value(corpus):
    data, db = corpus
    assert resolved(db) == (16, "table", "unverified")
    at = open_review(Q)
    fid = fact_id(db, 16)
    at.number_input(key=f"rv_new_{fid}").set_value(17)
    at.text_input(key=f"rv_why_{fid}").input("表格录入错误")
    submit = [b for b in at.button if b.proto.form_id == f"rv_fix_{fid}"]
    submit[0].click().run()
    assert_ok(at)
    assert resolved(db) == (17, "correction", "verified")
    assert "data/corrections.csv 第2行" in "\n".join(str(s.value) for s in at.success)
    text = (data / "corrections.csv").read_text(encoding="utf-8-sig")
    assert "周村区科学技术局,2019,inspections,16,17,corrected,表格录入错误,本机" in text
    # the queue no longer holds the corrected value
    assert "待审核的数值（1条）" in texts(at)


def test_the_correct_value_box_shows_a_count_as_a_count(corpus):
    """Issue 13: the box read '16.00' for 16 inspections."""
    data, db = corpus
    at = open_review(Q)
    box = at.number_input(key=f"rv_new_{fact_id(db, 16)}")
    assert box.proto.format == "%g" and box.value == 16  # drawn '16', not '16.00'
    assert box.proto.step == 1


def test_confirm_through_the_page(corpus):
    data, db = corpus
    at = open_review(Q)
    at.button(key=f"rv_ok_{fact_id(db, 16)}").click().run()
    assert_ok(at)
    assert resolved(db) == (16, "table", "verified")


def test_a_viewer_sees_the_queue_without_buttons(corpus):
    at = open_review(Q, {"local_editing": False})
    assert_ok(at)
    assert "待审核的数值（2条）" in texts(at)
    assert "您目前只能查看" in texts(at)
    assert not buttons(at, "rv_ok_")
    assert not at.number_input and not at.text_input


def test_a_viewer_with_the_password_becomes_an_editor(corpus):
    digest = hashlib.sha256("秘密pw".encode()).hexdigest()
    at = open_review(Q, {"local_editing": False, "editor_password_sha256": digest})
    at.text_input(key="acc_pw_in").input("wrong")
    at.button[0].click().run()
    assert not buttons(at, "rv_ok_")
    at.text_input(key="acc_pw_in").input("秘密pw")
    [b for b in at.button if b.proto.form_id == "acc_pw"][0].click().run()
    assert_ok(at)
    assert len(buttons(at, "rv_ok_")) == 2


@pytest.mark.parametrize(
    ("ip", "host", "local"),
    [
        ("127.0.0.1", "example.org", True),
        ("::1", None, True),
        ("10.0.0.5", "localhost:8501", False),
        (None, "localhost:8501", True),
        (None, "127.0.0.1:8501", True),
        (None, "[::1]:8501", True),
        (None, "board.example.org", False),
        (None, None, True),
    ],
)
def test_is_local(ip, host, local):
    assert access.is_local(ip, host) is local


@pytest.mark.parametrize(("ip", "host"), [("127.0.0.1", "localhost:8501"), (None, None)])
def test_a_request_forwarded_by_a_proxy_is_never_local(ip, host):
    assert access.is_local(ip, host, forwarded=True) is False


@pytest.mark.parametrize(
    ("email", "editors", "allowed"),
    [
        ("zhang@kjj.gov.cn", None, True),  # no list: every signed-in user
        ("zhang@kjj.gov.cn", [], True),
        ("Zhang@KJJ.gov.cn ", ["zhang@kjj.gov.cn"], True),
        ("li@kjj.gov.cn", ["zhang@kjj.gov.cn"], False),
        ("zhang@kjj.gov.cn", "zhang@kjj.gov.cn", True),  # one e-mail written as a string
        (None, ["zhang@kjj.gov.cn"], False),
    ],
)
def test_only_listed_signed_in_users_edit(email, editors, allowed):
    assert access.on_editor_list(email, editors) is allowed


def test_password_check():
    digest = hashlib.sha256(b"abc").hexdigest()
    assert access.password_ok("abc", digest)
    assert access.password_ok("abc", digest.upper())
    assert not access.password_ok("abd", digest)
    assert not access.password_ok("", digest)
    assert not access.password_ok("abc", None)
