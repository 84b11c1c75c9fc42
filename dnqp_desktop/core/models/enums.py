"""Closed lists of values, stored as their string codes.

Codes are stored as plain strings (not database enums) so that adding a value never needs a
migration on SQLite or PostgreSQL; the services refuse codes that are not listed here. Each enum's
``label`` is an English msgid, translated where it is shown.
"""

from __future__ import annotations

from enum import StrEnum

from dnqp_desktop.core.i18n import N_


class LabelledEnum(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS[self]


class Country(LabelledEnum):
    VN = "VN"
    LA = "LA"
    KH = "KH"


class UnitLevel(LabelledEnum):
    MINISTRY = "ministry"
    MILITARY_REGION = "military_region"
    PROVINCE_COMMAND = "province_command"
    DISTRICT_COMMAND = "district_command"
    REGIONAL_DEFENCE_COMMAND = "regional_defence_command"
    BORDER_GUARD_COMMAND = "border_guard_command"
    BORDER_POST = "border_post"
    DIVISION = "division"
    BRIGADE = "brigade"
    REGIMENT = "regiment"
    OTHER = "other"


class Rank(LabelledEnum):
    """Grades in seniority order; Vietnam has all twelve, the Lao army lacks the two 'senior' ones."""

    SECOND_LIEUTENANT = "second_lieutenant"
    LIEUTENANT = "lieutenant"
    SENIOR_LIEUTENANT = "senior_lieutenant"
    CAPTAIN = "captain"
    MAJOR = "major"
    LIEUTENANT_COLONEL = "lieutenant_colonel"
    SENIOR_LIEUTENANT_COLONEL = "senior_lieutenant_colonel"
    COLONEL = "colonel"
    MAJOR_GENERAL = "major_general"
    LIEUTENANT_GENERAL = "lieutenant_general"
    COLONEL_GENERAL = "colonel_general"
    GENERAL = "general"


#: Grades that exist only in the Vietnamese army (GLOSSARY.md §1).
VIETNAM_ONLY_RANKS = frozenset({Rank.SENIOR_LIEUTENANT, Rank.SENIOR_LIEUTENANT_COLONEL})


class PassportKind(LabelledEnum):
    ORDINARY = "ordinary"
    OFFICIAL = "official"
    DIPLOMATIC = "diplomatic"


class TwinningStatus(LabelledEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    ENDED = "ended"


class TalkKind(LabelledEnum):
    ANNUAL_TALKS = "annual_talks"
    PERIODIC_BRIEFING = "periodic_briefing"
    TWINNING_REVIEW = "twinning_review"
    WORKING_MEETING = "working_meeting"


class TalkStatus(LabelledEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class ParticipantRole(LabelledEnum):
    CHAIR = "chair"
    PARTICIPANT = "participant"
    INTERPRETER = "interpreter"
    SECRETARY = "secretary"


class Direction(LabelledEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"


class DelegationStatus(LabelledEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    COMPLETED = "completed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class MemberRole(LabelledEnum):
    HEAD = "head"
    DEPUTY = "deputy"
    MEMBER = "member"
    INTERPRETER = "interpreter"
    SECRETARY = "secretary"


class AgreementKind(LabelledEnum):
    ANNUAL_COOPERATION = "annual_cooperation"
    MEMORANDUM = "memorandum"
    TWINNING_REGULATION = "twinning_regulation"
    MINUTES = "minutes"
    LETTER = "letter"


class AgreementStatus(LabelledEnum):
    DRAFT = "draft"
    FINAL = "final"
    SIGNED = "signed"
    SUPERSEDED = "superseded"
    EXPIRED = "expired"


class Role(LabelledEnum):
    VIEWER = "viewer"
    CLERK = "clerk"
    APPROVER = "approver"
    ADMIN = "admin"


_LABELS: dict[LabelledEnum, str] = {
    Country.VN: N_("Vietnam"),
    Country.LA: N_("Laos"),
    Country.KH: N_("Cambodia"),
    UnitLevel.MINISTRY: N_("Ministry"),
    UnitLevel.MILITARY_REGION: N_("Military Region"),
    UnitLevel.PROVINCE_COMMAND: N_("Provincial Military Command"),
    UnitLevel.DISTRICT_COMMAND: N_("District Military Command"),
    UnitLevel.REGIONAL_DEFENCE_COMMAND: N_("Regional Defence Command"),
    UnitLevel.BORDER_GUARD_COMMAND: N_("Border Guard Command"),
    UnitLevel.BORDER_POST: N_("Border post"),
    UnitLevel.DIVISION: N_("Division"),
    UnitLevel.BRIGADE: N_("Brigade"),
    UnitLevel.REGIMENT: N_("Regiment"),
    UnitLevel.OTHER: N_("Other unit"),
    Rank.SECOND_LIEUTENANT: N_("Second Lieutenant"),
    Rank.LIEUTENANT: N_("Lieutenant"),
    Rank.SENIOR_LIEUTENANT: N_("Senior Lieutenant"),
    Rank.CAPTAIN: N_("Captain"),
    Rank.MAJOR: N_("Major"),
    Rank.LIEUTENANT_COLONEL: N_("Lieutenant Colonel"),
    Rank.SENIOR_LIEUTENANT_COLONEL: N_("Senior Lieutenant Colonel"),
    Rank.COLONEL: N_("Colonel"),
    Rank.MAJOR_GENERAL: N_("Major General"),
    Rank.LIEUTENANT_GENERAL: N_("Lieutenant General"),
    Rank.COLONEL_GENERAL: N_("Colonel General"),
    Rank.GENERAL: N_("General"),
    PassportKind.ORDINARY: N_("Ordinary passport"),
    PassportKind.OFFICIAL: N_("Official passport"),
    PassportKind.DIPLOMATIC: N_("Diplomatic passport"),
    TwinningStatus.ACTIVE: N_("Active"),
    TwinningStatus.SUSPENDED: N_("Suspended"),
    TwinningStatus.ENDED: N_("Ended"),
    TalkKind.ANNUAL_TALKS: N_("Annual talks"),
    TalkKind.PERIODIC_BRIEFING: N_("Periodic briefing"),
    TalkKind.TWINNING_REVIEW: N_("Twinning review"),
    TalkKind.WORKING_MEETING: N_("Working meeting"),
    TalkStatus.PLANNED: N_("Planned"),
    TalkStatus.CONFIRMED: N_("Confirmed"),
    TalkStatus.HELD: N_("Held"),
    TalkStatus.POSTPONED: N_("Postponed"),
    TalkStatus.CANCELLED: N_("Cancelled"),
    ParticipantRole.CHAIR: N_("Chair"),
    ParticipantRole.PARTICIPANT: N_("Participant"),
    ParticipantRole.INTERPRETER: N_("Interpreter"),
    ParticipantRole.SECRETARY: N_("Secretary"),
    Direction.OUTGOING: N_("Outgoing"),
    Direction.INCOMING: N_("Incoming"),
    DelegationStatus.DRAFT: N_("Draft"),
    DelegationStatus.SUBMITTED: N_("Submitted"),
    DelegationStatus.APPROVED: N_("Approved"),
    DelegationStatus.COMPLETED: N_("Completed"),
    DelegationStatus.REJECTED: N_("Rejected"),
    DelegationStatus.CANCELLED: N_("Cancelled"),
    MemberRole.HEAD: N_("Head of delegation"),
    MemberRole.DEPUTY: N_("Deputy head"),
    MemberRole.MEMBER: N_("Member"),
    MemberRole.INTERPRETER: N_("Interpreter"),
    MemberRole.SECRETARY: N_("Secretary"),
    AgreementKind.ANNUAL_COOPERATION: N_("Annual cooperation agreement"),
    AgreementKind.MEMORANDUM: N_("Memorandum of understanding"),
    AgreementKind.TWINNING_REGULATION: N_("Twinning regulation"),
    AgreementKind.MINUTES: N_("Minutes of talks"),
    AgreementKind.LETTER: N_("Letter"),
    AgreementStatus.DRAFT: N_("Draft"),
    AgreementStatus.FINAL: N_("Final"),
    AgreementStatus.SIGNED: N_("Signed"),
    AgreementStatus.SUPERSEDED: N_("Superseded"),
    AgreementStatus.EXPIRED: N_("Expired"),
    Role.VIEWER: N_("Viewer"),
    Role.CLERK: N_("Clerk"),
    Role.APPROVER: N_("Approver"),
    Role.ADMIN: N_("Administrator"),
}
