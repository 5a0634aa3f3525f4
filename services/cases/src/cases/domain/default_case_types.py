"""The case types from the seeds, version 1, as every DSO starts with them before changing any."""

from decimal import Decimal

from cases.domain.case_types import AttachmentSpec, CaseTypeSchema, FieldSpec
from cases.domain.field_values import FieldKind
from cases.domain.party_fields import party_fields, site_fields
from cases.domain.texts import Texts

K = FieldKind
MAIN_FUSES = ("16", "20", "25", "35", "50", "63")  # ampere, the sizes DSOs sell

SITE_PLAN = AttachmentSpec("site_plan", Texts("Situationsplan", "Situationsplan", "Site plan"))
SINGLE_LINE_DIAGRAM = AttachmentSpec(
    "single_line_diagram", Texts("Enlinjeschema", "Enstregsdiagram", "Single-line diagram")
)


def _fuse(name: str, labels: Texts) -> FieldSpec:
    return FieldSpec(name, K.CHOICE, labels, True, choices=MAIN_FUSES)


CURRENT_FUSE = _fuse(
    "current_main_fuse",
    Texts("Nuvarande huvudsäkring (A)", "Nuværende hovedsikring (A)", "Current main fuse (A)"),
)
NEW_FUSE = _fuse("new_main_fuse", Texts("Ny huvudsäkring (A)", "Ny hovedsikring (A)", "New main fuse (A)"))
MAIN_FUSE = _fuse("main_fuse", Texts("Huvudsäkring (A)", "Hovedsikring (A)", "Main fuse (A)"))
DESIRED_DATE = FieldSpec("desired_date", K.DATE, Texts("Önskat datum", "Ønsket dato", "Desired date"))
DESCRIPTION = FieldSpec(
    "description", K.TEXT, Texts("Beskrivning", "Beskrivelse", "Description"), True, max_length=2000
)
COMMENT = FieldSpec("comment", K.TEXT, Texts("Övrigt", "Bemærkninger", "Comments"), max_length=2000)
UNITS = FieldSpec(
    "number_of_units",
    K.INTEGER,
    Texts("Antal enheter", "Antal enheder", "Number of units"),
    True,
    minimum=Decimal(1),
    maximum=Decimal(10_000),
)


def _schema(
    dso_id: str,
    code: str,
    names: Texts,
    specific: tuple[FieldSpec, ...],
    *,
    existing_facility: bool,
    attachments: tuple[AttachmentSpec, ...] = (),
    project_capable: bool = False,
) -> CaseTypeSchema:
    return CaseTypeSchema(
        code=code,
        dso_id=dso_id,
        version=1,
        names=names,
        fields=(*site_fields(ean_mandatory=existing_facility), *specific, *party_fields(), COMMENT),
        required_attachments=attachments,
        project_capable=project_capable,
    )


def default_case_types(dso_id: str) -> tuple[CaseTypeSchema, ...]:
    """Version 1 of every seed case type for one DSO."""
    return (
        _schema(
            dso_id,
            "fuse_change",
            Texts("Säkringsändring", "Sikringsændring", "Fuse change"),
            (CURRENT_FUSE, NEW_FUSE, DESIRED_DATE),
            existing_facility=True,
        ),
        _schema(
            dso_id,
            "service_line_change",
            Texts("Servisändring", "Stikledningsændring", "Service-line change"),
            (CURRENT_FUSE, NEW_FUSE, DESCRIPTION, DESIRED_DATE),
            existing_facility=True,
            attachments=(SITE_PLAN,),
        ),
        _schema(
            dso_id,
            "temporary_installation",
            Texts("Tillfällig anläggning", "Midlertidig installation", "Temporary installation"),
            (
                MAIN_FUSE,
                FieldSpec(
                    "connected_from", K.DATE, Texts("Ansluten från", "Tilsluttet fra", "Connected from"), True
                ),
                FieldSpec(
                    "connected_until",
                    K.DATE,
                    Texts("Ansluten till", "Tilsluttet til", "Connected until"),
                    True,
                ),
                DESCRIPTION,
            ),
            existing_facility=False,
            attachments=(SITE_PLAN,),
        ),
        _schema(
            dso_id,
            "new_connection",
            Texts("Nyanslutning", "Nytilslutning", "New connection"),
            (MAIN_FUSE, DESIRED_DATE),
            existing_facility=False,
            attachments=(SITE_PLAN,),
        ),
        _schema(
            dso_id,
            "extension",
            Texts("Utökning", "Udvidelse", "Extension"),
            (CURRENT_FUSE, NEW_FUSE, DESCRIPTION, DESIRED_DATE),
            existing_facility=True,
        ),
        _schema(
            dso_id,
            "work_in_existing_installation",
            Texts(
                "Arbete i befintlig anläggning",
                "Arbejde i eksisterende installation",
                "Work in an existing installation",
            ),
            (
                DESCRIPTION,
                FieldSpec(
                    "outage_needed",
                    K.BOOLEAN,
                    Texts("Kräver avbrott", "Kræver afbrydelse", "Needs an outage"),
                    True,
                ),
                DESIRED_DATE,
            ),
            existing_facility=True,
        ),
        _schema(
            dso_id,
            "one_to_three_phase",
            Texts("1-3 Fas", "1-3 faser", "One- to three-phase"),
            (NEW_FUSE, DESIRED_DATE),
            existing_facility=True,
        ),
        _schema(
            dso_id,
            "production_facility",
            Texts("ABA – produktionsanläggning", "Produktionsanlæg", "Micro-production facility"),
            (
                FieldSpec(
                    "production_type",
                    K.CHOICE,
                    Texts("Produktionsslag", "Produktionstype", "Production type"),
                    True,
                    choices=("solar", "wind", "battery", "other"),
                ),
                FieldSpec(
                    "installed_power_kw",
                    K.DECIMAL,
                    Texts("Installerad effekt (kW)", "Installeret effekt (kW)", "Installed power (kW)"),
                    True,
                    minimum=Decimal(0),
                    maximum=Decimal(10_000),
                ),
                FieldSpec(
                    "inverter_power_kva",
                    K.DECIMAL,
                    Texts("Växelriktarens effekt (kVA)", "Inverterens effekt (kVA)", "Inverter power (kVA)"),
                    True,
                    minimum=Decimal(0),
                    maximum=Decimal(10_000),
                ),
                FieldSpec(
                    "inverter_model",
                    K.TEXT,
                    Texts(
                        "Växelriktare, fabrikat och modell",
                        "Inverter, fabrikat og model",
                        "Inverter make and model",
                    ),
                    True,
                    max_length=200,
                ),
            ),
            existing_facility=True,
            attachments=(SINGLE_LINE_DIAGRAM,),
        ),
        _schema(
            dso_id,
            "meter_move",
            Texts("ABA – flytt av mätare", "Flytning af måler", "Meter move"),
            (
                FieldSpec(
                    "new_meter_location",
                    K.TEXT,
                    Texts("Ny mätarplacering", "Ny målerplacering", "New meter location"),
                    True,
                    max_length=500,
                ),
                DESIRED_DATE,
            ),
            existing_facility=True,
        ),
        *(
            _schema(
                dso_id,
                code,
                names,
                (MAIN_FUSE, UNITS, DESIRED_DATE),
                existing_facility=False,
                # No file per address: a project's cases are made from an Excel row each (seed 004), and
                # its site plan is one drawing for all of them. A DSO that wants one per case can require
                # it; imports then make drafts that wait for their files (ADR 0007).
                project_capable=True,
            )
            for code, names in (
                ("commercial", Texts("Verksamhet", "Erhverv", "Commercial")),
                ("row_houses", Texts("Radhus", "Rækkehuse", "Row houses")),
                ("apartment", Texts("Lägenhet", "Lejlighed", "Apartment")),
                (
                    "care_housing",
                    Texts(
                        "Student-, äldre- och vårdboende",
                        "Ung/ældre/pleje",
                        "Student, elderly or care housing",
                    ),
                ),
            )
        ),
    )


def built_in_fields(code: str) -> frozenset[str]:
    """The fields the portal gave the type: a DSO may relabel them and change mandatory flags, not remove
    them (site, facility and party fields feed routing, "Hämta anl-data" and "Kopiera från ägare")."""
    for schema in default_case_types(""):
        if schema.code == code:
            return frozenset(spec.name for spec in schema.fields)
    return frozenset()
