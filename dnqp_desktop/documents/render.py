"""Agreement → PDF bytes: the entry points of the document engine.

``render_agreement`` is a pure function of the document and the layout: the same content gives
the same bytes (ReportLab's invariant mode, and metadata dates taken from the document), so a
stored PDF's SHA-256 identifies its content. ``write_agreement_pdf`` writes atomically: a power cut
leaves the old file or the new one, never half of one. Both refuse bad input before writing
anything (``preflight``).
"""

from __future__ import annotations

import hashlib
import io
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from dnqp_desktop import __version__
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.fileio import atomic_write_bytes
from dnqp_desktop.core.gc_pause import gc_paused
from dnqp_desktop.core.i18n import N_
from dnqp_desktop.documents import arrange
from dnqp_desktop.documents.compose import MM, Composer
from dnqp_desktop.documents.flow import Flow, Frame, Page
from dnqp_desktop.documents.fonts import FontSet, load_fonts
from dnqp_desktop.documents.model import AgreementDocument, Arrangement, Layout
from dnqp_desktop.documents.paragraphs import ParagraphLayout, ParagraphStyle, Span
from dnqp_desktop.documents.preflight import check_layout, preflight
from dnqp_desktop.documents.text import Uncovered
from dnqp_desktop.documents.textlayer import PlacedRun, draw_runs

#: progress(done, total, message): ``message`` is an English msgid, translated where it is shown.
Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

PAGE_NUMBER_SIZE = 13.0
_STEPS = 4
#: ReportLab keeps fonts and their subsets in process-wide registries: one render at a time.
_lock = threading.Lock()


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    #: Script -> font family used ("vi" -> "Liberation Serif").
    fonts: dict[str, str]

    @property
    def sha256(self) -> str:
        """What "marking final" stores: equal content gives equal bytes, hence an equal digest."""
        return hashlib.sha256(self.data).hexdigest()


def render_agreement(
    document: AgreementDocument,
    layout: Layout | None = None,
    *,
    fonts: FontSet | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> bytes:
    """The PDF of ``document``; raises DomainError for anything that would print wrongly."""
    return render_pdf(document, layout, fonts=fonts, progress=progress, cancelled=cancelled).data


def render_pdf(
    document: AgreementDocument,
    layout: Layout | None = None,
    *,
    fonts: FontSet | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RenderedPdf:
    """Like ``render_agreement``, with the page count and the fonts used."""
    layout = layout or Layout()

    def step(number: int, message: str) -> None:
        if cancelled is not None and cancelled():
            raise DomainError("pdf_cancelled")
        if progress is not None:
            progress(number, _STEPS, message)

    check_layout(layout)
    step(0, N_("Loading fonts"))
    fonts = fonts or load_fonts(document.partner_language)
    step(1, N_("Checking the text"))
    preflight(document, fonts)
    # A render makes some hundred thousand short-lived tuples and lists and no reference cycles:
    # the cyclic collector would only rescan the session's fonts and caches meanwhile.
    with _lock, gc_paused():
        step(2, N_("Laying out the pages"))
        frame = Frame(
            left=layout.margin_left * MM,
            right=A4[0] - layout.margin_right * MM,
            top=A4[1] - layout.margin_top * MM,
            bottom=layout.margin_bottom * MM,
        )
        composer = Composer(document, layout, fonts)
        try:
            if layout.arrangement == Arrangement.SIDE_BY_SIDE:
                rows = arrange.side_by_side(composer, frame.right - frame.left)
            else:
                rows = arrange.originals(composer, frame.right - frame.left)
        except Uncovered as exc:  # template text the fonts cannot draw: a broken installation
            raise exc.error(field="template", where=document.kind) from exc
        pages = Flow(frame).place(rows)
        step(3, N_("Writing the PDF"))
        data = _write(document, fonts, pages, frame)
    step(4, N_("Done"))
    return RenderedPdf(data, len(pages), dict(fonts.families))


def clear_caches() -> None:
    """Forget shaped words and line breaks (kept for re-rendering while a clerk edits).

    Fonts stay loaded. Benchmarks call this to time a document the engine has never seen.
    """
    from dnqp_desktop.documents import text, textlayer

    textlayer.shape.cache_clear()
    text.clear_caches()


def write_agreement_pdf(
    document: AgreementDocument,
    path: Path,
    layout: Layout | None = None,
    *,
    fonts: FontSet | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RenderedPdf:
    """Render and write atomically to ``path``; nothing is written when rendering fails."""
    rendered = render_pdf(document, layout, fonts=fonts, progress=progress, cancelled=cancelled)
    try:
        atomic_write_bytes(Path(path), rendered.data)
    except OSError as exc:
        raise DomainError("pdf_write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
    return rendered


class _FastDeflate(pdfdoc.PDFStreamFilterZCompress):
    """Flate at zlib's level 1: streams 5 % larger than at ReportLab's default level, written in
    two thirds of the time (a side-by-side agreement: 138 KB instead of 132 KB)."""

    def encode(self, text: str | bytes) -> bytes:
        return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, 1)


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Streams deflated fast and not ASCII85-encoded (a quarter smaller; ReportLab does it in Python).

    ``rl_config.useA85`` and ReportLab's Flate filter are process-wide; they are changed only
    inside the render lock and restored.
    """
    previous, previous_filter = rl_config.useA85, pdfdoc.PDFZCompress
    rl_config.useA85 = 0
    pdfdoc.PDFZCompress = _FAST_DEFLATE
    try:
        yield
    finally:
        rl_config.useA85 = previous
        pdfdoc.PDFZCompress = previous_filter


_FAST_DEFLATE = _FastDeflate()


def _write(document: AgreementDocument, fonts: FontSet, pages: list[Page], frame: Frame) -> bytes:
    with _binary_streams():
        return _write_pages(document, fonts, pages, frame)


def _write_pages(document: AgreementDocument, fonts: FontSet, pages: list[Page], frame: Frame) -> bytes:
    buffer = io.BytesIO()
    regular = fonts.face("vi").font
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=regular.fontName, lang="vi")
    _metadata(canvas, document)
    numbers = ParagraphLayout(fonts, "vi")
    for page in pages:
        for x0, y, x1, thickness in page.rules:
            canvas.setLineWidth(thickness)
            canvas.line(x0, y, x1, y)
        draw_runs(canvas, page.runs)
        if page.number_in_part > 1:
            _page_number(canvas, numbers, page.number_in_part, frame)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _page_number(canvas: Canvas, layout: ParagraphLayout, number: int, frame: Frame) -> None:
    """Page numbers from page 2, centred in the top margin (Nghị định 30)."""
    width = frame.right - frame.left
    (line,) = layout.lay_out([Span(str(number))], ParagraphStyle(size=PAGE_NUMBER_SIZE, align="center"), width)
    baseline = (A4[1] + frame.top) / 2 - PAGE_NUMBER_SIZE * 0.3
    draw_runs(canvas, [PlacedRun(p.shaped, p.size, frame.left + p.x, baseline, p.fake_bold) for p in line.pieces])


def _metadata(canvas: Canvas, document: AgreementDocument) -> None:
    """Title, author unit, subject, keywords and dates, all from the document itself."""
    party = document.vietnamese_party
    author = document.parties[party].name.vi if party is not None else ""
    canvas.setTitle(document.title.vi or document.title.partner)
    canvas.setAuthor(author)
    canvas.setSubject(
        " / ".join(p for p in (document.title.partner, f"{document.number}/{document.symbol}".strip("/")) if p)
    )
    canvas.setKeywords(f"vi, {document.partner_language}")
    canvas.setCreator(f"DNQP Desktop {__version__}")
    day = document.issued_on or document.signed_on or date(2000, 1, 1)
    stamp = f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000+07'00'"
    canvas.setDateFormatter(lambda *_: stamp)
