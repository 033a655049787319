"""How long a leader waits for exports: one chart as PNG, and the meeting pack of the five
areas (PPTX and PDF), on a warehouse (default: data/warehouse.duckdb).

    python scripts/bench_exports.py [--db PATH] [--year Y] [--out DIR] [--json] [--runs N]
                                    [--page-only]

Measured two ways: the command line as a user runs it (a fresh process: imports, font
registration and vl-convert's first start included; the PNG is the median of --runs
fresh processes), and inside one process as the dashboard does it (first = vl-convert
cold, then warm, the median of a few runs). --page-only measures only the page's PNG
button (first click on a chart not exported before, engine warm; the same click again;
the SVG of the same chart after its PNG; the first click also as processor time, which a
busy machine changes less than wall time), e.g. on a big warehouse opened read-only:

    python scripts/bench_exports.py --page-only --runs 7 \
        --db /work/main/out/province_45000/warehouse.duckdb

The load average is printed with the figures: on a shared machine wall time says little
without it (use farm-bench for paired before/after runs of the command line).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cli(*args) -> float:
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "board", *map(str, args)], cwd=ROOT,
                       capture_output=True, text=True)  # fmt: skip
    if r.returncode != 0:
        raise SystemExit(f"python -m board {' '.join(map(str, args))} failed:\n{r.stderr}")
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=ROOT / "data" / "warehouse.duckdb")
    ap.add_argument("--year", type=int, default=None, help="deck year (default: the last one)")
    ap.add_argument("--out", type=Path, default=None, help="where to write the files")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON")
    ap.add_argument("--quick", action="store_true", help="skip the command-line runs (tests)")
    ap.add_argument("--page-only", action="store_true", help="only the page's PNG button")
    a = ap.parse_args()
    if not a.db.is_file():
        raise SystemExit(f"没有找到数据仓库：{a.db}；请先运行 python -m etl build")
    out = a.out or Path(tempfile.mkdtemp(prefix="bench_exports_"))
    out.mkdir(parents=True, exist_ok=True)
    res: dict[str, float | int | str] = {"load_before": round(os.getloadavg()[0], 2)}

    # 1. the command line, as a user runs it
    year = ["--year", a.year] if a.year else []
    if not a.quick and not a.page_only:
        res["cli_png_s"] = statistics.median(
            cli("export", "--indicator", "inspections", "--format", "png",
                "--out", out / "cli.png", "--db", a.db)
            for _ in range(a.runs)
        )  # fmt: skip
        res["cli_deck_pptx_s"] = cli("deck", *year, "--out", out / "cli.pptx", "--db", a.db)
        res["cli_deck_pdf_s"] = cli("deck", *year, "--out", out / "cli.pdf", "--db", a.db)

    # 2. inside one process, as the dashboard does it
    import streamlit.logger

    streamlit.logger.set_log_level("error")
    from board import app, charts, deck, export, fonts, model, reader

    wh = reader.Warehouse(a.db)
    ag = app.default_agencies(wh.meta)
    y0, y1 = min(wh.meta.years), max(wh.meta.years)

    def png() -> bytes:
        df = wh.series(["inspections"], ag, y0, y1)
        data = model.add_yoy(model.add_segments(model.enrich(df, wh.meta, "zh")))
        chart = charts.trend(data, wh.meta, list(range(y0, y1 + 1)), "zh")
        return export.export(chart, data, "png", sources=model.sources_footnote(data, "zh"))

    t = time.perf_counter()
    fonts.ensure()
    res["font_register_s"] = time.perf_counter() - t
    t = time.perf_counter()
    (out / "one.png").write_bytes(png())
    res["png_cold_s"] = time.perf_counter() - t
    warm = []
    for _ in range(1 if a.quick or a.page_only else a.runs):
        t = time.perf_counter()
        png()
        warm.append(time.perf_counter() - t)
    res["png_warm_s"] = statistics.median(warm)

    # the page's PNG button (export_ui: chart already drawn on the page, engine warm): the
    # first click on a chart not exported before, then a second click on it
    from board import export_ui

    first, again, other, first_cpu = [], [], [], []
    inds = ["cases", "trainings", "disclosures_proactive", "normative_documents", "legal_reviews",
            "approval_items", "one_visit_items", "penalty_case_files", "legal_meetings"]  # fmt: skip
    for ind in inds[: max(a.runs, 1)]:
        df = wh.series([ind], ag, y0, y1)
        data = model.add_yoy(model.add_segments(model.enrich(df, wh.meta, "zh")))
        chart = charts.trend(data, wh.meta, list(range(y0, y1 + 1)), "zh")
        sources, memo = model.sources_footnote(data, "zh"), {}  # one chart's buttons
        make = export_ui._maker("png", chart, data, sources, "zh", ind, memo)
        t, c = time.perf_counter(), time.process_time()
        make()
        first.append(time.perf_counter() - t)
        first_cpu.append(time.process_time() - c)  # vl-convert's threads included
        t = time.perf_counter()
        make()
        again.append(time.perf_counter() - t)
        t = time.perf_counter()
        export_ui._maker("svg", chart, data, sources, "zh", ind, memo)()
        other.append(time.perf_counter() - t)
    res["page_png_first_s"] = statistics.median(first)
    res["page_png_first_cpu_s"] = statistics.median(first_cpu)
    res["page_png_again_s"] = statistics.median(again)
    res["page_svg_after_png_s"] = statistics.median(other)
    res["rows"] = len(data)
    if a.page_only:
        res["load_after"] = round(os.getloadavg()[0], 2)
        print(f"PNG button on a page, first click (engine warm)   {res['page_png_first_s']:6.3f} s")
        print(
            f"  the same, processor time (less load-dependent)   {res['page_png_first_cpu_s']:6.3f} s"
        )
        print(f"PNG button on a page, second click                {res['page_png_again_s']:6.3f} s")
        print(
            f"SVG button of the same chart after its PNG        {res['page_svg_after_png_s']:6.3f} s"
        )
        print(f"load average {res['load_before']} → {res['load_after']}")
        if a.json:
            print(json.dumps({k: round(v, 4) if isinstance(v, float) else v
                              for k, v in res.items()}))  # fmt: skip
        return 0

    year_ = a.year or y1
    df = wh.series(wh.meta.headlines(), ag, year_ - deck.WINDOW + 1, year_)
    t = time.perf_counter()
    pack = deck.build(df, wh.meta, wh.meta.headlines(), year_, ag)
    res["deck_build_s"] = time.perf_counter() - t
    t = time.perf_counter()
    (out / "deck.pptx").write_bytes(deck.to_pptx(pack))
    res["deck_pptx_s"] = time.perf_counter() - t + res["deck_build_s"]
    t = time.perf_counter()
    (out / "deck.pdf").write_bytes(deck.to_pdf(pack))
    res["deck_pdf_after_pptx_s"] = time.perf_counter() - t  # the charts' SVGs are reused
    pack2 = deck.build(df, wh.meta, wh.meta.headlines(), year_, ag)
    t = time.perf_counter()
    deck.to_pdf(pack2)
    res["deck_pdf_s"] = time.perf_counter() - t + res["deck_build_s"]
    res["slides"] = len(pack.slides) + 1
    res["year"] = year_

    rows = [
        (f"PNG, command line (fresh process, median of {a.runs})", res.get("cli_png_s")),
        ("PNG, in the app, first (vl-convert cold)", res["png_cold_s"]),
        (f"PNG, in the app, warm (median of {a.runs})", res["png_warm_s"]),
        ("PNG button on a page, first click (engine warm)", res["page_png_first_s"]),
        ("PNG button on a page, second click", res["page_png_again_s"]),
        ("SVG button of the same chart after its PNG", res["page_svg_after_png_s"]),
        (f"deck PPTX, five areas {year_}, command line", res.get("cli_deck_pptx_s")),
        (f"deck PDF, five areas {year_}, command line", res.get("cli_deck_pdf_s")),
        ("deck PPTX, in the app (warm)", res["deck_pptx_s"]),
        ("deck PDF, in the app (warm)", res["deck_pdf_s"]),
        ("deck PDF right after the PPTX (SVGs reused)", res["deck_pdf_after_pptx_s"]),
    ]
    for label, s in rows:
        if s is not None:
            print(f"{label:<48} {s:6.2f} s")
    res["load_after"] = round(os.getloadavg()[0], 2)
    print(f"load average {res['load_before']} → {res['load_after']}")
    print(f"files in {out}")
    if a.json:
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in res.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
