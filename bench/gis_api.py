"""GIS through its HTTP API, with the full demo network (60,000 addresses): address search as typed and a
city-block viewport, against the same service's /healthz round trip measured in the same run (the floor
of HTTP, auth-free, on this machine). Targets (issue 4): search p95 < 30 ms, viewport p95 < 100 ms."""

import asyncio
import random
import statistics
import time
from collections.abc import Awaitable, Callable

import httpx

from bench import print_table
from gis.__main__ import MIGRATIONS_DIR, seed_demo
from gis.bootstrap import build_app
from gis.config import GISSettings
from gis.domain.demo_network import generate_demo_network
from servicekit.db.migrations import upgrade_to_head
from servicekit.infra import Infrastructure, drop_database, ensure_database
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test
from servicekit.testing.tokens import TestTokenIssuer

ROUNDS = 300
SEARCH_TARGET_MS, VIEWPORT_TARGET_MS = 30.0, 100.0
BLOCK_DEGREES = (0.004, 0.0025)  # about 250 by 280 m around Helsingborg: a city block or two at zoom 17


def run(infra: Infrastructure) -> None:
    name = "bench_gis_api"
    ensure_database(infra.postgres_url, name)
    try:
        database_url = infra.database_url(name)
        upgrade_to_head(MIGRATIONS_DIR, database_url)
        settings = settings_for_test(GISSettings, infra, database_url, log_level="WARNING")
        asyncio.run(seed_demo(settings))
        asyncio.run(_measure(settings))
    finally:
        drop_database(infra.postgres_url, name)


async def _measure(settings: GISSettings) -> None:
    network = generate_demo_network()
    rng = random.Random(7)
    addresses = rng.sample(network.addresses, ROUNDS)
    # As typed: a street's first letters, a full street and number, or the street with a typo.
    queries = [
        rng.choice([a.street[:4], f"{a.street} {a.number}", a.street[:2] + a.street[3:]]) for a in addresses
    ]
    app = build_app(settings)
    tokens = TestTokenIssuer()
    tokens.trusted_by(app.state.jwks_verifier)
    headers = tokens.headers("installer", dso_id="sundkraft")
    async with running_app(app) as url, httpx.AsyncClient(base_url=url, headers=headers) as client:
        await client.get("/addresses/search", params={"q": "solg"})  # warm-up

        def health(_: int) -> Awaitable[httpx.Response]:
            return client.get("/healthz")

        def search(i: int) -> Awaitable[httpx.Response]:
            return client.get("/addresses/search", params={"q": queries[i]})

        def viewport(i: int) -> Awaitable[httpx.Response]:
            point = addresses[i].point
            box = (point.x, point.y, point.x + BLOCK_DEGREES[0], point.y + BLOCK_DEGREES[1])
            layer = ("addresses", "facilities", "properties")[i % 3]
            return client.get(
                f"/layers/{layer}/features", params={"bbox": ",".join(f"{v:.6f}" for v in box), "zoom": 17}
            )

        floor = await _timed(health)
        searched = await _timed(search)
        viewed = await _timed(viewport)

    print(f"gis_api: {ROUNDS} requests each, sequential, one client; full demo network (60,000 addresses)")
    floor_p95 = _p95(floor)
    rows = []
    for label, times, target in (
        ("healthz (HTTP floor)", floor, None),
        ("address search", searched, SEARCH_TARGET_MS),
        ("viewport, city block, z17", viewed, VIEWPORT_TARGET_MS),
    ):
        met = "" if target is None else f"p95 < {target:g} ms  {'MET' if _p95(times) < target else 'MISSED'}"
        rows.append(
            [
                label,
                f"{statistics.median(times):.2f}",
                f"{_p95(times):.2f}",
                f"{_p95(times) / floor_p95:.1f}",
                met,
            ]
        )
    print_table(["", "p50 ms", "p95 ms", "x floor p95", "target"], rows)


async def _timed(request: Callable[[int], Awaitable[httpx.Response]]) -> list[float]:
    times = []
    for i in range(ROUNDS):
        started = time.perf_counter()
        response = await request(i)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return times


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]
