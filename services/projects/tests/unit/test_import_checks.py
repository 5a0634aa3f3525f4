"""Checking an import's rows before anything is written: GIS's and cases' answers become one list of wrong
cells, each named once, by row and in the template's column order; fakes stand in for both services."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from projects.adapters.cases_client import row_errors
from projects.adapters.gis_client import resolved_addresses
from projects.domain.addresses import ResolvedAddress, WrittenAddress, address_errors, written_addresses
from projects.domain.columns import columns_from_case_type
from projects.domain.imports import RowError, RowValues, every_error, filled
from projects.domain.project import Group, Project
from projects.service_layer.access import Actor
from projects.service_layer.case_types import CasesUnavailable, CaseTypeName
from projects.service_layer.imports import CaseTypeGone, GroupForm, RowsInvalid, check_rows

NOW = datetime(2026, 11, 23, tzinfo=UTC)
FIELDS = [
    {"name": name, "kind": "text", "label": label, "mandatory": True}
    for name, label in (
        ("street", "Adresse"),
        ("postcode", "Postnummer"),
        ("city", "By"),
        ("main_fuse", "Hovedsikring (A)"),
    )
]


def found(row: int, dso_id: str = "kystnet") -> ResolvedAddress:
    return ResolvedAddress(
        row, "found", f"Strandvejen {row}, 3000 Helsingør", 12.6, 56.0, "KN-1", "Helsingør", dso_id
    )


class FakeGis:
    def __init__(self, answers: dict[int, ResolvedAddress]) -> None:
        self.answers = answers
        self.asked: list[WrittenAddress] = []

    async def resolve(self, addresses: Sequence[WrittenAddress], *, token: str) -> list[ResolvedAddress]:
        self.asked.extend(addresses)
        return [self.answers[asked.row_number] for asked in addresses]


class FakeCases:
    def __init__(self, errors: list[RowError] | None) -> None:
        self.errors = errors
        self.asked: list[RowValues] = []

    async def project_types(self, *, token: str, language: str) -> list[CaseTypeName]:
        return []

    async def schema(self, code: str, *, token: str, language: str) -> dict[str, Any] | None:
        return {"name": "Rækkehuse", "fields": FIELDS}

    async def validate(
        self, code: str, rows: Sequence[RowValues], *, token: str, language: str
    ) -> list[RowError] | None:
        self.asked.extend(rows)
        return self.errors


def form() -> GroupForm:
    project = Project(uuid.uuid4(), uuid.uuid4(), "kystnet", "Kv. Solrosen", uuid.uuid4(), NOW, NOW)
    group = Group(uuid.uuid4(), project.id, "Hus A", "row_houses", NOW)
    return GroupForm(project, group, "Rækkehuse", columns_from_case_type(FIELDS))


ACTOR = Actor(uuid.uuid4(), "installer", uuid.uuid4(), "kystnet", "Ida", "da", "token")


def row(number: int, street: str | None = "Strandvejen 1", **values: str) -> RowValues:
    return RowValues(number, filled({"street": street, "postcode": "3000", "main_fuse": "35", **values}))


async def test_every_wrong_cell_of_every_row_is_listed_in_row_and_column_order() -> None:
    gis = FakeGis(
        {
            3: found(3),
            4: ResolvedAddress(
                4, "ambiguous", candidates=("Strandvejen 4, 3000 Helsingør", "Strandvejen 4A")
            ),
            5: found(5, dso_id="sundkraft"),
            6: ResolvedAddress(6, "not_found"),
        }
    )
    cases = FakeCases(
        [
            RowError(4, "main_fuse", "Hovedsikring (A)", "skal være en af 16, 20, 25"),
            RowError(6, "street", "Adresse", "er for lang"),
            RowError(3, "postcode", "Postnummer", "skal udfyldes"),
        ]
    )
    rows = [row(3), row(4), row(5), row(6), row(7, street=None)]

    with pytest.raises(RowsInvalid) as invalid:
        await check_rows(form(), rows, ACTOR, cases, gis)

    assert [(error.row_number, error.field) for error in invalid.value.errors] == [
        (3, "postcode"),
        (4, "street"),
        (4, "main_fuse"),
        (5, "street"),
        (6, "street"),
        (7, "street"),
    ]
    messages = {(error.row_number, error.field): error.message for error in invalid.value.errors}
    assert "Strandvejen 4, 3000 Helsingør; Strandvejen 4A" in messages[4, "street"]
    assert "andet netselskabs" in messages[5, "street"]
    assert messages[6, "street"] == "er for lang"  # cases' word on a cell wins over GIS's
    assert messages[7, "street"] == "Adressen findes ikke"
    assert [asked.row_number for asked in gis.asked] == [3, 4, 5, 6]  # no street, no question


async def test_rows_found_in_the_projects_grid_company_and_right_are_located() -> None:
    located = await check_rows(
        form(), [row(3), row(4)], ACTOR, FakeCases([]), FakeGis({3: found(3), 4: found(4)})
    )

    assert [(place.row.row_number, place.grid_area_id, place.address) for place in located] == [
        (3, "KN-1", "Strandvejen 3, 3000 Helsingør"),
        (4, "KN-1", "Strandvejen 4, 3000 Helsingør"),
    ]


async def test_a_type_the_grid_company_no_longer_takes_creates_nothing() -> None:
    with pytest.raises(CaseTypeGone):
        await check_rows(form(), [row(3)], ACTOR, FakeCases(None), FakeGis({3: found(3)}))


async def test_a_value_longer_than_any_form_takes_is_a_wrong_cell_not_a_refused_batch() -> None:
    cases = FakeCases([])
    with pytest.raises(RowsInvalid) as invalid:
        await check_rows(form(), [row(3, city="x" * 6000)], ACTOR, cases, FakeGis({3: found(3)}))

    assert [(error.field, error.label, error.message) for error in invalid.value.errors] == [
        ("city", "By", "højst 5000 tegn")
    ]
    assert len(cases.asked[0].values["city"]) == 5000


def test_gis_is_asked_only_what_it_can_answer() -> None:
    rows = [
        RowValues(3, {"street": " Strandvejen 1 ", "postcode": "3000", "city": "Helsingør"}),
        RowValues(4, {"street": "x" * 201}),
        RowValues(5, {"street": "Strandvejen 2", "postcode": "3" * 21}),
        RowValues(6, {"postcode": "3000"}),
    ]
    assert written_addresses(rows) == [
        WrittenAddress(3, "Strandvejen 1", "3000", "Helsingør"),
        WrittenAddress(5, "Strandvejen 2", None, None),
    ]


def test_address_problems_speak_the_users_language() -> None:
    rows = [RowValues(3, {"street": "Storgatan 1"})]
    outside = {3: ResolvedAddress(3, "outside_grid_areas")}
    english = address_errors(rows, outside, dso_id="kystnet", street_label="Street", language="en")
    swedish = address_errors(rows, outside, dso_id="kystnet", street_label="Gata", language="sv")
    assert english == [RowError(3, "street", "Street", "The address lies outside every grid area")]
    assert swedish[0].message == "Adressen ligger utanför alla nätområden"


def test_cases_validation_answer_becomes_one_error_per_row_and_field() -> None:
    answer = {
        "case_type_version": 2,
        "invalid": [
            {
                "row_number": 3,
                "errors": [{"field": "main_fuse", "label": "Main fuse (A)", "message": "must be"}],
            },
            {"row_number": 9, "errors": [{"field": "owner_name", "message": "is mandatory"}]},
        ],
    }
    assert row_errors(answer) == [
        RowError(3, "main_fuse", "Main fuse (A)", "must be"),
        RowError(9, "owner_name", "owner_name", "is mandatory"),
    ]
    assert row_errors({"case_type_version": 2, "invalid": []}) == []
    with pytest.raises(CasesUnavailable):  # never taken for "all rows are right"
        row_errors({"invalid": [{"errors": [{"field": "x"}]}]})


def test_gis_answer_becomes_resolved_addresses_by_row() -> None:
    answer = {
        "results": [
            {
                "ref": "3",
                "status": "found",
                "address": {"label": "Solgatan 20, 252 20 Helsingborg", "lon": 12.7, "lat": 56.05},
                "grid_area": {"grid_area_id": "HBG-C", "grid_area_name": "Centrum", "dso_id": "sundkraft"},
                "candidates": [],
            },
            {
                "ref": "4",
                "status": "ambiguous",
                "address": None,
                "grid_area": None,
                "candidates": [{"label": "Solgatan 2A"}, {"label": "Solgatan 2B"}],
            },
        ]
    }
    first, second = resolved_addresses(answer)
    assert first.located and first.dso_id == "sundkraft" and first.row_number == 3
    assert not second.located and second.candidates == ("Solgatan 2A", "Solgatan 2B")


def test_cells_are_ordered_by_row_then_by_the_templates_columns() -> None:
    errors = every_error(
        [RowError(2, "street", "S", "gis")],
        [
            RowError(2, "zeta", "Z", "unknown field"),
            RowError(1, "city", "C", "x"),
            RowError(2, "city", "C", "y"),
        ],
        field_order=["street", "postcode", "city"],
    )
    assert [(error.row_number, error.field) for error in errors] == [
        (1, "city"),
        (2, "street"),
        (2, "city"),
        (2, "zeta"),
    ]
