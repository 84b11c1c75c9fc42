"""The PDF preview: our own PDF shown by QtPdf, with pages, zoom, layout choice, print and save as.

The preview shows the very bytes that print and save would produce (no second layout by Qt).
Rendering runs in a worker (``JobRunner``) with progress and cancel, so the window keeps
answering while a long regulation is laid out; the document itself is built in the worker too,
since it reads the library (units, people, known names).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import _
from dnqp_desktop.documents.model import AgreementDocument, Arrangement, Layout
from dnqp_desktop.documents.render import RenderedPdf, render_pdf, write_agreement_pdf
from dnqp_desktop.ui.agreements.printing import prepare_printer, print_pdf
from dnqp_desktop.ui.dialogs import ask
from dnqp_desktop.ui.workers import Job, JobRunner, error_text

DocumentSource = Callable[[], AgreementDocument]
ZOOM_STEP = 1.25


def arrangement_names() -> list[tuple[Arrangement, str]]:
    return [(Arrangement.ORIGINALS, _("Two originals")), (Arrangement.SIDE_BY_SIDE, _("Side by side"))]


class PreviewDialog(QDialog):
    def __init__(
        self,
        source: DocumentSource,
        runner: JobRunner,
        parent: QWidget | None = None,
        *,
        arrangement: Arrangement = Arrangement.ORIGINALS,
        title: str = "",
        can_print: bool = True,
    ) -> None:
        """``can_print`` False (a viewer): the PDF is shown, but neither printed nor saved."""
        super().__init__(parent)
        self.source, self.runner = source, runner
        #: The suggested file name when saving: the document's title, without what a file name cannot hold.
        self.file_stem = "".join(c for c in title[:60] if c not in '\\/:*?"<>|').strip() or "agreement"
        self.setObjectName("pdfPreview")
        self.setWindowTitle(_("Preview: {title}").format(title=title) if title else _("Preview"))
        self.resize(900, 860)
        self.rendered: RenderedPdf | None = None
        self.job: Job | None = None
        self.pdf = QPdfDocument(self)
        self._buffer: QBuffer | None = None

        self.layout_choice = QComboBox(self)
        for value, label in arrangement_names():
            self.layout_choice.addItem(label, value)
        self.layout_choice.setCurrentIndex(self.layout_choice.findData(arrangement))
        self.layout_choice.currentIndexChanged.connect(self.render)
        self.page_label = QLabel(self)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Layout:"), self))
        bar.addWidget(self.layout_choice)
        for name, text, slot in (
            ("previous", "◀", lambda: self.go(-1)),
            ("next", "▶", lambda: self.go(1)),
            ("zoom_out", "−", lambda: self.zoom(1 / ZOOM_STEP)),
            ("zoom_in", "+", lambda: self.zoom(ZOOM_STEP)),
            ("fit_width", _("Fit width"), lambda: self.fit(QPdfView.ZoomMode.FitToWidth)),
            ("fit_page", _("Whole page"), lambda: self.fit(QPdfView.ZoomMode.FitInView)),
        ):
            button = self._button(name, text, slot)
            if len(text) == 1:  # ◀ ▶ − +: small square buttons
                button.setFixedWidth(button.sizeHint().height() + 8)
            bar.addWidget(button)
            if name == "next":
                bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self._button("print", _("Print…"), self.print_dialog))
        bar.addWidget(self._button("save", _("Save as PDF…"), self.save_dialog))
        for name in ("print", "save"):
            self.buttons[name].setVisible(can_print)
        self.buttons["previous"].setToolTip(_("Previous page"))
        self.buttons["next"].setToolTip(_("Next page"))
        self.buttons["zoom_out"].setToolTip(_("Zoom out"))
        self.buttons["zoom_in"].setToolTip(_("Zoom in"))

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page_number)
        self.message = QLabel(self)
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.progress = QProgressBar(self)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addStretch(0)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._set_busy(False)
        self.render()

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        self.buttons[name] = button
        return button

    # --- rendering --------------------------------------------------------------------------------

    def arrangement(self) -> Arrangement:
        return Arrangement(self.layout_choice.currentData())

    def render(self) -> Job:
        """Render the chosen layout in the worker; the view shows it when it is done."""
        if self.job is not None:
            self.job.cancel()
        layout = Layout(arrangement=self.arrangement())
        source = self.source

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            return render_pdf(source(), layout, progress=progress, cancelled=cancelled)

        return self._start(Job(work), self._shown)

    def _shown(self, rendered: RenderedPdf) -> None:
        self.rendered = rendered
        self.pdf.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(rendered.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)  # a QBuffer is read at once: the document is ready on return
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.message.hide()
        self._show_page_number(self.view.pageNavigator().currentPage())

    def page_count(self) -> int:
        return self.pdf.pageCount() if self.pdf.status() == QPdfDocument.Status.Ready else 0

    def _start(self, job: Job, done: Callable[[object], None]) -> Job:
        self.job = job
        job.signals.progressed.connect(self._progressed)
        job.signals.succeeded.connect(lambda result: done(result) if self.job is job else None)
        job.signals.failed.connect(lambda error: self._failed(error) if self.job is job else None)
        job.signals.finished.connect(lambda: self._finished(job))
        self._set_busy(True)
        return self.runner.start(job)

    def _finished(self, job: Job) -> None:
        if self.job is job:
            self.job = None
            self._set_busy(False)

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setMaximum(max(1, int(total)))
        self.progress.setValue(int(done))
        self.progress.setFormat(_(message) if message else "")

    def _failed(self, error: object) -> None:
        errors = error.errors if isinstance(error, DomainError) else [error]
        self.message.setText("\n".join(error_text(e) for e in errors[:8]))
        self.message.setStyleSheet("color: #c62828;")
        self.message.show()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        for name in ("print", "save"):
            self.buttons[name].setEnabled(not busy and self.rendered is not None)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    # --- pages and zoom ---------------------------------------------------------------------------

    def _show_page_number(self, page: int) -> None:
        count = self.page_count()
        self.page_label.setText(_("Page {page} of {count}").format(page=page + 1 if count else 0, count=count))

    def go(self, step: int) -> None:
        navigator = self.view.pageNavigator()
        target = min(max(0, navigator.currentPage() + step), max(0, self.page_count() - 1))
        navigator.jump(target, QPointF(), navigator.currentZoom())

    def zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(8.0, max(0.1, self.view.zoomFactor() * factor)))

    def fit(self, mode: QPdfView.ZoomMode) -> None:
        self.view.setZoomMode(mode)

    # --- print and save ---------------------------------------------------------------------------

    def print_dialog(self) -> None:
        printer = prepare_printer(QPrinter(QPrinter.PrinterMode.HighResolution))
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.page_count()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the shown PDF; the window keeps repainting between pages."""
        self.progress.setVisible(True)
        self.progress.setFormat(_("Printing"))

        def step(done: int, total: int) -> None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            QApplication.processEvents()

        try:
            printed = print_pdf(self.pdf, printer, step)
        finally:
            self.progress.setVisible(False)
        if not printed:
            ask.warn(self, _("Not printed"), _("The printer could not be started."))
        return printed

    def save_dialog(self) -> None:
        name = f"{self.file_stem}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), name, _("PDF files (*.pdf)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> Job:
        """Write the PDF atomically to ``path`` in the worker (an old file there stays whole until then)."""
        layout = Layout(arrangement=self.arrangement())
        source = self.source

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            return write_agreement_pdf(source(), path, layout, progress=progress, cancelled=cancelled)

        def saved(_result: object) -> None:
            self.message.setStyleSheet("")
            self.message.setText(_("Saved: {path}").format(path=path))
            self.message.show()

        return self._start(Job(work), saved)

    def done(self, result: int) -> None:
        """Closing waits for a running job to stop: its signals must not reach a deleted window."""
        self.runner.cancel_all()
        self.runner.wait(10_000)
        super().done(result)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        self.runner.cancel_all()
        self.runner.wait(10_000)
        super().closeEvent(event)
