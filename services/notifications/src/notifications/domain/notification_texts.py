"""What the bell says: a notification's title and text in the reader's language, and each kind's label on
the settings page. Rendered when read, from the parameters the notification keeps (codes, names)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from notifications.domain.case_texts import case_type_name, status_label
from notifications.domain.local_time import format_local_time
from notifications.domain.mail import Language
from notifications.domain.notification import NotificationKind

Words = Mapping[Language, str]

KIND_LABELS: Mapping[NotificationKind, Words] = {
    NotificationKind.CASE_STATUS: {
        "sv": "Statusändringar i ärenden",
        "da": "Statusændringer på sager",
        "en": "Case status changes",
    },
    NotificationKind.CASE_NOTE: {"sv": "Nya anteckningar", "da": "Nye noter", "en": "New notes"},
    NotificationKind.CASE_ASSIGNED: {
        "sv": "Ärenden tilldelade dig",
        "da": "Sager tildelt dig",
        "en": "Cases assigned to you",
    },
    NotificationKind.APPLICATION_DECISION: {
        "sv": "Ansökningar om installatörsteam",
        "da": "Ansøgninger om installatørteams",
        "en": "Installer team applications",
    },
    NotificationKind.DRAFT_EXPIRING: {
        "sv": "Utkast som snart raderas",
        "da": "Kladder der snart slettes",
        "en": "Drafts about to be deleted",
    },
}

_TITLES: Mapping[str, Words] = {
    "case_status": {
        "sv": "Ny status i ärende {case_number}",
        "da": "Ny status på sag {case_number}",
        "en": "New status on case {case_number}",
    },
    "case_note": {
        "sv": "Ny anteckning i ärende {case_number}",
        "da": "Ny note på sag {case_number}",
        "en": "New note on case {case_number}",
    },
    "case_assigned": {
        "sv": "Ärende {case_number} har tilldelats dig",
        "da": "Sag {case_number} er tildelt dig",
        "en": "Case {case_number} was assigned to you",
    },
    "case_given": {
        "sv": "Du har fått ärende {case_number}",
        "da": "Du har fået sag {case_number}",
        "en": "You were given case {case_number}",
    },
    "draft_expiring": {
        "sv": "Ditt utkast raderas snart",
        "da": "Din kladde slettes snart",
        "en": "Your draft will soon be deleted",
    },
    "application_pending": {
        "sv": "Ny ansökan om installatörsteam",
        "da": "Ny ansøgning om installatørteam",
        "en": "New installer team application",
    },
    "application_approved": {
        "sv": "Er ansökan är godkänd",
        "da": "Jeres ansøgning er godkendt",
        "en": "Your application was approved",
    },
}

# The first sentence of a text; which one depends on what the notification knows (who acted, which rule).
_LEADS: Mapping[str, Words] = {
    "status_by_rule": {
        "sv": "Status ändrad automatiskt till {status} enligt regeln ”{rule_name}”.",
        "da": "Status ændret automatisk til {status} efter reglen »{rule_name}«.",
        "en": "Status changed automatically to {status} by the rule “{rule_name}”.",
    },
    "status_by_actor": {
        "sv": "{actor_name} ändrade status till {status}.",
        "da": "{actor_name} ændrede status til {status}.",
        "en": "{actor_name} changed the status to {status}.",
    },
    "status": {
        "sv": "Status ändrad till {status}.",
        "da": "Status ændret til {status}.",
        "en": "Status changed to {status}.",
    },
    "note_by_actor": {
        "sv": "{actor_name} har skrivit en anteckning.",
        "da": "{actor_name} har skrevet en note.",
        "en": "{actor_name} wrote a note.",
    },
    "assigned_by_actor": {
        "sv": "Tilldelat av {actor_name}.",
        "da": "Tildelt af {actor_name}.",
        "en": "Assigned by {actor_name}.",
    },
    "given_by_actor": {
        "sv": "{actor_name} gav dig ärendet.",
        "da": "{actor_name} gav dig sagen.",
        "en": "{actor_name} gave you the case.",
    },
    "draft_expiring": {
        "sv": "Det raderas den {expires_at} om ingen ändrar det före dess.",
        "da": "Den slettes den {expires_at}, hvis ingen ændrer den inden da.",
        "en": "It will be deleted on {expires_at} unless someone changes it first.",
    },
    "application_pending": {
        "sv": "{company_name} vill registreras som installatörsteam. Granska och besluta.",
        "da": "{company_name} ønsker at blive registreret som installatørteam. Gennemgå og afgør.",
        "en": "{company_name} wants to be registered as an installer team. Review and decide.",
    },
    "application_approved": {
        "sv": "Ert installatörsteam är registrerat. Välkommen till Installatörsportalen!",
        "da": "Jeres installatørteam er registreret. Velkommen til Installatørportalen!",
        "en": "Your installer team is registered. Welcome to the installer portal!",
    },
}


@dataclass(frozen=True, slots=True)
class NotificationText:
    title: str
    text: str


def notification_text(
    kind: NotificationKind, parameters: Mapping[str, str], language: Language
) -> NotificationText:
    """A missing parameter reads as empty rather than failing the whole bell."""
    values = _readable(parameters, language)
    title_key, lead_key = _keys(kind, values)
    title = _TITLES[title_key][language].format_map(values)
    lead = _LEADS[lead_key][language].format_map(values) if lead_key else ""
    # Which case: its type and address, as users name cases (the number, where known, is in the title).
    about = ", ".join(v for v in (values["case_type"], values["address"]) if v)
    text = " ".join(part for part in (lead, f"{about}." if about else "") if part)
    return NotificationText(title, text)


def _keys(kind: NotificationKind, values: Mapping[str, str]) -> tuple[str, str | None]:
    if kind is NotificationKind.CASE_STATUS:
        lead = (
            "status_by_rule"
            if values["rule_name"]
            else "status_by_actor"
            if values["actor_name"]
            else "status"
        )
        return "case_status", lead
    if kind is NotificationKind.CASE_NOTE:
        return "case_note", "note_by_actor" if values["actor_name"] else None
    if kind is NotificationKind.CASE_ASSIGNED and values["assigned_as"] == "installer":
        return "case_given", "given_by_actor" if values["actor_name"] else None
    if kind is NotificationKind.CASE_ASSIGNED:
        return "case_assigned", "assigned_by_actor" if values["actor_name"] else None
    if kind is NotificationKind.DRAFT_EXPIRING:
        return "draft_expiring", "draft_expiring"
    decision = "application_approved" if values["decision"] == "approved" else "application_pending"
    return decision, decision


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _readable(parameters: Mapping[str, str], language: Language) -> _Blank:
    """Codes as the reader's words: the case type's name, the status's label, the local time."""
    values = _Blank(parameters)
    if values["case_type"]:
        values["case_type"] = case_type_name(values["case_type"], language)
    if values["status"]:
        values["status"] = status_label(values["status"], language)
    if values["expires_at"]:
        values["expires_at"] = format_local_time(datetime.fromisoformat(values["expires_at"]), language)
    return values
