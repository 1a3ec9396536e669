"""The official Zernio Python SDK (``zernio-sdk``, unmodified; only its base URL points at the
sandbox) runs purchase -> KYC -> review -> list -> release against ``wanumbers sandbox serve``."""

from __future__ import annotations

import threading
from typing import Any, Dict, List

import wanumbers as w
from wanumbers import _sandbox

from test_sandbox import START, SUBMISSION

zernio = __import__("zernio")  # no type information ships with the SDK


def serve(box: w.Sandbox) -> str:
    urls: List[str] = []
    ready = threading.Event()

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    threading.Thread(target=_sandbox.serve, args=(box, "127.0.0.1", 0), kwargs={"ready": on_ready}, daemon=True).start()
    assert ready.wait(10)
    return urls[0]


def test_the_official_sdk_buys_submits_kyc_lists_and_releases() -> None:
    box = w.Sandbox(seed=5, clock=lambda: START)
    url = serve(box)
    sdk: Any = zernio.Zernio(api_key="sk_test_official", base_url=url + "/api")
    numbers = sdk.phone_numbers
    countries: Dict[str, Any] = numbers.list_phone_number_countries()
    assert any(c["code"] == "GB" and c["needsKyc"] for c in countries["countries"])
    # The SDK's defaults go out too (country US, connectWhatsapp, wantsSms, allowMultiple).
    bought = numbers.purchase_phone_number("prof_1", purchase_intent_id="sdk-1")
    us_id = bought["phoneNumber"]["id"]
    assert bought["phoneNumber"]["status"] == "active"
    assert numbers.purchase_phone_number("prof_1", purchase_intent_id="sdk-1")["status"] == "already_purchased"
    gb = numbers.purchase_phone_number("prof_1", country="GB", allow_multiple=True)
    assert gb["status"] == "kyc_required" and "country=GB" in gb["kycUrl"]
    form = numbers.get_phone_number_kyc_form(country="GB")
    assert {f["requirementId"] for f in form["fields"]} >= {"gb-name", "gb-addr", "gb-poa"}
    submitted = numbers.submit_phone_number_kyc(
        "prof_1",
        "GB",
        end_user_first_name=SUBMISSION["endUserFirstName"],
        end_user_last_name=SUBMISSION["endUserLastName"],
        values=SUBMISSION["values"],
        documents=SUBMISSION["documents"],
        address=SUBMISSION["address"],
    )
    assert submitted["status"] == "kyc_submitted"
    gb_id = submitted["numbers"][0]["id"]
    assert numbers.get_phone_number(gb_id)["phoneNumber"]["status"] == "pending_regulatory"
    box.advance(2 * 86_400)
    assert numbers.get_phone_number(gb_id)["phoneNumber"]["status"] == "active"
    listed = numbers.list_phone_numbers()
    assert sorted(n["_id"] for n in listed["numbers"]) == sorted([us_id, gb_id])
    assert numbers.list_phone_numbers(status="active")["numbers"]
    released = numbers.release_phone_number(us_id)
    assert released["phoneNumber"]["status"] == "released"
    # A request the API refuses is refused in its own shape, which the SDK raises on.
    try:
        numbers.submit_phone_number_kyc("prof_1", "GB", values={"gb-name": ""})
    except Exception as err:  # the SDK's own error class
        assert "400" in str(err) or getattr(err, "status_code", None) == 400, err
    else:
        raise AssertionError("an empty KYC submission was accepted")
