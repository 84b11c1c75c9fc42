"""Which font prints which script: discovery, registration, and the glyph-coverage check.

No font is committed. A bundled build carries its fonts in ``sys._MEIPASS/fonts``; otherwise the
fonts come from the system (Debian ``fonts-liberation2``, ``fonts-lao``, ``fonts-noto-core``; on
Windows ``C:\\Windows\\Fonts``). For each script the first family found in preference order wins:
Times New Roman where installed (the decree's font), else Liberation Serif (same metrics); the
Lao government font Phetsarath OT, else Noto Serif Lao; Noto Serif Khmer, else Noto Sans Khmer.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import N_
from dnqp_desktop.documents.textlayer import ShapedFont

SCRIPTS: tuple[str, ...] = ("vi", "lo", "km")
STYLES: tuple[str, ...] = ("regular", "bold", "italic", "bold_italic")

#: English msgids naming each script's language, for ``dnqp check`` and error messages.
SCRIPT_NAMES = {"vi": N_("Vietnamese"), "lo": N_("Lao"), "km": N_("Khmer")}
#: What to install when a script has no font.
PACKAGES = {
    "vi": "fonts-liberation2 (Liberation Serif) or Times New Roman",
    "lo": "fonts-lao (Phetsarath OT) or fonts-noto-core (Noto Serif Lao)",
    "km": "fonts-noto-core (Noto Serif Khmer)",
}


@dataclass(frozen=True)
class Family:
    name: str
    #: File names per style, any of which will do (the system's spelling varies).
    files: dict[str, tuple[str, ...]]


def _noto(stem: str, *styles: str) -> dict[str, tuple[str, ...]]:
    names = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
    return {style: (f"{stem}-{names[style]}.ttf",) for style in styles}


FAMILIES: dict[str, tuple[Family, ...]] = {
    "vi": (
        Family(
            "Times New Roman",
            {
                "regular": ("times.ttf", "Times_New_Roman.ttf", "Times New Roman.ttf", "TimesNewRoman.ttf"),
                "bold": ("timesbd.ttf", "Times_New_Roman_Bold.ttf", "Times New Roman Bold.ttf"),
                "italic": ("timesi.ttf", "Times_New_Roman_Italic.ttf", "Times New Roman Italic.ttf"),
                "bold_italic": ("timesbi.ttf", "Times_New_Roman_Bold_Italic.ttf", "Times New Roman Bold Italic.ttf"),
            },
        ),
        Family("Liberation Serif", _noto("LiberationSerif", *STYLES)),
    ),
    "lo": (
        Family("Phetsarath OT", {"regular": ("Phetsarath_OT.ttf", "Phetsarath OT.ttf", "PhetsarathOT.ttf")}),
        Family("Noto Serif Lao", _noto("NotoSerifLao", "regular", "bold")),
    ),
    "km": (
        Family("Noto Serif Khmer", _noto("NotoSerifKhmer", "regular", "bold")),
        Family("Noto Sans Khmer", _noto("NotoSansKhmer", "regular", "bold")),
    ),
}


def font_dirs(*, system: str | None = None, environ: Mapping[str, str] | None = None) -> list[Path]:
    """Where fonts are looked for, in order: ``DNQP_FONT_DIRS`` (os.pathsep-separated), the bundle,
    then the system's folders (``system`` and ``environ`` default to this machine's)."""
    system = system or os.name
    env = os.environ if environ is None else environ
    separator = ";" if system == "nt" else ":"
    dirs: list[Path] = [Path(p) for p in env.get("DNQP_FONT_DIRS", "").split(separator) if p]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        dirs.append(Path(bundle) / "fonts")
    if system == "nt":
        dirs.append(Path(env.get("WINDIR", "C:\\Windows")) / "Fonts")
        local = env.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    else:
        home = Path(env.get("HOME", "~")).expanduser()
        dirs += [home / ".local/share/fonts", home / ".fonts", Path("/usr/local/share/fonts"), Path("/usr/share/fonts")]
        dirs += [Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    return dirs


def _index(dirs: Iterable[Path]) -> dict[str, Path]:
    """File name (lower case) -> first path found, in directory order; names match case-blind."""
    found: dict[str, Path] = {}
    for folder in dirs:
        if not folder.is_dir():
            continue
        for root, subdirs, files in os.walk(folder):
            subdirs.sort()
            for name in sorted(files):
                if name.lower().endswith(".ttf"):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


@dataclass(frozen=True)
class ScriptFonts:
    """The family chosen for a script, with a file per style (missing styles fall back)."""

    script: str
    family: str
    paths: dict[str, Path]

    def path(self, style: str) -> tuple[Path, bool]:
        """The file for ``style`` and whether bold must be drawn synthetically."""
        if style in self.paths:
            return self.paths[style], False
        bold = style.startswith("bold")
        if bold and "bold" in self.paths:
            return self.paths["bold"], False  # bold italic without its own file: upright bold
        return self.paths["regular"], bold


@dataclass(frozen=True)
class FontChoice:
    """What ``dnqp check`` shows for a script: the family, or why there is none."""

    script: str
    fonts: ScriptFonts | None

    @property
    def ok(self) -> bool:
        return self.fonts is not None

    @property
    def problem(self) -> DomainError | None:
        if self.fonts is not None:
            return None
        return DomainError("font_missing", script=Label(SCRIPT_NAMES[self.script]), package=PACKAGES[self.script])

    def describe(self) -> str:
        """ "Liberation Serif (/usr/share/…/LiberationSerif-Regular.ttf)", or the problem, translated."""
        if self.fonts is None:
            return self.problem.message()  # type: ignore[union-attr]
        return f"{self.fonts.family} ({self.fonts.paths['regular']})"

    def to_json(self) -> dict[str, object]:
        return {
            "script": self.script,
            "ok": self.ok,
            "family": self.fonts.family if self.fonts else None,
            "files": {style: str(path) for style, path in self.fonts.paths.items()} if self.fonts else {},
            "message": None if self.fonts else self.describe(),
        }


class Label(str):
    """A message parameter that DomainError.message translates (it translates values with ``label``)."""

    @property
    def label(self) -> str:
        return str(self)


def discover(dirs: Sequence[Path] | None = None) -> dict[str, FontChoice]:
    """The family chosen for every script, found in ``dirs`` (default: ``font_dirs()``)."""
    index = _index(font_dirs() if dirs is None else dirs)
    choices: dict[str, FontChoice] = {}
    for script in SCRIPTS:
        chosen = None
        for family in FAMILIES[script]:
            paths: dict[str, Path] = {}
            for style, names in family.files.items():
                found = next((index[name.lower()] for name in names if name.lower() in index), None)
                if found is not None:
                    paths[style] = found
            if "regular" in paths:
                chosen = ScriptFonts(script, family.name, paths)
                break
        choices[script] = FontChoice(script, chosen)
    return choices


@dataclass(frozen=True)
class Face:
    """A registered font and whether it stands in for a bold it does not have."""

    font: ShapedFont
    fake_bold: bool = False


class FontSet:
    """The registered faces for Vietnamese and one partner script, by style."""

    def __init__(self, faces: dict[tuple[str, str], Face], families: dict[str, str]) -> None:
        self._faces = faces
        #: Script -> family name, for metadata and reports.
        self.families = families
        self.scripts: tuple[str, ...] = tuple(families)
        #: Code points every style can draw with one of its faces: what a text field may hold.
        self.covered: frozenset[int] = frozenset.intersection(
            *(frozenset().union(*(faces[(script, style)].font.coverage for script in self.scripts)) for style in STYLES)
        )

    def face(self, script: str, *, bold: bool = False, italic: bool = False) -> Face:
        return self._faces[(script, style_name(bold, italic))]


def style_name(bold: bool, italic: bool) -> str:
    if bold:
        return "bold_italic" if italic else "bold"
    return "italic" if italic else "regular"


_registered: dict[Path, ShapedFont] = {}
_lock = threading.Lock()


def _register(path: Path) -> ShapedFont:
    """One ShapedFont per file for the whole process, under a name derived from the file."""
    with _lock:
        font = _registered.get(path)
        if font is None:
            font = ShapedFont(f"dnqp-{path.stem}", path)
            pdfmetrics.registerFont(font)
            if pdfmetrics.getFont(font.fontName) is not font:
                # ReportLab hands out the first font registered for a face name: another TTFont
                # of the same file (registered elsewhere) must not stand in for ours.
                pdfmetrics._fonts[font.fontName] = font
            _registered[path] = font
        return font


_sets: dict[tuple[str, tuple[Path, ...]], FontSet] = {}


def load_fonts(partner_language: str, dirs: Sequence[Path] | None = None) -> FontSet:
    """Register the Vietnamese and partner-language faces; DomainError("font_missing") if absent.

    The set is made once per process and folder list: fonts are parsed once, not per PDF.
    """
    folders = tuple(font_dirs() if dirs is None else dirs)
    key = (partner_language, folders)
    with _lock:
        cached = _sets.get(key)
    if cached is not None:
        return cached
    fonts = _load(partner_language, folders)
    with _lock:
        _sets[key] = fonts
    return fonts


def _load(partner_language: str, dirs: Sequence[Path]) -> FontSet:
    choices = discover(dirs)
    faces: dict[tuple[str, str], Face] = {}
    families: dict[str, str] = {}
    for script in ("vi", partner_language):
        choice = choices[script]
        if choice.fonts is None:
            raise choice.problem  # type: ignore[misc]
        families[script] = choice.fonts.family
        for style in STYLES:
            path, fake_bold = choice.fonts.path(style)
            faces[(script, style)] = Face(_register(path), fake_bold)
    return FontSet(faces, families)
