"""Reading our PDFs back: text lines from glyph positions, fonts, and the glyph behind every code.

Lines are rebuilt from pdfplumber's characters (their text comes from the ToUnicode maps):
characters sharing a baseline form a line, in drawing order (marks of zero width stand where the
next letter starts, so sorting by position would be ambiguous). Our text layer puts a cluster's
whole text on its base glyph and draws the space at a line's end, so joining the lines of a
paragraph gives back exactly the typed text.
"""

from __future__ import annotations

import io
import struct
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pdfplumber
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1

MM = 72 / 25.4
A4_HEIGHT = 841.8898


@dataclass(frozen=True)
class TextLine:
    page: int  # 0-based
    baseline: float  # PDF y
    x0: float
    x1: float
    text: str
    chars: tuple[dict, ...]


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=32)
def pages_chars(data: bytes) -> tuple[tuple[dict, ...], ...]:
    """Each page's characters, parsed once per PDF for the whole session (parsing is the slow part)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return tuple(tuple(page.chars) for page in pdf.pages)


def text_lines(
    data: bytes, *, x_min: float = 0.0, x_max: float = 1e9, below: float = A4_HEIGHT - 20 * MM
) -> list[TextLine]:
    """Lines of the characters whose left edge is within [x_min, x_max) and baseline below ``below``."""
    lines: list[TextLine] = []
    for number, chars in enumerate(pages_chars(data)):
        groups: dict[float, list[dict]] = {}
        for char in chars:
            baseline = round(char["matrix"][5], 1)  # the text rise is not in the matrix
            if not char["text"] or not x_min <= char["x0"] < x_max or baseline > below:
                continue
            key = next((k for k in groups if abs(k - baseline) < 0.6), baseline)
            groups.setdefault(key, []).append(char)
        for baseline in sorted(groups, reverse=True):
            # in drawing order: glyphs of a cluster are drawn left to right
            for row in _split_at_gaps(groups[baseline]):
                text = "".join(c["text"] for c in row)
                visible = [c for c in row if c["text"].strip()] or row
                lines.append(TextLine(number, baseline, visible[0]["x0"], visible[-1]["x1"], text, tuple(row)))
    return lines


def _split_at_gaps(row: list[dict]) -> list[list[dict]]:
    """Cells side by side share a baseline (agency and Quốc hiệu): a wide gap starts a new line."""
    parts: list[list[dict]] = [[]]
    right = None
    for char in row:
        if right is not None and char["x0"] > right + 1.5 * char["size"]:
            parts.append([])
        parts[-1].append(char)
        if char["text"].strip():
            right = char["x1"]
    return parts


def joined(lines: list[TextLine]) -> tuple[str, list[int]]:
    """The lines' text run together, and the offset at which each line starts."""
    starts, text = [], ""
    for line in lines:
        starts.append(len(text))
        text += line.text
    return text, starts


def pdftotext(data: bytes, tmp: Path) -> str:
    path = tmp / "extract.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdffonts(data: bytes, tmp: Path) -> list[dict[str, str]]:
    """pdffonts' table: name, type, embedded, subset, unicode."""
    path = tmp / "fonts.pdf"
    path.write_bytes(data)
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    rows = []
    for line in output.splitlines()[2:]:
        parts = line.split()
        # name type [type...] encoding emb sub uni object-id generation
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


# --- the glyph behind every drawn code -------------------------------------------------------------


class _Recorder(PDFPageAggregator):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.drawn: list[tuple[object, int]] = []

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):  # noqa: ANN001
        self.drawn.append((font, cid))
        return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)


def drawn_glyphs(data: bytes) -> list[tuple[str, int, int]]:
    """(font name, code, glyph id in the embedded font) for every character drawn."""
    manager = PDFResourceManager()
    device = _Recorder(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    cmaps: dict[int, dict[int, int]] = {}
    result = []
    for page in PDFPage.get_pages(io.BytesIO(data)):
        interpreter.process_page(page)
    for font, code in device.drawn:
        key = id(font)
        if key not in cmaps:
            stream = resolve1(font.descriptor.get("FontFile2"))
            cmaps[key] = _cmap(stream.get_data()) if stream is not None else {}
        result.append((font.fontname, code, cmaps[key].get(code, 0)))
    return result


def _cmap(font: bytes) -> dict[int, int]:
    """The code → glyph map of an embedded TrueType subset (ReportLab writes a (1,0) format 6 table)."""
    tables = {}
    (count,) = struct.unpack(">H", font[4:6])
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack(">4sIII", font[12 + 16 * index : 28 + 16 * index])
        tables[tag] = (offset, length)
    offset, _length = tables[b"cmap"]
    (subtables,) = struct.unpack(">H", font[offset + 2 : offset + 4])
    mapping: dict[int, int] = {}
    for index in range(subtables):
        _platform, _encoding, sub = struct.unpack(">HHI", font[offset + 4 + 8 * index : offset + 12 + 8 * index])
        start = offset + sub
        (fmt,) = struct.unpack(">H", font[start : start + 2])
        if fmt == 6:
            first, entries = struct.unpack(">HH", font[start + 6 : start + 10])
            glyphs = struct.unpack(f">{entries}H", font[start + 10 : start + 10 + 2 * entries])
            mapping.update({first + i: glyph for i, glyph in enumerate(glyphs)})
        elif fmt == 0:
            glyphs = struct.unpack(">256B", font[start + 6 : start + 262])
            mapping.update(dict(enumerate(glyphs)))
    return mapping
