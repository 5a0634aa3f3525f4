"""A case's form as its type defines it: fields from cases' answer, what a browser sent for them, cases'
refusals beside the fields, what a send lacks, and the fields a fetch changed."""

from gateway.domain.case_fieldsets import sections
from gateway.domain.case_form import Choice, Field, field_errors, fields_of, typed_values, values_from_form
from gateway.domain.case_missing import beyond_missing, missing_of
from gateway.domain.facility_fetch import changed_fields, facility_lookup

CASE_TYPE = {
    "code": "fuse_change",
    "version": 1,
    "name": "Säkringsändring",
    "fields": [
        {"name": "street", "kind": "text", "label": "Gatuadress", "mandatory": True, "max_length": 200},
        {"name": "ean", "kind": "ean", "label": "Anläggnings-ID (EAN)", "mandatory": True},
        {"name": "new_main_fuse", "kind": "choice", "label": "Ny huvudsäkring (A)", "choices": ["16", "20"]},
        {"name": "units", "kind": "integer", "label": "Antal", "minimum": 1, "maximum": 10000},
        {"name": "power", "kind": "decimal", "label": "Effekt (kW)"},
        {"name": "owner_name", "kind": "text", "label": "Fastighetsägare: Namn", "mandatory": True},
        {"name": "owner_city", "kind": "text", "label": "Fastighetsägare: Ort"},
        {"name": "payer_name", "kind": "text", "label": "Betalningsansvarig: Namn"},
        {"name": "comment", "kind": "text", "label": "Övrigt", "max_length": 2000},
    ],
}


def test_fields_come_from_cases_answer_in_its_order() -> None:
    fields = fields_of(CASE_TYPE)
    assert [f.name for f in fields][:3] == ["street", "ean", "new_main_fuse"]
    street, ean, fuse, units = fields[:4]
    assert street.mandatory and street.max_length == 200 and not street.multiline
    assert ean.kind == "ean" and ean.input_name == "values.ean" and ean.input_id == "field-ean"
    assert fuse.choices == (Choice("16", "16"), Choice("20", "20"))
    assert (units.minimum, units.maximum) == ("1", "10000")
    assert fields[-1].multiline  # a long text is a textarea
    assert fields_of(CASE_TYPE, "completion_notice_fields") == ()


def test_labelled_choices_and_unknown_kinds_are_understood() -> None:
    field = Field.of(
        {"name": "production_type", "kind": "choice", "choices": [{"value": "solar", "label": "Sol"}]}
    )
    assert field.choices == (Choice("solar", "Sol"),) and field.shown("solar") == "Sol"
    assert field.label == "production_type"  # no label: its name rather than nothing
    assert Field.of({"name": "x", "kind": "colour"}).kind == "text"


def test_the_form_becomes_values_trimmed_and_emptied_fields_cleared() -> None:
    form = {
        "csrf_token": "t",
        "version": "3",
        "action": "save",
        "values.street": "  Solgatan 20 ",
        "values.owner_name": "",
        "values.power": "3,5",
        "values.": "nameless",
    }
    assert values_from_form(form) == {"street": "Solgatan 20", "owner_name": None, "power": "3,5"}
    assert typed_values(form)["street"] == "  Solgatan 20 "  # shown again as typed


def test_cases_errors_are_shown_beside_their_fields_by_kind() -> None:
    errors = field_errors(
        fields_of(CASE_TYPE), ["values.ean", "values.units", "values.street", "values.power", "version"]
    )
    assert errors["ean"].key == "case.error.ean"
    assert errors["units"].key == "case.error.integer_between"
    assert errors["units"].values == {"min": "1", "max": "10000"}
    assert errors["street"].key == "case.error.text" and errors["street"].values == {"max": 200}
    assert errors["power"].key == "case.error.decimal"
    assert errors["form"].key == "case.error.form"  # `version` names no field of the form
    assert set(field_errors(fields_of(CASE_TYPE), ["values.not_a_field"])) == {"form"}


def test_what_a_send_lacks_is_read_in_cases_order() -> None:
    body = {
        "status": 422,
        "missing": [
            {"kind": "field", "name": "ean", "label": "Anläggnings-ID (EAN)"},
            {"kind": "field", "name": "owner_name", "label": "Fastighetsägare: Namn"},
            {"kind": "attachment", "name": "site_plan", "label": "Situationsplan"},
            {"kind": "field", "name": ""},
        ],
    }
    missing = missing_of(body)
    assert [(m.kind, m.name) for m in missing] == [
        ("field", "ean"),
        ("field", "owner_name"),
        ("attachment", "site_plan"),
    ]
    assert missing_of({"status": 422}) == []


def test_errors_of_a_refused_send_beyond_what_is_missing() -> None:
    missing = missing_of(
        {
            "missing": [
                {"kind": "field", "name": "ean", "label": "EAN"},
                {"kind": "attachment", "name": "site_plan", "label": "Situationsplan"},
            ]
        }
    )
    paths = ["values.ean", "attachments.site_plan", "values.units"]
    assert beyond_missing(paths, missing) == ("values.units",)


def test_changed_fields_are_the_known_ones_in_the_order_given() -> None:
    changed = changed_fields(fields_of(CASE_TYPE), "owner_name,ean,unknown,ean")
    assert [f.name for f in changed] == ["owner_name", "ean"]
    assert changed_fields(fields_of(CASE_TYPE), None) == []


def test_facility_lookup_by_ean_or_meter_number_with_the_overwrite_choice() -> None:
    assert facility_lookup("ean", " 735999 000000000017 ", "no") == {
        "ean": "735999 000000000017",
        "overwrite": False,
    }
    assert facility_lookup("meter_number", "12345678", "yes") == {
        "meter_number": "12345678",
        "overwrite": True,
    }
    assert facility_lookup(None, "12345678", None) == {"ean": "12345678", "overwrite": True}
    assert facility_lookup("ean", "   ", "no") is None


def test_the_parties_get_fieldsets_of_their_own() -> None:
    found = [(s.key, [f.name for f in s.fields]) for s in sections(fields_of(CASE_TYPE))]
    assert found == [
        ("case", ["street", "ean", "new_main_fuse", "units", "power"]),
        ("owner", ["owner_name", "owner_city"]),
        ("payer", ["payer_name"]),
        ("more", ["comment"]),
    ]
