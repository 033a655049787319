"""Command line of the ETL.

    python -m etl build   [--data DIR] [--db PATH] [--if-missing] [--workers N]
    python -m etl extract FILE... [--json] [--candidates] [--data DIR]
    python -m etl show    --agency NAME --year Y --indicator ID [--db PATH] [--data DIR]
    python -m etl check   [--agency NAME] [--year Y] [--json] [--db PATH] [--data DIR]
    python -m etl bench   [--reports N] [--seed S] [--workers N] [--json]
    python -m etl export-parquet DIR [--db PATH]

Exit codes: 0 all good; 1 nothing found (show); 2 usage error; 3 some files were rejected
(or table rows set aside) but the rest was done; for check, 3: some claim of a report is
inconsistent with the facts.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from etl.paths import DATA as DEFAULT_DATA
from etl.paths import DB as DEFAULT_DB
from etl.paths import ROOT

EXIT_OK, EXIT_NONE, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


def _positive_int(s: str) -> int:
    try:
        n = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数：{s!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{s!r}")
    return n


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m etl", description="法治指标看板 ETL")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="从 data/ 重建数据仓库")
    b.add_argument("--data", type=Path, default=DEFAULT_DATA, help="数据文件夹（默认 data/）")
    b.add_argument("--db", type=Path, default=DEFAULT_DB, help="数据仓库文件")
    b.add_argument("--if-missing", action="store_true", help="数据仓库已存在时什么也不做")
    b.add_argument("--workers", type=_positive_int, default=None, help="进程数（默认 CPU 数）")

    e = sub.add_parser("extract", help="从文件中提取指标（不写数据库）")
    e.add_argument("files", nargs="+", type=Path, metavar="FILE")
    e.add_argument("--json", action="store_true", help="每条指标输出一行 JSON")
    e.add_argument(
        "--candidates", action="store_true",
        help="同时列出未采用的数字（候选）及原因：增减、累计、其中、其他单位、计划……",
    )  # fmt: skip
    e.add_argument("--data", type=Path, default=DEFAULT_DATA, help="机构登记表所在的数据文件夹")
    e.add_argument(
        "--claims", action="store_true",
        help="同时列出报告中与其他年度比较的说法（比上年增加3次、同比下降15%%……）",
    )  # fmt: skip

    s = sub.add_parser("show", help="查看某机构某年某指标的取值")
    s.add_argument("--agency", required=True, help="机构名称或别名")
    s.add_argument("--year", required=True, type=int)
    s.add_argument("--indicator", required=True, help="指标 id 或中文名")
    s.add_argument("--db", type=Path, default=DEFAULT_DB)
    s.add_argument("--data", type=Path, default=DEFAULT_DATA, help="数据仓库缺别名时的登记表")

    c = sub.add_parser("check", help="核对报告中与上年比较的说法（比上年增加3次……）是否与数据相符")
    c.add_argument("--agency", help="只看这个机构（名称或别名）")
    c.add_argument("--year", type=int, help="只看这一年的报告")
    c.add_argument("--json", action="store_true", help="每条说法输出一行 JSON")
    c.add_argument("--db", type=Path, default=DEFAULT_DB)
    c.add_argument("--data", type=Path, default=DEFAULT_DATA, help="数据仓库缺别名时的登记表")

    k = sub.add_parser("bench", help="生成报告并测量构建速度")
    k.add_argument("--reports", type=_positive_int, default=20_000)
    k.add_argument("--seed", type=int, default=1)
    k.add_argument("--workers", type=_positive_int, default=None)
    k.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")

    q = sub.add_parser(
        "export-parquet", help="把数据仓库导出为按年度分区的 Parquet（供 Trino、Spark 等查询）"
    )
    q.add_argument("out", type=Path, metavar="DIR", help="导出到的文件夹（整体替换）")
    q.add_argument("--db", type=Path, default=DEFAULT_DB)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = _parser()
    args = ap.parse_args(argv)
    if args.command == "build":
        return cmd_build(args, ap)
    if args.command == "extract":
        return cmd_extract(args)
    if args.command == "show":
        return cmd_show(args)
    if args.command == "check":
        return cmd_check(args)
    if args.command == "export-parquet":
        return cmd_export_parquet(args)
    return cmd_bench(args)


# --- build --------------------------------------------------------------------------------


class ProgressBar:
    """A plain text bar on stderr: redrawn in place on a terminal, one line per 10% in a
    log (CI), so it reads well in both."""

    def __init__(self, label: str, stream=None, width: int = 30, then: str = ""):
        self.label, self.width, self.then = label, width, then
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.last_decile = -1
        self.t0 = time.perf_counter()

    def __call__(self, done: float, total: int, page=None) -> None:
        """A file done, or (page: etl.scan_progress.ScanPage) a page of a scan begun."""
        frac = done / total if total else 1.0
        filled = int(frac * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        line = (
            f"{self.label} [{bar}] {frac:4.0%} {int(done)}/{total} "
            f"{time.perf_counter() - self.t0:.0f}s" + (f" {page}" if page else "")
        )
        if self.tty:  # \033[K: clear what a longer line before (a scan's page) left
            self.stream.write("\r" + line + "\033[K" + ("\n" if done >= total else ""))
        elif int(frac * 10) > self.last_decile or done >= total:
            self.last_decile = int(frac * 10)
            self.stream.write(line + "\n")
        if done >= total and self.then:
            self.stream.write(self.then + "\n")
            self.then = ""
        self.stream.flush()


def cmd_build(args, ap) -> int:
    from etl.build import build

    if args.if_missing and args.db.exists():
        print(f"数据仓库已存在：{args.db}（未重建；要重建请运行 python -m etl build）")
        return EXIT_OK
    if not args.data.is_dir():
        ap.error(f"数据文件夹不存在：{args.data}（用 --data 指定报告和表格所在的文件夹）")
    bar = ProgressBar("处理文件", then="正在写入数据仓库……")
    summary = build(args.data, args.db, progress=bar, workers=args.workers)
    print(summary.report_zh())
    return summary.exit_code


# --- extract ------------------------------------------------------------------------------


def cmd_extract(args) -> int:
    from etl import catalog
    from etl.model import CANDIDATE_REASONS
    from etl.process import Failed, process_one
    from etl.registry import Registry

    registry = Registry.load(args.data)
    cat = catalog.load()
    code = EXIT_OK
    for given in args.files:
        r = process_one(given, registry, strict=False)
        failed = isinstance(r, Failed)
        if failed:
            print(f"{given}：{r.reason}", file=sys.stderr)
            for problem in r.problems:  # the rows of a refused table, each with its reason
                print(f"   ✗ {problem}", file=sys.stderr)
            code = EXIT_PARTIAL
            cands = r.candidate_records()
        else:
            cands = r.candidates
        if args.json:
            for f in [] if failed else r.facts:
                print(json.dumps(f.as_json(doc=str(given)), ensure_ascii=False))
            for c in cands if args.candidates else []:
                print(json.dumps(c.as_json(doc=str(given)), ensure_ascii=False))
            for c in [] if failed or not args.claims else r.claims:
                print(json.dumps(c.as_json(doc=str(given)), ensure_ascii=False))
            continue
        if args.candidates and cands:
            print(f"== {given}：未采用的数字（{len(cands)} 个）")
            for c in cands:
                ind = cat.resolve(c.indicator or "")
                why = CANDIDATE_REASONS.get(c.reason, (c.reason,))[0]
                print(
                    f"   ？{ind.zh if ind else '指标不明'}  {_num(c.value)}{c.unit}  {why}  「{c.quote[:50]}」"
                )
        if failed:
            continue
        print(
            f"== {given}（{r.agency or '机构不明'}，{r.year or '年度不明'}年，{len(r.facts)} 条）"
        )
        if args.claims and r.claims:
            print(f"   与其他年度比较的说法（{len(r.claims)} 条）：")
            for c in r.claims:
                print(f"   ～{c.agency}  {c.year}  {c.indicator}  {c.kind}  "
                      f"{'' if c.value is None else _num(c.value)}{c.unit}  比{c.about_year}年  "
                      f"「{c.quote[:50]}」")  # fmt: skip
        if not r.facts:
            print("   （没有提取到指标）")
        for f in r.facts:
            ind = cat.resolve(f.indicator)
            name = ind.zh if ind else f.indicator
            value = "—" if f.value is None else _num(f.value)
            qual = {"at_least": "以上", "about": "约"}.get(f.qualifier or "", "")
            quote = f.quote if len(f.quote) <= 60 else f.quote[:59] + "…"
            print(f"   {f.agency}  {f.year}  {name}  {value}{f.unit}{qual}  「{quote}」")
        if r.kind == "table":  # what a table set aside, and why (数据质量 lists the same)
            for problem in r.problems:
                print(f"   ✗ {problem}")
    return code


def _num(v: float | None):
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


# --- reading the warehouse (show, check) -------------------------------------------------


class _Usage(Exception):
    """A message for the user; the command exits with EXIT_USAGE."""


def _open_warehouse(db: Path):
    """The warehouse, read-only; _Usage when it is missing or cannot be opened."""
    import duckdb

    if not db.exists():
        raise _Usage(f"数据仓库不存在：{db}。请先运行 python -m etl build")
    try:
        return duckdb.connect(str(db), read_only=True)
    except duckdb.Error as e:
        raise _Usage(f"无法打开数据仓库 {db}：{e}") from e


def _agency(con, given: str, data: Path) -> tuple[str, str]:
    """(agency_id, name_zh) of a name, short name or alias: the warehouse's, else the
    registry's; _Usage when neither knows it."""
    from etl.registry import Registry

    name = given.strip()
    row = con.execute(
        "SELECT agency_id, name_zh FROM agency WHERE agency_id = ? OR name_zh = ? "
        "OR short_zh = ? UNION ALL SELECT a.agency_id, a.name_zh FROM agency_alias x "
        "JOIN agency a USING (agency_id) WHERE x.alias = ? LIMIT 1",
        [name, name, name, name],
    ).fetchone()
    if row is None:
        a = Registry.load(data).resolve(name)
        row = (a.agency_id, a.name_zh) if a else None
    if row is None:
        raise _Usage(f"未知的机构：{given}（请用机构全称或登记表中的别名）")
    return row


# --- show ---------------------------------------------------------------------------------


def cmd_show(args) -> int:
    from etl import catalog

    def usage(msg: str) -> int:
        print(msg, file=sys.stderr)
        return EXIT_USAGE

    try:
        con = _open_warehouse(args.db)
    except _Usage as e:
        return usage(str(e))
    try:
        agency_id, agency_name = _agency(con, args.agency, args.data)
        ind = args.indicator.strip()
        irow = con.execute(
            "SELECT indicator_id FROM indicator WHERE indicator_id = ? OR name_zh = ? "
            "OR lower(name_en) = lower(?) LIMIT 1",
            [ind, ind, ind],
        ).fetchone()
        if irow is None:
            i = catalog.load().resolve(ind)
            irow = (i.id,) if i else None
        if irow is None:
            return usage(f"未知的指标：{args.indicator}（请用指标 id 或中文名）")
        res = con.execute(
            "SELECT r.value, r.unit, r.qualifier, d.path, r.quote, r.status, r.conflict, "
            "r.other_values, r.method, r.origin, r.n_sources, f.location "
            "FROM resolved r LEFT JOIN document d ON d.doc_id = r.doc_id "
            "LEFT JOIN fact f ON f.fact_id = r.fact_id "
            "WHERE r.agency_id = ? AND r.year = ? AND r.indicator_id = ?",
            [agency_id, args.year, irow[0]],
        ).fetchone()
    except _Usage as e:
        return usage(str(e))
    finally:
        con.close()
    if res is None:
        print(f"没有数据：{agency_name} {args.year}年 {args.indicator}", file=sys.stderr)
        return EXIT_NONE
    value, unit, qual, path, quote, status, conflict, others, method, origin, n, loc = res
    out = {
        "agency": agency_name,
        "year": args.year,
        "indicator": irow[0],
        "value": _num(value),
        "unit": unit,
        "qualifier": qual,
        "source": path,
        "quote": quote,
        "status": status,
        "conflict": bool(conflict),
        "other_values": others,
        "method": method,
        "origin": origin,
        "n_sources": n,
        "location": loc,
    }
    print(json.dumps(out, ensure_ascii=False))
    return EXIT_OK


# --- check --------------------------------------------------------------------------------


def cmd_check(args) -> int:
    """One line per claim with its verdict; 3 when some claim is inconsistent."""
    import duckdb

    from etl import check

    def usage(msg: str) -> int:
        print(msg, file=sys.stderr)
        return EXIT_USAGE

    try:
        con = _open_warehouse(args.db)
    except _Usage as e:
        return usage(str(e))
    try:
        agency_id = _agency(con, args.agency, args.data)[0] if args.agency else None
        try:
            rows = check.listing(con, agency_id, args.year)
        except duckdb.CatalogException:
            return usage(
                f"数据仓库 {args.db} 是旧版本，没有核对结果；请重新运行 python -m etl build"
            )
    except _Usage as e:
        return usage(str(e))
    finally:
        con.close()
    bad = sum(r["verdict"] == "inconsistent" for r in rows)
    for r in rows:
        if args.json:
            out = {k: _num(v) if isinstance(v, float) else v for k, v in r.items()}
            print(json.dumps(out, ensure_ascii=False))
        else:
            print(check.line_zh(r))
    if not args.json:
        n = {v: sum(r["verdict"] == v for r in rows) for v in check.VERDICTS}
        print(f"共 {len(rows)} 条说法：相符 {n['consistent']}，不符 {n['inconsistent']}，"
              f"无法核对 {n['unverifiable']}", file=sys.stderr)  # fmt: skip
    return EXIT_PARTIAL if bad else EXIT_OK


# --- export-parquet -----------------------------------------------------------------------


def cmd_export_parquet(args) -> int:
    from etl.parquet import ExportError, export

    try:
        tables = export(args.db, args.out)
    except ExportError as e:
        print(e, file=sys.stderr)
        return EXIT_USAGE
    for t in tables:
        where = f"{t.path}/year=…/" if t.partitioned else t.path
        print(f"{t.table:<16} {t.rows:>9} 行  → {where}")
    print(f"已导出到 {args.out}（清单：manifest.json）")
    return EXIT_OK


# --- bench --------------------------------------------------------------------------------


def cmd_bench(args) -> int:
    """The benchmark is not part of the ETL: this runs scripts/bench_etl.py."""
    import runpy

    argv = ["--reports", str(args.reports), "--seed", str(args.seed)]
    argv += ["--workers", str(args.workers)] if args.workers else []
    argv += ["--json"] if args.json else []
    script = ROOT / "scripts" / "bench_etl.py"
    return runpy.run_path(str(script), run_name="bench_etl")["main"](argv)


if __name__ == "__main__":
    sys.exit(main())
