"""Agency names that are SQL, HTML, huge or full of control characters: they load (or are
refused with a reason), nothing else changes, `etl show` answers plain JSON, and the
sources page escapes them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from board.highlight import esc, sentence_html
from etl.build import build

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "data/registry/agencies.csv"
SEED = ROOT / "data/reports/周村区科学技术局/区科技局2018年度法治政府建设情况报告.txt"

SQL = "'; DROP TABLE fact; --"
SCRIPT = "<script>alert(1)</script>"
HUGE = "长" * 4995 + "科学技术局"
CONTROL = "控制\x07字符\x1b[31m局\x7f"
QUOTES = "O\"Brien's 局 `x` ${HOME} $(id) %s {0}"
HOSTILE = {"h_sql": SQL, "h_script": SCRIPT, "h_huge": HUGE, "h_ctrl": CONTROL, "h_quote": QUOTES}
TABLES = {"agency", "agency_alias", "indicator", "document", "fact", "resolved",
          "rejected_file", "load_run"}  # fmt: skip


def make_data(root: Path) -> Path:
    data = root / "data"
    (data / "registry").mkdir(parents=True)
    rows = list(csv.DictReader(io.StringIO(REGISTRY.read_text(encoding="utf-8-sig"))))
    rows[0]["aliases"] += "|" + SCRIPT + "报告单位"  # a hostile alias of a real agency
    for i, (aid, name) in enumerate(HOSTILE.items()):
        rows.append({**rows[1], "agency_id": aid, "name_zh": name, "short_zh": name,
                     "name_en": name, "short_en": name, "parent_id": "", "kind": "bureau",
                     "sort_order": str(100 + i), "aliases": name[:40] + "别名"})  # fmt: skip
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    (data / "registry/agencies.csv").write_text(buf.getvalue(), encoding="utf-8")

    (data / "reports").mkdir()
    (data / "reports/seed.txt").write_bytes(SEED.read_bytes())
    table = io.StringIO()
    tw = csv.writer(table)
    tw.writerow(["单位", "年度", "指标", "数值"])
    for i, name in enumerate(HOSTILE.values()):
        tw.writerow([name, 2019, "inspections", 10 + i])
    tw.writerow([SCRIPT + "报告单位", 2019, "cases", 7])
    (data / "tables").mkdir()
    (data / "tables/hostile.csv").write_text(table.getvalue(), encoding="utf-8")
    # reports whose title is hostile: the title names no registered agency as written
    for i, name in enumerate([SQL, SCRIPT, CONTROL]):
        text = f"{name}2019年度法治政府建设情况报告\n\n2019年，我局开展执法检查{5 + i}次。\n"
        (data / f"reports/hostile-{i}.txt").write_text(text, encoding="utf-8")
    return data


def show(db: Path, data: Path, agency: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", "show", "--agency", agency, "--year", "2019",
         "--indicator", "inspections", "--db", str(db), "--data", str(data)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    data = make_data(root)
    db = root / "w.duckdb"
    s = build(data, db, workers=1)
    return data, db, s, tables(db)


def tables(db: Path) -> set[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t for (t,) in con.execute("SHOW TABLES").fetchall()}


def test_hostile_names_load_and_nothing_else_changes(built):
    data, db, s, at_build = built
    assert at_build >= TABLES
    assert s.exit_code in (0, 3)
    for path, reason in s.rejected + s.problems:  # refused, then with a reason
        assert reason.strip(), path
    assert "tables/hostile.csv" not in dict(s.rejected)
    assert "reports/seed.txt" not in dict(s.rejected)
    with duckdb.connect(str(db), read_only=True) as con:
        names = dict(con.execute("SELECT agency_id, name_zh FROM agency").fetchall())
        got = dict(
            con.execute(
                "SELECT agency_id, value FROM resolved WHERE year = 2019 "
                "AND indicator_id = 'inspections' AND agency_id LIKE 'h\\_%' ESCAPE '\\'"
            ).fetchall()
        )
        seed_facts = con.execute(
            "SELECT count(*) FROM fact JOIN document USING (doc_id) WHERE path = 'reports/seed.txt'"
        ).fetchone()[0]
        aliased = con.execute(
            "SELECT agency_id, value FROM resolved WHERE year = 2019 AND indicator_id = 'cases'"
        ).fetchall()
    for aid, name in HOSTILE.items():
        assert names[aid] == name.strip(), aid  # stored verbatim (CSV strips the ends)
    assert got == {aid: 10.0 + i for i, aid in enumerate(HOSTILE)}
    assert seed_facts >= 5
    assert ("zc_kjj", 7.0) in aliased  # a hostile alias resolves like any other


@pytest.mark.parametrize("aid", sorted(HOSTILE))
def test_show_answers_plain_json_for_a_hostile_name(built, aid):
    data, db, _, at_build = built
    r = show(db, data, HOSTILE[aid])
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["agency"] == HOSTILE[aid].strip()
    assert out["value"] == 10 + list(HOSTILE).index(aid)
    assert tables(db) == at_build  # the query changed nothing
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM fact").fetchone()[0] > 5


def test_show_with_an_unknown_hostile_name_is_a_usage_error(built):
    data, db, _, _ = built
    r = show(db, data, "x' OR '1'='1")
    assert r.returncode == 2 and r.stdout == "" and "未知的机构" in r.stderr


def test_esc_escapes_markup_and_quotes():
    for name in HOSTILE.values():
        out = esc(name)
        assert "<" not in out and ">" not in out and '"' not in out and "'" not in out
    assert esc(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert esc(None) == ""


def test_sentence_html_escapes_everything_but_its_mark():
    text = f"{SCRIPT}开展执法检查<b>12</b>次。{SQL}"
    ns = text.index("12")
    html_ = sentence_html(text, 0, ns + 6, ns, ns + 2)
    assert "<script" not in html_ and "<b>" not in html_
    assert html_.count("<") == html_.count("<mark>") + html_.count("</mark>") == 2
    # offsets that do not fit: the quote alone, escaped
    assert sentence_html(text, 0, 10**6, 5, 6, quote=SCRIPT) == esc(SCRIPT)
    assert sentence_html(None, 0, 1, 0, 1, quote=HUGE) == HUGE


def test_a_hostile_title_is_refused_for_its_agency_not_its_year(built):
    _, _, s, _ = built
    reason = dict(s.rejected)["reports/hostile-0.txt"]
    assert "没有写明年度" not in reason and "单位" in reason
