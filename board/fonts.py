"""The Chinese font of every export, found and handed to vl-convert once per process.

vl-convert draws text with the fonts it can see; on a fresh Debian machine none of them
has Chinese glyphs, and a chart then renders boxes (or nothing) with no error
(design.md, "Chinese in exported charts"). So the project brings its own: the Noto Sans
CJK SC file shipped in the PyPI package mplfonts (in requirements.txt), else a system
Noto/Source Han CJK font, else the file named by $FAZHI_CJK_FONT. The font found is
registered with `vl_convert.register_font_directory` (a directory holding only that file)
and its family is what exports name in the chart config, so a chart never depends on
whatever else happens to be installed. No font at all raises FontMissing, whose message
says how to fix it; an export never silently falls back to boxes.
"""

from __future__ import annotations

import glob
import hashlib
import importlib.util
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

ENV_FONT = "FAZHI_CJK_FONT"  # a font file to use instead of the search below
ENV_FAMILY = "FAZHI_CJK_FAMILY"  # its family name, when it cannot be read from the file
FAMILY = "Noto Sans CJK SC"

# System fonts, most wanted first: (glob pattern, family inside the file).
SYSTEM: tuple[tuple[str, str], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", FAMILY),  # Debian fonts-noto-cjk
    ("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf", FAMILY),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", FAMILY),  # Arch
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", FAMILY),  # Fedora
    ("/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc", FAMILY),
    # anywhere else under the usual font folders (only files whose family is known)
    *(
        (f"{root}/**/{name}", FAMILY)
        for root in (
            "/usr/share/fonts",
            "/usr/local/share/fonts",
            "~/.local/share/fonts",
            "~/.fonts",
        )
        for name in ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf")
    ),  # fmt: skip
    ("/usr/share/fonts/opentype/source-han-sans/SourceHanSans-Regular.ttc", "Source Han Sans SC"),
    ("/usr/share/fonts/**/SourceHanSansSC-Regular.otf", "Source Han Sans SC"),
)
MAGIC = (b"OTTO", b"\x00\x01\x00\x00", b"ttcf", b"true")  # OpenType/TrueType/collection

FIX_ZH = (
    "导出图表需要中文字体，但本机没有找到（已查找：Python 包 mplfonts 中的 Noto Sans CJK SC，"
    "以及系统字体目录中的 Noto Sans CJK / 思源黑体）。为避免导出的图片出现方框，导出已停止。"
    "解决办法：在项目目录运行 `.venv/bin/pip install -r requirements.txt`（其中的 mplfonts "
    "带有该字体；`make run` 也会安装），或安装系统字体 `sudo apt-get install fonts-noto-cjk`，"
    f"然后重试。也可以用环境变量 {ENV_FONT} 指定一个中文字体文件。"
)
FIX_EN = (
    "Exports need a Chinese (CJK) font and none was found, so the export stopped rather than "
    "draw boxes. Fix: run `.venv/bin/pip install -r requirements.txt` in the project folder "
    "(its mplfonts package ships Noto Sans CJK SC), or `sudo apt-get install fonts-noto-cjk`; "
    f"or set {ENV_FONT} to a CJK font file."
)


class FontMissing(RuntimeError):
    """No Chinese font could be found or registered; the message says how to fix it."""

    def __init__(self, detail: str = ""):
        self.detail = detail
        super().__init__(FIX_ZH + "\n" + FIX_EN + (f"\n({detail})" if detail else ""))


@dataclass(frozen=True)
class Font:
    path: Path  # the font file
    family: str  # the family name charts are told to use
    origin: str  # env | mplfonts | system


def _is_font(p: Path) -> bool:
    try:
        with open(p, "rb") as fh:
            return p.stat().st_size > 100_000 and fh.read(4) in MAGIC
    except OSError:
        return False


def mplfonts_font() -> Path | None:
    """Noto Sans CJK SC as shipped in the mplfonts package, located without importing it
    (importing it would import matplotlib)."""
    try:
        spec = importlib.util.find_spec("mplfonts")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        p = Path(loc) / "fonts" / "NotoSansCJKsc-Regular.otf"
        if _is_font(p):
            return p
    return None


def _family_from_file(path: Path) -> str | None:
    """The family of a font file (for $FAZHI_CJK_FONT), preferring a Simplified Chinese face."""
    try:
        from fontTools.ttLib import TTCollection, TTFont
    except ImportError:
        return None
    try:
        if path.suffix.lower() == ".ttc":
            fonts = list(TTCollection(str(path), lazy=True).fonts)
        else:
            fonts = [TTFont(str(path), lazy=True)]
    except Exception:  # noqa: BLE001 - an unreadable file is reported as not a font
        return None
    names = [n for f in fonts if (n := f["name"].getBestFamilyName())]
    return next((n for n in names if n.endswith(" SC")), names[0] if names else None)


def _search():
    """Usable CJK fonts, in the order they would be chosen (lazily: the first one is cheap)."""
    env = os.environ.get(ENV_FONT)
    if env:
        p = Path(env).expanduser()
        if _is_font(p):
            yield Font(p, os.environ.get(ENV_FAMILY) or _family_from_file(p) or FAMILY, "env")
    if (p := mplfonts_font()) is not None:
        yield Font(p, FAMILY, "mplfonts")
    for pattern, fam in SYSTEM:
        for hit in sorted(glob.glob(os.path.expanduser(pattern), recursive=True)):
            if _is_font(Path(hit)):
                yield Font(Path(hit), fam, "system")


def candidates() -> list[Font]:
    """Every usable CJK font found, in the order they would be chosen."""
    out: list[Font] = []
    for f in _search():
        if all(o.path != f.path for o in out):
            out.append(f)
    return out


def find() -> Font:
    """The font exports will use, or FontMissing."""
    font = next(_search(), None)
    if font is None:
        raise FontMissing()
    return font


_lock = threading.Lock()
_registered: Font | None = None


def _font_dir(font: Font) -> Path:
    """A directory holding only `font` (a link to it), so registering it adds nothing else."""
    key = hashlib.sha1(str(font.path.resolve()).encode()).hexdigest()[:12]
    d = (
        Path(tempfile.gettempdir())
        / f"fazhi-cjk-{os.getuid() if hasattr(os, 'getuid') else 0}"
        / key
    )
    d.mkdir(parents=True, exist_ok=True)
    link = d / font.path.name
    if not link.exists():
        try:
            link.symlink_to(font.path.resolve())
        except FileExistsError:
            pass
        except OSError:  # no symlinks here: copy it
            import shutil

            tmp = d / (font.path.name + f".{os.getpid()}.part")
            shutil.copyfile(font.path, tmp)
            os.replace(tmp, link)
    return d


def ensure() -> Font:
    """Find the CJK font and register it with vl-convert, once per process."""
    global _registered
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is None:
            font = find()
            try:
                import vl_convert

                vl_convert.register_font_directory(str(_font_dir(font)))
            except Exception as e:  # noqa: BLE001 - reported with the fix
                raise FontMissing(f"vl-convert could not load {font.path}: {e}") from e
            _registered = font
    return _registered


def family() -> str:
    """The family name to put in a chart's config (registers the font first)."""
    return ensure().family
