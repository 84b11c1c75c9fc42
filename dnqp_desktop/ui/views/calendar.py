"""The calendar of talks and delegations: a month to pick days from, and the month as an agenda.

Days with a booking are bold, days with a double booking red. The agenda lists each talk (with
its host, so the alternating hosts of a series show) and each delegation of the month; a double
booking is listed under it, naming who or what is booked twice. Enter or a double click opens the
record.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnqp_desktop.core.i18n import _, format_date, format_datetime
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.listing import Lookups
from dnqp_desktop.core.messages import record_label
from dnqp_desktop.core.models.enums import DelegationStatus, Direction, TalkStatus
from dnqp_desktop.core.schedule import INACTIVE, Booking, Conflict, bookings, conflicts
from dnqp_desktop.ui.formatting import LOCAL_ZONE

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
CONFLICT_COLOUR = QColor("#c62828")


class CalendarView(QWidget):
    open_requested = Signal(str, str)  # kind, record id
    new_series_requested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("calendar")
        self.bookings: list[Booking] = []
        self.conflicts: list[Conflict] = []
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("monthCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.refresh())
        self.calendar.activated.connect(self._day_activated)
        self.month_label = QLabel(self)
        font = self.month_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.month_label.setFont(font)
        self.conflict_label = QLabel(self)
        self.conflict_label.setObjectName("conflictSummary")
        self.conflict_label.setWordWrap(True)
        self.conflict_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.agenda = QTreeWidget(self)
        self.agenda.setObjectName("agenda")
        self.agenda.setHeaderLabels([_("When"), _("Talk or delegation"), _("Host / direction"), _("Status")])
        header = self.agenda.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.itemActivated.connect(self._activated)
        self.agenda.itemDoubleClicked.connect(self._activated)
        self.series_button = QPushButton(_("New talk series…"), self)
        self.series_button.setObjectName("newSeries")
        self.series_button.clicked.connect(self.new_series_requested)
        self.today_button = QPushButton(_("Today"), self)
        self.today_button.clicked.connect(lambda: self.calendar.setSelectedDate(QDate.currentDate()))
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.calendar)
        buttons = QHBoxLayout()
        buttons.addWidget(self.today_button)
        buttons.addWidget(self.series_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addStretch(1)
        right = QWidget(self)
        agenda = QVBoxLayout(right)
        agenda.setContentsMargins(0, 0, 0, 0)
        agenda.addWidget(self.month_label)
        agenda.addWidget(self.conflict_label)
        agenda.addWidget(self.agenda, 1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # --- month ------------------------------------------------------------------------------------

    def month(self) -> tuple[date, date]:
        first = date(self.calendar.yearShown(), self.calendar.monthShown(), 1)
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)

    def show_month(self, year: int, month: int) -> None:
        self.calendar.setCurrentPage(year, month)
        self.refresh()

    def refresh(self) -> None:
        first, last = self.month()
        with self.library.read() as session:
            self.bookings = bookings(session, first, last)
            self.conflicts = conflicts(session, first, last)
            lookups = Lookups(session)
            self._fill(lookups)
        self._mark_days(first, last)

    def _fill(self, lookups: Lookups) -> None:
        first, _last = self.month()
        self.month_label.setText(format_date(first, "month").capitalize())
        by_record: dict[str, list[Conflict]] = {}
        for conflict in self.conflicts:
            by_record.setdefault(conflict.first.record_id, []).append(conflict)
            by_record.setdefault(conflict.second.record_id, []).append(conflict)
        self.conflict_label.setText(
            _("{count} double booking(s) this month.").format(count=len(self.conflicts)) if self.conflicts else ""
        )
        self.conflict_label.setVisible(bool(self.conflicts))
        self.agenda.clear()
        for booking in self.bookings:
            row = QTreeWidgetItem([_when(booking), booking.title, _host(booking, lookups), _status(booking)])
            row.setData(0, KIND_ROLE, booking.kind)
            row.setData(0, ID_ROLE, booking.record_id)
            row.setToolTip(1, f"{_(record_label(booking.kind)).capitalize()}: {booking.title}")
            if booking.status in INACTIVE:
                for column in range(4):
                    row.setForeground(column, QBrush(QColor("#888888")))
            self.agenda.addTopLevelItem(row)
            for conflict in by_record.get(booking.record_id, []):
                other = conflict.second if conflict.first.record_id == booking.record_id else conflict.first
                names = [lookups.person(pid) for pid in sorted(conflict.people)]
                names += [lookups.unit(uid) for uid in sorted(conflict.units)]
                text = _("Double booking with “{other}”: {names}").format(other=other.title, names=", ".join(names))
                child = QTreeWidgetItem([text])
                child.setData(0, KIND_ROLE, other.kind)
                child.setData(0, ID_ROLE, other.record_id)
                child.setForeground(0, QBrush(CONFLICT_COLOUR))
                child.setToolTip(0, text)
                row.addChild(child)
                child.setFirstColumnSpanned(True)  # the whole width for who is booked twice
                row.setForeground(1, QBrush(CONFLICT_COLOUR))
            row.setExpanded(True)

    def _mark_days(self, first: date, last: date) -> None:
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clear every day's format
        busy: set[date] = set()
        clashing: set[date] = set()
        for booking in self.bookings:
            busy.update(_days(booking, first, last))
        for conflict in self.conflicts:
            start = max(conflict.first.first_day, conflict.second.first_day)
            end = min(conflict.first.last_day, conflict.second.last_day)
            clashing.update(_days_between(start, end, first, last))
        for day in busy:
            style = QTextCharFormat()
            style.setFontWeight(QFont.Weight.Bold)
            style.setBackground(QBrush(QColor("#ffd6d6" if day in clashing else "#dbe9ff")))
            if day in clashing:
                style.setForeground(QBrush(CONFLICT_COLOUR))
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), style)

    def _day_activated(self, day: QDate) -> None:
        wanted = date(day.year(), day.month(), day.day())
        for index in range(self.agenda.topLevelItemCount()):
            booking = self.bookings[index]
            if booking.first_day <= wanted <= booking.last_day:
                self.agenda.setCurrentItem(self.agenda.topLevelItem(index))
                self.agenda.setFocus()
                return

    def _activated(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        kind, record_id = row.data(0, KIND_ROLE), row.data(0, ID_ROLE)
        if kind and record_id:
            self.open_requested.emit(kind, record_id)

    def rows(self) -> list[QTreeWidgetItem]:
        return [self.agenda.topLevelItem(index) for index in range(self.agenda.topLevelItemCount())]


def _days(booking: Booking, first: date, last: date) -> list[date]:
    return _days_between(booking.first_day, booking.last_day, first, last)


def _days_between(start: date, end: date, first: date, last: date) -> list[date]:
    day, days = max(start, first), []
    while day <= min(end, last):
        days.append(day)
        day += timedelta(days=1)
    return days


def _when(booking: Booking) -> str:
    if booking.kind == "talk":
        return format_datetime(booking.start, LOCAL_ZONE)
    if booking.first_day == booking.last_day:
        return format_date(booking.first_day, "short")
    return f"{format_date(booking.first_day, 'short')} – {format_date(booking.last_day, 'short')}"


def _host(booking: Booking, lookups: Lookups) -> str:
    if booking.kind == "talk":
        return _("Host: {unit}").format(unit=lookups.unit(booking.host_unit_id)) if booking.host_unit_id else ""
    return _(Direction(booking.direction).label) if booking.direction else ""


def _status(booking: Booking) -> str:
    enum = TalkStatus if booking.kind == "talk" else DelegationStatus
    try:
        return _(enum(booking.status).label)
    except ValueError:
        return booking.status
