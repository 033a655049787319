"""Formulas of an .xlsx that was never opened in Excel (etl/readers/table.py)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from etl.readers.table_cells import _PLAIN_NUMBER, _at, _number

# --- formulas --------------------------------------------------------------------------
# openpyxl reads a formula cell's value as Excel last saved it. A file written by a library
# and never opened in Excel has no saved value: plain sums (=SUM(B3:B7), =B3+B4-B5) are
# computed here from the cells they name; anything else is reported as unreadable.

UNREAD_FORMULA = (
    "{where}{ref}：公式“{formula}”没有保存计算结果（文件没有在 Excel 或 WPS 中打开保存过），"
    "无法读取数值，已跳过；请在 Excel 或 WPS 中打开、保存后再提供"
)
_SUM = re.compile(r"^SUM\((.*)\)$")
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_RANGE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$")


def _formulas(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet title -> {(row, col) 0-based: formula}, for workbooks that hold formulas."""
    try:
        with zipfile.ZipFile(path) as z:
            if not any(b"<f" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")):
                return {}
    except (zipfile.BadZipFile, OSError, KeyError):
        return {}
    wb = load_workbook(str(path), read_only=True, data_only=False)
    try:
        out: dict[str, dict[tuple[int, int], str]] = {}
        for ws in wb.worksheets:
            ws.reset_dimensions()
            found = {}
            for row in ws.iter_rows():
                for c in row:
                    v = getattr(c, "value", None)
                    if isinstance(v, str) and v.startswith("="):
                        found[(c.row - 1, c.column - 1)] = v
            out[ws.title] = found
        return out
    finally:
        wb.close()


def _fill_formulas(cells: list[list[str]], formulas: dict) -> dict[tuple[int, int], str]:
    """Put the value of each formula without a saved value into `cells`; return those that
    could not be computed, {(row, col): formula}."""
    missing = {rc: f for rc, f in formulas.items() if not _at(cells, *rc)}
    if not missing:
        return {}
    done: dict[tuple[int, int], float | None] = {}

    def value(r: int, c: int, depth: int) -> float | str | None:
        """A referenced cell: a number, None when blank, text as a str; raise when unknown."""
        if (r, c) in missing:
            if (r, c) not in done:
                done[(r, c)] = None  # a cycle reads as unknown
                done[(r, c)] = _eval(missing[(r, c)], value, depth + 1)
            if done[(r, c)] is None:
                raise ValueError
            return done[(r, c)]
        text = _at(cells, r, c)
        if not text:
            return None
        return float(text) if _PLAIN_NUMBER.match(text) else text

    # beyond the cells in use (and the formulas) every cell is blank: a range is cut there
    value.bounds = (  # type: ignore[attr-defined]
        max([len(cells)] + [r + 1 for r, _ in missing]),
        max([len(row) for row in cells] + [c + 1 for _, c in missing]),
    )
    unread = {}
    for (r, c), formula in missing.items():
        if (r, c) not in done:
            done[(r, c)] = None
            done[(r, c)] = _eval(formula, value, 0)
        if done[(r, c)] is None:
            unread[(r, c)] = formula
        else:
            while len(cells) <= r:
                cells.append([])
            cells[r].extend([""] * (c + 1 - len(cells[r])))
            cells[r][c] = _number(done[(r, c)])
    return unread


def _eval(formula: str, value, depth: int) -> float | None:
    """=SUM(…), cell references and numbers joined by + and -; None for anything else."""
    if depth > 50:
        return None
    expr = "".join(formula[1:].split()).upper()
    total = 0.0
    try:
        for sign, term in re.findall(r"([+-]?)((?:SUM\([^()]*\))|[^+-]+)", expr):
            if m := _SUM.match(term):
                part = 0.0
                for arg in m.group(1).split(","):
                    for v in _refs(arg, value, depth):
                        part += v if isinstance(v, float) else 0.0  # SUM skips text
            elif _PLAIN_NUMBER.match(term):
                part = float(term)
            elif m := _REF.match(term):
                v = value(int(m.group(2)) - 1, column_index_from_string(m.group(1)) - 1, depth)
                if isinstance(v, str):
                    return None
                part = v or 0.0
            else:
                return None
            total += -part if sign == "-" else part
    except ValueError:
        return None
    if re.sub(r"[+-]?(?:SUM\([^()]*\)|[^+-]+)", "", expr):
        return None  # something the terms above did not cover
    return total


def _refs(arg: str, value, depth: int):
    if _PLAIN_NUMBER.match(arg):
        yield float(arg)
    elif m := _REF.match(arg):
        yield value(int(m.group(2)) - 1, column_index_from_string(m.group(1)) - 1, depth)
    elif m := _RANGE.match(arg):
        c1, c2 = (column_index_from_string(m.group(k)) - 1 for k in (1, 3))
        r1, r2 = int(m.group(2)) - 1, int(m.group(4)) - 1
        rows, cols = getattr(value, "bounds", (max(r1, r2) + 1, max(c1, c2) + 1))
        for r in range(min(r1, r2), min(max(r1, r2) + 1, rows)):
            for c in range(min(c1, c2), min(max(c1, c2) + 1, cols)):
                yield value(r, c, depth)
    else:
        raise ValueError(arg)


def _unread_problem(where: str, r: int, c: int, formula: str) -> str:
    return UNREAD_FORMULA.format(where=where, ref=f"{get_column_letter(c + 1)}{r + 1}",
                                 formula=formula)  # fmt: skip
