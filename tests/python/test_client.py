"""Clients and transports against a real HTTP server on 127.0.0.1 (http.server)."""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import httpx
import pytest
import requests

import wanumbers as w

ROUTES: Dict[Tuple[str, str], Tuple[int, Any]] = {
    ("POST", "/api/v1/phone-numbers/purchase"): (202, {"status": "kyc_required", "country": "GB", "kycUrl": "https://zernio.com/kyc/x"}),
    ("GET", "/api/v1/phone-numbers/countries"): (200, {"countries": [{"code": "GB", "monthlyCents": 300, "needsKyc": True}]}),
    ("GET", "/api/v1/phone-numbers/665f"): (404, {"error": "Not found"}),
    ("POST", "/v25.0/1065/register"): (400, {"error": {"code": 133005, "message": "(#133005) PIN Mismatch", "fbtrace_id": "T1"}}),
    ("GET", "/v25.0/1022/phone_numbers"): (200, {"data": [{"id": "1065"}], "paging": {"cursors": {"after": "c1"}}}),
}


class Handler(BaseHTTPRequestHandler):
    seen: List[Dict[str, Any]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?")[0]
        Handler.seen.append({"method": self.command, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
        status, payload = ROUTES.get((self.command, path), (500, {"error": "no route"}))
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = do_PATCH = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def plain_callable() -> Callable[[Any], Any]:
    default = w.urllib_transport()
    return lambda req: default(req)


TRANSPORTS: Dict[str, Callable[[], Optional[Callable[[Any], Any]]]] = {
    "urllib (default)": lambda: None,
    "httpx": lambda: w.httpx_transport(httpx.Client(timeout=5)),
    "requests": lambda: w.requests_transport(requests.Session()),
    "a plain callable": plain_callable,
}


@pytest.mark.parametrize("name", list(TRANSPORTS))
def test_purchase_through_each_transport(server: str, name: str) -> None:
    Handler.seen.clear()
    client = w.Client("sk_test_abc", TRANSPORTS[name](), base_url=server + "/api")
    outcome = client.purchase(profile_id="prof_1", country="GB", purchase_intent_id="order-1")
    assert isinstance(outcome, w.models.PurchaseOutcomeKycRequired)
    assert (outcome.outcome, outcome.status, outcome.country, outcome.number_type, outcome.kyc_url) == (
        "kyc_required", "kyc_required", "GB", None, "https://zernio.com/kyc/x")
    (sent,) = Handler.seen
    assert sent["method"] == "POST" and sent["headers"]["authorization"] == "Bearer sk_test_abc"
    assert json.loads(sent["body"]) == {"profileId": "prof_1", "country": "GB", "purchaseIntentId": "order-1"}


@pytest.mark.parametrize("name", list(TRANSPORTS))
def test_error_statuses_are_api_errors_not_transport_errors(server: str, name: str) -> None:
    client = w.Client("k", TRANSPORTS[name](), base_url=server + "/api")
    with pytest.raises(w.ApiError) as info:
        client.get_number(id="665f")
    assert (info.value.code, info.value.status, info.value.retryable) == ("not_found", 404, False)


def test_graph_register_is_tried_once_and_maps_the_error(server: str) -> None:
    Handler.seen.clear()
    graph = w.GraphClient("EAAG_token", base_url_hack(server))
    with pytest.raises(w.ApiError) as info:
        graph.register(phone_number_id="1065", pin="123456")
    assert (info.value.code, info.value.upstream_code, info.value.details["fbtrace_id"]) == ("pin_mismatch", 133005, "T1")
    assert len(Handler.seen) == 1, "register is never retried"


def base_url_hack(server: str) -> Any:
    """The Graph base URL is fixed; route it to the test server through the transport."""
    default = w.urllib_transport()

    def send(req: Any) -> Any:
        moved: Any = dict(req, url=req["url"].replace("https://graph.facebook.com", server))
        return default(moved)

    return send


def test_a_transport_failure_is_a_transport_error() -> None:
    client = w.Client("k", base_url="http://127.0.0.1:9/api")  # nothing listens on port 9
    with pytest.raises(w.TransportError) as info:
        client.list_countries()
    assert info.value.code == "transport_failed"


def test_bad_arguments_never_reach_the_transport() -> None:
    def must_not_send(req: Any) -> Any:
        raise AssertionError("sent")

    client = w.Client("k", must_not_send)
    with pytest.raises(w.InputError) as info:
        client.purchase(profile_id="p", area_code="12345")
    assert info.value.details["argument"] == "area_code"  # as Python spells it


def test_async_client_with_httpx(server: str) -> None:
    async def run() -> w.models.Catalog:
        async with httpx.AsyncClient(timeout=5) as session:
            client = w.AsyncClient("k", w.httpx_async_transport(session), base_url=server + "/api")
            return await client.list_countries()

    catalog = asyncio.run(run())
    assert catalog.countries[0].code == "GB"


def test_async_graph_pages(server: str) -> None:
    async def send(req: Any) -> Any:
        return base_url_hack(server)(req)

    async def run() -> List[w.models.GraphPhoneNumber]:
        return await w.AsyncGraphClient("t", send).list_all_phone_numbers(waba_id="1022")

    assert [n.id for n in asyncio.run(run())] == ["1065"]


def test_repr_hides_the_keys() -> None:
    shown = repr(w.Client("sk_live_secret")) + repr(w.GraphClient("EAAGsecret")) + repr(w.AsyncClient("sk_live_secret", send_nothing))
    assert "secret" not in shown and "<redacted>" in shown


async def send_nothing(req: Any) -> Any:
    return {"status": 200, "body": b"{}"}


EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "bindings-python" / "examples"


def test_every_operation_has_a_method_on_each_client() -> None:
    for platform, classes in (("zernio", (w.Client, w.AsyncClient)), ("graph", (w.GraphClient, w.AsyncGraphClient))):
        for cls in classes:
            missing = [op for op in w.operations(platform) if not callable(getattr(cls, op, None))]  # type: ignore[arg-type]
            assert not missing, f"{cls.__name__} lacks {missing}"


def test_the_purchase_example_against_the_test_server(server: str) -> None:
    env = dict(os.environ, ZERNIO_API_KEY="sk_test_abc", ZERNIO_BASE_URL=server + "/api")
    r = subprocess.run([sys.executable, str(EXAMPLES / "purchase.py"), "prof_1", "GB"], capture_output=True, text=True, env=env, check=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "GB needs KYC first: send the customer to https://zernio.com/kyc/x\n"
    r = subprocess.run([sys.executable, str(EXAMPLES / "purchase.py"), "prof_1", "ZZ"], capture_output=True, text=True, env=env, check=False)
    assert r.returncode == 1 and "purchase not sent: country_unknown" in r.stderr, r.stderr


def test_the_quickstart_example_runs() -> None:
    r = subprocess.run([sys.executable, str(EXAMPLES / "quickstart.py")], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[:2] == ["+442079460958", "True +447400123456 GB mobile"]


def test_a_retry_safe_call_is_retried_as_the_core_decides() -> None:
    calls: List[int] = []

    def flaky(request: w.Request) -> w.Response:
        calls.append(1)
        status = 503 if len(calls) < 3 else 200
        return {"status": status, "headers": [], "body": b'{"countries": []}' if status == 200 else b'{"error": "busy"}'}

    client = w.Client("sk_test", flaky)
    client.list_countries()
    assert len(calls) == 3
    calls.clear()
    with pytest.raises(w.ApiError) as info:
        client.purchase(profile_id="p")  # no purchase_intent_id: never sent twice
    assert (info.value.code, len(calls)) == ("server_error", 1)
    calls.clear()
    with pytest.raises(w.ApiError):
        w.Client("sk_test", flaky, max_attempts=1).list_countries()
    assert len(calls) == 1


def test_a_transport_failure_of_a_read_is_retried_and_then_raised() -> None:
    calls: List[int] = []

    def down(request: w.Request) -> w.Response:
        calls.append(1)
        raise ConnectionError("refused")

    with pytest.raises(w.TransportError):
        w.GraphClient("EAAG", down).get_health_status(node_id="1")
    assert len(calls) == 3


def test_the_async_client_retries_too() -> None:
    calls: List[int] = []

    async def flaky(request: w.Request) -> w.Response:
        calls.append(1)
        status = 502 if len(calls) < 2 else 200
        return {"status": status, "headers": [], "body": b'{"countries": []}' if status == 200 else b"{}"}

    asyncio.run(w.AsyncClient("sk_test", flaky).list_countries())
    assert len(calls) == 2


def test_a_string_of_fields_is_one_field_and_a_bad_retry_policy_is_refused_at_once() -> None:
    seen: List[str] = []

    def capture(request: w.Request) -> w.Response:
        seen.append(request["url"])
        return {"status": 200, "headers": [], "body": b'{"id": "1065"}'}

    w.GraphClient("EAAG", capture).get_phone_number(phone_number_id="1065", fields="quality_rating")
    assert seen == ["https://graph.facebook.com/v25.0/1065?fields=quality_rating"]
    with pytest.raises(w.InputError):
        w.Client("sk_test", capture, max_attempts=0)


def test_none_clears_a_clearable_argument_and_leaving_it_out_sends_nothing() -> None:
    bodies: List[Any] = []

    def capture(request: w.Request) -> w.Response:
        bodies.append(json.loads(request["body"]))
        return {"status": 200, "headers": [], "body": b""}

    client = w.Client("sk_test", capture)
    client.update_whatsapp_calling(id="665f", account_id="acc_1", max_call_duration_seconds=None, call_icon_countries=["GB"])
    client.update_whatsapp_calling(id="665f", account_id="acc_1", forward_to=None, recording_enabled=True)
    assert bodies == [
        {"accountId": "acc_1", "maxCallDurationSeconds": None, "callIconCountries": ["GB"]},
        {"accountId": "acc_1", "recordingEnabled": True},
    ]
    # The table says which arguments may be cleared; the same rule holds through `call`.
    client.call("update_whatsapp_calling", {"id": "665f", "account_id": "acc_1", "sip_auth_password": None, "forward_to": None})
    assert bodies[-1] == {"accountId": "acc_1", "sipAuthPassword": None}
