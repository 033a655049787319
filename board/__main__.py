"""Command line of the board: exports for meetings, without opening the dashboard.

    python -m board export --indicator ID [--agency NAME]... [--from YEAR] [--to YEAR]
                           --format png|svg|pdf|csv|xlsx --out FILE [--db PATH] [--real-only]
    python -m board deck   [--year YEAR] [--indicator ID]... --out FILE.pptx|FILE.pdf
                           [--agency NAME]... [--db PATH] [--real-only]
    python -m board draft  --agency NAME [--year YEAR] [--kind fazhi|xxgk] --out FILE.docx
                           [--db PATH] [--real-only]

`export` draws the trend of the indicator(s) for the agencies (default: the bureau and its
agencies) over the years, as on the trends page, or writes its numbers. `deck` makes the
meeting pack: a title slide and one slide per indicator (default: the five areas' headline
indicators) for the year (default: the last year with a value). `draft` writes the figures
section of the agency's report for the year (法治政府建设情况报告, or with --kind xxgk the
政府信息公开工作年度报告) as a Word file: one paragraph per area with 比上年 comparisons, a
footnote with each figure's source, figures to check highlighted, blanks for missing ones.
Agency NAME: canonical name, short name or alias (区科技局, 周村区科学技术局, 科技局 ...).
Demo data are included, and marked, as on the dashboard; --real-only leaves them out.

Exit codes: 0 written; 1 nothing to export; 2 usage error or no warehouse; 3 no Chinese
font (the message says how to install one).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from etl.paths import DB as DEFAULT_DB

EXIT_OK, EXIT_NONE, EXIT_USAGE, EXIT_FONT = 0, 1, 2, 3


class Usage(Exception):
    """A message for the user, and the exit code."""

    def __init__(self, msg: str, code: int = EXIT_USAGE):
        super().__init__(msg)
        self.code = code


def _year(s: str) -> int:
    try:
        y = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"年份应为四位数字：{s!r}") from None
    if not 1900 <= y <= 2100:
        raise argparse.ArgumentTypeError(f"年份应为四位数字：{s!r}")
    return y


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m board", description="法治指标看板：导出图表与会议材料"
    )
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    e = sub.add_parser("export", help="导出一张图表（PNG/SVG/PDF）或其数据（CSV/XLSX）")
    e.add_argument("--indicator", action="append", required=True, metavar="ID",
                   help="指标 id 或中文名，如 inspections / 执法检查次数（可重复）")  # fmt: skip
    e.add_argument("--agency", action="append", default=[], metavar="NAME",
                   help="单位名称或别名（可重复；默认：区科技局及所属单位）")  # fmt: skip
    e.add_argument("--from", dest="y0", type=_year, metavar="YEAR", help="起始年份")
    e.add_argument("--to", dest="y1", type=_year, metavar="YEAR", help="截止年份")
    e.add_argument("--format", required=True, choices=["png", "svg", "pdf", "csv", "xlsx"])
    e.add_argument("--out", required=True, type=Path, metavar="FILE")

    d = sub.add_parser("deck", help="会议材料：16:9 的 PPTX 或同样内容的 PDF")
    d.add_argument("--year", type=_year, help="年份（默认：有数据的最近一年）")
    d.add_argument("--indicator", action="append", default=[], metavar="ID",
                   help="指标（可重复；默认：五个领域的主要指标）")  # fmt: skip
    d.add_argument("--agency", action="append", default=[], metavar="NAME",
                   help="单位名称或别名（可重复；默认：区科技局及所属单位）")  # fmt: skip
    d.add_argument("--out", required=True, type=Path, metavar="FILE.pptx|FILE.pdf")
    r = sub.add_parser("draft", help="报告数字部分草稿（Word）：各领域数字、比上年、脚注注明来源")
    r.add_argument("--agency", default="区科技局", metavar="NAME", help="单位（默认：区科技局）")
    r.add_argument("--year", type=_year, help="报告年度（默认：该单位有数据的最近一年）")
    r.add_argument("--kind", choices=["fazhi", "xxgk"], default="fazhi",
                   help="fazhi：法治政府建设情况报告（默认）；xxgk：政府信息公开工作年度报告")  # fmt: skip
    r.add_argument("--out", required=True, type=Path, metavar="FILE.docx")
    r.add_argument(
        "--db", type=Path, default=DEFAULT_DB, help="数据仓库文件（默认 data/warehouse.duckdb）"
    )
    r.add_argument("--real-only", action="store_true", help="不含演示数据")
    for p in (e, d):
        p.add_argument(
            "--db", type=Path, default=DEFAULT_DB, help="数据仓库文件（默认 data/warehouse.duckdb）"
        )
        p.add_argument("--real-only", action="store_true", help="不含演示数据")
        p.add_argument("--lang", choices=["zh", "en"], default="zh", help="语言（默认中文）")
    return ap


def _open(db: Path):
    from board import reader

    if not Path(db).is_file():
        raise Usage(f"没有找到数据仓库：{db}\n请先在项目目录运行：python -m etl build"
                    + ("" if Path(db) == DEFAULT_DB else f" --db {db}"))  # fmt: skip
    return reader.Warehouse(db)


def _indicators(wh, asked: list[str]) -> list[str]:
    ind = wh.meta.indicators
    by_name = {str(n).strip(): i for i, n in ind["name_zh"].items()}
    by_name.update({str(n).strip().lower(): i for i, n in ind["name_en"].items()})
    out, unknown = [], []
    for a in asked:
        iid = a if a in ind.index else by_name.get(a.strip()) or by_name.get(a.strip().lower())
        if iid:
            out.append(iid)
        else:
            unknown.append(a)
    if unknown:
        known = "、".join(f"{i}（{ind.at[i, 'name_zh']}）" for i in ind.index)
        raise Usage(f"不认识的指标：{'、'.join(unknown)}\n可用的指标：{known}")
    return list(dict.fromkeys(out))


def _agencies(wh, asked: list[str]) -> list[str]:
    from board import regions

    if not asked:
        return regions.opening(wh.meta.agencies)
    ids, unknown = wh.resolve_agencies(asked)
    if unknown:
        known = "、".join(f"{r.name_zh}（{r.short_zh}）" for r in wh.meta.agencies.itertuples())
        raise Usage(f"不认识的单位：{'、'.join(unknown)}\n登记表中的单位：{known}\n"
                    "（新单位或别名请加到 data/registry/agencies.csv，再运行 python -m etl build）")  # fmt: skip
    return ids


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def full_chart(a):
    """(chart, data, sources) of `export`: the trend of the indicators on the trends page."""
    from board import charts, model

    wh = _open(a.db)
    ids = _indicators(wh, a.indicator)
    agencies = _agencies(wh, a.agency)
    years = wh.meta.years
    if not years:
        raise Usage("数据仓库中还没有任何年份的数据。", EXIT_NONE)
    y0 = a.y0 if a.y0 is not None else min(years)
    y1 = a.y1 if a.y1 is not None else max(years)
    if y0 > y1:
        raise Usage(f"起始年份 {y0} 晚于截止年份 {y1}。")
    df = wh.series(ids, agencies, y0, y1, not a.real_only)
    if df.empty:
        names = "、".join(wh.meta.ind(i, a.lang) for i in ids)
        raise Usage(f"没有可导出的数据：{names}，{wh.meta.agencies_text(agencies, a.lang)}，"
                    f"{y0}–{y1}年" + ("（不含演示数据）" if a.real_only else "") + "。", EXIT_NONE)  # fmt: skip
    y0, y1 = min(y0, int(df["year"].min())), max(y1, int(df["year"].max()))
    data = model.add_yoy(model.add_segments(model.enrich(df, wh.meta, a.lang)))
    order = {x: n for n, x in enumerate([*wh.meta.indicators.index, *wh.meta.agencies.index])}
    data = data.sort_values(
        ["indicator_id", "agency_id", "year"],
        key=lambda s: s.map(order) if s.name != "year" else s,
        kind="stable",
    )
    with charts.unchecked():
        chart = charts.trend(data, wh.meta, list(range(y0, y1 + 1)), a.lang)
    return chart, data, model.sources_footnote(data, a.lang)


def cmd_export(a) -> int:
    from board import export

    chart, data, sources = full_chart(a)
    out = export.export(chart, data, a.format, sources=sources, lang=a.lang)
    _write(a.out, out)
    print(f"已写入 {a.out}（{a.format.upper()}，{len(data)} 个数值，{len(out):,} 字节）")
    return EXIT_OK


def cmd_export_light(a) -> int | None:
    """An image of the ordinary case drawn without pandas or Altair (board/export_light.py,
    the same chart); None: cmd_export makes it, or says what is wrong."""
    from board import export_light

    try:
        got = export_light.chart(a)
    except Exception:  # noqa: BLE001 - an odd warehouse: the full path reads it, or says why
        got = None
    if got is None:
        return None
    spec, data, foot, banner = got
    out = export_light.draw(spec, foot, banner, a.format)
    _write(a.out, out)
    print(f"已写入 {a.out}（{a.format.upper()}，{len(data)} 个数值，{len(out):,} 字节）")
    return EXIT_OK


def cmd_deck(a) -> int:
    from board import charts, deck

    fmt = a.out.suffix.lower().lstrip(".")
    if fmt not in ("pptx", "pdf"):
        raise Usage(f"--out 应以 .pptx 或 .pdf 结尾：{a.out}")
    wh = _open(a.db)
    ids = _indicators(wh, a.indicator) if a.indicator else wh.meta.headlines()
    agencies = _agencies(wh, a.agency)
    years = wh.meta.years
    if not years:
        raise Usage("数据仓库中还没有任何年份的数据。", EXIT_NONE)
    hi = a.year if a.year is not None else max(years)
    df = wh.series(ids, agencies, hi - deck.WINDOW + 1, hi, not a.real_only)
    year = a.year if a.year is not None else deck.default_year(df)
    if year is None or df.empty:
        raise Usage("没有可导出的数据：所选指标和单位" + (f"在{a.year}年及之前" if a.year else "")
                    + "没有任何数值。", EXIT_NONE)  # fmt: skip
    with charts.unchecked():
        pack = deck.build(df, wh.meta, ids, year, agencies, a.lang)
    if not pack.slides:
        raise Usage(f"没有可导出的数据：{year}年前后没有所选指标的数值。", EXIT_NONE)
    out = deck.render(pack, fmt)
    _write(a.out, out)
    skipped = [
        wh.meta.ind(i, a.lang) for i in ids if i not in {s.indicator_id for s in pack.slides}
    ]
    print(
        f"已写入 {a.out}（{fmt.upper()}，{year}年，{len(pack.slides) + 1} 页，{len(out):,} 字节）"
    )
    if skipped:
        print(f"没有数据、未生成幻灯片的指标：{'、'.join(skipped)}")
    return EXIT_OK


def cmd_draft(a) -> int:
    from board import draft, draft_data, draft_docx, queries

    if a.out.suffix.lower() != ".docx":
        raise Usage(f"--out 应以 .docx 结尾：{a.out}")
    wh = _open(a.db)
    ids = _agencies(wh, [a.agency])
    if len(ids) != 1:
        raise Usage(f"--agency 只能是一个单位：{a.agency}")
    run = lambda name, *p: queries.execute(wh.version, name, p)  # noqa: E731
    year = a.year
    if year is None:
        have = run("coverage", ids, 1900, 2100, not a.real_only)
        if have.empty:
            raise Usage(f"{wh.meta.agencies.at[ids[0], 'name_zh']}没有任何数据。", EXIT_NONE)
        year = int(have["year"].max())
    data = draft_data.gather(run, ids[0], year, not a.real_only)
    doc = draft.compose(data, a.kind)
    if not doc.facts:
        raise Usage(f"{data.names[ids[0]][0]}{year}年没有任何数字，未生成草稿。", EXIT_NONE)
    _write(a.out, draft_docx.to_docx(doc))
    blanks = f"，待补 {len(doc.blanks)} 处" if doc.blanks else ""
    print(f"已写入 {a.out}（{doc.title}，{len(doc.facts)} 个数字{blanks}）")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    a = _parser().parse_args(argv)
    from board.fonts import FontMissing

    t = time.perf_counter()
    try:
        code = None
        if a.command == "export" and a.format in ("png", "svg", "pdf"):
            code = cmd_export_light(a)
        if code is None:
            code = _full(a)
    except Usage as e:
        print(str(e), file=sys.stderr)
        return e.code
    except FontMissing as e:
        print(str(e), file=sys.stderr)
        return EXIT_FONT
    print(f"用时 {time.perf_counter() - t:.1f} 秒。")
    return code


def _full(a) -> int:
    """The command on pandas and Altair: every command but an image's ordinary case (whose
    errors it words)."""
    from board.queries import WarehouseMissing

    try:
        commands = {"export": cmd_export, "deck": cmd_deck, "draft": cmd_draft}
        return commands[a.command](a)
    except WarehouseMissing as e:
        raise Usage(f"没有找到数据仓库：{e}\n请先在项目目录运行：python -m etl build") from e


if __name__ == "__main__":
    sys.exit(main())
