"""Attachments: judged by content, capped in size, tagged as a required attachment, downloadable by the
team and the DSO, and what makes a case that needs a site plan sendable."""

import pytest

from .case_helpers import FUSE_CHANGE_FILLED, addresses_in, create_case, filled_case, move, submit
from .conftest import CasesApi, Team, dso_handler

pytestmark = pytest.mark.integration

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


async def test_a_site_plan_makes_a_new_connection_sendable_and_both_sides_can_read_it(api: CasesApi) -> None:
    team = Team("sundkraft")
    values = {k: v for k, v in FUSE_CHANGE_FILLED.items() if k.startswith(("owner_", "payer_"))}
    case = await create_case(
        api,
        team.installer(),
        at=addresses_in(api.gis.network, "sundkraft")[0],
        case_type="new_connection",
        main_fuse="25",
        **values,
    )
    refused = await submit(api, team.installer(), case)
    assert [m["name"] for m in refused.json()["missing"]] == ["site_plan"]

    uploaded = await api.client.post(
        f"/cases/{case['id']}/attachments",
        files={"file": ("../../situationsplan.pdf", PDF, "application/octet-stream")},
        data={"category": "site_plan"},
        headers=team.installer(),
    )
    assert uploaded.status_code == 201, uploaded.text
    attachment = uploaded.json()
    assert attachment["file_name"] == "situationsplan.pdf" and attachment["content_type"] == "application/pdf"

    sent = await submit(api, team.installer(), case)
    assert sent.status_code == 200, sent.text
    download = await api.client.get(
        f"/cases/{case['id']}/attachments/{attachment['id']}", headers=dso_handler("sundkraft")
    )
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    removed = await api.client.delete(
        f"/cases/{case['id']}/attachments/{attachment['id']}", headers=team.installer()
    )
    assert removed.status_code == 409  # what the DSO received stays


async def test_files_are_judged_by_content_and_size(api: CasesApi) -> None:
    team = Team("sundkraft")
    case = await create_case(api, team.installer(), at=addresses_in(api.gis.network, "sundkraft")[0])
    url = f"/cases/{case['id']}/attachments"

    disguised = await api.client.post(
        url,
        files={"file": ("plan.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")},
        headers=team.installer(),
    )
    wrong_tag = await api.client.post(
        url,
        files={"file": ("plan.png", PNG, "image/png")},
        data={"category": "passport"},
        headers=team.installer(),
    )
    too_big = await api.client.post(
        url,
        files={"file": ("huge.pdf", PDF + b"0" * (20 * 1024 * 1024), "application/pdf")},
        headers=team.installer(),
    )
    fine = await api.client.post(
        url, files={"file": ("foto.png", PNG, "image/png")}, headers=team.installer()
    )

    assert disguised.status_code == 422 and disguised.json()["errors"][0]["field"] == "file"
    assert wrong_tag.status_code == 422 and wrong_tag.json()["errors"][0]["field"] == "category"
    assert too_big.status_code == 413
    assert fine.status_code == 201
    listed = (await api.client.get(f"/cases/{case['id']}", headers=team.installer())).json()["attachments"]
    assert [a["file_name"] for a in listed] == ["foto.png"]


async def test_a_finished_case_takes_no_more_files(api: CasesApi) -> None:
    team = Team("sundkraft")
    sent = (
        await submit(
            api,
            team.installer(),
            await filled_case(api, team.installer(), addresses_in(api.gis.network, "sundkraft")[0]),
        )
    ).json()
    cancelled = (await move(api, team.installer(), sent, "cancelled")).json()

    late = await api.client.post(
        f"/cases/{cancelled['id']}/attachments",
        files={"file": ("p.pdf", PDF, "application/pdf")},
        headers=team.installer(),
    )

    assert late.status_code == 409
