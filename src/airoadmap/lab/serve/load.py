"""A load generator of its own (no hey or wrk here): asyncio, HTTP/1.1 keep-alive sockets.

    python -m airoadmap.lab.serve.load SPEC_JSON

SPEC_JSON names the server (host, port, pid), the request bodies to cycle through and the
phases, each {"concurrency": c, "seconds": s, "record": bool}: c connections each send one
request, wait for its reply, and send the next, until s seconds have passed. It prints one
JSON object: per recorded phase the latencies' percentiles, requests per second, replies
that were not 200, and the CPU seconds the server process (read from /proc/PID/stat before
and after) and this process spent. Standard library only, so the client stays light.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from typing import Any

_TICK = os.sysconf("SC_CLK_TCK")
HTTP = "HTTP/1.1"


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process `pid` (its threads included), from /proc."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime: fields 14 and 15


def request_bytes(host: str, port: int, body: bytes) -> bytes:
    """A keep-alive POST /predict with a JSON body."""
    head = (
        f"POST /predict {HTTP}\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("ascii") + body


async def _worker(
    host: str, port: int, requests: list[bytes], start: int, deadline: float,
    latencies: list[float], statuses: dict[int, int],
) -> None:  # fmt: skip
    reader, writer = await asyncio.open_connection(host, port)
    k = start
    try:
        while time.perf_counter() < deadline:
            sent = time.perf_counter()
            writer.write(requests[k % len(requests)])
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - sent)
            statuses[status] = statuses.get(status, 0) + 1
            k += 1
    finally:
        writer.close()


def percentile(sorted_values: list[float], q: float) -> float:
    """The q-th percentile (0..100) of sorted values, nearest rank."""
    rank = max(1, round(q / 100 * len(sorted_values) + 0.4999999))
    return sorted_values[min(rank, len(sorted_values)) - 1]


async def _phase(spec: dict[str, Any], requests: list[bytes], c: int, s: float) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    pid = spec["pid"]
    server0, client0 = process_cpu_seconds(pid), time.process_time()
    started = time.perf_counter()
    deadline = started + s
    await asyncio.gather(
        *(
            _worker(spec["host"], spec["port"], requests, i * 7, deadline, latencies, statuses)
            for i in range(c)
        )
    )
    wall = time.perf_counter() - started
    server_cpu = process_cpu_seconds(pid) - server0
    client_cpu = time.process_time() - client0
    latencies.sort()
    n = len(latencies)
    return {
        "concurrency": c,
        "requests": n,
        "seconds": wall,
        "requests_per_s": n / wall,
        "p50_ms": percentile(latencies, 50) * 1e3,
        "p99_ms": percentile(latencies, 99) * 1e3,
        "max_ms": latencies[-1] * 1e3,
        "not_200": n - statuses.get(200, 0),
        "server_cpu_s": server_cpu,
        "server_cpu_ms_per_request": server_cpu / n * 1e3,
        "client_cpu_ms_per_request": client_cpu / n * 1e3,
    }


async def run(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every phase of `spec` in order; the recorded ones' results."""
    requests = [request_bytes(spec["host"], spec["port"], b.encode()) for b in spec["bodies"]]
    results = []
    for phase in spec["phases"]:
        result = await _phase(spec, requests, phase["concurrency"], phase["seconds"])
        if phase.get("record", True):
            results.append(result)
    return results


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        print(json.dumps(asyncio.run(run(json.load(f)))))
