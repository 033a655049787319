"""PDF readers measured: the facts a PDF of a report gives, against the facts of its text.

Every document of tests/realshaped/docs/ (47 texts) is printed to PDF by each producer
available here, read by the old reader (pypdf's text layer, as etl/readers/pdf.py was
before issue 12) and by the current one (PDFium through pypdfium2), and put through
`etl.pipeline.process_file`. A fact is (agency, year, indicator, value); the share
recovered is the share of the text's facts (as a multiset) that the PDF also gives, and
"extra" counts the PDF's facts that the text does not give.

Producers:
- fpdf2: one column, Noto Sans CJK SC (the font mplfonts ships), lines wrapped at any
  character, a running header and "- N -" page numbers;
- fpdf2-2col: the same in two columns (fpdf2's text_columns), to test reading order;
- soffice: the text as a .docx (python-docx), converted by LibreOffice headless (only
  where `soffice` is installed).

    .venv/bin/python scripts/bench_pdf.py [--json] [--producer fpdf2 ...] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "tests" / "realshaped" / "docs"
HEADER = "政务公开 · 年度报告"  # a running header on every page
PRODUCERS = ("fpdf2", "fpdf2-2col", "soffice")


def noto_font() -> Path:
    import mplfonts

    return next(Path(mplfonts.__file__).parent.rglob("NotoSansCJK*.otf"))


def fpdf2_pdf(text: str, out: Path, columns: int = 1) -> Path:
    """The text printed by fpdf2: wrapped wherever the line is full (mid-word, as Chinese
    is), a running header, page numbers in the footer."""
    from fpdf import FPDF
    from fpdf.enums import WrapMode

    class Report(FPDF):
        def header(self):  # from page 2 on, as on a printed report with a 红头 first page
            if self.page_no() == 1:
                return
            self.set_font("noto", size=9)
            self.cell(0, 8, HEADER, align="C", new_x="LMARGIN", new_y="NEXT")

        def footer(self):
            self.set_y(-15)
            self.set_font("noto", size=9)
            self.cell(0, 10, f"- {self.page_no()} -", align="C")

    pdf = Report(format="A4")
    pdf.add_font("noto", fname=str(noto_font()))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("noto", size=11)
    if columns == 1:
        for para in text.split("\n"):
            if para.strip():
                pdf.multi_cell(0, 6, para, align="L", wrapmode=WrapMode.CHAR, new_x="LMARGIN")
            else:
                pdf.ln(3)
    else:
        with pdf.text_columns(ncols=columns, gutter=10, wrapmode=WrapMode.CHAR) as cols:
            for para in text.split("\n"):
                cols.write(para + "\n")  # a blank line stays a blank line (paragraph space)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def soffice_pdf(text: str, out: Path) -> Path | None:
    """The text as a .docx, printed to PDF by LibreOffice; None if soffice is missing."""
    from docx import Document

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / (out.stem + ".docx")
        doc = Document()
        for para in text.split("\n"):
            doc.add_paragraph(para)
        doc.save(src)
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(src)],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
        shutil.move(Path(tmp) / (out.stem + ".pdf"), out)
    return out


def make_pdfs(producer: str, out: Path) -> list[tuple[Path, Path]]:
    """(text, its PDF) for every document, the PDF at the text's relative path (folder
    names carry agency and year for some documents)."""
    from etl.readers.text import read_txt

    pairs = []
    for txt in sorted(DOCS.rglob("*.txt")):
        pdf = out / producer / txt.relative_to(DOCS).with_suffix(".pdf")
        text = read_txt(txt).text
        if producer == "fpdf2":
            made = fpdf2_pdf(text, pdf)
        elif producer == "fpdf2-2col":
            made = fpdf2_pdf(text, pdf, columns=2)
        else:
            made = soffice_pdf(text, pdf)
        if made is None:
            return []
        pairs.append((txt, made))
    return pairs


def read_pdf_pypdf(path: Path):
    """The reader before issue 12: pypdf's text layer, same line joining and page numbers."""
    from pypdf import PdfReader

    from etl.model import ReadError, TextDoc
    from etl.readers import pdf as new

    try:
        reader = PdfReader(str(path), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        raise ReadError(new.CORRUPT) from exc
    kept = []
    for page in pages:
        lines = new._CONTROLS.sub("", new._newlines(page)).split("\n")
        for i in (0, -1):
            if lines and new._PAGE_NUMBER.match(lines[i]):
                lines.pop(i)
        kept.append("\n".join(lines))
    text = new.join_wrapped_lines("\n".join(kept))
    if not text.strip():
        raise ReadError(new.NO_TEXT_LAYER)
    return TextDoc(path=Path(path), text=text, format="pdf")


def facts(path: Path, registry) -> Counter:
    from etl.pipeline import Rejected, process_file

    try:
        done = process_file(path, registry, strict=False)
    except Rejected:
        return Counter()
    return Counter(
        (f.agency, f.year, f.indicator, f.value) for f in done.facts if f.value is not None
    )


def page_count(path: Path) -> int:
    import pypdfium2

    with pypdfium2.PdfDocument(str(path)) as pdf:
        return len(pdf)


def measure(pairs: list[tuple[Path, Path]], reader: str) -> dict:
    """Share of the text's facts the PDFs give with `reader` (pypdf | pdfium)."""
    from etl.readers import dispatch
    from etl.registry import Registry

    registry = Registry.load(ROOT / "data")
    original = dispatch.read_pdf
    if reader == "pypdf":
        dispatch.read_pdf = read_pdf_pypdf
    try:
        want = got = extra = pages = 0
        seconds = 0.0
        worst: list[tuple[float, str]] = []
        for txt, pdf in pairs:
            expected = facts(txt, registry)
            t0 = time.perf_counter()
            dispatch.read_pdf(pdf)
            seconds += time.perf_counter() - t0
            pages += page_count(pdf)
            found = facts(pdf, registry)
            kept = sum((expected & found).values())
            want += sum(expected.values())
            got += kept
            extra += sum((found - expected).values())
            if expected:
                worst.append((kept / sum(expected.values()), txt.name))
    finally:
        dispatch.read_pdf = original
    worst.sort()
    return {
        "reader": reader,
        "docs": len(pairs),
        "pages": pages,
        "facts_in_text": want,
        "recovered": got,
        "share": round(got / want, 4) if want else 1.0,
        "extra": extra,
        "ms_per_page": round(1000 * seconds / max(pages, 1), 2),
        "worst": [f"{name} {share:.0%}" for share, name in worst[:3] if share < 1],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--producer", action="append", choices=PRODUCERS)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", type=Path, help="write the PDFs here (default: a temp folder)")
    args = ap.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        for producer in args.producer or PRODUCERS:
            pairs = make_pdfs(producer, out)
            if not pairs:
                print(f"{producer}: skipped (soffice is not installed)", file=sys.stderr)
                continue
            for reader in ("pypdf", "pdfium"):
                results.append({"producer": producer, **measure(pairs, reader)})
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        print("producer    reader  docs pages  facts  recovered  share   extra  ms/page  worst")
        for r in results:
            print(
                f"{r['producer']:<11} {r['reader']:<7} {r['docs']:>4} {r['pages']:>5} "
                f"{r['facts_in_text']:>6} {r['recovered']:>10} {r['share']:>6.1%} "
                f"{r['extra']:>6} {r['ms_per_page']:>8}  {', '.join(r['worst'])}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
