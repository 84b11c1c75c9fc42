"""All tables. Importing this package registers every table on ``metadata``."""

from dnqp_desktop.core.models.accounts import AuditAnchor, AuditLog, UserAccount
from dnqp_desktop.core.models.agreements import (
    Agreement,
    AgreementArticle,
    AgreementChapter,
    AgreementParty,
    AgreementSignatory,
)
from dnqp_desktop.core.models.attachments import Attachment
from dnqp_desktop.core.models.base import Record, Timestamped, metadata, new_id, utcnow
from dnqp_desktop.core.models.delegations import Delegation, DelegationMember, DelegationUnit
from dnqp_desktop.core.models.people import Passport, Person, PersonPosition, PersonRank
from dnqp_desktop.core.models.plans import PlanItem
from dnqp_desktop.core.models.talks import Talk, TalkParticipant, TalkUnit
from dnqp_desktop.core.models.units import Twinning, Unit

__all__ = [
    "Agreement",
    "AgreementArticle",
    "AgreementChapter",
    "AgreementParty",
    "AgreementSignatory",
    "Attachment",
    "AuditAnchor",
    "AuditLog",
    "Delegation",
    "DelegationMember",
    "DelegationUnit",
    "Passport",
    "Person",
    "PersonPosition",
    "PersonRank",
    "PlanItem",
    "Record",
    "Talk",
    "TalkParticipant",
    "TalkUnit",
    "Timestamped",
    "Twinning",
    "Unit",
    "UserAccount",
    "metadata",
    "new_id",
    "utcnow",
]
