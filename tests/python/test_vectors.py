"""Every case of tests/vectors/*.json through the public Python API."""

from __future__ import annotations

import base64
import json
import re
from typing import Any, Callable, Dict, Mapping

import pytest

import wanumbers as w
from conftest import expand, load_cases, mismatches

CASES = load_cases()

def normalize_request(request: Mapping[str, Any]) -> dict[str, Any]:
    """As the vectors write a request: headers sorted, body parsed (JSON) or {base64}."""
    body: Any = None
    if request["body"]:
        try:
            body = json.loads(request["body"])
        except ValueError:
            body = {"base64": base64.b64encode(request["body"]).decode()}
    headers = sorted([list(h) for h in request["headers"]])
    return {"method": request["method"], "url": request["url"], "headers": headers, "body": body}


def response(i: dict[str, Any]) -> dict[str, Any]:
    r = i["response"]
    return {"status": r["status"], "headers": [tuple(h) for h in r["headers"]], "body": r["body"].encode()}


def apply_events(i: dict[str, Any]) -> dict[str, Any]:
    record: Any = i["record"]
    changed = []
    for body in i["events"]:
        # The typed event and record go back in as they are.
        applied = w.apply_event(record, w.parse_webhook(body.encode()))
        changed.append(applied.changed)
        record = applied.record
    return {"record": wire(record), "changed": changed}


OPS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "normalize_phone": lambda i: w.normalize_phone(i["raw"], i.get("region")),
    "normalize_phone_in_region": lambda i: w.normalize_phone_in_region(i["raw"], i["region"]),
    "check_phone": lambda i: w.check_phone(i["raw"], i.get("region")),
    "check_phones": lambda i: w.check_phones(i["raws"], i.get("region")),
    "format_phone": lambda i: w.format_phone(i["raw"], i.get("region"), i["format"]),
    "example_phone": lambda i: w.example_phone(i["region"], i["type"], i["format"]),
    "is_country_code": lambda i: w.is_country_code(i["code"]),
    "country_name": lambda i: w.country_name(i["code"]),
    "country_info": lambda i: w.country_info(i["code"]),
    "normalize_country_code": lambda i: w.normalize_country_code(i["code"]),
    "countries": lambda i: w.countries(catalog=i.get("json")),
    "catalog_get": lambda i: w.country(i["code"], catalog=i.get("json")),
    "prorate_cents": lambda i: w.prorate_cents(i["monthlyCents"], i["activeDays"], i["daysInMonth"]),
    "days_in_month": lambda i: w.days_in_month(i["year"], i["month"]),
    "invoice": lambda i: w.invoice(i["numbers"], i["start"], i["end"]),
    "run_rate": lambda i: w.run_rate(i["numbers"]),
    "quote": lambda i: w.quote(i["country"], i["quantity"], start=i.get("start"), catalog=i.get("json")),
    "format_usd": lambda i: w.format_usd(i["cents"]),
    "format_monthly": lambda i: w.format_monthly(i["cents"]),
    "next_status": lambda i: w.next_status(i["status"], i["event"]),
    "allowed_actions": lambda i: w.allowed_actions(i["status"]),
    "parse_status": lambda i: w.parse_status(i["status"]),
    "webhook_event": lambda i: w.webhook_event(i["name"]),
    "in_list_view": lambda i: w.in_list_view(i["status"], now=i["now"], view=i.get("view"), declined_at=i.get("declinedAt")),
    "validate_kyc": lambda i: w.validate_kyc(i["form"], i["submission"], availability=i.get("availability"), today=i["today"], lang=i["lang"]),
    "validate_remediation": lambda i: w.validate_remediation(i["form"], i["submission"], previous=i.get("previous"), today=i["today"], lang=i["lang"]),
    "remediation_payload": lambda i: w.remediation_payload(i["form"], i["previous"], i["corrections"]),
    "sniff_document": lambda i: w.sniff_document(base64.b64decode(i["base64"])),
    "check_document_size": lambda i: w.check_document_size(i["size"]),
    "combine_id_sides": lambda i: w.sniff_document(w.combine_id_sides(base64.b64decode(i["front"]), base64.b64decode(i["back"]))),
    "zernio_request": lambda i: normalize_request(w.build_request("zernio", snake_keys(i["config"]), i["operation"], snake_keys(i["args"]))),
    "graph_request": lambda i: normalize_request(w.build_request("graph", snake_keys(i["config"]), i["operation"], snake_keys(i["args"]))),
    "zernio_parse": lambda i: w.parse_response("zernio", i["operation"], snake_keys(i["args"]), response(i)),
    "graph_parse": lambda i: w.parse_response("graph", i["operation"], snake_keys(i["args"]), response(i)),
    "graph_next_page": lambda i: w.next_page("graph", i["operation"], snake_keys(i["args"]), i["page"]),
    "zernio_next_page": lambda i: w.next_page("zernio", i["operation"], snake_keys(i["args"]), i["page"]),
    "verify_zernio_signature": lambda i: w.verify_zernio_signature(i["secret"].encode(), i["body"].encode(), i["header"]),
    "verify_meta_signature": lambda i: w.verify_meta_signature(i["appSecret"].encode(), i["body"].encode(), i["header"]),
    "meta_challenge": lambda i: w.meta_challenge(i["mode"], i["token"], i["challenge"], i["expected"]),
    "parse_zernio_webhook": lambda i: w.parse_webhook(i["body"].encode()),
    "parse_meta_webhook": lambda i: w.parse_meta_webhook(i["body"].encode()),
    "apply_events": apply_events,
    "purchase_guard": lambda i: w.purchase_guard(i["lastPurchaseAt"], i["now"], i["allowMultiple"]),
    "retry_decision": lambda i: w.retry_decision(i["platform"], i["operation"], snake_keys(i["args"]), i["attempt"], i["response"], i["now"], float(i["jitter"]), i.get("policy")),
}


def test_the_vectors_are_there() -> None:
    suites = {name.split(":")[0] for name, _ in CASES}
    assert suites >= {"phone", "country", "pricing", "status", "kyc", "http_requests", "http_responses", "webhooks"}, suites
    assert len(CASES) >= 500, len(CASES)
    assert {case["input"]["op"] for _, case in CASES} <= set(OPS), "an op has no Python mapping"


def snake(name: str) -> str:
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def snake_keys(value: Any) -> Any:
    """Python spells the operations' arguments (and configs) in snake_case: the shared vectors'
    camelCase names, converted at the test's edge as the core converts them at Python's."""
    return {snake(k): v for k, v in value.items()} if isinstance(value, dict) else value


# Operations whose arguments Python spells in snake_case; their argument names in the expected
# values are converted the same way.
SPELLED = {
    "zernio_request",
    "graph_request",
    "zernio_parse",
    "graph_parse",
    "graph_next_page",
    "zernio_next_page",
    "retry_decision",
}


def python_expectation(op: str, expect: Dict[str, Any]) -> Dict[str, Any]:
    if op not in SPELLED:
        return expect
    if op in ("graph_next_page", "zernio_next_page") and isinstance(expect.get("ok"), dict):
        return dict(expect, ok=snake_keys(expect["ok"]))
    error = expect.get("error")
    if isinstance(error, dict) and error.get("code") == "argument_unknown":
        argument, suggestion = error.get("details", {}).get("argument"), error.get("details", {}).get("did_you_mean")
        if argument and suggestion and snake(argument) == snake(suggestion):
            # The wire's snake_case name, wrong in camelCase languages, is Python's own spelling.
            return {"ok": {}}
        details = {k: snake(v) if k in ("argument", "did_you_mean") else v for k, v in error.get("details", {}).items()}
        return dict(expect, error=dict(error, details=details))
    if isinstance(error, dict) and isinstance(error.get("details", {}).get("argument"), str):
        # Errors name the argument as Python spells it.
        details = dict(error["details"], argument=snake(error["details"]["argument"]))
        return dict(expect, error=dict(error, details=details))
    return expect


def wire(result: Any) -> Any:
    """A result's wire form (the vectors' form): typed objects through ``to_dict()``, which must
    also read back into an equal object."""
    if isinstance(result, (w.Model, w.PhoneCheck)):
        data = result.to_dict()
        assert type(result).from_dict(data) == result, f"{type(result).__name__} does not survive to_dict/from_dict"
        return data
    if isinstance(result, list):
        return [wire(item) for item in result]
    if isinstance(result, tuple):
        return [wire(item) for item in result]
    return result


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[n for n, _ in CASES])
def test_vector(case: dict[str, Any]) -> None:
    call = OPS[case["input"]["op"]]
    case = dict(case, input=expand(case["input"]))
    expect = python_expectation(case["input"]["op"], case["expect"])
    try:
        result = call(case["input"])
    except w.WanumbersError as err:
        assert "error" in expect, f"expected ok {expect.get('ok')!r}, got {err!r} {err.details}"
        actual = {"code": err.code, "message": err.message, "details": err.details}
        problems = mismatches(expect["error"], actual, "error")
    else:
        assert "ok" in expect, f"expected error {expect.get('error')!r}, got ok {result!r}"
        problems = mismatches(expect["ok"], wire(result))
    assert not problems, "\n".join(problems)


def test_phone_metadata_version_is_the_pinned_release() -> None:
    # The pin the metadata generator reads (tools/requirements-dev.txt), not our own output.
    import pathlib  # noqa: PLC0415

    pins = (pathlib.Path(__file__).resolve().parents[2] / "tools" / "requirements-dev.txt").read_text(encoding="utf-8")
    pin = re.search(r"^phonenumbers==(\S+)$", pins, re.MULTILINE)
    assert pin, "tools/requirements-dev.txt pins phonenumbers"
    assert w.PHONE_METADATA_VERSION == pin.group(1)
