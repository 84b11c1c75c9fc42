"""Refuse a document before any byte is written: uncovered characters, missing languages, legacy Lao.

A PDF must never show a missing-glyph box, a final agreement must have every part in both
languages (they are of equal validity), and a partner-language field without a single letter of
its script is text typed with an old non-Unicode font, gibberish once printed. Each problem names
the record, the field and, for a character, the character itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import N_
from dnqp_desktop.documents.fonts import FontSet, Label
from dnqp_desktop.documents.model import LAYOUT_RANGES, AgreementDocument, Layout, TextField
from dnqp_desktop.documents.text import glyph_missing, has_script_letters, uncovered_chars

_LEGACY_MESSAGES = {"lo": "legacy_lao_text", "km": "legacy_khmer_text"}
_WHERE_LIMIT = 80

#: English msgids naming each layout setting in messages.
SETTING_LABELS = {
    "margin_top": N_("Top margin (mm)"),
    "margin_bottom": N_("Bottom margin (mm)"),
    "margin_left": N_("Left margin (mm)"),
    "margin_right": N_("Right margin (mm)"),
    "body_size": N_("Body text size (pt)"),
    "partner_size": N_("Partner-language text size (pt)"),
    "first_line_indent": N_("First-line indent (mm)"),
    "paragraph_spacing": N_("Space after paragraphs (pt)"),
    "line_spacing": N_("Line spacing"),
    "column_gap": N_("Space between columns (mm)"),
}


def check_layout(layout: Layout) -> None:
    for name, (low, high) in LAYOUT_RANGES.items():
        value = getattr(layout, name)
        if value is not None and not low <= value <= high:
            raise DomainError(
                "layout_out_of_range", setting=Label(SETTING_LABELS[name]), value=value, low=low, high=high
            )


def preflight(document: AgreementDocument, fonts: FontSet) -> None:
    """Raise one DomainError carrying every problem found (``.errors``), or return."""
    errors = list(problems(document, fonts))
    if errors:
        raise DomainError.combine(errors)


def problems(document: AgreementDocument, fonts: FontSet) -> Iterator[DomainError]:
    partner = document.partner_language
    title = document.title.vi or document.title.partner or document.symbol
    for text in document.texts():
        where = _where(text, document, title)
        for language in ("vi", partner):
            value = text.pair.get(language)
            field = f"{text.field}_{language}"
            params = {"field": field, "kind": text.kind, "where": where, **({"row": text.row} if text.row else {})}
            if not value.strip():
                if document.is_final and text.required:
                    yield DomainError("language_missing", **params)
                continue
            if language == partner and not has_script_letters(value, partner):
                yield DomainError(_LEGACY_MESSAGES[partner], **params)
                continue
            missing = uncovered_chars(value, fonts)
            if missing:
                _, char = missing[0]
                yield glyph_missing(char, **params)


def _where(text: TextField, document: AgreementDocument, title: str) -> str:
    """How the message names the record: the document for its own parts, else the unit or person."""
    if text.kind == "unit":
        label = text.pair.vi or text.pair.partner
    elif text.kind == "person":
        label = text.pair.vi or text.pair.partner
    else:
        label = title
    if len(label) > _WHERE_LIMIT:
        label = label[: _WHERE_LIMIT - 1] + "…"
    return f"“{label}”"
