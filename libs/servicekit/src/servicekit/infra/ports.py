"""Free ports, TCP probes and a plain description of why a connection failed."""

import socket
import time


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (the caller binds it soon after)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def tcp_answers(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_for_tcp(host: str, port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not tcp_answers(host, port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def describe(error: BaseException) -> str:
    """One line for an error message: 'connection refused' reads better than '[Errno 111] Connect call…'."""
    text = str(error).strip().splitlines()
    line = text[0] if text else type(error).__name__
    # Client libraries wrap the socket error in their own words (redis: "Error 111 connecting to …").
    refused = isinstance(error, ConnectionRefusedError) or isinstance(error.__cause__, ConnectionRefusedError)
    if refused or "connection refused" in line.lower() or "connect call failed" in line.lower():
        return "connection refused"
    if isinstance(error, TimeoutError):
        return "timed out"
    return line
