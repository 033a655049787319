"""The report synthesiser (synth/) and the demo corpus it writes (data/demo/)."""

from __future__ import annotations

import csv
import json
import random
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from etl import catalog
from etl.registry import Registry
from synth import CONTRACT_IDS, cn_int, generate_corpus, make_report

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DEMO = DATA / "demo"
GOLDEN = ROOT / "tests" / "golden" / "demo_expected.jsonl"
SCRIPT = ROOT / "scripts" / "make_demo_corpus.py"
KJJ, IP, EQ = "周村区科学技术局", "周村区知识产权局", "周村区地震局"
FACT_KEYS = {"agency", "year", "indicator", "value", "qualifier"}


def _figures(rng: random.Random, agencies: list[str]) -> dict:
    figs = {}
    for a in agencies:
        for ind in rng.sample(CONTRACT_IDS, 12):
            if ind.startswith("approval_days") or ind == "approval_time_cut_pct":
                continue
            v = rng.choice([0, 1, 2, 3, 7, 12, 20, 35, 100])
            if ind.endswith(("rate", "pct")):
                v = rng.choice([50, 90, 100])
            figs[(a, ind)] = (v, rng.choice([None, None, None, "at_least"]) if v >= 10 else None)
        figs[(a, "approval_days_before")] = (20, None)
        figs[(a, "approval_days_after")] = (5, None)
        if rng.random() < 0.5:
            figs[(a, "approval_time_cut_pct")] = (75, None)
    return figs


def _read(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def _renderings(v) -> list[str]:
    out = [str(v)]
    if isinstance(v, int) and 0 < v < 100:
        out.append(cn_int(v))
    out += {2: ["两"], 100: ["百分之百"], 50: ["一半"]}.get(v, [])
    return out


# ------------------------------------------------------------------ make_report


@pytest.mark.parametrize("seed", range(5))
def test_same_seed_same_report(seed):
    figs = _figures(random.Random(seed), [KJJ, IP, EQ])
    a = make_report(KJJ, 2020, figs, random.Random(seed), [IP, EQ])
    b = make_report(KJJ, 2020, figs, random.Random(seed), [IP, EQ])
    assert a.text == b.text and a.expected == b.expected and a.title == b.title
    c = make_report(KJJ, 2020, figs, random.Random(seed + 100), [IP, EQ])
    assert c.text != a.text


@pytest.mark.parametrize("style", ["fazhi", "xxgk"])
@pytest.mark.parametrize("seed", range(20))
def test_report_shape_and_expected_facts(seed, style):
    rng = random.Random(seed)
    year = rng.randint(2016, 2025)
    figs = _figures(rng, [KJJ, IP, EQ])
    rep = make_report(KJJ, year, figs, rng, [IP, EQ], style)
    title, blank, *_ = rep.text.split("\n")
    assert title == rep.title and blank == ""
    assert str(year) in rep.title and KJJ in rep.title
    if style == "fazhi":
        assert rep.expected, "a report with figures states them"
    for e in rep.expected:
        assert set(e) == FACT_KEYS
        assert e["indicator"] in CONTRACT_IDS
        assert e["year"] == year and e["qualifier"] in (None, "at_least", "about")
        assert (e["agency"], e["indicator"]) in figs  # only what was given
        assert any(r in rep.text for r in _renderings(e["value"])), e
        if style == "xxgk":
            assert e["agency"] == KJJ
    keys = [(e["agency"], e["indicator"]) for e in rep.expected]
    assert len(keys) == len(set(keys)), "each figure stated once"
    if style == "fazhi":  # every figure of the three agencies is written
        assert set(keys) == set(figs)


def test_subordinate_facts_stand_in_sentences_that_name_them():
    for seed in range(30):
        rng = random.Random(seed)
        figs = _figures(rng, [KJJ, IP, EQ])
        rep = make_report(KJJ, 2021, figs, rng, [IP, EQ])
        sentences = re.split(r"[。\n]", rep.text)
        for sent in sentences:
            if "区知识产权局" in sent and "区地震局" in sent:
                assert not re.search(r"\d", sent), sent  # the supervision line only
        # a zero in words or a number of a subordinate never shares a sentence with 我局
        for sent in sentences:
            if re.search(r"区(知识产权|地震)局", sent):
                assert "我局" not in sent and "局机关" not in sent, sent


def test_stated_and_derivable_cut():
    figs = {(KJJ, "approval_days_before"): (20, None), (KJJ, "approval_days_after"): (5, None)}
    rep = make_report(KJJ, 2022, figs, random.Random(1))
    inds = {e["indicator"]: e["value"] for e in rep.expected}
    assert inds == {"approval_days_before": 20, "approval_days_after": 5}
    assert [o["value"] for o in rep.optional] == [75]
    figs[(KJJ, "approval_time_cut_pct")] = (75, None)
    rep = make_report(KJJ, 2022, figs, random.Random(1))
    assert {e["indicator"] for e in rep.expected} == {
        "approval_days_before", "approval_days_after", "approval_time_cut_pct"
    }  # fmt: skip
    assert rep.optional == []


def test_contract_ids_are_the_catalog_ids():
    ids = {i.id for i in catalog.load().indicators}
    assert set(CONTRACT_IDS) <= ids and len(CONTRACT_IDS) == 24


# ------------------------------------------------------------------ generate_corpus


def test_generate_corpus_files_and_registry(tmp_path):
    reps = generate_corpus(tmp_path, 120, seed=3)
    assert len(reps) == 120
    files = sorted(p for p in tmp_path.rglob("*.txt"))
    assert len(files) == 120
    assert {r.path for r in reps} == {p.relative_to(tmp_path).as_posix() for p in files}
    # the registry: same columns as the real one, unique ascii ids, aliases include the name
    with (DATA / "registry" / "agencies.csv").open(encoding="utf-8-sig") as fh:
        columns = next(csv.reader(fh))
    reg_path = tmp_path / "registry" / "agencies.csv"
    with reg_path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == columns
    ids = [r["agency_id"] for r in rows]
    assert len(ids) == len(set(ids)) and all(i.isascii() for i in ids)
    assert all(r["name_zh"] in r["aliases"].split("|") for r in rows)
    registry = Registry.load(tmp_path)
    names = {r["name_zh"] for r in rows}
    encodings = set()
    for rep in reps:
        assert rep.agency in names
        agency = registry.resolve(rep.agency)
        assert agency is not None
        assert str(rep.year) in rep.title
        assert any(n in rep.title for n in (agency.name_zh, agency.short_zh, *agency.aliases))
        for e in rep.expected:
            assert set(e) == FACT_KEYS and e["indicator"] in CONTRACT_IDS
            assert registry.resolve(e["agency"]) is not None
            assert e["year"] == rep.year
        text = _read(tmp_path / rep.path).replace("\r\n", "\n")
        assert text.split("\n")[0] == rep.title
        encodings.add(rep.encoding)
    assert "gb18030" in encodings and "utf-8" in encodings
    assert {r.style for r in reps} == {"fazhi", "xxgk"}
    assert any(r.agency.endswith("知识产权局") for r in reps)


def test_generate_corpus_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    generate_corpus(a, 50, seed=7)
    generate_corpus(b, 50, seed=7)
    fa = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    fb = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert fa == fb
    assert all((a / p).read_bytes() == (b / p).read_bytes() for p in fa)


def test_generate_corpus_with_given_agencies(tmp_path):
    reps = generate_corpus(tmp_path, 30, seed=1, agencies=["淄川区科学技术局"])
    assert reps[0].agency == "淄川区科学技术局"
    names = {a.name_zh for a in Registry.load(tmp_path).agencies}
    assert {"淄川区科学技术局", "淄川区知识产权局", "淄川区地震局"} <= names
    assert {r.agency for r in reps} <= names


# ------------------------------------------------------------------ the demo corpus


def _docx_text(path: Path) -> list[str]:
    from docx import Document

    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in t.rows]
    return lines


def _xlsx_cells(path: Path) -> list[list]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return [[list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets]


def test_demo_corpus_on_disk_is_what_the_script_writes(tmp_path):
    data, golden = tmp_path / "data", tmp_path / "demo_expected.jsonl"
    r = subprocess.run(
        [sys.executable, str(SCRIPT), "--data", str(data), "--golden", str(golden)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert golden.read_bytes() == GOLDEN.read_bytes()
    new = sorted(p.relative_to(data / "demo") for p in (data / "demo").rglob("*") if p.is_file())
    old = sorted(p.relative_to(DEMO) for p in DEMO.rglob("*") if p.is_file())
    assert new == old
    for rel in new:
        a, b = data / "demo" / rel, DEMO / rel
        if rel.suffix == ".docx":
            assert _docx_text(a) == _docx_text(b), rel
        elif rel.suffix == ".xlsx":
            assert _xlsx_cells(a) == _xlsx_cells(b), rel
        else:
            assert a.read_bytes() == b.read_bytes(), rel


def _golden() -> list[dict]:
    return [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]


def test_golden_facts_name_demo_files_and_contract_ids():
    facts = _golden()
    registry = Registry.load(DATA)
    assert facts
    for f in facts:
        assert list(f) == ["doc", "agency", "year", "indicator", "value", "qualifier"]
        assert (DATA / f["doc"]).is_file() and f["doc"].startswith("demo/")
        assert f["indicator"] in CONTRACT_IDS
        assert registry.resolve(f["agency"]).name_zh == f["agency"]
    docs = {f["doc"] for f in facts}
    assert len(docs) == 17  # 15 reports and 2 tables


def test_demo_reports_say_they_are_demo():
    for path in (DEMO / "reports").rglob("*"):
        if path.suffix == ".txt":
            lines = _read(path).replace("\r\n", "\n").split("\n")
        elif path.suffix == ".docx":
            lines = _docx_text(path)
        else:
            continue
        assert "演示数据" in lines[1], path
        year = re.search(r"20\d\d", lines[0]).group()
        assert year in path.name


def test_demo_formats():
    reports = list((DEMO / "reports").rglob("*.*"))
    gb = [p for p in reports if p.suffix == ".txt" and _is_gb(p)]
    crlf = [p for p in reports if p.suffix == ".txt" and b"\r\n" in p.read_bytes()]
    docx = [p for p in reports if p.suffix == ".docx"]
    assert len(gb) == 2 and len(crlf) == 1 and len(docx) == 2
    assert any(" | " in line for p in docx for line in _docx_text(p))


def _is_gb(p: Path) -> bool:
    try:
        p.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def test_demo_2018_keeps_the_real_reports_figures():
    real = {
        (KJJ, "inspection_plans"): 1, (KJJ, "inspections"): 12, (KJJ, "cases"): 11,
        (KJJ, "online_case_rate"): 100, (KJJ, "contracts_reviewed"): 3,
        (KJJ, "disclosure_requests"): 0, (KJJ, "reconsideration_cases"): 0,
        (IP, "penalty_case_files"): 4, (EQ, "approval_items"): 2,
    }  # fmt: skip
    got = {(f["agency"], f["indicator"]): f["value"] for f in _golden() if f["year"] == 2018}
    assert {k: got.get(k) for k in real} == real


def test_demo_sources_agree_but_for_one_deliberate_conflict():
    values = defaultdict(set)
    for f in _golden():
        values[(f["agency"], f["year"], f["indicator"])].add(f["value"])
    conflicts = {k: v for k, v in values.items() if len(v) > 1}
    assert conflicts == {(KJJ, 2021, "inspections"): {13, 15}}
    assert "15" in (DEMO / "README.md").read_text(encoding="utf-8")


def test_demo_series_covers_every_area_in_most_years():
    years = defaultdict(set)
    for f in _golden():
        if f["agency"] == KJJ:
            years[f["indicator"]].add(f["year"])
    for ind in ("inspections", "cases", "trainings", "disclosures_proactive",
                "approval_time_cut_pct"):  # fmt: skip
        assert len(years[ind]) >= 7, ind
    assert any(len(y) < 10 for y in years.values()), "some gaps"
