"""The one text table (board/texts.py, read through board.i18n.t) against the code.

Every key the code looks up exists in both languages, and every key the table defines is
looked up somewhere. The code is read, not run: each call of i18n.t (also as ctx.t, and
through the `t = lambda k: i18n.t(k, lang)` wrappers of a module) whose key is a string, a
choice of two strings or a loop over a tuple of strings is read as it is; a key made at run
time (an f-string, a parameter) must be listed in DYNAMIC below with every key it can be,
so a new one fails here until it is listed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from board import export, i18n

ROOT = Path(__file__).resolve().parent.parent
CODE = sorted(
    [*(ROOT / "board").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py"]
)

# (file, the key expression as written) -> every key it can be
DYNAMIC: dict[tuple[str, str], list[str]] = {
    # the download menu: one button per export format
    ("board/export_ui.py", 'f"dl_{fmt}"'): [f"dl_{x}" for x in export.FORMATS],
    ("board/export_ui.py", 'f"dl_help_{fmt}"'): [f"dl_help_{x}" for x in export.FORMATS],
    # 对比's two views (board.views.COMPARE_VIEWS)
    ("pages/2_对比.py", 'f"cmp_view_{v}"'): ["cmp_view_years", "cmp_view_first_last"],
    # the meeting page: its two modes and two download buttons
    ("pages/9_会议材料.py", '"pg_" + m'): ["pg_areas", "pg_pick"],
    ("pages/9_会议材料.py", '"pg_" + fmt'): ["pg_pptx", "pg_pdf"],
    # the quality page's sections: section("q_missing", ...) and its "_none" line
    ("pages/7_数据质量.py", "key"): ["q_missing", "q_conflicts", "q_year_path", "q_totals"],
    ("pages/7_数据质量.py", 'f"{key}_none"'): [
        "q_missing_none",
        "q_conflicts_none",
        "q_year_path_none",
        "q_totals_none",
    ],  # fmt: skip
    # the quality tables' headers: _frame("q_cols_…", ...)
    ("board/quality.py", "cols"): [
        "q_cols_missing",
        "q_cols_conf",
        "q_cols_path",
        "q_cols_totals",
        "q_cols_cand",
    ],  # fmt: skip
    # a value's status, origin, method and a document's kind, as stored in the warehouse
    ("board/i18n.py", "status"): ["unverified", "verified", "corrected", "rejected"],
    ("board/i18n.py", 'f"method_{method}"'): [
        "method_text",
        "method_table",
        "method_correction",
        "method_ocr",
    ],  # fmt: skip
    ("board/i18n.py", 'f"kind_{kind}"'): ["kind_report", "kind_table"],
    # the page list's labels (app.PAGES)
    ("board/app.py", "label_key"): [
        "nav_overview",
        "nav_trends",
        "nav_compare",
        "nav_approvals",
        "nav_sources",
        "nav_meeting",
        "nav_import",
        "nav_review",
        "nav_quality",
    ],  # fmt: skip
    # a candidate's missing fields (candidates._adopt's `given`)
    ("board/candidates.py", "k"): ["indicator", "agency", "year", "value", "rv_reason"],
    # a slide's title, over several years or one
    ("board/deck.py", "key"): ["slide_title", "slide_title_1"],
    # a flagged claim's verdict (claims.flagged: inconsistent or unverifiable)
    ("board/claims_ui.py", 'f"cl_{r.verdict}"'): ["cl_inconsistent", "cl_unverifiable"],
    # the draft's two kinds of report
    ("board/draft_ui.py", 'f"dr_{k}"'): ["dr_fazhi", "dr_xxgk"],
}
# a name that is a wrapper's own parameter (t = lambda k: i18n.t(k, lang), Ctx.t(self, key))
WRAPPER_PARAMS = {"k", "key"}


def _is_lookup(call: ast.Call, local_t: bool) -> bool:
    f = call.func
    if isinstance(f, ast.Attribute) and f.attr == "t":
        return isinstance(f.value, ast.Name) and f.value.id in ("i18n", "ctx", "self")
    return isinstance(f, ast.Name) and f.id == "t" and local_t


def _strings(node: ast.AST) -> list[str] | None:
    """The keys an expression can be when it is written out: 'a', x if c else 'b', ..."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        a, b = _strings(node.body), _strings(node.orelse)
        return a + b if a is not None and b is not None else None
    return None


def _loop_values(tree: ast.AST, call: ast.Call, name: str) -> list[str] | None:
    """`ctx.t(k) for k in ("agency", "year")`: the tuple's strings."""
    for comp in ast.walk(tree):
        if not isinstance(comp, ast.ListComp | ast.GeneratorExp | ast.SetComp):
            continue
        if not any(n is call for n in ast.walk(comp.elt)):
            continue
        for gen in comp.generators:
            if isinstance(gen.target, ast.Name) and gen.target.id == name:
                it = gen.iter
                if isinstance(it, ast.Tuple | ast.List):
                    vals = [_strings(e) for e in it.elts]
                    if all(v is not None for v in vals):
                        return [s for v in vals for s in v]
    return None


def _wrapper_param(tree: ast.AST, call: ast.Call, name: str) -> bool:
    """Is `name` the parameter of the lambda or method that is only this lookup?"""
    for fn in ast.walk(tree):
        if isinstance(fn, ast.Lambda) and fn.body is call:
            return name in [a.arg for a in fn.args.args]
        if isinstance(fn, ast.FunctionDef) and fn.name == "t" and len(fn.body) == 1:
            ret = fn.body[0]
            if isinstance(ret, ast.Return) and ret.value is call:
                return name in [a.arg for a in fn.args.args]
    return False


def scan() -> tuple[dict[str, set[str]], list[str]]:
    """(key -> files using it, lookups whose key could not be read nor is in DYNAMIC)."""
    used: dict[str, set[str]] = {}
    unknown: list[str] = []
    for path in CODE:
        rel = path.relative_to(ROOT).as_posix()
        if rel == "board/texts.py":
            continue
        src = path.read_text(encoding="utf-8")
        tree = ast.parse(src)
        # a module's own `t` reads this table when it is i18n itself or a wrapper of i18n.t
        local_t = rel == "board/i18n.py" or bool(re.search(r"\bt = lambda .*i18n\.t\(", src))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args and _is_lookup(node, local_t)):
                continue
            arg = node.args[0]
            keys = _strings(arg)
            if keys is None and isinstance(arg, ast.Name):
                keys = _loop_values(tree, node, arg.id)
                if keys is None and arg.id in WRAPPER_PARAMS and _wrapper_param(tree, node, arg.id):
                    keys = []
            expr = ast.get_source_segment(src, arg)
            if keys is None:
                keys = DYNAMIC.get((rel, expr))
            if keys is None:
                unknown.append(f"{rel}:{node.lineno}: {expr}")
                continue
            for k in keys:
                used.setdefault(k, set()).add(rel)
    return used, unknown


def test_every_lookup_is_read_or_listed():
    _, unknown = scan()
    assert not unknown, "key made at run time: list it in DYNAMIC with every key it can be:\n" + (
        "\n".join(unknown)
    )


def test_every_key_used_is_defined_in_both_languages():
    used, _ = scan()
    missing = {k: sorted(f) for k, f in used.items() if k not in i18n.TEXT}
    assert not missing, f"keys looked up but not in board/texts.py: {missing}"
    for k in used:
        zh, en = i18n.TEXT[k]
        assert zh.strip() and en.strip(), f"{k}: a language is empty"


def test_every_key_defined_is_used():
    used, _ = scan()
    unused = sorted(set(i18n.TEXT) - set(used))
    assert not unused, f"keys in board/texts.py that nothing looks up: {unused}"


def test_dynamic_list_is_current():
    """A DYNAMIC entry whose expression is no longer in its file is stale."""
    for (rel, expr), keys in DYNAMIC.items():
        assert expr in (ROOT / rel).read_text(encoding="utf-8"), f"{rel}: {expr} is gone"
        assert keys, f"{rel}: {expr} lists no key"
