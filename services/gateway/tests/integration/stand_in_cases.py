"""A stand-in for the cases service that answers as ADR 0005's "Cases HTTP API" table says, in memory, for
testing the gateway's pages on their own: two case types, drafts, facility data, sending with every
missing item listed, transitions, attachments, lists. It records each request it gets."""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import UploadFile

PROBLEM = "application/problem+json"
FOREIGN_CASE = uuid.UUID("00000000-0000-4000-8000-0000000000ff")  # another team's: always 404
KNOWN_EAN = "735999000000000017"
FACILITY = {
    "ean": KNOWN_EAN,
    "technical_number": "HBG-N-000017",
    "meter_number": "12345678",
    "current_main_fuse": "20",
    "owner_name": "Karin Ägare",
    "owner_street": "Solgatan 20",
}


def _field(name: str, kind: str, label: str, mandatory: bool = False, **more: Any) -> dict[str, Any]:
    return {"name": name, "kind": kind, "label": label, "mandatory": mandatory, "choices": [], **more}


FIELDS = [
    _field("street", "text", "Gatuadress", True, max_length=200),
    _field("postcode", "text", "Postnummer", True, max_length=10),
    _field("city", "text", "Ort", True, max_length=100),
    _field("ean", "ean", "Anläggnings-ID (EAN)", True),
    _field("technical_number", "text", "Tekniskt nummer", max_length=40),
    _field("meter_number", "text", "Mätarnummer", max_length=40),
    _field("current_main_fuse", "choice", "Nuvarande huvudsäkring (A)", True, choices=["16", "20", "25"]),
    _field("new_main_fuse", "choice", "Ny huvudsäkring (A)", True, choices=["16", "20", "25"]),
    _field("desired_date", "date", "Önskat datum"),
    _field("outage_needed", "boolean", "Kräver avbrott"),
    _field("owner_name", "text", "Fastighetsägare: Namn", True, max_length=200),
    _field("owner_personal_number", "text", "Fastighetsägare: Personnummer", True, max_length=200),
    _field("owner_street", "text", "Fastighetsägare: Gatuadress", max_length=200),
    _field("payer_name", "text", "Betalningsansvarig: Namn", max_length=200),
    _field("payer_street", "text", "Betalningsansvarig: Gatuadress", max_length=200),
    _field("comment", "text", "Övrigt", max_length=2000),
]
NAMES = {"fuse_change": "Säkringsändring", "service_line_change": "Servisändring"}
REQUIRED = {"service_line_change": [{"code": "site_plan", "label": "Situationsplan"}]}
COMPLETION = [_field("completed_on", "date", "Färdigt datum", True), _field("note", "text", "Notering")]
TEAM_MOVES = {
    "submitted": ["cancelled"],
    "in_progress": ["completion_notice_received", "ready_for_meter"],
    "completion_notice_received": ["ready_for_meter"],
}
LABELS = {
    "draft": "Ej skickat",
    "submitted": "NY",
    "in_progress": "GENOMFÖRANDE PÅGÅR",
    "completion_notice_received": "FÄRDIGANMÄLAN INKOMMEN",
    "ready_for_meter": "KLAR FÖR MÄTARE",
    "cancelled": "MAKULERAT",
}


def problem(status: int, detail: str, **more: Any) -> JSONResponse:
    body = {"type": "/problems/x", "title": detail, "status": status, "detail": detail, **more}
    return JSONResponse(body, status, media_type=PROBLEM)


def invalid(*fields: str) -> JSONResponse:
    return problem(
        422, "invalid input", errors=[{"field": name, "message": "cannot be right"} for name in fields]
    )


def incomplete(missing: list[dict[str, str]]) -> JSONResponse:
    """As cases answers a send that lacks something: each item in `missing` and named in `errors` too."""
    paths = [f"{'values' if item['kind'] == 'field' else 'attachments'}.{item['name']}" for item in missing]
    errors = [{"field": path, "message": "is required"} for path in paths]
    return problem(422, f"{len(missing)} things are missing", missing=missing, errors=errors)


@dataclass
class StandInCases:
    cases: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    calls: list[Request] = field(default_factory=list)
    bodies: list[tuple[str, str, Any]] = field(default_factory=list)  # method, path, JSON body
    number: int = 0

    def new_case(self, case_type: str = "fuse_change", **values: str) -> dict[str, Any]:
        now = datetime.now(UTC)
        case: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "case_number": None,
            "status": "draft",
            "status_label": LABELS["draft"],
            "case_type": case_type,
            "case_type_version": 1,
            "case_type_name": NAMES[case_type],
            "dso_id": "sundkraft",
            "team_id": "team",
            "installer_id": "installer",
            "installer_name": "Erik Svensson",
            "address": "Solgatan 20, 252 20 Helsingborg",
            "lon": 12.7,
            "lat": 56.05,
            "grid_area_id": "G1",
            "values": {"street": "Solgatan 20", "postcode": "252 20", "city": "Helsingborg", **values},
            "completion_notice": None,
            "attachments": [],
            "history": [],
            "allowed_transitions": ["submitted"],
            "created_at": now.isoformat(),
            "updated_at": now.isoformat(),
            "submitted_at": None,
            "expires_at": (now + timedelta(days=14)).isoformat(),
            "version": 1,
        }
        self.cases[uuid.UUID(case["id"])] = case
        return case

    def moved(self, case: dict[str, Any], to: str, reason: str | None = None) -> None:
        case["history"].append(
            {
                "from_status": case["status"],
                "to_status": to,
                "status_label": LABELS.get(to, to),
                "actor_id": "installer",
                "actor_name": "Erik Svensson",
                "actor_role": "installer",
                "reason": reason,
                "at": datetime.now(UTC).isoformat(),
            }
        )
        case["status"], case["status_label"] = to, LABELS.get(to, to)
        case["allowed_transitions"] = TEAM_MOVES.get(to, [])
        case["version"] += 1


def stand_in_cases(state: StandInCases) -> FastAPI:
    app = FastAPI()

    @app.middleware("http")
    async def record(request: Request, call_next: Any) -> Response:
        state.calls.append(request)
        if request.headers.get("content-type", "").startswith("application/json"):
            state.bodies.append((request.method, request.url.path, await request.json()))
        response: Response = await call_next(request)
        return response

    def found(case_id: uuid.UUID) -> dict[str, Any] | None:
        return None if case_id == FOREIGN_CASE else state.cases.get(case_id)

    @app.get("/case-types")
    async def case_types() -> list[dict[str, Any]]:
        return [
            {"code": code, "version": 1, "name": name, "project_capable": False}
            for code, name in NAMES.items()
        ]

    @app.get("/case-types/{code}")
    async def case_type(code: str) -> Response:
        if code not in NAMES:
            return problem(404, "no such case type")
        return JSONResponse(
            {
                "code": code,
                "version": 1,
                "name": NAMES[code],
                "fields": FIELDS,
                "required_attachments": REQUIRED.get(code, []),
                "completion_notice_fields": COMPLETION,
            }
        )

    @app.post("/cases", status_code=201)
    async def create(request: Request) -> Response:
        body = await request.json()
        if body["case_type"] not in NAMES:
            return invalid("case_type")
        if body["lon"] < 12.0:  # "outside the caller's DSO"
            return invalid("lon")
        return JSONResponse(state.new_case(body["case_type"]), 201)

    @app.get("/cases/{case_id}")
    async def read(case_id: uuid.UUID) -> Response:
        case = found(case_id)
        return JSONResponse(case) if case else problem(404, "no such case")

    @app.patch("/cases/{case_id}")
    async def update(case_id: uuid.UUID, request: Request) -> Response:
        case, body = found(case_id), await request.json()
        if case is None:
            return problem(404, "no such case")
        if body["version"] != case["version"] or case["status"] != "draft":
            return problem(409, "stale", version=case["version"])
        names = {spec["name"] for spec in FIELDS}
        bad = [f"values.{name}" for name, value in body["values"].items() if name not in names]
        ean = body["values"].get("ean")
        if ean and not (ean.isdigit() and len(ean) == 18):
            bad.append("values.ean")
        if bad:
            return invalid(*bad)
        case["values"].update(body["values"])
        case["version"] += 1
        return JSONResponse(case)

    @app.delete("/cases/{case_id}", status_code=204)
    async def delete(case_id: uuid.UUID, version: int) -> Response:
        case = found(case_id)
        if case is None:
            return problem(404, "no such case")
        if version != case["version"]:
            return problem(409, "stale")
        del state.cases[case_id]
        return Response(status_code=204)

    @app.post("/cases/{case_id}/facility-data")
    async def facility_data(case_id: uuid.UUID, request: Request) -> Response:
        case, body = found(case_id), await request.json()
        if case is None or body["version"] != case["version"]:
            return problem(404 if case is None else 409, "no such case or stale")
        number = body.get("ean") or body.get("meter_number")
        if body.get("ean") and not number.isdigit():
            return invalid("ean")
        if number not in (KNOWN_EAN, FACILITY["meter_number"]):
            return problem(
                404, "no facility with this number", errors=[{"field": "ean", "message": "unknown"}]
            )
        changed = []
        for name, value in FACILITY.items():
            always = name in ("ean", "technical_number", "meter_number")
            if (body["overwrite"] or always or not case["values"].get(name)) and case["values"].get(
                name
            ) != value:
                case["values"][name] = value
                changed.append(name)
        case["version"] += 1
        return JSONResponse({"case": case, "changed_fields": changed})

    @app.post("/cases/{case_id}/copy-owner-to-payer")
    async def copy_owner(case_id: uuid.UUID) -> Response:
        case = found(case_id)
        assert case is not None
        changed = []
        for part in ("name", "street"):
            if case["values"].get(f"payer_{part}") != case["values"].get(f"owner_{part}"):
                case["values"][f"payer_{part}"] = case["values"].get(f"owner_{part}")
                changed.append(f"payer_{part}")
        case["version"] += 1
        return JSONResponse({"case": case, "changed_fields": changed})

    @app.post("/cases/{case_id}/submit")
    async def submit(case_id: uuid.UUID, request: Request) -> Response:
        case, body = found(case_id), await request.json()
        if case is None or body["version"] != case["version"]:
            return problem(404 if case is None else 409, "no such case or stale")
        missing = [
            {"kind": "field", "name": spec["name"], "label": spec["label"]}
            for spec in FIELDS
            if spec["mandatory"] and not case["values"].get(spec["name"])
        ]
        categories = {attachment["category"] for attachment in case["attachments"]}
        missing += [
            {"kind": "attachment", "name": item["code"], "label": item["label"]}
            for item in REQUIRED.get(case["case_type"], [])
            if item["code"] not in categories
        ]
        if missing:
            return incomplete(missing)
        state.number += 1
        case["case_number"] = f"SK-{state.number:07d}"
        case["submitted_at"] = datetime.now(UTC).isoformat()
        state.moved(case, "submitted")
        return JSONResponse(case)

    @app.post("/cases/{case_id}/transitions")
    async def transition(case_id: uuid.UUID, request: Request) -> Response:
        case, body = found(case_id), await request.json()
        assert case is not None
        allowed = TEAM_MOVES.get(case["status"], [])
        if body["version"] != case["version"] or body["to_status"] not in allowed:
            return problem(409, "not allowed", allowed=allowed)
        state.moved(case, body["to_status"], body.get("reason"))
        return JSONResponse(case)

    @app.post("/cases/{case_id}/completion-notice")
    async def completion_notice(case_id: uuid.UUID, request: Request) -> Response:
        case, body = found(case_id), await request.json()
        assert case is not None
        if "completion_notice_received" not in TEAM_MOVES.get(case["status"], []):
            return problem(409, "not allowed")
        missing = [
            {"kind": "field", "name": spec["name"], "label": spec["label"]}
            for spec in COMPLETION
            if spec["mandatory"] and not body["values"].get(spec["name"])
        ]
        if missing:
            return incomplete(missing)
        case["completion_notice"] = body["values"]
        state.moved(case, "completion_notice_received")
        return JSONResponse(case)

    @app.post("/cases/{case_id}/attachments", status_code=201)
    async def attach(case_id: uuid.UUID, request: Request) -> Response:
        case, form = found(case_id), await request.form()
        upload = form.get("file")
        assert case is not None and isinstance(upload, UploadFile)
        content = await upload.read()
        if not content.startswith((b"%PDF", b"\x89PNG")):
            return invalid("file")
        attachment = {
            "id": str(uuid.uuid4()),
            "file_name": upload.filename,
            "content_type": "application/pdf" if content.startswith(b"%PDF") else "image/png",
            "size": len(content),
            "category": form.get("category"),
            "uploaded_at": datetime.now(UTC).isoformat(),
        }
        state.files[attachment["id"]] = content
        case["attachments"].append(attachment)
        return JSONResponse(attachment, 201)

    @app.get("/cases/{case_id}/attachments/{attachment_id}")
    async def download(case_id: uuid.UUID, attachment_id: str) -> Response:
        if found(case_id) is None or attachment_id not in state.files:
            return problem(404, "no such attachment")
        headers = {"content-disposition": 'attachment; filename="situationsplan.pdf"'}
        return Response(state.files[attachment_id], media_type="application/pdf", headers=headers)

    @app.delete("/cases/{case_id}/attachments/{attachment_id}", status_code=204)
    async def detach(case_id: uuid.UUID, attachment_id: str) -> Response:
        case = found(case_id)
        assert case is not None
        case["attachments"] = [a for a in case["attachments"] if a["id"] != attachment_id]
        return Response(status_code=204)

    def listed(drafts: bool, params: dict[str, str]) -> dict[str, Any]:
        rows = [c for c in state.cases.values() if (c["status"] == "draft") == drafts]
        if status := params.get("status"):
            rows = [c for c in rows if c["status"] == status]
        if q := params.get("q", "").lower():
            rows = [
                c for c in rows if q in f"{c['case_number']} {c['address']} {c['case_type_name']}".lower()
            ]
        sort = params.get("sort", "-created_at")
        rows.sort(key=lambda c: str(c.get(sort.removeprefix("-")) or ""), reverse=sort.startswith("-"))
        page, size = int(params.get("page", 1)), int(params.get("page_size", 10))
        return {
            "items": rows[(page - 1) * size : page * size],
            "total": len(rows),
            "page": page,
            "page_size": size,
        }

    @app.get("/cases")
    async def cases(request: Request) -> dict[str, Any]:
        return listed(False, dict(request.query_params))

    @app.get("/drafts")
    async def drafts(request: Request) -> dict[str, Any]:
        return listed(True, dict(request.query_params))

    return app
