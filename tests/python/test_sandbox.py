"""The sandbox from Python: the real clients through it, in-process, over httpx and over HTTP."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import http.client as http_client
import json
import threading
import urllib.request
from typing import Any, Dict, List, Tuple

import httpx
import pytest

import wanumbers as w

START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)
SUBMISSION: Dict[str, Any] = {
    "profileId": "prof_1",
    "country": "GB",
    "endUserFirstName": "Ana",
    "endUserLastName": "Garcia",
    "values": {"gb-name": "Acme Ltd", "gb-contact": "ops@acme.example"},
    "documents": [{"requirementId": "gb-poa", "filename": "bill.pdf", "base64": "JVBERi0xLjQKJXdhbnVtYmVycyB0ZXN0CjEgMCBvYmo8PD4+ZW5kb2JqCg=="}],
    "address": {
        "requirementId": "gb-addr",
        "country_code": "GB",
        "street_address": "10 Downing Street",
        "locality": "London",
        "administrative_area": "London",
        "postal_code": "SW1A 2AA",
    },
}


def sandbox() -> w.Sandbox:
    return w.Sandbox(seed=1, clock=lambda: START)


def first_record_id(submitted: w.models.KycSubmitted) -> str:
    """The id of the first number record a KYC submission answers with."""
    first = submitted.numbers[0]
    assert isinstance(first, dict)
    number_id = first["id"]
    assert isinstance(number_id, str)
    return number_id


def test_the_lifecycle_through_the_client_with_signed_webhooks() -> None:
    box = sandbox()
    client = w.Client("sk_test_py", box)
    client.create_webhook_settings(name="n", url="https://hooks.example.com/z", secret="whsec_py", events=["whatsapp.number.activated"])
    bought = client.purchase(profile_id="prof_1", purchase_intent_id="o-1")
    assert isinstance(bought, w.models.PurchaseOutcomeProvisioned) and bought.phone_number.status == "active"
    assert isinstance(client.purchase(profile_id="prof_1", purchase_intent_id="o-1"), w.models.PurchaseOutcomeAlreadyPurchased)
    with pytest.raises(w.ApiError) as info:
        client.purchase(profile_id="prof_1")
    assert info.value.code == "purchase_velocity"
    assert isinstance(client.purchase(profile_id="prof_1", country="GB", allow_multiple=True), w.models.PurchaseOutcomeKycRequired)
    form = client.get_kyc_form(country="GB")
    submitted = client.submit_kyc(form=form, submission=SUBMISSION)
    number_id = first_record_id(submitted)
    assert client.get_number(id=number_id).status == "pending_regulatory"
    assert box.advance(2 * 86_400) == "2026-12-03T09:00:00Z"
    assert client.get_number(id=number_id).status == "active"
    deliveries = box.take_deliveries()
    assert [d["event"] for d in deliveries] == ["whatsapp.number.activated", "whatsapp.number.activated"]
    for delivery in deliveries:
        signature = dict(delivery["headers"])["x-zernio-signature"]
        # The library's verifier, and plain hmac.
        w.verify_zernio_signature(b"whsec_py", delivery["body"], signature)
        assert hmac.compare_digest(signature, hmac.new(b"whsec_py", delivery["body"], hashlib.sha256).hexdigest())
    invoice = box.invoice("2026-12-01", "2027-01-01", api_key="sk_test_py")
    assert invoice.total_cents > 0 and len(invoice.lines) == 2
    suspended = box.force(number_id, "suspend", api_key="sk_test_py")
    assert suspended.status == "suspended"
    box.fail("list_numbers", 503, api_key="sk_test_py", code="CARRIER_UNAVAILABLE", times=5)
    with pytest.raises(w.ApiError) as failed:
        client.list_numbers()  # retried as a read is, then given up
    assert failed.value.code == "carrier_unavailable"
    box.clear_failures(api_key="sk_test_py")
    assert client.list_numbers().numbers


def test_graph_verify_and_register() -> None:
    box = sandbox()
    graph = w.GraphClient("EAAG_py", box)
    added = graph.add_phone_number(waba_id="102290129340398", cc="44", phone_number="7911123456", verified_name="Acme")
    graph.request_code(phone_number_id=added.id, code_method="SMS", language="en_US")
    with pytest.raises(w.ApiError) as info:
        graph.verify_code(phone_number_id=added.id, code="000000")
    assert info.value.code == "verification_code_invalid"
    graph.verify_code(phone_number_id=added.id, code=w.GOOD_CODE)
    graph.register(phone_number_id=added.id, pin="112233")
    assert graph.get_phone_number(phone_number_id=added.id).status == "CONNECTED"


def test_httpx_clients_and_the_http_server() -> None:
    box = sandbox()
    with httpx.Client(transport=box.httpx_transport(), base_url="https://zernio.com/api") as http:
        response = http.get("/v1/phone-numbers/countries")
        assert response.status_code == 200 and response.json()["countries"]
        assert http.get("/v1/phone-numbers").status_code == 401
    urls: List[str] = []
    ready = threading.Event()

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    thread = threading.Thread(target=w._sandbox.serve, args=(box, "127.0.0.1", 0), kwargs={"ready": on_ready}, daemon=True)
    thread.start()
    assert ready.wait(10)
    client = w.Client("sk_test_http", base_url=urls[0] + "/api", allow_insecure_http=True)
    bought = client.purchase(profile_id="prof_1")
    assert isinstance(bought, w.models.PurchaseOutcomeProvisioned)
    with urllib.request.urlopen(urls[0] + "/_sandbox/clock") as reply:
        assert json.load(reply)["now"] == "2026-12-01T09:00:00Z"
    # The Host header is the client's: it cannot turn a request into a control.
    host, port = urls[0].removeprefix("http://").split(":")
    conn = http_client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", "/api/v1/phone-numbers/countries", headers={"Host": "x/_sandbox/snapshot?"})
    reply = conn.getresponse()
    assert reply.status == 200 and "countries" in json.loads(reply.read())
    # A method neither API has is the API's 405 naming what the path takes (or its 404).
    conn.request("TRACE", "/api/v1/phone-numbers/purchase")
    traced = conn.getresponse()
    traced.read()
    assert traced.status == 405 and traced.getheader("allow") == "POST"
    conn.request("OPTIONS", "/api/v1/nowhere")
    nowhere = conn.getresponse()
    nowhere.read()
    assert nowhere.status == 404
    conn.request("POST", "/api/v1/phone-numbers/purchase", body=b"{}", headers={"Content-Length": "many"})
    assert conn.getresponse().status == 400
    conn.close()


def test_same_seed_same_bytes_and_snapshots() -> None:
    def run() -> Tuple[w.PurchaseOutcome, Dict[str, w.Json]]:
        box = sandbox()
        out = w.Client("sk_test_same", box).purchase(profile_id="p")
        return out, box.snapshot()

    first, second = run(), run()
    assert first == second
    restored = w.Sandbox.restore(first[1], clock=lambda: START)
    assert len(w.Client("sk_test_same", restored).list_numbers().numbers) == 1
    assert "sk_test_same" not in json.dumps(first[1])
    with pytest.raises(w.InputError):
        w.Sandbox(clock=lambda: dt.datetime(2026, 1, 1)).now()


def test_the_cli_serves_until_ctrl_c_and_keeps_its_state(tmp_path: Any) -> None:
    import signal
    import subprocess
    import sys

    state = tmp_path / "sandbox.json"

    def start() -> Any:
        proc = subprocess.Popen(
            [sys.executable, "-m", "wanumbers", "sandbox", "serve", "--port", "0", "--seed", "3", "--state", str(state)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("sandbox listening on http://127.0.0.1:"), first
        return proc, first.split()[-1]

    proc, url = start()
    try:
        client = w.Client("sk_test_cli", base_url=url + "/api", allow_insecure_http=True)
        assert isinstance(client.purchase(profile_id="prof_1"), w.models.PurchaseOutcomeProvisioned)
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0 and "sandbox stopped" in err
    # The state file holds the number (and no key); a second run starts from it.
    assert "sk_test_cli" not in state.read_text()
    proc, url = start()
    try:
        client = w.Client("sk_test_cli", base_url=url + "/api", allow_insecure_http=True)
        assert len(client.list_numbers().numbers) == 1
    finally:
        # SIGTERM (docker stop, systemd) stops it cleanly too.
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0 and "sandbox stopped" in err


def test_the_server_posts_webhooks_and_retries_on_the_sandbox_clock() -> None:
    from http.server import BaseHTTPRequestHandler, HTTPServer

    received: List[Dict[str, Any]] = []
    answers = [500, 200]

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the base's name
            body = self.rfile.read(int(self.headers["content-length"]))
            received.append({"headers": dict(self.headers.items()), "body": body})
            self.send_response(answers.pop(0) if answers else 200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    receiver = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    box = sandbox()
    urls: List[str] = []
    ready = threading.Event()
    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    threading.Thread(target=w._sandbox.serve, args=(box, "127.0.0.1", 0), kwargs={"ready": on_ready}, daemon=True).start()
    assert ready.wait(10)
    client = w.Client("sk_test_hooks", base_url=urls[0] + "/api", allow_insecure_http=True)
    hook_url = f"http://127.0.0.1:{receiver.server_address[1]}/hooks"
    client.create_webhook_settings(name="n", url=hook_url, secret="whsec_srv", events=["whatsapp.number.activated"])
    client.purchase(profile_id="prof_1")

    def wait_for(count: int) -> None:
        for _ in range(100):
            if len(received) >= count:
                return
            threading.Event().wait(0.05)
        raise AssertionError(f"{len(received)} deliveries, expected {count}")

    wait_for(1)
    first = received[0]
    w.verify_zernio_signature(b"whsec_srv", first["body"], first["headers"]["X-Zernio-Signature"])
    # The endpoint answered 500: the retry comes 10 s after the server reports it, on the
    # sandbox clock (so the clock moves only once the report is in: the log shows it).
    for _ in range(100):
        if client.get_webhook_logs().logs:
            break
        threading.Event().wait(0.05)
    box.advance(10)
    wait_for(2)
    assert received[1]["body"] == first["body"]
    assert received[1]["headers"]["X-Zernio-Event-Id"] == first["headers"]["X-Zernio-Event-Id"]
    for _ in range(100):
        logs = client.get_webhook_logs().logs
        if len(logs) == 2:
            break
        threading.Event().wait(0.05)
    assert [(log.attempt_number, log.status) for log in logs] == [(2, "success"), (1, "failed")]
    receiver.shutdown()


def test_controls_by_name_in_process() -> None:
    box = sandbox()
    client = w.Client("sk_test_ctl", box)
    client.create_webhook_settings(name="n", url="https://hooks.example.com/z", events=["whatsapp.number.activated"])
    client.purchase(profile_id="prof_1")
    (delivery,) = box.take_deliveries()
    assert box.report(delivery["id"], error="ConnectionRefusedError")["next"] == "2026-12-01T09:00:10Z"
    box.advance(10)
    (retry,) = box.take_deliveries()
    assert retry["attempt"] == 2 and retry["event_id"] == delivery["event_id"]
    with pytest.raises(w.InputError) as unknown:
        box.control("advance", {"by": 1, "hours": 1})
    assert unknown.value.code == "argument_unknown" and unknown.value.details["argument"] == "hours"
    with pytest.raises(w.InputError) as missing:
        box.advance()
    assert missing.value.code == "argument_invalid"
    journal = box.journal(api_key="sk_test_ctl")
    assert [r["operation"] for r in journal] == ["create_webhook_settings", "purchase"]
    saved = box.snapshot()
    box.reset()
    assert client.list_numbers().numbers == []
    box.load(saved)
    assert len(client.list_numbers().numbers) == 1


def test_a_declined_number_is_remediated_and_activated_on_the_same_record() -> None:
    box = sandbox()
    client = w.Client("sk_test_remedy", box)
    form = client.get_kyc_form(country="GB")
    submitted = client.submit_kyc(form=form, submission={**SUBMISSION, "endUserLastName": "Declined"})
    number_id = first_record_id(submitted)
    box.advance(2 * 86_400)
    declined = client.get_number(id=number_id)
    assert declined.status == "regulatory_declined" and declined.regulatory_decline_reason
    remediation = client.get_remediation(id=number_id)
    assert [f.requirement_id for f in remediation.fields] == ["gb-poa"]
    resubmitted = client.submit_remediation(id=number_id, form=remediation, submission={"documents": SUBMISSION["documents"]})
    assert resubmitted.status == "resubmitted"
    assert client.get_number(id=number_id).status == "pending_regulatory"
    box.advance(2 * 86_400)
    assert client.get_number(id=number_id).status == "active"
    assert len(client.list_numbers().numbers) == 1


def test_calling_sms_and_preverified_numbers() -> None:
    box = sandbox()
    client = w.Client("sk_test_calling", box)
    bought = client.purchase(profile_id="prof_1")
    assert isinstance(bought, w.models.PurchaseOutcomeProvisioned)
    number_id = bought.phone_number.id
    account = client.list_numbers().numbers[0].social_account_id
    assert number_id is not None and account is not None
    client.enable_whatsapp_calling(id=number_id, account_id=account, forward_to="tel:+14155550100")
    assert client.get_calling_config(account_id=account).calling_enabled is True
    with pytest.raises(w.ApiError) as no_permission:
        client.place_call(account_id=account, to="+447400123456")
    assert no_permission.value.status == 409
    client.place_call(account_id=account, to="+447400123456", action="send_call_permission_request")
    placed = client.place_call(account_id=account, to="+447400123456")
    assert isinstance(placed, dict)
    call_id = placed["callId"]
    assert [c.id for c in client.list_calls(account_id=account).calls] == [call_id]
    assert client.enable_sms(id=number_id).needs_registration is True
    graph = w.GraphClient("EAAG_pre_py", box)
    added = graph.add_preverified_numbers(business_id="102290129340398", phone_number="+447400123456")
    graph.request_preverified_code(preverified_id=added.id, code_method="SMS", language="en_US")
    assert graph.verify_preverified_code(preverified_id=added.id, code=w.GOOD_CODE).success is True


def test_graph_webhooks_signed_with_the_app_secret() -> None:
    box = sandbox()
    graph = w.GraphClient("EAAG_hooks_py", box)
    box.graph_webhook("https://hooks.example.com/meta", app_secret="app_secret_py", api_key="EAAG_hooks_py")
    added = graph.add_phone_number(waba_id="102290129340398", cc="44", phone_number="7911123456", verified_name="Acme")
    node = box.graph_quality(added.id, api_key="EAAG_hooks_py", messaging_limit_tier="TIER_10K")
    assert node.messaging_limit_tier == "TIER_10K"
    (delivery,) = box.take_deliveries()
    signature = dict(delivery["headers"])["x-hub-signature-256"]
    w.verify_meta_signature(b"app_secret_py", delivery["body"], signature)
    assert signature == "sha256=" + hmac.new(b"app_secret_py", delivery["body"], hashlib.sha256).hexdigest()
    change = json.loads(delivery["body"])["entry"][0]["changes"][0]
    assert change["field"] == "phone_number_quality_update" and change["value"]["event"] == "UPGRADE"


def test_strict_keys_and_planted_drops_and_latency() -> None:
    import time

    box = sandbox()
    box.keys(["sk_test_known"])
    with pytest.raises(w.ApiError) as stranger:
        w.Client("sk_test_stranger", box).list_numbers()
    assert stranger.value.code == "unauthorized"
    known = w.Client("sk_test_known", box)
    box.fail("purchase", api_key="sk_test_known", drop=True)
    with pytest.raises(w.TransportError):
        known.purchase(profile_id="prof_1")
    box.fail("list_numbers", api_key="sk_test_known", latency_ms=200)
    started = time.monotonic()
    known.list_numbers()
    assert time.monotonic() - started >= 0.18
    box.keys(None)
    w.Client("sk_test_stranger", box).list_numbers()
