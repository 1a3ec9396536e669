"""The sandbox over HTTP under load: 8 threads x 1,000 mixed requests against ``serve`` (two
accounts, shared purchase intents, webhook deliveries taken by every thread at once), then the
state is audited: no number lost or sold twice, every intent bought once, every delivery
attempt taken exactly once."""

from __future__ import annotations

import http.client
import json
import threading
from collections import defaultdict
from typing import Any, Dict, List, Set, Tuple

import wanumbers as w
from wanumbers import _sandbox

from test_sandbox import START

THREADS = 8
OPS = 1_000
KEYS = ["sk_test_http_a", "sk_test_http_b"]


def serve(box: w.Sandbox) -> Tuple[str, int]:
    urls: List[str] = []
    ready = threading.Event()

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    kwargs = {"ready": on_ready, "deliver": False}
    threading.Thread(target=_sandbox.serve, args=(box, "127.0.0.1", 0), kwargs=kwargs, daemon=True).start()
    assert ready.wait(10)
    host, port = urls[0].removeprefix("http://").split(":")
    return host, int(port)


def test_eight_threads_a_thousand_requests_each_then_the_state_adds_up() -> None:
    box = w.Sandbox(seed=78, clock=lambda: START)
    host, port = serve(box)
    for key in KEYS:
        hooks = w.Client(key, box)
        hooks.create_webhook_settings(name="load", url="https://hooks.example.com/l", events=["whatsapp.number.activated", "whatsapp.number.released"])
    seen: Dict[Tuple[str, str], Set[str]] = defaultdict(set)
    taken: List[Dict[str, Any]] = []
    statuses: Dict[int, int] = defaultdict(int)
    lock = threading.Lock()
    errors: List[BaseException] = []

    def worker(thread: int) -> None:
        key = KEYS[thread % 2]
        conn = http.client.HTTPConnection(host, port, timeout=30)
        headers = {"authorization": f"Bearer {key}", "content-type": "application/json"}

        def call(method: str, path: str, body: Any = None) -> Tuple[int, Any]:
            payload = None if body is None else json.dumps(body)
            conn.request(method, path, body=payload, headers=headers)
            reply = conn.getresponse()
            data = reply.read()
            with lock:
                statuses[reply.status] += 1
            return reply.status, json.loads(data) if data else None

        mine: List[str] = []
        try:
            for op in range(OPS):
                kind = op % 10
                if kind <= 3:
                    intent = f"intent-{(op * 7 + thread) % 60}"
                    status, out = call("POST", "/api/v1/phone-numbers/purchase", {"profileId": "prof_load", "purchaseIntentId": intent, "allowMultiple": True})
                    number = (out or {}).get("phoneNumber")
                    number_id = number.get("id") if isinstance(number, dict) else (out or {}).get("numberId")
                    if status in (200, 201) and number_id:
                        with lock:
                            seen[(key, intent)].add(number_id)
                        mine.append(number_id)
                elif kind <= 5:
                    assert call("GET", "/api/v1/phone-numbers")[0] == 200
                elif kind == 6 and mine:
                    assert call("GET", f"/api/v1/phone-numbers/{mine[-1]}")[0] == 200
                elif kind == 7 and mine:
                    call("DELETE", f"/api/v1/phone-numbers/{mine.pop()}")
                else:
                    status, out = call("GET", "/_sandbox/deliveries")
                    with lock:
                        taken.extend(out["deliveries"])
        except BaseException as err:  # noqa: BLE001 - reported by the main thread
            errors.append(err)
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[0]
    assert sum(statuses.values()) >= THREADS * OPS * 9 // 10
    assert statuses.get(500, 0) == 0 and statuses.get(501, 0) == 0, dict(statuses)
    for key in KEYS:
        w.Client(key, box)  # the same accounts, in-process
        answer: Any = box.control("deliveries", {"apiKey": key})
        taken.extend(answer["deliveries"])

    assert len(seen) >= 100
    assert all(len(ids) == 1 for ids in seen.values()), {k: v for k, v in seen.items() if len(v) > 1}
    snapshot: Any = box.snapshot()
    live: Set[str] = set()
    activated = released = 0
    for tenant in snapshot["tenants"].values():
        numbers = tenant["numbers"]
        ids = {n["record"]["_id"] for n in numbers}
        assert len(ids) == len(numbers)
        intents = list(tenant["intents"].values())
        assert len(set(intents)) == len(intents) == len(numbers) and set(intents) <= ids
        for number in numbers:
            activated += 1
            if number["record"]["status"] == "released":
                released += 1
            else:
                assert number["record"]["phoneNumber"] not in live
                live.add(number["record"]["phoneNumber"])
    assert len({d["id"] for d in taken}) == len(taken), "an attempt taken twice"
    assert sum(d["event"] == "whatsapp.number.activated" for d in taken) == activated
    assert sum(d["event"] == "whatsapp.number.released" for d in taken) == released
