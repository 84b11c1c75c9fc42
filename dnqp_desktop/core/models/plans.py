"""Items of a yearly cooperation plan, with targets and reported results."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Text
from sqlmodel import Field

from dnqp_desktop.core.models.base import ID_LENGTH, Record


class PlanItem(Record, table=True):
    __tablename__ = "plan_item"

    agreement_id: str | None = Field(default=None, foreign_key="agreement.id", max_length=ID_LENGTH, index=True)
    unit_id: str | None = Field(default=None, foreign_key="unit.id", max_length=ID_LENGTH, index=True)
    year: int = Field(index=True)
    #: The reporting period when it is not the calendar year ("mùa khô 2023–2024").
    period: str = Field(default="", max_length=100)
    title_vi: str = Field(max_length=500)
    title_lo: str = Field(default="", max_length=500)
    target: float | None = None
    measure: str = Field(default="", max_length=100)
    result: float | None = None
    due_date: date | None = None
    notes: str = Field(default="", sa_type=Text)

    @property
    def percent(self) -> Decimal | None:
        """Result against target, rounded half up to two places: 16 of 15 → 106.67."""
        if self.target in (None, 0) or self.result is None:
            return None
        ratio = Decimal(str(self.result)) * 100 / Decimal(str(self.target))
        return ratio.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
