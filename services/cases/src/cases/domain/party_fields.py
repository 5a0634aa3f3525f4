"""The fields every case has: the site, its facility ids, the property owner and the payer.

Names are shared with facility data ("Hämta anl-data") and "copy from owner", so they live in one place.
"""

from cases.domain.case_types import FieldSpec
from cases.domain.field_values import FieldKind
from cases.domain.texts import Texts

FACILITY_IDS = ("ean", "technical_number", "meter_number")
PARTY_FIELDS = ("name", "personal_number", "street", "postcode", "city", "phone", "email")

_PARTY_LABELS = {
    "name": Texts("Namn", "Navn", "Name"),
    "personal_number": Texts(
        "Person-/organisationsnummer", "CPR-/CVR-nummer", "Personal/organisation number"
    ),
    "street": Texts("Gatuadress", "Adresse", "Street address"),
    "postcode": Texts("Postnummer", "Postnummer", "Postcode"),
    "city": Texts("Ort", "By", "City"),
    "phone": Texts("Telefon", "Telefon", "Phone"),
    "email": Texts("E-post", "E-mail", "E-mail"),
}
_PARTIES = {
    "owner": Texts("Fastighetsägare", "Ejer", "Property owner"),
    "payer": Texts("Betalningsansvarig", "Betaler", "Payer"),
}
_MANDATORY_PARTY_FIELDS = frozenset({"name", "personal_number", "street", "postcode", "city"})


def site_fields(*, ean_mandatory: bool) -> tuple[FieldSpec, ...]:
    """Where the work is, and the facility ids (an existing facility has an EAN; a new one not yet)."""
    return (
        FieldSpec(
            "street", FieldKind.TEXT, Texts("Gatuadress", "Adresse", "Street address"), True, max_length=200
        ),
        FieldSpec(
            "postcode", FieldKind.TEXT, Texts("Postnummer", "Postnummer", "Postcode"), True, max_length=10
        ),
        FieldSpec("city", FieldKind.TEXT, Texts("Ort", "By", "City"), True, max_length=100),
        FieldSpec(
            "property_designation",
            FieldKind.TEXT,
            Texts("Fastighetsbeteckning", "Matrikelnummer", "Property designation"),
            max_length=100,
        ),
        FieldSpec(
            "ean",
            FieldKind.EAN,
            Texts("Anläggnings-ID (EAN)", "Målepunkts-ID (EAN)", "Facility id (EAN)"),
            ean_mandatory,
        ),
        FieldSpec(
            "technical_number",
            FieldKind.TEXT,
            Texts("Tekniskt nummer", "Teknisk nummer", "Technical number"),
            max_length=40,
        ),
        FieldSpec(
            "meter_number", FieldKind.TEXT, Texts("Mätarnummer", "Målernummer", "Meter number"), max_length=40
        ),
    )


def party_fields() -> tuple[FieldSpec, ...]:
    return tuple(
        FieldSpec(
            f"{party}_{field}",
            FieldKind.TEXT,
            Texts(
                f"{party_label.sv}: {_PARTY_LABELS[field].sv}",
                f"{party_label.da}: {_PARTY_LABELS[field].da}",
                f"{party_label.en}: {_PARTY_LABELS[field].en}",
            ),
            field in _MANDATORY_PARTY_FIELDS,
            max_length=320 if field == "email" else 200,
        )
        for party, party_label in _PARTIES.items()
        for field in PARTY_FIELDS
    )
