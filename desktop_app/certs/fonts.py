"""TrueType CJK fonts for certificates: found on the system or configured, embedded as subsets.

reportlab embeds only TrueType-outline fonts (a `glyf` table). Noto/Source Han CJK are CFF and
cannot be embedded; reportlab's built-in STSong-Light is never embedded at all, so a printer would
substitute it (DESIGN §5). A certificate therefore needs a real TrueType CJK font, and when none is
found the user is told what to install instead of getting a certificate in the wrong font.

Layouts ask for a style ("song" 宋体, "hei" 黑体, "kai" 楷体); each style takes the first font of
that style found, else any other CJK TrueType font found (a certificate in 黑体 beats no
certificate), and `FontChoice.substituted` says so.
"""

from __future__ import annotations

import os
import struct
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from desktop_app.errors import KnownError
from desktop_app.messages import msg

STYLES = ("song", "hei", "kai")
FONT_ENV = "CERTDESK_CERT_FONT"  # an administrator's .ttf/.ttc, used for every style

INSTALL_HINT = msg("fonts.install_hint")  # what to install; part of every font error's message


@dataclass(frozen=True)
class Candidate:
    file: str  # file name as shipped (matched case-insensitively)
    family: str  # English family name of the wanted face inside a .ttc
    style: str


# Preference order within each style; file names are the vendors' standard ones.
CANDIDATES: tuple[Candidate, ...] = (
    Candidate("simsun.ttc", "SimSun", "song"),
    Candidate("simsun.ttf", "SimSun", "song"),
    Candidate("Songti.ttc", "Songti SC", "song"),
    Candidate("uming.ttc", "AR PL UMing CN", "song"),
    Candidate("gbsn00lp.ttf", "AR PL SungtiL GB", "song"),
    Candidate("simhei.ttf", "SimHei", "hei"),
    Candidate("msyh.ttc", "Microsoft YaHei", "hei"),
    Candidate("STHeiti Light.ttc", "Heiti SC", "hei"),
    Candidate("wqy-zenhei.ttc", "WenQuanYi Zen Hei", "hei"),
    Candidate("wqy-microhei.ttc", "WenQuanYi Micro Hei", "hei"),
    Candidate("DroidSansFallbackFull.ttf", "Droid Sans Fallback", "hei"),
    Candidate("simkai.ttf", "KaiTi", "kai"),
    Candidate("ukai.ttc", "AR PL UKai CN", "kai"),
    Candidate("gkai00mp.ttf", "AR PL KaitiM GB", "kai"),
)


@dataclass(frozen=True)
class FontSource:
    path: Path
    index: int  # face index inside a .ttc (reportlab's subfontIndex)
    family: str
    style: str


@dataclass(frozen=True)
class FontChoice:
    style: str  # the style asked for
    source: FontSource
    reportlab_name: str

    @property
    def substituted(self) -> bool:
        return self.source.style != self.style


def system_font_dirs() -> list[Path]:
    """The platform's standard font folders (system-wide first, then the user's)."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", "C:\\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        return [windir / "Fonts", *([Path(local) / "Microsoft" / "Windows" / "Fonts"] if local else [])]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"), Path("/Library/Fonts"),
                home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts",
            home / ".fonts"]


# --- reading a font's faces (name + outline kind) without loading the whole file ----------------


@dataclass(frozen=True)
class Face:
    index: int
    family: str
    subfamily: str
    truetype: bool  # glyf outlines (embeddable); False for CFF


def read_faces(path: Path) -> list[Face]:
    """The faces in a .ttf/.ttc: only the headers and name tables are read, so it is fast."""
    with path.open("rb") as handle:
        head = handle.read(12)
        if head[:4] == b"ttcf":
            (count,) = struct.unpack(">I", head[8:12])
            offsets = struct.unpack(f">{count}I", handle.read(4 * count))
        else:
            offsets = (0,)
        return [_read_face(handle, index, offset) for index, offset in enumerate(offsets)]


def _read_face(handle: BinaryIO, index: int, offset: int) -> Face:
    handle.seek(offset)
    sfnt = handle.read(12)
    if len(sfnt) < 12:
        raise ValueError("truncated font file")
    (num_tables,) = struct.unpack(">H", sfnt[4:6])
    tables: dict[bytes, tuple[int, int]] = {}
    for _ in range(num_tables):
        tag, _checksum, table_offset, length = struct.unpack(">4sIII", handle.read(16))
        tables[tag] = (table_offset, length)
    names: dict[int, str] = {}
    if b"name" in tables:
        handle.seek(tables[b"name"][0])
        names = _parse_names(handle.read(tables[b"name"][1]))
    return Face(index, names.get(1, ""), names.get(2, ""), b"glyf" in tables)


def _parse_names(data: bytes) -> dict[int, str]:
    """nameID → string, preferring Windows English (so SimSun reads "SimSun", not "宋体")."""
    _fmt, count, storage = struct.unpack(">HHH", data[:6])
    best: dict[int, tuple[int, str]] = {}
    for i in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack(">6H", data[6 + 12 * i: 18 + 12 * i])
        if name_id not in (1, 2):
            continue
        raw = data[storage + offset: storage + offset + length]
        if platform == 3:
            rank, text = (0 if language == 0x409 else 1), raw.decode("utf-16-be", "replace")
        elif platform == 1 and encoding == 0:
            rank, text = 2, raw.decode("latin-1")
        else:
            continue
        if name_id not in best or rank < best[name_id][0]:
            best[name_id] = (rank, text)
    return {name_id: text for name_id, (_rank, text) in best.items()}


def _pick_face(path: Path, family: str) -> Face | None:
    """The wanted family's regular TrueType face in the file, else its first TrueType face."""
    try:
        faces = [f for f in read_faces(path) if f.truetype]
    except (OSError, ValueError, struct.error):
        return None
    wanted = [f for f in faces if f.family.lower() == family.lower()]
    regular = [f for f in wanted if f.subfamily.lower() in ("regular", "book", "")]
    return (regular or wanted or faces or [None])[0]


# --- finding ------------------------------------------------------------------------------------


def _index_files(dirs: Iterable[Path]) -> dict[str, Path]:
    """Lower-case file name → first path found, walking each folder once."""
    found: dict[str, Path] = {}
    for folder in dirs:
        if not folder.is_dir():
            continue
        for root, _subdirs, files in os.walk(folder):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc")):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


def _configured_source(path: Path) -> FontSource:
    if not path.is_file():
        raise KnownError(msg("fonts.configured_missing", path=path, install_hint=INSTALL_HINT))
    face = _pick_face(path, "")
    if face is None:
        raise KnownError(msg("fonts.configured_not_truetype", file=path.name, install_hint=INSTALL_HINT))
    return FontSource(path, face.index, face.family, "configured")


def find_fonts(configured: Path | None = None, search_dirs: Sequence[Path] | None = None) -> dict[str, FontSource]:
    """Style → font source. A configured file (argument or $CERTDESK_CERT_FONT) serves every style.

    Raises `KnownError` naming what to install when no TrueType CJK font is found.
    """
    configured = configured or (Path(os.environ[FONT_ENV]) if os.environ.get(FONT_ENV) else None)
    if configured is not None:
        source = _configured_source(configured)
        return dict.fromkeys(STYLES, source)
    files = _index_files(search_dirs if search_dirs is not None else system_font_dirs())
    found: list[FontSource] = []
    for cand in CANDIDATES:
        path = files.get(cand.file.lower())
        face = _pick_face(path, cand.family) if path else None
        if path and face:
            found.append(FontSource(path, face.index, face.family or cand.family, cand.style))
    if not found:
        raise KnownError(msg("fonts.none_found", install_hint=INSTALL_HINT))
    # Each style: its own first font, else the first font of any style.
    return {style: next((s for s in found if s.style == style), found[0]) for style in STYLES}


# --- registering with reportlab (once per process) ----------------------------------------------

_lock = threading.Lock()
_registered: dict[tuple[Path, int], str] = {}
_default_choices: dict[str, FontChoice] | None = None


def register(source: FontSource) -> str:
    """Register the face with reportlab (subset-embedded TrueType) and return its font name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    key = (source.path.resolve(), source.index)
    with _lock:
        if key in _registered:
            return _registered[key]
        name = f"CertDesk{len(_registered) + 1}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(source.path), subfontIndex=source.index))
        except (TTFError, OSError) as exc:
            raise KnownError(msg("fonts.unusable", file=source.path.name, detail=str(exc),
                                     install_hint=INSTALL_HINT)) from exc
        _registered[key] = name
        return name


def choose_fonts(configured: Path | None = None, search_dirs: Sequence[Path] | None = None) -> dict[str, FontChoice]:
    """Find and register the fonts for every style."""
    sources = find_fonts(configured, search_dirs)
    return {style: FontChoice(style, src, register(src)) for style, src in sources.items()}


def default_fonts() -> dict[str, FontChoice]:
    """The system's (or $CERTDESK_CERT_FONT's) fonts, found and registered once per process."""
    global _default_choices
    if _default_choices is None:
        _default_choices = choose_fonts()
    return _default_choices


def reset_default_fonts() -> None:
    """Forget the cached choice (after the administrator changes the configured font)."""
    global _default_choices
    _default_choices = None
