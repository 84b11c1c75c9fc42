"""Every sentence the core can say, keyed by a stable message id, and the names of fields and records.

Message ids are what tests and callers match on; the English text is the gettext msgid,
translated only when shown. Placeholders are named: ``{field}`` (the field's label), ``{record}``
(the record kind's label) and those a rule passes (``{max}``, ``{value}``…).
"""

from __future__ import annotations

from dnqp_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    # field rules
    "required": N_("{field} is required."),
    "not_text": N_("{field} must be text."),
    "single_line": N_("{field} must fit on one line."),
    "too_long": N_("{field} is too long: at most {max} characters, {length} given."),
    "too_many": N_("{field} has too many entries (at most {max})."),
    "invalid_choice": N_("{field}: “{value}” is not one of the allowed values."),
    "invalid_date": N_("{field}: “{value}” is not a valid date."),
    "date_out_of_range": N_("{field}: {value} is outside the years this application accepts."),
    "invalid_datetime": N_("{field}: “{value}” is not a valid date and time."),
    "datetime_without_zone": N_("{field}: the time zone of “{value}” is missing."),
    "invalid_timezone": N_("{field}: “{value}” is not a known time zone."),
    "not_integer": N_("{field}: “{value}” is not a whole number."),
    "not_number": N_("{field}: “{value}” is not a number."),
    "below_minimum": N_("{field} must be at least {minimum}."),
    "above_maximum": N_("{field} must be at most {maximum}."),
    "not_boolean": N_("{field} must be yes or no."),
    "reference_missing": N_("{field}: the chosen {target} does not exist."),
    "reference_deleted": N_("{field}: the chosen {target} is in the trash."),
    "not_lao_script": N_(
        "{field} contains no Lao (or Khmer) letters. Text typed with an old non-Unicode font must be "
        "retyped with a Unicode Lao (or Khmer) keyboard."
    ),
    "invalid_passport_number": N_("{field}: a passport number has 6 to 20 letters and digits, without spaces."),
    "invalid_username": N_("{field}: use 3 to 60 lower-case letters, digits, dots, hyphens or underscores."),
    "invalid_document_number": N_("{field}: use only letters and digits, for example 05."),
    "has_spaces": N_("{field} must not contain spaces."),
    # record rules
    "not_found": N_("This {record} does not exist or is in the trash."),
    "not_in_trash": N_("This {record} is not in the trash."),
    "forbidden": N_("Your role ({role}) does not allow this action."),
    "date_order": N_("{field} must not be earlier than {other}."),
    "date_order_strict": N_("{field} must be later than {other}."),
    "date_in_future": N_("{field} cannot be in the future."),
    "name_required": N_("Enter the name in Vietnamese or in Lao."),
    "parent_cycle": N_("{field}: a unit cannot be placed under itself or under one of its own subordinate units."),
    "twinning_same_unit": N_("A unit cannot be twinned with itself."),
    "duplicate_twinning": N_("These two units are already twinned."),
    "rank_overlap": N_("Rank history: the periods from {first} and from {second} overlap."),
    "rank_not_in_army": N_("{field}: this rank does not exist in the army of {country}."),
    "duplicate_passport": N_("{field}: passport number {number} is already recorded for {owner}."),
    "duplicate_entry": N_("{field}: the same entry is listed twice."),
    "host_not_participating": N_("{field}: the host unit must be one of the units taking part."),
    "reason_required": N_("{field}: give the reason for this status."),
    "decision_required": N_("{field}: an approved delegation needs the decision number and date."),
    "head_not_member": N_("{field}: the head of delegation must be one of its members."),
    "chapter_missing": N_("{field}: article {article} refers to a chapter that does not exist."),
    "article_without_chapter": N_("{field}: when an agreement has chapters, every article must belong to one."),
    "self_reference": N_("{field}: a record cannot refer to itself."),
    "signed_date_required": N_("{field}: a signed agreement needs its signing date."),
    "duplicate_username": N_("{field}: the user name “{value}” is already taken."),
    # accounts and log-in
    "login_failed": N_("Wrong user name or password."),
    "login_delayed": N_("Too many wrong passwords. Wait {seconds} seconds, then try again."),
    "account_disabled": N_("This account is disabled. Ask the administrator."),
    "password_too_short": N_("{field}: a password needs at least {min} characters."),
    "password_mismatch": N_("{field}: the two passwords are not the same."),
    "password_wrong": N_("{field}: the current password is wrong."),
    "accounts_exist": N_("The administrator account has already been created; log in instead."),
    "last_admin": N_("{field}: at least one active administrator account must remain."),
    "not_logged_in": N_("Log in with an account to do this."),
    "unknown_user": N_("There is no account named “{username}”."),
    "password_needed": N_("A password is needed: type it when asked, or give --password-file with the password in it."),
    "owner_missing": N_("The record this file belongs to does not exist."),
    "file_unreadable": N_("The file {path} cannot be read: {reason}"),
    "attachment_blob_missing": N_("The stored file for “{filename}” is missing or damaged; restore a backup."),
    # database and data folder
    "database_damaged": N_(
        "The database {path} is damaged or is not a DNQP database. Restore the latest backup (dnqp restore)."
    ),
    "database_missing": N_("There is no database at {path}. Create one with “dnqp init”."),
    "database_busy": N_("The database {path} is busy in another program. Close it and try again."),
    "database_newer": N_(
        "The database {path} was written by a newer version of DNQP Desktop (schema {revision}). "
        "Install the newer version to open it."
    ),
    "upgrade_failed": N_(
        "The database {path} could not be upgraded and was left as it was ({reason}). A copy made before the "
        "attempt is in {backup}."
    ),
    "database_unwritable": N_("The data folder {path} cannot be written: {reason}"),
    "settings_damaged": N_("The settings file {path} is damaged. Fix or delete it; defaults will be used."),
    "integrity_failed": N_("The database {path} is damaged ({detail}). Restore the latest backup (dnqp restore)."),
    "foreign_keys_broken": N_("{count} references between records are broken, the first in table {table}."),
    "schema_outdated": N_(
        "The database schema is {current}; this version expects {head}. Run “dnqp init” to upgrade it "
        "(a copy is saved first)."
    ),
    "audit_chain_broken": N_(
        "The audit trail has been altered: entry no. {seq} ({entry}) does not match the chain. "
        "Report this to the administrator."
    ),
    "audit_chain_truncated": N_(
        "The audit trail has been cut short: entries no. {seq} to {last} were deleted. "
        "Report this to the administrator."
    ),
    "attachments_damaged": N_(
        "{count} stored files are missing or damaged, the first is “{filename}”. Restore a backup."
    ),
    "demo_not_empty": N_("The database already holds records; the demo data was not loaded."),
    "unknown_language": N_("Unknown language “{value}”. Use vi, lo or en."),
    # --- backups, restore and the writer lock (add below) ---
    "library_locked": N_(
        "The data folder {path} is already in use by another DNQP Desktop window or command ({holder}). "
        "Close it first: only one program may change the data at a time."
    ),
    "library_read_only": N_(
        "This window is read-only: another DNQP Desktop program is using the data folder ({holder}). "
        "Close it and reopen this one to make changes."
    ),
    "read_only_needs_upgrade": N_(
        "The database {path} needs an upgrade, which only the program that has it open may do. "
        "Close the other DNQP Desktop program first."
    ),
    "backup_password_not_set": N_(
        "No backup password has been set yet. Set one once (backup window or “dnqp backup”); "
        "after that, backups are written without it."
    ),
    "backup_password_too_short": N_("The backup password must have at least {minimum} characters."),
    "backup_passwords_differ": N_("The two passwords are not the same."),
    "backup_password_needed": N_(
        "A backup password is needed: type it when asked, or give --password-file with the password in it."
    ),
    "backup_password_file": N_("The password file {path} cannot be read: {reason}"),
    "backup_password_exists": N_("A backup password is already set; change it with the old password."),
    "backup_key_damaged": N_(
        "The backup key file {path} is damaged. Move it away and set a new backup password; "
        "old backups still open with their own password."
    ),
    "backup_wrong_password": N_("Wrong password for the backup {path}. Nothing was changed."),
    "backup_foreign": N_("{path} is not a DNQP Desktop backup. Nothing was changed."),
    "backup_truncated": N_(
        "The backup {path} is incomplete: it ends before its last part (copied half-way, or the drive was "
        "removed too early). Nothing was changed; use another backup."
    ),
    "backup_damaged": N_("The backup {path} is damaged ({detail}). Nothing was changed; use another backup."),
    "backup_format_newer": N_(
        "The backup {path} was written in a newer backup format ({version}). Install the newer version of "
        "DNQP Desktop to open it. Nothing was changed."
    ),
    "backup_schema_newer": N_(
        "The backup {path} holds a database from a newer version of DNQP Desktop (schema {revision}). "
        "Install the newer version to restore it. Nothing was changed."
    ),
    "backup_unreadable": N_("The backup {path} cannot be read: {reason}. Nothing was changed."),
    "backup_sqlite_only": N_("Backups here cover SQLite databases only; back up {path} with its server's tools."),
    "backup_no_space": N_(
        "Not enough free space in {path}: the backup needs {needed}, only {free} are free. "
        "Nothing was written; earlier backups are untouched."
    ),
    "backup_disk_full": N_(
        "The backup did not fit on {path} ({reason}): the drive is full or takes no file this large. "
        "The unfinished file was removed; earlier backups are untouched."
    ),
    "backup_write_failed": N_(
        "The backup could not be written to {path}: {reason}. The unfinished file was removed; "
        "earlier backups are untouched."
    ),
    "backup_verify_failed": N_(
        "The backup written to {path} did not read back correctly ({detail}), so it was removed. "
        "Earlier backups are untouched; the drive may be faulty."
    ),
    "backup_source_damaged": N_(
        "The database failed its integrity check ({detail}); no backup was written and earlier backups are "
        "untouched. Restore the latest good backup."
    ),
    "backup_cancelled": N_("The backup was cancelled. Nothing was written; earlier backups are untouched."),
    "restore_cancelled": N_("The restore was cancelled. Nothing was changed."),
    "restore_not_confirmed": N_("Not confirmed: nothing was restored and nothing was changed."),
    "restore_needs_confirmation": N_(
        "Restoring replaces the current data. Confirm when asked, or add --yes in a script."
    ),
    "restore_busy": N_(
        "Another program has the database {path} open. Close every DNQP Desktop window and command, then "
        "restore again. Nothing was changed."
    ),
    "restore_failed": N_("The restore failed ({reason}). The current data was left as it was."),
    "restore_upgrade_failed": N_(
        "The backup {path} could not be upgraded to this version ({reason}). The current data was left as it was."
    ),
    # --- documents and PDF (add below) ---
    "font_missing": N_(
        "No installed font can print {script} text. Install {package}, or copy the font files into the "
        "fonts folder of the program."
    ),
    "glyph_missing": N_(
        "{field} of {where}: the character “{char}” ({code} {name}) cannot be printed with any installed "
        "font. Replace it or install a font that has it. Nothing was written."
    ),
    "language_missing": N_(
        "{field} of {where} is empty: a final agreement needs every part in Vietnamese and in the partner "
        "language. Nothing was written."
    ),
    "legacy_lao_text": N_(
        "{field} of {where} contains no Lao letters: it was probably typed with an old non-Unicode Lao font. "
        "Retype it with a Unicode Lao keyboard. Nothing was written."
    ),
    "legacy_khmer_text": N_(
        "{field} of {where} contains no Khmer letters: it was probably typed with an old non-Unicode Khmer "
        "font. Retype it with a Unicode Khmer keyboard. Nothing was written."
    ),
    "layout_out_of_range": N_("{setting} is {value}; the allowed range is {low} to {high}."),
    "pdf_write_failed": N_("The PDF could not be written to {path}: {reason}"),
    "pdf_cancelled": N_("Making the PDF was cancelled. Nothing was written."),
    # agreement life: final, signed, new versions (core/services/agreement_lifecycle.py)
    "final_needs_parties": N_(
        "{field}: a final agreement needs a Vietnamese party and a partner party. Nothing was written."
    ),
    "final_needs_articles": N_("{field}: a final agreement needs at least one article. Nothing was written."),
    "agreement_read_only": N_(
        "The status of this agreement is “{status}”: its text can no longer be changed. Make a new version to "
        "change it."
    ),
    "status_needs_action": N_(
        "{field}: an agreement becomes final, signed or superseded only through “Mark final”, “Mark signed” "
        "and “New version”."
    ),
    "agreement_not_final": N_(
        "Only an agreement marked final can be marked signed: mark it final first, so that the signed text is "
        "the one whose PDF was kept."
    ),
    "agreement_changed_meanwhile": N_(
        "The agreement was changed while its PDF was being made, so the PDF no longer matches it. "
        "Mark it final again. Nothing was written."
    ),
    "not_a_pdf": N_("The file {path} is not a PDF. Nothing was written."),
    "signed_copy_type": N_(
        "The signed copy must be a PDF or an image (a scan or a photo); “{filename}” is neither. Nothing was written."
    ),
    "new_version_needs_signed": N_(
        "Only a signed agreement needs a new version; this one can still be changed directly."
    ),
    "newer_version_exists": N_(
        "A newer version of this agreement already exists: “{title}”, status “{status}”. Change that one instead."
    ),
    # --- workflows of talks and delegations, dashboard, yearly report (add below) ---
    "illegal_transition": N_("{field}: a {record} that is “{status}” cannot become “{target}”."),
    "delegation_status_needs_action": N_(
        "{field}: a delegation's status changes only through Submit, Approve, Reject, Cancel and Complete."
    ),
    "approval_needs_procedure": N_(
        "{field}: a delegation that has not yet left is approved only through the approval procedure (submit, "
        "then approve), which checks the passports."
    ),
    "approver_required": N_("{field}: an approved delegation needs the person who approved it."),
    "passport_problems": N_(
        "{field}: {count} traveller(s) have passport problems ({names}). Resolve them, or give the reason for "
        "approving anyway."
    ),
    "talk_not_yet_held": N_("{field}: a talk cannot be marked held before it has started."),
    "series_size": N_("{field}: a series has from 1 to {maximum} talks."),
    "series_needs_two_sides": N_(
        "{field}: to alternate the host, list the two units taking part and make one of them the host."
    ),
    "unit_not_found": N_("No unit matches “{value}”. Give its id, its short name or its full name."),
    "unit_ambiguous": N_("“{value}” matches several units ({names}). Give the id of the one you mean."),
    # --- Excel import and export (core/xlsx) ---
    "xlsx_not_xlsx": N_(
        "{path} is not an Excel workbook (.xlsx). Open it in Excel or LibreOffice and save it as .xlsx. "
        "Nothing was imported."
    ),
    "xlsx_encrypted": N_(
        "The workbook {path} is protected with a password. Open it in Excel, remove the password, save it and "
        "import it again. Nothing was imported."
    ),
    "xlsx_empty": N_("The workbook {path} holds no rows of data. Nothing was imported."),
    "xlsx_unreadable": N_("The workbook {path} cannot be read ({reason}). Nothing was imported."),
    "xlsx_no_header": N_(
        "No row of column headings was found at the top of {path}. Use the template's headings. Nothing was imported."
    ),
    "xlsx_missing_column": N_("The required column “{field}” is missing."),
    "xlsx_duplicate_column": N_("Two columns are headed “{field}”; only the first is read."),
    "xlsx_formula": N_("{field}: the cell holds a formula ({value}). Paste the values only."),
    "xlsx_merged": N_("Cells {cells} are merged. Unmerge them so that every column has its own heading and value."),
    "unknown_reference": N_("{field}: no {target} named “{value}” is recorded."),
    "ambiguous_reference": N_("{field}: several {target} records are named “{value}”; write the full name."),
    "xlsx_invalid": N_("Problems found in the workbook: {count}. Nothing was imported."),
    "import_cancelled": N_("The import was cancelled. Nothing was changed."),
    "export_cancelled": N_("The export was cancelled. Nothing was written."),
    "xlsx_write_failed": N_("The workbook could not be written to {path}: {reason}"),
    # --- records workspace and search (add below) ---
    "search_index_stale": N_(
        "The search index does not match the records ({missing} missing, {extra} left over), so searches may "
        "miss records or show deleted ones. Run “dnqp check --repair” to rebuild it."
    ),
}

_FIELD_LABELS: dict[str, str] = {
    "country": N_("Country"),
    "level": N_("Level"),
    "is_own": N_("Own unit"),
    "parent_id": N_("Parent unit"),
    "name_vi": N_("Name (Vietnamese)"),
    "name_lo": N_("Name (Lao)"),
    "name_en": N_("Name (English)"),
    "short_name": N_("Short name"),
    "aliases": N_("Other spellings"),
    "address": N_("Address"),
    "contact": N_("Contact"),
    "active_from": N_("Active from"),
    "active_to": N_("Active until"),
    "notes": N_("Notes"),
    "unit_id": N_("Unit"),
    "unit_a_id": N_("First unit"),
    "unit_b_id": N_("Second unit"),
    "since": N_("Since"),
    "until": N_("Until"),
    "ended_on": N_("Ended on"),
    "status": N_("Status"),
    "status_reason": N_("Reason"),
    "regulation_id": N_("Governing regulation"),
    "birth_date": N_("Date of birth"),
    "rank": N_("Rank"),
    "title_vi": N_("Title (Vietnamese)"),
    "title_lo": N_("Title (Lao)"),
    "title_en": N_("Title (English)"),
    "number": N_("Number"),
    "kind": N_("Kind"),
    "issued_on": N_("Date of issue"),
    "expires_on": N_("Expiry date"),
    "start_at": N_("Starts"),
    "end_at": N_("Ends"),
    "timezone": N_("Time zone"),
    "place_vi": N_("Place (Vietnamese)"),
    "place_lo": N_("Place (Lao)"),
    "host_unit_id": N_("Host unit"),
    "series_id": N_("Series"),
    "agenda": N_("Agenda"),
    "minutes": N_("Minutes"),
    "units": N_("Units"),
    "participants": N_("Participants"),
    "person_id": N_("Person"),
    "role": N_("Role"),
    "direction": N_("Direction"),
    "purpose_vi": N_("Purpose (Vietnamese)"),
    "purpose_lo": N_("Purpose (Lao)"),
    "own_unit_id": N_("Our unit"),
    "head_person_id": N_("Head of delegation"),
    "start_date": N_("Start date"),
    "end_date": N_("Return date"),
    "border_gate": N_("Border gate"),
    "route": N_("Route"),
    "cost_vnd": N_("Cost (VND)"),
    "gifts": N_("Gifts"),
    "decision_number": N_("Decision number"),
    "decision_date": N_("Decision date"),
    "approver_person_id": N_("Approved by"),
    "passport_override_reason": N_("Reason for passport override"),
    "report": N_("Report after return"),
    "members": N_("Members"),
    "partner_units": N_("Partner units"),
    "symbol": N_("Symbol"),
    "signed_on": N_("Signing date"),
    "valid_from": N_("Valid from"),
    "valid_to": N_("Valid until"),
    "originals_count": N_("Number of originals"),
    "supersedes_id": N_("Supersedes"),
    "talk_id": N_("Talks"),
    "preamble_vi": N_("Preamble (Vietnamese)"),
    "preamble_lo": N_("Preamble (Lao)"),
    "parties": N_("Parties"),
    "signatories": N_("Signatories"),
    "chapters": N_("Chapters"),
    "articles": N_("Articles"),
    "chapter_position": N_("Chapter"),
    "body_vi": N_("Text (Vietnamese)"),
    "body_lo": N_("Text (Lao)"),
    "position_vi": N_("Position (Vietnamese)"),
    "position_lo": N_("Position (Lao)"),
    "agreement_id": N_("Agreement"),
    "year": N_("Year"),
    "period": N_("Period"),
    "target": N_("Target"),
    "measure": N_("Unit of measure"),
    "result": N_("Result"),
    "due_date": N_("Due date"),
    "filename": N_("File name"),
    "caption": N_("Caption"),
    "username": N_("User name"),
    "full_name": N_("Full name"),
    "is_active": N_("Active"),
    "password": N_("Password"),
    "password_repeat": N_("Password again"),
    "old_password": N_("Current password"),
    "failed_logins": N_("Wrong passwords in a row"),
    "last_login_at": N_("Last log-in"),
    "ranks": N_("Rank history"),
    "positions": N_("Positions"),
    "passports": N_("Passports"),
}

# Where one field name means different things in different records.
_KIND_FIELD_LABELS: dict[tuple[str, str], str] = {
    ("twinning", "since"): N_("Twinned since"),
    ("passport", "number"): N_("Passport number"),
    ("settings", "language"): N_("Interface language"),
    ("settings", "passport_margin_months"): N_("Passport validity required after return (months)"),
    ("settings", "dashboard_talks_days"): N_("Show talks due within (days)"),
    ("settings", "dashboard_agreements_days"): N_("Show agreements expiring within (days)"),
    ("settings", "dashboard_passport_months"): N_("Show passports expiring within (months)"),
    ("settings", "idle_lock_minutes"): N_("Lock the window after idle (minutes)"),
    ("passport", "country"): N_("Issuing country"),
    ("agreement", "number"): N_("Document number"),
    ("person_position", "unit_id"): N_("Unit of the position"),
    ("talk", "title_vi"): N_("Subject (Vietnamese)"),
    ("talk", "title_lo"): N_("Subject (Lao)"),
    ("plan_item", "title_vi"): N_("Activity (Vietnamese)"),
    ("plan_item", "title_lo"): N_("Activity (Lao)"),
    # columns of the people workbook (core/xlsx/kinds.py) that flatten a child row into the person's row
    ("person", "rank_since"): N_("Rank held since"),
    ("person", "position"): N_("Position"),
    ("person", "position_since"): N_("Position held since"),
    ("person", "passport_number"): N_("Passport number"),
    ("person", "passport_kind"): N_("Passport type"),
    ("person", "passport_country"): N_("Issuing country"),
    ("person", "passport_issued_on"): N_("Passport issued on"),
    ("person", "passport_expires_on"): N_("Passport expiry date"),
}

_RECORD_LABELS: dict[str, str] = {
    "unit": N_("unit"),
    "twinning": N_("twinning"),
    "person": N_("person"),
    "person_rank": N_("rank"),
    "person_position": N_("position"),
    "passport": N_("passport"),
    "talk": N_("talk"),
    "talk_unit": N_("unit taking part"),
    "talk_participant": N_("participant"),
    "delegation": N_("delegation"),
    "delegation_member": N_("member"),
    "delegation_unit": N_("partner unit"),
    "agreement": N_("agreement"),
    "agreement_party": N_("party"),
    "agreement_signatory": N_("signatory"),
    "agreement_chapter": N_("chapter"),
    "agreement_article": N_("article"),
    "plan_item": N_("plan item"),
    "attachment": N_("attachment"),
    "user": N_("user account"),
    "settings": N_("settings"),
}


def field_label(field: str, kind: str | None = None) -> str:
    return _KIND_FIELD_LABELS.get((kind or "", field)) or _FIELD_LABELS.get(field, field)


def record_label(kind: str) -> str:
    return _RECORD_LABELS.get(kind, kind)


#: What a list of each kind is called: the window's sections, exported workbooks, backup previews.
LIST_TITLES = {
    "unit": N_("Units"),
    "person": N_("People"),
    "twinning": N_("Twinnings"),
    "talk": N_("Talks and meetings"),
    "delegation": N_("Delegations"),
    "agreement": N_("Agreements"),
    "plan_item": N_("Plan items"),
}


def list_title(kind: str) -> str:
    """The (untranslated) name of a list of ``kind`` records."""
    return LIST_TITLES.get(kind, kind)
