"""Old Office, WPS and OpenDocument files through LibreOffice (etl/readers/office.py).

A report of our own corpus is written as .docx, LibreOffice converts it to .doc and .odt
(a .doc saved under .wps is what WPS 文字 writes), and each must give the facts the .docx
gives; a table likewise through .xls and .ods. Those tests skip, saying why, where
LibreOffice is not installed (scripts/install_system_deps.sh installs it as root). What
happens without LibreOffice is tested everywhere by hiding the program.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from etl.model import ReadError, TableDoc
from etl.pipeline import Rejected, process_file
from etl.readers import office, read
from etl.readers.text import read_txt
from etl.registry import Registry
from tests.conftest import DATA, ROOT

SOFFICE = office.soffice()
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: "
    "sudo apt-get install libreoffice-writer libreoffice-calc (scripts/install_system_deps.sh)",
)
REPORTS = ["r01.txt", "r05.txt", "r12.txt"]  # a 法治 report, an 信息公开 report with tables, …
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _docx(text: str, path: Path) -> Path:
    doc = Document()
    for line in text.split("\n"):
        doc.add_paragraph(line)
    doc.save(path)
    return path


def _convert(src: Path, target: str, out: Path) -> Path:
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
         "--convert-to", target, "--outdir", str(out), str(src)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    return out / f"{src.stem}.{target}"


def _facts(path: Path) -> list[tuple]:
    registry = Registry.load(DATA)
    try:
        done = process_file(path, registry, strict=False)
    except Rejected as e:
        pytest.fail(f"{path.name}: {e}")
    return sorted((f.agency, f.year, f.indicator, f.value, f.quote) for f in done.facts)


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> list[tuple[Path, list[Path]]]:
    """(the .docx, [its .doc, .wps, .odt and a .doc named .docx]) for each report."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("office")
    made = []
    for name in REPORTS:
        text = read_txt(ROOT / "tests/realshaped/docs" / name).text
        docx = _docx(text, out / f"{Path(name).stem}.docx")
        doc = _convert(docx, "doc", out / "doc")
        odt = _convert(docx, "odt", out / "odt")
        wps = shutil.copyfile(doc, out / "doc" / f"{docx.stem}-wps.wps")
        renamed = shutil.copyfile(doc, out / "doc" / f"{docx.stem}-renamed.docx")
        made.append((docx, [doc, wps, odt, renamed]))
    return made


@needs_soffice
@pytest.mark.timeout(600)
def test_doc_wps_odt_give_the_facts_of_the_docx(converted):
    for docx, others in converted:
        want = _facts(docx)
        assert want, docx.name
        for other in others:
            assert other.read_bytes()[:4] != b"PK\x03\x04" or other.suffix == ".odt"
            assert _facts(other) == want, other.name
            assert read(other).format in {"doc", "odt"}


@needs_soffice
@pytest.mark.timeout(300)
@pytest.mark.parametrize("target", ["xls", "ods"])
def test_xls_and_ods_tables_give_the_rows_of_the_xlsx(tmp_path, target):
    wb = Workbook()
    ws = wb.active
    ws.append(["单位", "年度", "指标", "数值"])
    ws.append(["区科技局", 2023, "行政执法检查次数", 12])
    ws.append(["区科技局", 2023, "行政处罚案件数", 3])
    wb.save(tmp_path / "long.xlsx")
    other = _convert(tmp_path / "long.xlsx", target, tmp_path)
    doc = read(other)
    assert isinstance(doc, TableDoc) and doc.format == target
    rows = [(r.agency, r.year, r.indicator, r.value) for r in doc.rows]
    assert rows == [
        (r.agency, r.year, r.indicator, r.value) for r in read(tmp_path / "long.xlsx").rows
    ]
    assert rows and rows[0][0] == "区科技局"


def _fake_ole2(*streams: str) -> bytes:
    """An OLE2 header and directory names: enough for the sniffing, not for LibreOffice."""
    return OLE2 + bytes(504) + b"".join(s.encode("utf-16-le") + bytes(16) for s in streams)


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return path


ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"


@pytest.mark.parametrize(
    ("name", "make", "target"),
    [
        ("report.doc", lambda p: p.write_bytes(_fake_ole2("Root Entry", "WordDocument")), ".docx"),
        ("report.wps", lambda p: p.write_bytes(_fake_ole2("Root Entry", "WordDocument")), ".docx"),
        ("table.xls", lambda p: p.write_bytes(_fake_ole2("Root Entry", "Workbook")), ".xlsx"),
        ("table.et", lambda p: p.write_bytes(_fake_ole2("Root Entry", "Workbook")), ".xlsx"),
        ("report.odt", lambda p: _zip(p, {"mimetype": ODT, "content.xml": "<x/>"}), ".docx"),
        ("table.ods", lambda p: _zip(p, {"mimetype": ODS, "content.xml": "<x/>"}), ".xlsx"),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v and not v.startswith(".") else None,
)
def test_without_libreoffice_the_reason_names_the_package(
    tmp_path, monkeypatch, name, make, target
):
    monkeypatch.setattr(office, "soffice", lambda: None)
    path = tmp_path / name
    make(path)
    with pytest.raises(ReadError) as info:
        read(path)
    reason = info.value.reason
    assert (
        "LibreOffice" in reason and "apt-get install libreoffice-writer libreoffice-calc" in reason
    )
    assert f"另存为 {target}" in reason


@pytest.mark.parametrize(
    ("name", "make", "must_say"),
    [
        ("locked.docx", lambda p: p.write_bytes(_fake_ole2("EncryptedPackage")), ["密码", "取消密码"]),
        ("slides.ppt", lambda p: p.write_bytes(_fake_ole2("PowerPoint Document")), ["PowerPoint"]),
        ("odd.doc", lambda p: p.write_bytes(OLE2 + bytes(504)), ["旧版", "另存为 .docx"]),
        ("report.ofd", lambda p: _zip(p, {"OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<x/>"}),
         ["OFD", "PDF", "阅读器"]),
        ("slides.odp",
         lambda p: _zip(p, {"mimetype": "application/vnd.oasis.opendocument.presentation"}),
         ["演示文稿"]),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v else None,
)  # fmt: skip
def test_refusals_say_what_to_do(tmp_path, name, make, must_say):
    path = tmp_path / name
    make(path)
    with pytest.raises(ReadError) as info:
        read(path)
    for words in must_say:
        assert words in info.value.reason, info.value.reason


@needs_soffice
@pytest.mark.timeout(300)
def test_a_damaged_doc_is_set_aside_saying_libreoffice_could_not_convert_it(tmp_path):
    path = tmp_path / "broken.doc"
    path.write_bytes(_fake_ole2("Root Entry", "WordDocument"))
    with pytest.raises(ReadError) as info:
        read(path)
    assert "LibreOffice 无法转换" in info.value.reason and "另存为 .docx" in info.value.reason
