"""`python -m bench [name ...]`: start the local infrastructure once, run all or the named benchmarks."""

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from bench import REPOSITORY_ROOT, outbox_relay
from servicekit.infra import Infrastructure, InfrastructureError, LocalInfrastructure

BENCHMARKS: dict[str, Callable[[Infrastructure], None]] = {
    "outbox_relay": outbox_relay.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "names", nargs="*", metavar="name", help=f"benchmarks to run (default: all): {', '.join(BENCHMARKS)}"
    )
    names: list[str] = parser.parse_args(argv).names or list(BENCHMARKS)
    if unknown := [name for name in names if name not in BENCHMARKS]:
        parser.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    # From the main thread: embedded servers are tied to the thread that forks them.
    local = LocalInfrastructure(REPOSITORY_ROOT / ".data" / "bench", allow_containers=False)
    try:
        infra = local.start()
    except InfrastructureError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    try:
        sources = ", ".join(f"{name} {source}" for name, source in infra.sources.items())
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"infrastructure: {sources}; {os.cpu_count()} CPUs, load average {load}")
        for name in names:
            print()
            BENCHMARKS[name](infra)
    finally:
        local.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
