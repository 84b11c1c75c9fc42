"""Plan items: targets, results and the percent achieved."""

from __future__ import annotations

from sqlmodel import Session

from dnqp_desktop.core.models import Agreement, PlanItem, Unit
from dnqp_desktop.core.search import SearchText
from dnqp_desktop.core.services.base import RecordService
from dnqp_desktop.core.services.rules import DateValue, Integer, LaoText, Number, Reference, Text
from dnqp_desktop.core.services.units import NOTES


class PlanItemService(RecordService[PlanItem]):
    kind = "plan_item"
    model = PlanItem
    fields = {
        "agreement_id": Reference(model=Agreement, kind="agreement"),
        "unit_id": Reference(model=Unit, kind="unit"),
        "year": Integer(minimum=1975, maximum=2200, required=True),
        "period": Text(max_length=100),
        "title_vi": Text(max_length=500, required=True),
        "title_lo": LaoText(max_length=500),
        "target": Number(minimum=0),
        "measure": Text(max_length=100),
        "result": Number(minimum=0),
        "due_date": DateValue(),
        "notes": NOTES,
    }
    filterable = frozenset({"year", "agreement_id", "unit_id"})
    default_order = ("year", "title_vi")

    @classmethod
    def search_texts(cls, session: Session, record: PlanItem) -> SearchText:
        return SearchText(
            title=record.title_vi or record.title_lo,
            names=[record.title_vi, record.title_lo],
            other=[record.period, record.measure],
        )
