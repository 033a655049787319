"""The command line's light export (board/export_light.py: no pandas, no Altair) draws the
same chart as the full path (board.charts.trend on pandas, as the trends page): the same
Vega-Lite spec with the same data, the same footnote and demo banner, the same SVG."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

import pytest
from board_fixtures import ROOT

from board import export, export_image, export_light
from board.__main__ import _parser, full_chart

pytest_plugins = ["board_fixtures"]

VIEW = re.compile(r"view_[0-9a-f]{16}_(\d+)")


def _args(db, *argv):
    return _parser().parse_args(["export", *argv, "--format", "png", "--out", "x.png",
                                 "--db", str(db)])  # fmt: skip


def _named(spec: dict) -> dict:
    """The spec with its dataset and clickable view under fixed names (Altair names them by
    hashes of its own objects, the light path by hashes of the spec: a class in the SVG)."""
    spec = dict(spec)
    (name,) = spec["datasets"]
    spec["datasets"] = {"data": spec["datasets"][name]}
    spec["data"] = {"name": "data"}
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True)
    # NaN, which JSON cannot hold, is null: pandas leaves it in a column of objects that
    # is all missing (prev_disputed of a single value), Altair passes it on
    return json.loads(VIEW.sub(r"view_\1", text), parse_constant=lambda c: None)


def _both(db, *argv):
    a = _args(db, *argv)
    chart, data, sources = full_chart(a)
    full = (export.spec_of(chart), export.footnote(sources, a.lang, data=data),
            export.banner(data, a.lang))  # fmt: skip
    spec, rows, foot, banner = export_light.chart(a)
    assert len(rows) == len(data)
    return full, (spec, foot, banner)


CASES = [
    ("inspections",),  # a disputed value (the red ring), demo data
    ("inspections", "--lang", "en"),
    ("inspections", "--real-only"),
    ("inspections", "--indicator", "cases", "--indicator", "trainings"),  # panels, a bound
    ("执法检查次数", "--indicator", "online_case_rate", "--lang", "en", "--real-only"),
    ("approval_time_cut_pct",),  # a % axis
    ("training_attendance", "--agency", "科技局", "--from", "2019", "--to", "2023"),
    ("cases", "--agency", "周村区科学技术局", "--agency", "区知识产权局", "--lang", "en"),
    ("trainings", "--indicator", "approval_days_after", "--from", "2018"),
]


@pytest.mark.parametrize("argv", CASES, ids=lambda c: "-".join(c)[:60])
def test_light_spec_is_the_full_paths(bundled_wh, argv):
    ind, *rest = argv
    (spec, foot, banner), (lspec, lfoot, lbanner) = _both(bundled_wh, "--indicator", ind, *rest)
    assert _named(lspec) == _named(spec)
    assert (lfoot, lbanner) == (foot, banner)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("demo", [True, False])
def test_light_spec_on_generated_data(gen_wh, lang, demo):
    """Many conflicts, bounds and gaps: every headline indicator, one chart and all at once."""
    from board import reader

    heads = reader.Warehouse(gen_wh).meta.headlines()
    flags = ["--lang", lang] + ([] if demo else ["--real-only"])
    for argv in [
        *(["--indicator", h] for h in heads),
        [x for h in heads for x in ("--indicator", h)],
    ]:
        (spec, foot, banner), (lspec, lfoot, lbanner) = _both(gen_wh, *argv, *flags)
        assert _named(lspec) == _named(spec), argv
        assert (lfoot, lbanner) == (foot, banner), argv


@pytest.mark.parametrize("argv", [CASES[0], CASES[3], CASES[4]], ids=["one", "panels", "en"])
def test_light_svg_is_the_full_paths(bundled_wh, argv):
    ind, *rest = argv
    (spec, foot, banner), (lspec, lfoot, lbanner) = _both(bundled_wh, "--indicator", ind, *rest)
    full = export_image.chart_svg(spec, foot, banner)
    light = export_image.chart_svg(lspec, lfoot, lbanner)
    assert VIEW.sub("view", light) == VIEW.sub("view", full)


def test_cli_image_imports_neither_pandas_nor_altair(bundled_wh, tmp_path):
    out = tmp_path / "c.png"
    code = textwrap.dedent(f"""
        import sys
        from board.__main__ import main
        assert main(["export", "--indicator", "inspections", "--format", "png",
                     "--out", {str(out)!r}, "--db", {str(bundled_wh)!r}]) == 0
        print(sorted(m for m in ("pandas", "altair", "numpy") if m in sys.modules))
    """)
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       timeout=300)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"
    assert out.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "argv",
    [
        ["--indicator", "nope"],
        ["--indicator", "inspections", "--agency", "不存在的局"],
        ["--indicator", "inspections", "--from", "2024", "--to", "2020"],
        ["--indicator", "inspections", "--from", "1990", "--to", "1991"],
    ],
)
def test_light_path_leaves_errors_to_the_full_path(bundled_wh, argv):
    assert export_light.chart(_args(bundled_wh, *argv)) is None


def test_a_light_path_that_fails_leaves_the_image_to_the_full_path(
    bundled_wh, monkeypatch, tmp_path
):
    from board import __main__ as cli

    def odd(a):
        raise ValueError("a warehouse the light path does not read")

    monkeypatch.setattr(export_light, "chart", odd)
    out = tmp_path / "c.svg"
    argv = ["export", "--indicator", "inspections", "--format", "svg", "--out", str(out),
            "--db", str(bundled_wh)]  # fmt: skip
    assert cli.cmd_export_light(cli._parser().parse_args(argv)) is None
    assert cli.main(argv) == 0 and "执法检查次数（次）" in out.read_text(encoding="utf-8")
