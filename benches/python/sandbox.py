"""`make bench-sandbox` (HTTP part): the sandbox through the Python client in-process, and over
loopback HTTP from 8 keep-alive client threads against `wanumbers sandbox serve` (Python) and
`wanumbers-sandbox` (Node) in the same run: requests per second, p50/p99 latency, and the
Node/Python ratio. The mix: 40 % purchases with intents, 30 % lists, 20 % reads, 10 % releases.
The aim is >= 1,000 req/s over loopback on 2 cores. Noisy machine: compare within one run."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from typing import Any, List, Optional, Tuple

import wanumbers as w
from wanumbers import _sandbox

THREADS = 8
PER_THREAD = 500
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def mix(op: int, bought: List[str]) -> Tuple[str, str, Optional[dict]]:
    kind = op % 10
    if kind <= 3:
        return "POST", "/api/v1/phone-numbers/purchase", {"profileId": "p", "purchaseIntentId": f"i-{op % 300}", "allowMultiple": True}
    if kind <= 6:
        return "GET", "/api/v1/phone-numbers?limit=20", None
    if kind <= 8:
        return ("GET", f"/api/v1/phone-numbers/{bought[-1]}", None) if bought else ("GET", "/api/v1/phone-numbers/countries", None)
    return ("DELETE", f"/api/v1/phone-numbers/{bought.pop()}", None) if bought else ("GET", "/api/v1/phone-numbers/countries", None)


def percentile(sorted_values: List[float], p: float) -> float:
    return sorted_values[int((len(sorted_values) - 1) * p)]


def line(label: str, latencies: List[float], wall: float) -> float:
    latencies.sort()
    rate = len(latencies) / wall
    print(f"{label:<44} {rate:>8.0f} req/s   p50 {percentile(latencies, .5) * 1e3:6.2f} ms   p99 {percentile(latencies, .99) * 1e3:6.2f} ms")
    return rate


def http_run(host: str, port: int) -> Tuple[List[float], float]:
    latencies: List[float] = []
    lock = threading.Lock()

    def worker(thread: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        headers = {"authorization": f"Bearer sk_bench_{thread}", "content-type": "application/json"}
        bought: List[str] = []
        mine: List[float] = []
        for op in range(PER_THREAD):
            method, path, body = mix(op, bought)
            started = time.perf_counter()
            conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
            reply = conn.getresponse()
            data = reply.read()
            mine.append(time.perf_counter() - started)
            if body is not None and reply.status < 300:
                out: Any = json.loads(data)
                number = out.get("phoneNumber")
                bought.append(number["id"] if isinstance(number, dict) else out.get("numberId"))
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - started


def in_process() -> None:
    box = w.Sandbox(seed=1)
    bought: List[str] = []
    latencies: List[float] = []
    started = time.perf_counter()
    for op in range(THREADS * PER_THREAD):
        method, path, body = mix(op, bought)
        t0 = time.perf_counter()
        response = box({"method": method, "url": f"https://zernio.com{path}", "headers": [("authorization", "Bearer sk_bench")], "body": json.dumps(body).encode() if body else b""})
        latencies.append(time.perf_counter() - t0)
        if body is not None and response["status"] < 300:
            out = json.loads(response["body"])
            number = out.get("phoneNumber")
            bought.append(number["id"] if isinstance(number, dict) else out.get("numberId"))
    line("in-process (Python Sandbox, 1 thread)", latencies, time.perf_counter() - started)


def main() -> None:
    in_process()
    urls: List[str] = []
    ready = threading.Event()

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    threading.Thread(target=_sandbox.serve, args=(w.Sandbox(seed=1), "127.0.0.1", 0), kwargs={"ready": on_ready, "deliver": False}, daemon=True).start()
    ready.wait(10)
    host, port = urls[0].removeprefix("http://").split(":")
    python_rate = line("HTTP, wanumbers sandbox serve (Python)", *http_run(host, int(port)))
    cli = os.path.join(ROOT, "bindings-wasm", "pkg", "node", "sandbox-cli.cjs")
    if not os.path.exists(cli):
        sys.exit("benches/python/sandbox.py: build the npm package first (make wasm)")
    node = subprocess.Popen(["node", cli, "--port", "0", "--no-deliver"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert node.stdout is not None
        url = node.stdout.readline().split()[-1]
        host, port = url.removeprefix("http://").split(":")
        node_rate = line("HTTP, wanumbers-sandbox (Node)", *http_run(host, int(port)))
    finally:
        node.terminate()
        node.wait()
    print(f"Node / Python requests per second: {node_rate / python_rate:.2f}")


if __name__ == "__main__":
    main()
