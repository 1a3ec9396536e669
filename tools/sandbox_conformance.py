"""`make sandbox-conformance` (part of `make test`): schemathesis runs Zernio's OpenAPI subset
(../shared/reference/zernio-spec) against `wanumbers sandbox serve`, stateless and stateful,
with `--checks all`, and must report no failure.

The spec it runs is the verbatim 2026-08-22 subset with:
- the `openapi`/`info` header and `components.securitySchemes` put back (the extract left
  them out);
- DELTAS: what the newer 1.127.0 spec changed (the hand-transcribed delta file beside the
  subset), so the run checks the API as it is today;
- EXCLUSIONS: where the spec is looser than the real API (it admits a value the API refuses),
  the sandbox follows the API, and the spec is tightened here, or the operation allowed the
  API's refusal. README.md ("Conformance") lists each one with its reason; a test checks that
  the two lists agree. Nothing else is excluded.

Usage: build/venv-conformance/bin/python tools/sandbox_conformance.py [schemathesis options]
(`--print-exclusions` prints the exclusions as the README's list.)
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, List, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = os.path.join(ROOT, "..", "shared", "reference", "zernio-spec", "openapi-2026-08-22-phone-numbers-subset.yaml")

Spec = Dict[str, Any]
METHODS = ("get", "post", "put", "patch", "delete")


def operations(spec: Spec) -> Iterator[Tuple[str, str, Dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                yield path, method, op


def op(spec: Spec, method: str, path: str) -> Dict[str, Any]:
    return spec["paths"][path][method]


def body_schema(operation: Dict[str, Any]) -> Dict[str, Any] | None:
    content = (operation.get("requestBody") or {}).get("content") or {}
    media = content.get("application/json")
    return media.get("schema") if media else None


def inline(spec: Spec, node: Any, depth: int = 0) -> Any:
    """`node` with its `$ref`s copied in (so a request schema can be tightened without
    touching the components the responses share)."""
    if depth > 20:
        return node
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = spec
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return inline(spec, copy.deepcopy(target), depth + 1)
        return {k: inline(spec, v, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [inline(spec, v, depth + 1) for v in node]
    return node


def objects(schema: Any) -> Iterator[Dict[str, Any]]:
    """Every object schema inside a request schema."""
    if not isinstance(schema, dict):
        return
    if "properties" in schema:
        yield schema
    for key in ("properties",):
        for sub in (schema.get(key) or {}).values():
            yield from objects(sub)
    for key in ("items", "additionalProperties"):
        yield from objects(schema.get(key))
    for key in ("oneOf", "anyOf", "allOf"):
        for sub in schema.get(key) or []:
            yield from objects(sub)


def free_text(schema: Dict[str, Any]) -> bool:
    """A string schema with no constraint on its content."""
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return "string" in kinds and not any(k in schema for k in ("minLength", "pattern", "enum", "format", "const"))


def request_schemas(spec: Spec) -> Iterator[Tuple[str, str, str, Dict[str, Any]]]:
    """(method, path, name, schema) of every request parameter and body member (body schemas
    inlined in place first)."""
    for path, method, operation in operations(spec):
        for param in operation.get("parameters") or []:
            if "schema" in param:
                yield method, path, param["name"], param
        schema = body_schema(operation)
        if schema is not None:
            schema = inline(spec, schema)
            operation["requestBody"]["content"]["application/json"]["schema"] = schema
            for obj in objects(schema):
                for name in obj.get("properties") or {}:
                    yield method, path, name, obj


# --- the newer spec (1.127.0) -----------------------------------------------------------------

WEBHOOK_EVENTS_ADDED = ["phone_number.stock_available"]


def deltas(spec: Spec) -> None:
    """What Zernio 1.127.0 changed (zernio-spec/openapi-1.127.0-delta-vs-2026-08-22.yaml)."""
    op(spec, "get", "/v1/phone-numbers/countries")["security"] = []
    for path in ("/v1/phone-numbers/available", "/v1/phone-numbers/availability"):
        op(spec, "get", path)["security"] = [{}, {"bearerAuth": []}]
    available = op(spec, "get", "/v1/phone-numbers/available")
    available.setdefault("parameters", []).extend(
        [
            {"name": "numberType", "in": "query", "schema": {"type": "string", "enum": ["local", "mobile", "national", "toll_free"]}},
            {"name": "areaCode", "in": "query", "schema": {"type": "string"}},
            {"name": "masked", "in": "query", "schema": {"type": "boolean"}},
        ]
    )
    available["responses"]["429"] = {"description": "Keyless rate limit reached"}
    for path in ("/v1/phone-numbers/{id}", "/v1/whatsapp/phone-numbers/{phoneNumberId}"):
        op(spec, "delete", path)["responses"]["409"] = {"description": "attached to a SIP trunk"}
    for path in ("/v1/phone-numbers/purchase", "/v1/whatsapp/phone-numbers/purchase"):
        purchase = op(spec, "post", path)
        purchase["responses"]["503"] = {"description": "CARRIER_UNAVAILABLE"}
        conflict = inline(spec, purchase["responses"]["409"])
        purchase["responses"]["409"] = conflict
        conflict["content"]["application/json"]["schema"]["properties"]["code"]["enum"] = [
            "PURCHASE_VELOCITY",
            "AREA_CODE_UNAVAILABLE",
            "PHONE_NUMBER_UNAVAILABLE",
            "COUNTRY_OUT_OF_STOCK",
            "NO_WHATSAPP_ELIGIBLE_NUMBER",
        ]
        schema = body_schema(purchase)
        if schema is not None:
            schema = inline(spec, schema)
            purchase["requestBody"]["content"]["application/json"]["schema"] = schema
            schema["properties"]["phoneNumber"] = {"type": "string", "pattern": "^\\+[1-9]\\d{6,14}$"}
    for path in ("/v1/phone-numbers/kyc/share", "/v1/whatsapp/phone-numbers/kyc/share"):
        share = op(spec, "post", path)
        schema = inline(spec, body_schema(share))
        share["requestBody"]["content"]["application/json"]["schema"] = schema
        schema["properties"]["language"] = {"type": "string", "enum": ["en", "es", "pt-BR"]}
    # The new event, wherever the spec enumerates events.
    def add_events(node: Any) -> None:
        if isinstance(node, dict):
            enum = node.get("enum")
            if isinstance(enum, list) and "whatsapp.number.activated" in enum:
                enum.extend(e for e in WEBHOOK_EVENTS_ADDED if e not in enum)
            for v in node.values():
                add_events(v)
        elif isinstance(node, list):
            for v in node:
                add_events(v)

    add_events(spec)


# --- exclusions -------------------------------------------------------------------------------


@dataclass
class Exclusion:
    """One place where the spec is looser than the API: `what` the run changes and `why`."""

    name: str
    what: str
    why: str
    spec: Callable[[Spec], None] | None = None
    # Operations ("METHOD /path") whose positive-data check also takes these statuses.
    allow: Tuple[Tuple[str, ...], Tuple[str, ...]] | None = None


# Some character that is not white space as Rust's `str::trim` has it (the clients' check):
# ECMAScript's `\S` would take U+0085, which Rust trims.
NOT_BLANK = "[^\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


def not_empty(spec: Spec) -> None:
    for method, path, name, holder in list(request_schemas(spec)):
        if "in" in holder:  # a parameter
            if holder.get("required") and free_text(holder["schema"]):
                holder["schema"]["pattern"] = NOT_BLANK
        elif name in (holder.get("required") or []) and free_text(holder["properties"][name]):
            holder["properties"][name]["pattern"] = NOT_BLANK


def iso_country(spec: Spec) -> None:
    for method, path, name, holder in list(request_schemas(spec)):
        schema = holder["schema"] if "in" in holder else holder["properties"][name]
        if name == "country" and free_text(schema):
            schema["pattern"] = "^[A-Z]{2}$"


def intent_not_empty(spec: Spec) -> None:
    for path in ("/v1/phone-numbers/purchase", "/v1/whatsapp/phone-numbers/purchase"):
        schema = body_schema(op(spec, "post", path)) or {}
        schema["properties"]["purchaseIntentId"]["minLength"] = 1


def document_not_empty(spec: Spec) -> None:
    for path in ("/v1/phone-numbers/kyc/upload-document", "/v1/whatsapp/phone-numbers/kyc/upload-document"):
        op(spec, "post", path)["requestBody"]["content"]["application/octet-stream"]["schema"]["minLength"] = 1


def purchase_any_of(spec: Spec) -> None:
    for path in ("/v1/phone-numbers/purchase", "/v1/whatsapp/phone-numbers/purchase"):
        media = op(spec, "post", path)["responses"]["200"]["content"]["application/json"]
        schema = inline(spec, media["schema"])
        schema["anyOf"] = schema.pop("oneOf")
        media["schema"] = schema


BAD_REQUEST_UNDOCUMENTED = (
    "GET /v1/phone-numbers",
    "POST /v1/whatsapp/calls",
    "GET /v1/whatsapp/calls",
    "GET /v1/whatsapp/calls/{id}",
    "GET /v1/whatsapp/calls/{id}/recording",
    "GET /v1/whatsapp/calls/estimate",
    "GET /v1/whatsapp/calling",
    "GET /v1/whatsapp/call-permissions",
    "POST /v1/phone-numbers/{id}/voice",
    "POST /v1/phone-numbers/{id}/sms",
    "POST /v1/phone-numbers/kyc/review-packet",
)


def bad_request_documented(spec: Spec) -> None:
    for name in BAD_REQUEST_UNDOCUMENTED:
        method, path = name.split(" ", 1)
        op(spec, method.lower(), path)["responses"].setdefault(
            "400", {"description": "Invalid request (not in the 2026-08-22 subset)"}
        )


# The API's 400s that depend on its state or catalogue, or on a format the spec gives only in
# words, which no schema expresses.
SEMANTIC_400 = (
    "POST /v1/webhooks/settings",
    "GET /v1/whatsapp/call-permissions",
    "GET /v1/whatsapp/calls/estimate",
    "POST /v1/whatsapp/calls",
    "POST /v1/phone-numbers/{id}/voice",
    "POST /v1/phone-numbers/kyc/validate-address",
    "POST /v1/whatsapp/phone-numbers/kyc/validate-address",
    "GET /v1/phone-numbers/available",
    "GET /v1/whatsapp/phone-numbers/available",
    "GET /v1/phone-numbers/availability",
    "GET /v1/whatsapp/phone-numbers/availability",
    "POST /v1/phone-numbers/purchase",
    "POST /v1/whatsapp/phone-numbers/purchase",
    "GET /v1/phone-numbers/kyc",
    "GET /v1/whatsapp/phone-numbers/kyc",
    "POST /v1/phone-numbers/kyc",
    "POST /v1/whatsapp/phone-numbers/kyc",
    "POST /v1/phone-numbers/kyc/share",
    "POST /v1/whatsapp/phone-numbers/kyc/share",
    "POST /v1/phone-numbers/kyc/review-packet",
    "GET /v1/phone-numbers/{id}/remediate",
    "GET /v1/whatsapp/phone-numbers/{id}/remediate",
    "POST /v1/phone-numbers/{id}/remediate",
    "POST /v1/whatsapp/phone-numbers/{id}/remediate",
    "POST /v1/phone-numbers/{id}/remediate/reply",
    "POST /v1/phone-numbers/{id}/remediate/respond",
    "POST /v1/phone-numbers/{id}/whatsapp/caller-id-verification",
    "POST /v1/phone-numbers/{id}/whatsapp/caller-id-verification/verify",
    "POST /v1/phone-numbers/{id}/whatsapp/calling",
    "PATCH /v1/phone-numbers/{id}/whatsapp/calling",
    "DELETE /v1/phone-numbers/{id}/whatsapp/calling",
    "POST /v1/whatsapp/phone-numbers/{id}/calling",
    "PATCH /v1/whatsapp/phone-numbers/{id}/calling",
    "DELETE /v1/whatsapp/phone-numbers/{id}/calling",
)

EXCLUSIONS: List[Exclusion] = [
    Exclusion(
        "required-text-not-blank",
        "Every required text parameter and body member without a constraint gets a pattern: "
        "some character that is not white space.",
        "An empty required value is a missing one: the API answers 400 (its SDK strips empty "
        "query values for this reason). A blank one (spaces, a tab) names nothing either; the "
        "sandbox refuses it as the clients do before sending (the API's answer to it is not "
        "documented).",
        spec=not_empty,
    ),
    Exclusion(
        "country-code",
        "Every unconstrained `country` gets the pattern `^[A-Z]{2}$`.",
        "The spec's own text says ISO 3166-1 alpha-2; the API answers 400 to anything else.",
        spec=iso_country,
    ),
    Exclusion(
        "purchase-intent-not-empty",
        "`purchaseIntentId` gets `minLength: 1`.",
        "An empty key would silently turn off the replay protection a purchase relies on; the "
        "sandbox refuses it as the library does (not confirmed against the live API).",
        spec=intent_not_empty,
    ),
    Exclusion(
        "document-not-empty",
        "The upload-document body gets `minLength: 1`.",
        "The API answers 400 to an empty body (reference zernio.md §4.3).",
        spec=document_not_empty,
    ),
    Exclusion(
        "purchase-200-any-of",
        "The purchase 200's `oneOf` is read as `anyOf`.",
        "Its variants declare no required member, so every body fits more than one of them; the "
        "API's answer is an untagged union (reference zernio.md §8.5).",
        spec=purchase_any_of,
    ),
    Exclusion(
        "bad-request-undocumented",
        "A 400 response is added to the " + str(len(BAD_REQUEST_UNDOCUMENTED)) + " operations "
        "that list none: " + ", ".join(f"`{o}`" for o in BAD_REQUEST_UNDOCUMENTED) + ".",
        "The API answers 400 to a request missing a required value on every operation (1.127.0: "
        "'every 4xx/5xx response is application/json with a code'); the 2026-08-22 subset "
        "lists it on the others only.",
        spec=bad_request_documented,
    ),
    Exclusion(
        "semantic-400",
        "A schema-valid request may get a 400 on these operations: "
        + ", ".join(f"`{o}`" for o in SEMANTIC_400)
        + ".",
        "These 400s depend on the API's state or catalogue, or on a format its spec gives only "
        "in words, which no schema expresses: a country not offered, unknown or without KYC, a "
        "KYC submission its validator refuses, a number not live or not awaiting remediation, "
        "calling not enabled, a wrong verification code, a 51st webhook, a callee that is not a "
        "phone number, a forward target that is not tel:/sip:/wss: (reference zernio.md §3, "
        "§7 and kyc.md).",
        allow=(SEMANTIC_400, ("400",)),
    ),
]


def runnable_spec() -> Spec:
    import yaml

    if not os.path.exists(SPEC):
        sys.exit(f"sandbox_conformance: {SPEC} is missing (the shared reference files are needed)")
    with open(SPEC, encoding="utf-8") as fh:
        subset = yaml.safe_load(fh)
    subset.pop("x-source", None)
    spec: Spec = {"openapi": "3.1.0", "info": {"title": "Zernio phone numbers (subset)", "version": "1.0.4"}}
    spec.update(subset)
    spec.setdefault("components", {})["securitySchemes"] = spec.pop("securitySchemes", {})
    deltas(spec)
    for exclusion in EXCLUSIONS:
        if exclusion.spec is not None:
            exclusion.spec(spec)
    return spec


def config_toml() -> str:
    """schemathesis.toml: the operations that may answer the API's stateful 400s."""
    lines: List[str] = []
    for exclusion in EXCLUSIONS:
        if exclusion.allow is None:
            continue
        names, statuses = exclusion.allow
        for name in names:
            expected = ["2xx", "401", "403", "404", "409", "422", "429", "5xx", *statuses]
            lines += [
                "[[operations]]",
                f'include-name = "{name}"',
                "checks.positive_data_acceptance.expected-statuses = " + json.dumps(expected),
                "",
            ]
    return "\n".join(lines)


def readme_list() -> str:
    return "\n".join(f"- **{e.name}**: {e.what} {e.why}" for e in EXCLUSIONS)


def main(extra: List[str]) -> int:
    if extra == ["--print-exclusions"]:
        print(readme_list())
        return 0
    import wanumbers as w
    from wanumbers import _sandbox

    urls: List[str] = []
    ready = threading.Event()

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    box = w.Sandbox(seed=1)
    # Strict keys: the run's key is the only account, so invalid keys get the API's 401.
    box.keys(["sk_test_conformance"])
    threading.Thread(target=_sandbox.serve, args=(box, "127.0.0.1", 0), kwargs={"ready": on_ready, "deliver": False}, daemon=True).start()
    if not ready.wait(10):
        sys.exit("sandbox_conformance: the sandbox did not start")
    work = tempfile.mkdtemp(prefix="wanumbers-conformance-")
    spec_path = os.path.join(work, "zernio.json")
    with open(spec_path, "w", encoding="utf-8") as fh:
        json.dump(runnable_spec(), fh)
    config_path = os.path.join(work, "schemathesis.toml")
    with open(config_path, "w", encoding="utf-8") as fh:
        fh.write(config_toml())
    schemathesis = os.environ.get("SCHEMATHESIS") or os.path.join(os.path.dirname(sys.executable), "schemathesis")
    command = [
        schemathesis,
        "--config-file",
        config_path,
        "--no-color",
        "run",
        spec_path,
        "--url",
        urls[0] + "/api",
        "--checks",
        "all",
        "--workers",
        "1",
        "--header",
        "Authorization: Bearer sk_test_conformance",
        *extra,
    ]
    return subprocess.call(command)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
