"""The words a case mail names a case by: its type and status in the reader's language.

The cases service owns these words; a mail repeats them so that it needs no call to cases to render.
"""

from notifications.domain.mail import Language

_TYPE_NAMES: dict[str, dict[Language, str]] = {
    "fuse_change": {"sv": "Säkringsändring", "da": "Sikringsændring", "en": "Fuse change"},
    "service_line_change": {"sv": "Servisändring", "da": "Stikledningsændring", "en": "Service-line change"},
    "temporary_installation": {
        "sv": "Tillfällig anläggning",
        "da": "Midlertidig installation",
        "en": "Temporary installation",
    },
    "new_connection": {"sv": "Nyanslutning", "da": "Nytilslutning", "en": "New connection"},
    "extension": {"sv": "Utökning", "da": "Udvidelse", "en": "Extension"},
    "work_in_existing_installation": {
        "sv": "Arbete i befintlig anläggning",
        "da": "Arbejde i eksisterende installation",
        "en": "Work in an existing installation",
    },
    "one_to_three_phase": {"sv": "1-3 Fas", "da": "1-3 faser", "en": "One- to three-phase"},
    "production_facility": {
        "sv": "ABA – produktionsanläggning",
        "da": "Produktionsanlæg",
        "en": "Micro-production facility",
    },
    "meter_move": {"sv": "ABA – flytt av mätare", "da": "Flytning af måler", "en": "Meter move"},
    # Danish project types.
    "commercial": {"sv": "Verksamhet", "da": "Erhverv", "en": "Commercial"},
    "row_houses": {"sv": "Radhus", "da": "Rækkehuse", "en": "Row houses"},
    "apartment": {"sv": "Lägenhet", "da": "Lejlighed", "en": "Apartment"},
    "care_housing": {
        "sv": "Student-, äldre- och vårdboende",
        "da": "Ung/ældre/pleje",
        "en": "Student, elderly or care housing",
    },
}
_STATUS_LABELS: dict[str, dict[Language, str]] = {
    "draft": {"sv": "Ej skickat", "da": "Ikke sendt", "en": "Not sent"},
    "submitted": {"sv": "NY", "da": "NY", "en": "NEW"},
    "planning": {"sv": "PLANERING PÅGÅR", "da": "PLANLÆGNING I GANG", "en": "PLANNING IN PROGRESS"},
    "in_progress": {"sv": "GENOMFÖRANDE PÅGÅR", "da": "UDFØRELSE I GANG", "en": "WORK IN PROGRESS"},
    "completion_notice_received": {
        "sv": "FÄRDIGANMÄLAN INKOMMEN",
        "da": "FÆRDIGMELDING MODTAGET",
        "en": "COMPLETION NOTICE RECEIVED",
    },
    "ready_for_meter": {"sv": "KLAR FÖR MÄTARE", "da": "KLAR TIL MÅLER", "en": "READY FOR METER"},
    "closed": {"sv": "AVSLUTAT", "da": "AFSLUTTET", "en": "CLOSED"},
    "rejected": {"sv": "AVVISAT", "da": "AFVIST", "en": "REJECTED"},
    "cancelled": {"sv": "MAKULERAT", "da": "ANNULLERET", "en": "CANCELLED"},
    "archived": {"sv": "ARKIVERAT", "da": "ARKIVERET", "en": "ARCHIVED"},
}


def case_type_name(code: str, language: Language) -> str:
    """The type's name; an unknown code (a DSO's own type) as it is rather than no mail at all."""
    names = _TYPE_NAMES.get(code)
    return names[language] if names else code


def status_label(status: str, language: Language) -> str:
    """The status as users see it in the portal; a status added later shows its code until named here."""
    labels = _STATUS_LABELS.get(status)
    return labels[language] if labels else status
