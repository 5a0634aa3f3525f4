"""Every endpoint of the cases API, by who calls it: the case's own team, another team of the same DSO, the
case's DSO, another DSO, and nobody. Denials are 404 for what the caller may not know exists, 403 for what
their role may not do, 401 without a token. "ok" means the request got past authorisation (a stale version
answers 409, which proves the case was found and the caller allowed).

The table must name every route the app has: a new endpoint without a row fails here.
"""

import uuid
from typing import Any

import pytest

from .case_helpers import addresses_in, filled_case, submit
from .conftest import TOKENS, CasesApi, Team

pytestmark = pytest.mark.integration

CALLERS = ("own team", "other team", "own DSO", "other DSO", "anonymous")
OK = "ok"
STALE = {"version": 999}
# (method, path) -> (request body or query, expected per caller in CALLERS' order). Drafts are the team's
# alone: DSO roles are refused by role (403) before any lookup.
MATRIX: dict[tuple[str, str], tuple[dict[str, Any] | None, tuple[object, ...]]] = {
    ("GET", "/case-types"): (None, (OK, OK, OK, OK, 401)),
    ("GET", "/case-types/{code}"): (None, (OK, OK, OK, OK, 401)),
    # Projects checks an import's rows with the installer's token before it makes anything.
    ("POST", "/case-types/{project_code}/validate"): (
        {"rows": [{"row_number": 3, "values": {"main_fuse": "35"}}]},
        (OK, OK, 403, 403, 401),
    ),
    ("GET", "/cases"): (None, (OK, OK, OK, OK, 401)),
    ("GET", "/drafts"): (None, (OK, OK, 403, 403, 401)),
    ("POST", "/cases"): ({"new case": True}, (OK, OK, 403, 403, 401)),
    ("GET", "/cases/{case_id}"): (None, (OK, 404, OK, 404, 401)),
    ("PATCH", "/cases/{draft_id}"): ({**STALE, "values": {}}, (OK, 404, 403, 403, 401)),
    ("DELETE", "/cases/{draft_id}"): ({"query": STALE}, (OK, 404, 403, 403, 401)),
    ("POST", "/cases/{draft_id}/facility-data"): (
        {**STALE, "ean": "735999000000000003", "overwrite": False},
        (OK, 404, 403, 403, 401),
    ),
    ("POST", "/cases/{draft_id}/copy-owner-to-payer"): (STALE, (OK, 404, 403, 403, 401)),
    ("POST", "/cases/{draft_id}/submit"): (STALE, (OK, 404, 403, 403, 401)),
    ("POST", "/cases/{case_id}/transitions"): ({**STALE, "to_status": "planning"}, (OK, 404, OK, 404, 401)),
    ("POST", "/cases/{case_id}/completion-notice"): ({**STALE, "values": {}}, (OK, 404, OK, 404, 401)),
    # Files are the installer's evidence: the DSO reads them, only the team adds or removes them.
    ("POST", "/cases/{case_id}/attachments"): ({"file": True}, (OK, 404, 403, 403, 401)),
    ("GET", "/cases/{case_id}/attachments/{attachment_id}"): (None, (OK, 404, OK, 404, 401)),
    ("DELETE", "/cases/{case_id}/attachments/{attachment_id}"): (None, (OK, 404, 403, 403, 401)),
    ("PUT", "/cases/{case_id}/handler"): ({**STALE, "handler_id": None}, (403, 403, OK, 404, 401)),
    ("GET", "/handlers"): (None, (403, 403, OK, OK, 401)),
    ("GET", "/cases/{case_id}/notes"): (None, (OK, 404, OK, 404, 401)),
    ("POST", "/cases/{case_id}/notes"): ({"body": "Hej"}, (OK, 404, OK, 404, 401)),
    ("POST", "/cases/{case_id}/notes/read"): (None, (OK, 404, OK, 404, 401)),
    # The DSO admin's settings: a handler's role may not (the admin's own tests cover the admin).
    ("GET", "/dso/case-types"): (None, (403, 403, 403, 403, 401)),
    ("PATCH", "/dso/case-types/{code}"): ({"accepted": True}, (403, 403, 403, 403, 401)),
    ("PUT", "/dso/case-types/{code}/approval-rules"): ({"rules": []}, (403, 403, 403, 403, 401)),
    ("POST", "/dso/case-types/{code}/versions"): ({"fields": []}, (403, 403, 403, 403, 401)),
}
NOT_CASE_ENDPOINTS = {"/healthz", "/readyz"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_matrix_names_every_route(api: CasesApi) -> None:
    routes = {
        (method.upper(), path)
        for path, operations in api.app.openapi()["paths"].items()
        if path not in NOT_CASE_ENDPOINTS
        for method in operations
    }
    named = {(method, _template(path)) for method, path in MATRIX}
    assert routes == named


def _template(path: str) -> str:
    return path.replace("{draft_id}", "{case_id}").replace("{project_code}", "{code}")


async def test_every_endpoint_answers_each_caller_as_the_matrix_says(api: CasesApi) -> None:
    own, other = Team("sundkraft"), Team("sundkraft")
    places = addresses_in(api.gis.network, "sundkraft", 3)
    sent = (await submit(api, own.installer(), await filled_case(api, own.installer(), places[0]))).json()
    draft = await filled_case(api, own.installer(), places[1])
    uploaded = await api.client.post(
        f"/cases/{sent['id']}/attachments",
        files={"file": ("plan.pdf", PDF, "application/pdf")},
        headers=own.installer(),
    )
    assert uploaded.status_code == 201, uploaded.text
    ids = {
        "case_id": sent["id"],
        "draft_id": draft["id"],
        "attachment_id": uploaded.json()["id"],
        "code": "fuse_change",
        "project_code": "row_houses",
    }
    headers = {
        "own team": own.installer(),
        "other team": other.installer(),
        "own DSO": TOKENS.headers("dso_handler", dso_id="sundkraft", user_id=uuid.uuid4(), name="Lars Holm"),
        "other DSO": TOKENS.headers("dso_handler", dso_id="kullabygden", user_id=uuid.uuid4(), name="Per Ek"),
        "anonymous": {},
    }
    wrong: list[str] = []
    for (method, path), (body, expected) in MATRIX.items():
        url = path.format(**ids)
        for caller, want in zip(CALLERS, expected, strict=True):
            answer = await api.client.request(
                method, url, headers=headers[caller], **_request(body, places[2])
            )
            got = answer.status_code
            fits = (got not in (401, 403, 404) and got < 500) if want == OK else got == want
            if not fits:
                wrong.append(f"{method} {path} by {caller}: {got}, expected {want} ({answer.text[:120]})")
    assert not wrong, "\n".join(wrong)

    # The lists are scoped, not refused: another team and another DSO do not find the case.
    for caller, finds in (("own team", True), ("other team", False), ("own DSO", True), ("other DSO", False)):
        listed = (await api.client.get("/cases", params={"page_size": 100}, headers=headers[caller])).json()
        assert (sent["id"] in [item["id"] for item in listed["items"]]) is finds, caller


def _request(body: dict[str, Any] | None, place: Any) -> dict[str, Any]:
    if body is None:
        return {}
    if "query" in body:
        return {"params": body["query"]}
    if "file" in body:
        return {"files": {"file": ("plan.pdf", PDF, "application/pdf")}}
    if "new case" in body:
        return {
            "json": {"case_type": "fuse_change", "lon": place.point.x, "lat": place.point.y, "values": {}}
        }
    return {"json": body}
