"""Templates per kind of document: its printed name, section labels, closing article, starting parts.

``template_for(kind)`` is what the renderer and the editor use; a kind without a template of its
own (a letter) prints with the generic one, which has no type line.
"""

from __future__ import annotations

from dnqp_desktop.documents.templates import annual_cooperation, memorandum, minutes, twinning_regulation
from dnqp_desktop.documents.templates.base import ClosingFacts, DraftParts, PartDraft, Template
from dnqp_desktop.documents.templates.common import CLOSING, CLOSING_TITLES
from dnqp_desktop.documents.templates.languages import LANGUAGES, Language

TEMPLATES: dict[str, Template] = {
    module.TEMPLATE.kind: module.TEMPLATE for module in (annual_cooperation, memorandum, twinning_regulation, minutes)
}

GENERIC = Template(kind="", names={}, closing_titles=CLOSING_TITLES, closing=CLOSING)


def template_for(kind: str) -> Template:
    return TEMPLATES.get(kind, GENERIC)


__all__ = ["LANGUAGES", "ClosingFacts", "DraftParts", "Language", "PartDraft", "Template", "template_for"]
