"""Every error a client sees is RFC 9457 problem details that name the field at fault."""

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, EmailStr

from servicekit.problems import Conflict, install_problem_handlers, invalid_field


class Body(BaseModel):
    email: EmailStr
    count: int


def _client() -> TestClient:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/things")
    async def create(body: Body) -> dict[str, str]:
        if body.count > 10:
            raise invalid_field("count", "at most 10")
        if body.count == 0:
            raise Conflict("already exists", existing_id="abc")
        return {"ok": "yes"}

    return TestClient(app)


def test_validation_errors_name_each_field() -> None:
    response = _client().post("/things", json={"email": "nope", "count": "x"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "/problems/invalid-input" and body["status"] == 422
    assert sorted(e["field"] for e in body["errors"]) == ["count", "email"]
    assert body["instance"] == "/things"


def test_a_raised_problem_keeps_its_status_detail_and_extensions() -> None:
    client = _client()
    too_many = client.post("/things", json={"email": "a@example.com", "count": 11}).json()
    assert too_many["errors"] == [{"field": "count", "message": "at most 10"}]
    conflict = client.post("/things", json={"email": "a@example.com", "count": 0})
    assert conflict.status_code == 409
    assert conflict.json()["existing_id"] == "abc"


def test_unknown_routes_are_problems_too() -> None:
    response = _client().get("/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
