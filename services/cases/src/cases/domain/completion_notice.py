"""The completion notice ("färdiganmälan"): what the installer reports when the work is done.

One form for every case type: the DSO needs the same facts to set the meter whatever the job was.
"""

from cases.domain.case_types import FieldSpec
from cases.domain.default_case_types import MAIN_FUSES
from cases.domain.field_values import FieldKind
from cases.domain.texts import Texts

K = FieldKind

COMPLETION_NOTICE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("completed_on", K.DATE, Texts("Färdigställt datum", "Færdigmeldt dato", "Completed on"), True),
    FieldSpec(
        "installed_main_fuse",
        K.CHOICE,
        Texts("Installerad huvudsäkring (A)", "Installeret hovedsikring (A)", "Installed main fuse (A)"),
        True,
        choices=MAIN_FUSES,
    ),
    FieldSpec(
        "installation_inspected",
        K.BOOLEAN,
        Texts(
            "Egenkontroll utförd och dokumenterad",
            "Egenkontrol udført og dokumenteret",
            "Self-inspection done and documented",
        ),
        True,
    ),
    FieldSpec(
        "meter_access",
        K.TEXT,
        Texts("Åtkomst till mätarplats", "Adgang til målerplads", "Access to the meter site"),
        max_length=500,
    ),
    FieldSpec("comment", K.TEXT, Texts("Övrigt", "Bemærkninger", "Comments"), max_length=2000),
)
