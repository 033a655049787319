"""`python -m board export | deck`, run as a user runs them, on the bundled data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from board_fixtures import ROOT
from pypdf import PdfReader

MAGIC = {"png": b"\x89PNG", "pdf": b"%PDF", "xlsx": b"PK\x03\x04", "csv": b"\xef\xbb\xbf"}

pytest_plugins = ["board_fixtures"]


def board(*args, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "board", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf", "csv", "xlsx"])
def test_export_writes_each_format(bundled_wh, tmp_path, fmt):
    out = tmp_path / f"chart.{fmt}"
    r = board("export", "--indicator", "inspections", "--format", fmt, "--out", out,
              "--db", bundled_wh)  # fmt: skip
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    if fmt == "svg":
        assert data.lstrip().startswith(b"<svg") and "执法检查次数（次）" in data.decode()
    else:
        assert data.startswith(MAGIC[fmt])
    if fmt == "pdf":
        assert "执法检查次数（次）" in PdfReader(out).pages[0].extract_text()
    assert "已写入" in r.stdout


def test_export_takes_aliases_and_years(bundled_wh, tmp_path):
    out = tmp_path / "x.csv"
    r = board("export", "--indicator", "执法检查次数", "--agency", "科技局", "--from", "2019",
              "--to", "2023", "--format", "csv", "--out", out, "--db", bundled_wh)  # fmt: skip
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert set(df["单位代码"]) == {"zc_kjj"}
    assert df["年份"].between(2019, 2023).all() and len(df) >= 3
    assert set(df["指标代码"]) == {"inspections"}


def test_export_of_two_agencies_by_canonical_name(bundled_wh, tmp_path):
    out = tmp_path / "x.xlsx"
    r = board("export", "--indicator", "cases", "--agency", "周村区科学技术局", "--agency",
              "区知识产权局", "--format", "xlsx", "--out", out, "--db", bundled_wh)  # fmt: skip
    assert r.returncode == 0, r.stderr
    df = pd.read_excel(out, sheet_name="数据")
    assert set(df["单位代码"]) <= {"zc_kjj", "zc_zscqj"}


def run_main(capsys, *args) -> tuple[int, str, str]:
    """The command line in this process (fast), for the paths that stop before drawing."""
    from board.__main__ import main

    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_missing_warehouse_says_to_build_it(tmp_path):
    r = board("export", "--indicator", "inspections", "--format", "png",
              "--out", tmp_path / "a.png", "--db", tmp_path / "none.duckdb")  # fmt: skip
    assert r.returncode == 2
    assert "python -m etl build" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "a.png").exists()


def test_missing_warehouse_for_a_deck(tmp_path, capsys):
    code, _, err = run_main(capsys, "deck", "--out", tmp_path / "a.pptx", "--db", tmp_path / "x")
    assert code == 2 and "python -m etl build" in err


def test_nothing_to_export_exits_1(bundled_wh, tmp_path, capsys):
    code, _, err = run_main(capsys, "export", "--indicator", "inspections", "--from", "2001",
                            "--to", "2002", "--format", "csv", "--out", tmp_path / "a.csv",
                            "--db", bundled_wh)  # fmt: skip
    assert code == 1 and "没有可导出的数据" in err
    code, _, err = run_main(capsys, "deck", "--year", "2001", "--out", tmp_path / "a.pptx",
                            "--db", bundled_wh)  # fmt: skip
    assert code == 1 and "没有可导出的数据" in err
    assert not (tmp_path / "a.csv").exists() and not (tmp_path / "a.pptx").exists()


def test_unknown_names_are_reported_not_dropped(bundled_wh, tmp_path, capsys):
    code, _, err = run_main(capsys, "export", "--indicator", "inspections", "--agency", "区教育局",
                            "--format", "csv", "--out", tmp_path / "a.csv", "--db", bundled_wh)  # fmt: skip
    assert code == 2 and "不认识的单位：区教育局" in err and "区地震局" in err
    code, _, err = run_main(capsys, "export", "--indicator", "nonsense", "--format", "csv",
                            "--out", tmp_path / "a.csv", "--db", bundled_wh)  # fmt: skip
    assert code == 2 and "不认识的指标：nonsense" in err
    code, _, err = run_main(capsys, "deck", "--out", tmp_path / "a.docx", "--db", bundled_wh)
    assert code == 2 and ".pptx" in err


def test_deck_of_the_five_areas_as_pptx_and_pdf(bundled_wh, tmp_path):
    from pptx import Presentation

    r = board("deck", "--year", "2024", "--out", tmp_path / "m.pptx", "--db", bundled_wh)
    assert r.returncode == 0, r.stderr
    prs = Presentation(tmp_path / "m.pptx")
    assert len(prs.slides) == 6 and prs.slide_width * 9 == prs.slide_height * 16
    r = board("deck", "--year", "2024", "--out", tmp_path / "m.pdf", "--db", bundled_wh)
    assert r.returncode == 0, r.stderr
    assert len(PdfReader(tmp_path / "m.pdf").pages) == 6


def test_deck_of_chosen_indicators_defaults_to_the_last_year(bundled_wh, tmp_path):
    from pptx import Presentation

    out = tmp_path / "m.pptx"
    r = board("deck", "--indicator", "inspections", "--indicator", "normative_documents",
              "--out", out, "--db", bundled_wh)  # fmt: skip
    assert r.returncode == 0, r.stderr
    slides = list(Presentation(out).slides)
    assert len(slides) == 3
    titles = [  # the first text after the demo band
        next(sh.text_frame.text for sh in s.shapes
             if sh.has_text_frame and not sh.text_frame.text.startswith("演示数据"))
        for s in slides[1:]
    ]  # fmt: skip
    assert titles[0].startswith("执法检查次数（次）：") and titles[1].startswith("规范性文件")
    assert titles[0].endswith("2025年")


def test_no_cjk_font_exits_3_with_the_fix(bundled_wh, tmp_path):
    code = textwrap.dedent(f"""
        import sys
        import board.fonts as f
        f.mplfonts_font = lambda: None
        f.SYSTEM = ()
        from board.__main__ import main
        sys.exit(main(["export", "--indicator", "inspections", "--format", "png",
                       "--out", {str(tmp_path / "a.png")!r}, "--db", {str(bundled_wh)!r}]))
    """)
    env = {k: v for k, v in os.environ.items() if k != "FAZHI_CJK_FONT"}
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=300)  # fmt: skip
    assert r.returncode == 3, r.stderr
    assert "pip install -r requirements.txt" in r.stderr and "fonts-noto-cjk" in r.stderr
    assert not (tmp_path / "a.png").exists()


def test_bench_script_runs(bundled_wh, tmp_path):
    r = subprocess.run([sys.executable, "scripts/bench_exports.py", "--db", str(bundled_wh),
                        "--out", str(tmp_path), "--json", "--quick"], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)  # fmt: skip
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert {"png_cold_s", "png_warm_s", "deck_pptx_s", "deck_pdf_s"} <= set(got)
    assert (tmp_path / "deck.pptx").is_file() and (tmp_path / "one.png").is_file()
