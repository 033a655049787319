"""总览 (dashboard.py) on the bundled data: cards, sentences, coverage, first-run build."""

from __future__ import annotations

import sys

import duckdb
import pytest
from board_fixtures import assert_ok, chart_data, chart_spec, charts, new_app, open_page, texts

AREAS = ["执法检查", "案件", "学法培训", "政务公开", "审批提速"]
HEADLINES = ["inspections", "cases", "trainings", "disclosures_proactive", "approval_time_cut_pct"]

pytest_plugins = ["board_fixtures"]


def resolved(db, sql: str, *params):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_a_card_per_area_with_value_change_and_sparkline(app, bundled_wh):
    at = open_page("overview")
    assert_ok(at)
    assert [m.label for m in at.metric] == AREAS
    (year,) = resolved(bundled_wh, "SELECT max(year) FROM resolved WHERE indicator_id IN "
                       "(SELECT unnest(?::VARCHAR[]))", HEADLINES)[0]  # fmt: skip
    assert f"{year}年要点" in texts(at)
    # the inspections card is the total of the three agencies in that year
    (total,) = resolved(bundled_wh, "SELECT sum(value) FROM resolved WHERE indicator_id = "
                        "'inspections' AND year = ?", year)[0]  # fmt: skip
    assert at.metric[0].value.startswith(f"{int(total)}次")
    # its change on the year before, over the agencies that have both years
    rows = resolved(bundled_wh, "SELECT year, agency_id, value FROM resolved WHERE indicator_id"
                    " = 'inspections' AND year IN (?, ?)", year, year - 1)  # fmt: skip
    now = {a: v for y, a, v in rows if y == year}
    prev = {a: v for y, a, v in rows if y == year - 1}
    both = set(now) & set(prev)
    if both:
        d = sum(now[a] for a in both) - sum(prev[a] for a in both)
        assert at.metric[0].delta.startswith(("+" if d >= 0 else "-") + f"{abs(int(d))}次")
    sparks = charts(at)
    assert len(sparks) == len(at.metric)
    # (a sparkline is sent the year_txt on its axis, not year)
    assert all({int(y) for y in chart_data(el)["year_txt"]} <= set(range(2016, year + 1))
               for el in sparks)  # fmt: skip


def test_sentences_a_leader_can_read_out(app):
    at = open_page("overview")
    md = "\n".join(m.value for m in at.markdown)
    lines = [ln[2:] for ln in md.splitlines() if ln.startswith("- ")]
    assert lines, md
    for ln in lines:
        scope, _, said = ln.partition("：")  # who it covers first (issue 13)
        assert scope.startswith(("全局合计（", "仅", "各单位分列（")) or "个单位合计（" in scope, ln
        assert said[:4].isdigit() and said[4] == "年", ln
        assert any(w in ln for w in ("同比", "上年", "持平", "百分点", "各单位分列")), ln
        assert ln.rstrip("（演示数据）").endswith("。"), ln


def test_every_headline_says_its_scope_and_never_averages_percentages(app, bundled_wh):
    """Issue 13: under '2025年要点（区科技局、区知识产权局、区地震局）' a 3-agency sum, one
    agency alone and a percentage of two agencies must not read alike; the percentage is
    each agency's value, never their mean."""
    at = open_page("overview")
    (year,) = resolved(bundled_wh, "SELECT max(year) FROM resolved WHERE indicator_id IN "
                       "(SELECT unnest(?::VARCHAR[]))", HEADLINES)[0]  # fmt: skip
    md = "\n".join(m.value for m in at.markdown)
    lines = {ln.split("：")[0]: ln for ln in md.splitlines() if ln.startswith("- ")}
    cuts = dict(resolved(bundled_wh, "SELECT agency_id, value FROM resolved WHERE indicator_id"
                         " = 'approval_time_cut_pct' AND year = ?", year))  # fmt: skip
    n_insp = resolved(bundled_wh, "SELECT count(DISTINCT agency_id) FROM resolved WHERE "
                      "indicator_id = 'inspections' AND year = ?", year)[0][0]  # fmt: skip
    sentence = {k: v for k, v in lines.items()}
    insp = next(v for v in sentence.values() if "执法检查" in v)
    assert insp.startswith(f"- 全局合计（{n_insp}个单位）：") if n_insp == 3 else "合计" in insp
    cut = next(v for v in sentence.values() if "压缩" in v)
    assert len(cuts) > 1, "the bundled data has the cut of several agencies"
    assert cut.startswith(f"- 各单位分列（{len(cuts)}个单位，不作平均）："), cut
    mean = sum(cuts.values()) / len(cuts)
    for v in cuts.values():  # each agency's value is said, and not their mean
        assert f"{v:g}%" in cut, cut
    if all(abs(mean - v) > 0.05 for v in cuts.values()):
        assert f"{mean:g}%" not in cut and f"{round(mean, 1):g}%" not in cut, cut
    # the card shows the best agency's value, says so, and lists each one
    card = at.metric[HEADLINES.index("approval_time_cut_pct")]
    assert card.value == f"{max(cuts.values()):g}%"
    assert card.delta.endswith("（最高）"), "whose value it is, in place of a 同比 of a mean"
    captions = " ".join(c.value for c in at.caption)
    assert f"各单位分列（{len(cuts)}个单位，不作平均）" in captions
    # one agency alone says so
    only = [v for v in sentence.values() if v.startswith("- 仅")]
    assert only, sentence


def test_real_data_only_shows_2018_from_the_real_report(app):
    at = open_page("overview", {"demo": "0"})
    assert_ok(at)
    body = texts(at)
    assert "2018年要点" in body
    md = "\n".join(m.value for m in at.markdown)
    assert "2018年开展执法检查12次" in md
    assert "2018年办理执法案件11件" in md
    assert "演示数据" not in md
    assert at.metric[0].value == "12次" and at.metric[1].value == "11件"


def test_coverage_lists_years_and_what_is_missing(app, bundled_wh):
    at = open_page("overview")
    cov = at.dataframe[0].value
    assert list(cov.columns) == ["单位", "数据覆盖", "演示数据", "缺少"]
    assert list(cov["单位"]) == ["区科技局", "区知识产权局", "区地震局"]
    # covered = years with figures, wherever they were reported (the bureau reports its
    # IP office's figures in most years, so its own few reports are not the coverage)
    have = {a: {y for (y,) in resolved(bundled_wh, "SELECT DISTINCT year FROM resolved WHERE "
                                         "agency_id = ?", a)} for a in ("zc_zscqj",)}  # fmt: skip
    missing = sorted(set(range(2016, 2026)) - have["zc_zscqj"])
    row = cov[cov["单位"] == "区知识产权局"].iloc[0]
    assert expand(row["缺少"]) == missing
    assert expand(row["数据覆盖"]) == sorted(have["zc_zscqj"])


def expand(text: str) -> list[int]:
    """'2016–2018年、2020年' -> [2016, 2017, 2018, 2020]"""
    out = []
    for part in filter(None, text.replace("年", "").split("、")):
        a, _, b = part.partition("–")
        out += list(range(int(a), int(b or a) + 1))
    return out


def test_english(app):
    at = open_page("overview", {"lang": "en"})
    assert_ok(at)
    assert [m.label for m in at.metric] == [
        "Enforcement inspections", "Cases", "Law training", "Disclosure", "Approval speed-up"]  # fmt: skip
    assert "Highlights" in texts(at)
    md = "\n".join(m.value for m in at.markdown)
    assert ": in 20" in md and "- Bureau-wide total (3 agencies): " in md  # scope first


def test_first_run_builds_the_warehouse_with_progress(use_wh, tmp_path, monkeypatch):
    import etl.build

    calls = []
    real_build = etl.build.build

    def spy(data_dir, db_path, *, progress=None, **kw):
        def p(*a):
            calls.append(a)
            if progress:
                progress(*a)

        return real_build(data_dir, db_path, progress=p, **kw)

    monkeypatch.setattr(etl.build, "build", spy)
    db = use_wh(tmp_path / "fresh" / "warehouse.duckdb")
    assert not db.exists()
    at = new_app().run()
    assert_ok(at)
    assert db.exists()
    assert calls, "the build reported no progress"
    assert [m.label for m in at.metric] == AREAS


def test_missing_builder_says_what_to_do(use_wh, tmp_path, monkeypatch):
    use_wh(tmp_path / "none.duckdb")
    monkeypatch.setitem(sys.modules, "etl.build", None)  # import fails
    at = new_app().run()
    assert not at.exception
    assert at.error and "python -m etl build" in at.error[0].value
    assert not (tmp_path / "none.duckdb").exists()


def test_failing_build_says_so(use_wh, tmp_path, monkeypatch):
    import etl.build

    def broken(data_dir, db_path, **kw):
        raise RuntimeError("数据文件夹不存在")

    monkeypatch.setattr(etl.build, "build", broken)
    use_wh(tmp_path / "none.duckdb")
    at = new_app().run()
    assert not at.exception
    assert "数据文件夹不存在" in at.error[0].value


@pytest.mark.parametrize("y1", ["2019", "2022"])
def test_year_in_focus_follows_the_range(app, y1):
    at = open_page("overview", {"y1": y1})
    assert f"{y1}年要点" in texts(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_sparklines_notes_take_a_line_each(app, lang):
    """The 执法检查 card's notes on one line were cut in its narrow card ('含演示数据；红圈…',
    'includes demo da…'): the red ring's explanation was lost. A note a line, the title not
    limited to the plot's width."""
    at = open_page("overview", {"lang": lang} if lang == "en" else None)
    spark = charts(at)[0]  # the cards in order: 执法检查 first
    head = chart_spec(spark)["title"]
    assert head["limit"] >= 1000  # not the plot's width, which cut 'includes demo da…'
    sub = head["subtitle"]
    want = {
        "zh": ["含演示数据；", "红圈：有争议"],
        "en": ["includes demo data;", "red ring: disputed"],
    }
    assert sub == want[lang]
