"""The one error type the core raises for anything a user can fix.

Services never raise text: they raise a message id with named parameters, and the caller (UI,
CLI) turns it into a sentence in the user's language at the moment it is shown. A form can place
each error next to its field because every error names the field it is about.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dnqp_desktop.core.i18n import _, translate
from dnqp_desktop.core.messages import MESSAGES, field_label, record_label


class DomainError(Exception):
    def __init__(self, message_id: str, *, field: str | None = None, kind: str | None = None, **params: Any) -> None:
        if message_id not in MESSAGES:
            raise KeyError(f"unknown message id {message_id!r}")
        self.message_id = message_id
        self.field = field
        self.kind = kind
        self.params = params
        self.errors: list[DomainError] = [self]
        super().__init__(message_id)

    @classmethod
    def combine(cls, errors: Iterable[DomainError]) -> DomainError:
        """One exception carrying every field error, so a form can show them all at once."""
        collected = list(errors)
        first = collected[0]
        first.errors = collected
        return first

    def message(self, lang: str | None = None) -> str:
        """The sentence for the user, in ``lang`` or the current UI language."""

        def tr(text: str) -> str:
            return translate(text, lang) if lang else _(text)

        params: dict[str, Any] = {}
        for key, value in self.params.items():
            label = getattr(value, "label", None)  # enum members carry their own msgid
            params[key] = tr(label) if isinstance(label, str) else value
        if "target" in params:
            params["target"] = tr(record_label(str(params["target"])))
        if "other" in params:
            params["other"] = tr(field_label(str(params["other"]), self.kind))
        if self.field is not None:
            params.setdefault("field", tr(field_label(self.field, self.kind)))
        if self.kind is not None:
            params.setdefault("record", tr(record_label(self.kind)))
        try:
            text = tr(MESSAGES[self.message_id]).format(**params)
        except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
            text = MESSAGES[self.message_id].format(**params)
        if "row" in self.params and self.kind is not None:
            # "Passport 2: Expiry date is required." - which row of a list the problem is in
            text = f"{tr(record_label(self.kind)).capitalize()} {self.params['row']}: {text}"
        return text

    def __str__(self) -> str:
        return self.message()

    def __repr__(self) -> str:
        return f"DomainError({self.message_id!r}, field={self.field!r}, params={self.params!r})"
