"""The load: client processes over raw keep-alive sockets."""

import multiprocessing
import re
import signal
import socket
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field


@dataclass
class Target:
    name: str
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] | None = None  # POST body; a fresh submission_key per request
    expected: int = 200

    def request_bytes(self, host: str) -> bytes:
        body = b""
        headers = {"Host": host, "Connection": "keep-alive", **self.headers}
        if self.form is not None:
            body = urllib.parse.urlencode(
                {**self.form, "submission_key": str(uuid.uuid4())}
            ).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Content-Length"] = str(len(body))
        head = f"{self.method} {self.path} HTTP/1.1\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items()
        )
        return head.encode() + b"\r\n" + body


def _read_response(sock: socket.socket, buffer: bytearray) -> tuple[int, bool]:
    """One response off the socket: (status, whether the server closes the connection)."""
    while (end := buffer.find(b"\r\n\r\n")) < 0:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the headers")
        buffer += chunk
    head = bytes(buffer[:end]).lower()
    del buffer[: end + 4]
    status = int(head[9:12])
    closes = b"\r\nconnection: close" in head
    match = re.search(rb"\r\ncontent-length:\s*(\d+)", head)
    if match:
        length = int(match.group(1))
        while len(buffer) < length:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed in the body")
            buffer += chunk
        del buffer[:length]
    else:  # no length: the body runs to the end of the connection
        while sock.recv(65536):
            pass
        buffer.clear()
        closes = True
    return status, closes


def _client(port: int, target: Target, deadline: float, budget: int, results) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    host = f"127.0.0.1:{port}"
    fixed = None if target.form is not None else target.request_bytes(host)
    latencies, unexpected, sock, buffer = [], 0, None, bytearray()
    while time.perf_counter() < deadline and len(latencies) < budget:
        request = fixed or target.request_bytes(host)
        started = time.perf_counter()
        try:
            if sock is None:
                sock = socket.create_connection(("127.0.0.1", port), timeout=30)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                buffer.clear()
            sock.sendall(request)
            status, closes = _read_response(sock, buffer)
        except OSError:
            unexpected += 1
            if sock is not None:
                sock.close()
            sock = None
            continue
        latencies.append(time.perf_counter() - started)
        if status != target.expected:
            unexpected += 1
        if closes:
            sock.close()
            sock = None
    if sock is not None:
        sock.close()
    results.put((latencies, unexpected))


@dataclass
class Measurement:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    unexpected: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def load(port: int, target: Target, *, clients: int, seconds: float, budget: int) -> Measurement:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    started = time.perf_counter()
    deadline = started + seconds
    processes = [
        context.Process(target=_client, args=(port, target, deadline, budget, results))
        for _ in range(clients)
    ]
    for process in processes:
        process.start()
    latencies, unexpected = [], 0
    for _ in processes:
        got, bad = results.get(timeout=seconds + 60)
        latencies += got
        unexpected += bad
    elapsed = time.perf_counter() - started
    for process in processes:
        process.join()
    latencies.sort()
    if not latencies:
        return Measurement(0, elapsed, 0.0, 0.0, unexpected)
    return Measurement(
        len(latencies),
        elapsed,
        latencies[len(latencies) // 2] * 1000,
        latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000,
        unexpected,
    )
