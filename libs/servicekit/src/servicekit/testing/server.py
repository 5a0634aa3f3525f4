"""Running an ASGI app for real (uvicorn on a free port) inside the test's event loop."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

import httpx
import uvicorn
from fastapi import FastAPI

from servicekit.infra import free_port


@contextlib.asynccontextmanager
async def running_app(
    app: FastAPI, *, ready_path: str | None = "/readyz", timeout: float = 60.0, port: int | None = None
) -> AsyncIterator[str]:
    """Serve `app` (lifespan included) and yield its base URL once `ready_path` answers 200.

    `port`: when another app must know the URL before this one starts (links in mails)."""
    port = port or free_port()
    # Open streams (the portal's live updates) would hold the shutdown forever: after a few seconds they
    # are cut, as in production (serve.py).
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_config=None, lifespan="on", timeout_graceful_shutdown=3
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    base_url = f"http://127.0.0.1:{port}"
    try:
        await _wait_until_ready(server, task, base_url, ready_path, timeout)
        yield base_url
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 30)


async def _wait_until_ready(
    server: uvicorn.Server, task: asyncio.Task[None], base_url: str, ready_path: str | None, timeout: float
) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    async with httpx.AsyncClient(base_url=base_url, timeout=3.0) as client:
        while asyncio.get_running_loop().time() < deadline:
            if task.done():
                task.result()  # raises what stopped the server
                raise RuntimeError("the server stopped during start-up")
            if server.started:
                if ready_path is None:
                    return
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get(ready_path)).status_code == 200:
                        return
            await asyncio.sleep(0.1)
    raise TimeoutError(f"{base_url}{ready_path or ''} was not ready within {timeout:.0f} s")
