"""A case's status, with the words users know from the seeds ("NY", "PLANERING PÅGÅR", …)."""

import enum

from cases.domain.texts import Language, Texts


class CaseStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    PLANNING = "planning"
    IN_PROGRESS = "in_progress"
    COMPLETION_NOTICE_RECEIVED = "completion_notice_received"
    READY_FOR_METER = "ready_for_meter"
    CLOSED = "closed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    ARCHIVED = "archived"

    def label(self, language: Language = "sv") -> str:
        return _LABELS[self].in_language(language)


# The DSO has taken the case up once it left SUBMITTED: from then on the installer can no longer cancel.
NOT_STARTED_BY_DSO = frozenset({CaseStatus.SUBMITTED})
OPEN = frozenset(
    {
        CaseStatus.SUBMITTED,
        CaseStatus.PLANNING,
        CaseStatus.IN_PROGRESS,
        CaseStatus.COMPLETION_NOTICE_RECEIVED,
        CaseStatus.READY_FOR_METER,
    }
)
# Finished cases can only be archived; an archived case never changes again.
FINISHED = frozenset({CaseStatus.CLOSED, CaseStatus.REJECTED, CaseStatus.CANCELLED})
TERMINAL = frozenset({CaseStatus.ARCHIVED})

_LABELS = {
    CaseStatus.DRAFT: Texts("Ej skickat", "Ikke sendt", "Not sent"),
    CaseStatus.SUBMITTED: Texts("NY", "NY", "NEW"),
    CaseStatus.PLANNING: Texts("PLANERING PÅGÅR", "PLANLÆGNING I GANG", "PLANNING IN PROGRESS"),
    CaseStatus.IN_PROGRESS: Texts("GENOMFÖRANDE PÅGÅR", "UDFØRELSE I GANG", "WORK IN PROGRESS"),
    CaseStatus.COMPLETION_NOTICE_RECEIVED: Texts(
        "FÄRDIGANMÄLAN INKOMMEN", "FÆRDIGMELDING MODTAGET", "COMPLETION NOTICE RECEIVED"
    ),
    CaseStatus.READY_FOR_METER: Texts("KLAR FÖR MÄTARE", "KLAR TIL MÅLER", "READY FOR METER"),
    CaseStatus.CLOSED: Texts("AVSLUTAT", "AFSLUTTET", "CLOSED"),
    CaseStatus.REJECTED: Texts("AVVISAT", "AFVIST", "REJECTED"),
    CaseStatus.CANCELLED: Texts("MAKULERAT", "ANNULLERET", "CANCELLED"),
    CaseStatus.ARCHIVED: Texts("ARKIVERAT", "ARKIVERET", "ARCHIVED"),
}
