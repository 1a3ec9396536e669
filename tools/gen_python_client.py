#!/usr/bin/env python3
"""Generate bindings-python/python/wanumbers/_client.py: the Python clients.

One table below lists every operation with its Python parameters (snake_case, typed) and the
upstream JSON name each maps to; the generator writes `Client`, `AsyncClient`, `GraphClient`
and `AsyncGraphClient` with one explicit, typed method per operation. Each method only packs
its arguments and calls the native `build_request` / `parse_response`: the logic is in the core.
Run `make gen`; `make test` checks the file is current.
"""

from __future__ import annotations

import pathlib
import re

import _generated

OUT = pathlib.Path(__file__).resolve().parent.parent / "bindings-python" / "python" / "wanumbers" / "_client.py"

# (python name, upstream name, annotation, default or None for required)
O = "Optional[str]"
OB = "Optional[bool]"
OI = "Optional[int]"
M = "Mapping[str, Any]"
OM = "Optional[Mapping[str, Any]]"

ZERNIO = [
    ("list_countries", "The countries on sale with live prices (`GET /countries`).", []),
    ("search_available", "Numbers for sale (`GET /available`).", [
        ("country", "country", O, "None"), ("number_type", "numberType", O, "None"), ("area_code", "areaCode", O, "None"),
        ("locality", "locality", O, "None"), ("contains", "contains", O, "None"), ("sms", "sms", OB, "None"), ("limit", "limit", OI, "None")]),
    ("check_availability", "Stock and the address constraint for a country (`GET /availability`).", [
        ("country", "country", "str", None), ("number_type", "numberType", O, "None"), ("sms", "sms", OB, "None")]),
    ("purchase", "Buy a number; the result's `outcome` is `checkout`, `provisioned`, `already_purchased` or `kyc_required`.", [
        ("profile_id", "profileId", "str", None), ("country", "country", O, "None"), ("number_type", "numberType", O, "None"),
        ("area_code", "areaCode", O, "None"), ("phone_number", "phoneNumber", O, "None"), ("connect_whatsapp", "connectWhatsapp", OB, "None"),
        ("wants_sms", "wantsSms", OB, "None"), ("wants_whatsapp", "wantsWhatsapp", OB, "None"),
        ("purchase_intent_id", "purchaseIntentId", O, "None"), ("allow_multiple", "allowMultiple", OB, "None")]),
    ("list_numbers", "The account's numbers (`numbers`, `connected`, `imessage`, `sandbox`).", [
        ("status", "status", O, "None"), ("profile_id", "profileId", O, "None")]),
    ("get_number", "One number record.", [("id", "id", "str", None)]),
    ("release_number", "Release a number.", [("id", "id", "str", None)]),
    ("get_kyc_form", "The KYC form for a country.", [
        ("country", "country", "str", None), ("number_type", "numberType", O, "None"), ("profile_id", "profileId", O, "None")]),
    ("submit_kyc", "Submit KYC; validated against the form first (raises `KycValidationError` with every field error).", [
        ("form", "form", M, None), ("submission", "submission", M, None), ("availability", "availability", OM, "None"), ("today", "today", "_Date", "None")]),
    ("upload_document", "Upload one document (raw bytes, at most 20 MB); returns `{documentId}`.", [
        ("filename", "filename", "str", None), ("data", "bytes", "bytes", None)]),
    ("validate_address", "An early address check; a 400 carries suggestions in `details['upstream_details']`.", [
        ("country", "country", "str", None), ("street_address", "streetAddress", "str", None), ("locality", "locality", "str", None),
        ("postal_code", "postalCode", "str", None), ("extended_address", "extendedAddress", O, "None"), ("administrative_area", "administrativeArea", O, "None")]),
    ("create_kyc_link", "A hosted, single-use KYC link (7 days).", [
        ("profile_id", "profileId", "str", None), ("country", "country", "str", None), ("area_code", "areaCode", O, "None"),
        ("language", "language", O, "None"), ("branding", "branding", OM, "None"), ("redirect_url", "redirectUrl", O, "None")]),
    ("get_remediation", "The declined requirements of a number.", [("id", "id", "str", None)]),
    ("submit_remediation", "Re-submit corrected answers (validated against the remediation form first).", [
        ("id", "id", "str", None), ("form", "form", M, None), ("submission", "submission", M, None), ("today", "today", "_Date", "None")]),
    ("request_whatsapp_code", "Zernio requests (and captures) the WhatsApp code. Never retried.", [
        ("id", "id", "str", None), ("method", "method", O, "None")]),
    ("verify_whatsapp_code", "The legacy verify call with the 6-digit code.", [("id", "id", "str", None), ("code", "code", "str", None)]),
    ("get_number_info", "A live snapshot from Meta (quality, limits, name approval).", [("account_id", "accountId", "str", None)]),
    ("place_call", "Place a WhatsApp call, or send the call-permission prompt (`action`).", [
        ("account_id", "accountId", "str", None), ("to", "to", "str", None), ("action", "action", O, "None"),
        ("body_text", "bodyText", O, "None"), ("forward_to", "forwardTo", O, "None"), ("record_override", "recordOverride", OB, "None"),
        ("biz_opaque_callback_data", "bizOpaqueCallbackData", O, "None"), ("idempotency_key", "idempotencyKey", O, "None")]),
    ("move_to_profile", "Move a number to another profile.", [("id", "id", "str", None), ("profile_id", "profileId", "str", None)]),
]

GRAPH = [
    ("get_phone_number", "A phone number node (`fields` defaults to the common ones).", [
        ("phone_number_id", "phoneNumberId", "str", None), ("fields", "fields", "Optional[Sequence[str]]", "None")]),
    ("list_phone_numbers", "One page of a WABA's numbers.", [
        ("waba_id", "wabaId", "str", None), ("fields", "fields", "Optional[Sequence[str]]", "None"),
        ("filtering", "filtering", "Optional[Sequence[Mapping[str, Any]]]", "None"), ("sort", "sort", O, "None"),
        ("limit", "limit", OI, "None"), ("after", "after", O, "None"), ("before", "before", O, "None"), ("total_count", "totalCount", OB, "None")]),
    ("request_code", "Send the OTP by SMS or voice. Never retried.", [
        ("phone_number_id", "phoneNumberId", "str", None), ("code_method", "codeMethod", "str", None), ("language", "language", "str", '"en_US"')]),
    ("verify_code", "Submit the OTP (`123-456` works).", [("phone_number_id", "phoneNumberId", "str", None), ("code", "code", "str", None)]),
    ("register", "Register on the Cloud API (10 tries per 72 h; never retried).", [
        ("phone_number_id", "phoneNumberId", "str", None), ("pin", "pin", "str", None), ("data_localization_region", "dataLocalizationRegion", O, "None")]),
    ("deregister", "Deregister (counts toward the register limit).", [("phone_number_id", "phoneNumberId", "str", None)]),
    ("set_two_step_pin", "Set or change the two-step PIN.", [("phone_number_id", "phoneNumberId", "str", None), ("pin", "pin", "str", None)]),
    ("request_display_name", "Ask for a display-name change (reviewed).", [
        ("phone_number_id", "phoneNumberId", "str", None), ("new_display_name", "newDisplayName", "str", None)]),
    ("get_conversational_automation", "Welcome message, ice breakers and commands.", [("phone_number_id", "phoneNumberId", "str", None)]),
    ("set_conversational_automation", "Set them (Meta's limits: 4 prompts x 80 chars, 30 commands).", [
        ("phone_number_id", "phoneNumberId", "str", None), ("enable_welcome_message", "enableWelcomeMessage", OB, "None"),
        ("prompts", "prompts", "Optional[Sequence[str]]", "None"), ("commands", "commands", "Optional[Sequence[Mapping[str, str]]]", "None")]),
    ("get_health_status", "Can a node send messages (`AVAILABLE`, `LIMITED`, `BLOCKED`)?", [("node_id", "nodeId", "str", None)]),
]

HEADER = """# @generated by tools/gen_python_client.py. Do not edit: change the table there.
\"\"\"Clients over a transport you choose (``urllib`` by default): one method per operation.

Each method packs its arguments under the operation's names, lets the core build the request,
sends it through the transport and lets the core read the response. A retry-safe call is sent
again after a transport failure, a 429 or a 5xx, as the core decides (``max_attempts=3`` in all;
``1`` turns it off); an ``ApiError`` says ``.retryable``. Results are plain dicts with the
upstream (camelCase) names.

The API key (or access token) is kept out of the client's ``__dict__``, ``repr`` and pickles,
and out of the ``TransportError`` that replaces whatever a transport raised.
\"\"\"

from __future__ import annotations

import asyncio
import base64
import datetime as _dt
import pickle
import random
import time
from typing import Any, Dict, List, Mapping, NoReturn, Optional, Sequence, Union

from . import _native
from ._errors import WanumbersError
from ._transport import AsyncTransport, Transport, to_response, urllib_transport
from ._types import Secret

_Date = Union[str, _dt.date, None]

DEFAULT_BASE_URL = "https://zernio.com/api"
DEFAULT_GRAPH_VERSION = "v25.0"


def _pack(pairs: Dict[str, Any]) -> Dict[str, Any]:
    \"\"\"The arguments that are set; dates as YYYY-MM-DD, bytes as base64.\"\"\"
    out: Dict[str, Any] = {}
    for key, value in pairs.items():
        if value is None:
            continue
        if isinstance(value, (_dt.date, _dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, (bytes, bytearray)):
            value = base64.b64encode(bytes(value)).decode()
        out[key] = value
    return out


def _listed(value: Any) -> Any:
    \"\"\"A sequence as a list; a string (one field, one prompt) or ``None`` as it is.\"\"\"
    return value if value is None or isinstance(value, (str, bytes)) else list(value)


# The operations whose checks need today's date (the core's table says which).
_NEEDS_TODAY = frozenset(op["name"] for op in _native.operation_table() if op["needs_today"])


def _today(today: _Date) -> str:
    if today is None:
        return _dt.datetime.now(_dt.timezone.utc).date().isoformat()
    return today.isoformat() if isinstance(today, _dt.date) else today


def _failure(exc: Exception) -> WanumbersError:
    \"\"\"What a transport raised, as a ``TransportError`` that keeps only the exception's type
    name: its text may quote the URL, the headers or the key.\"\"\"
    if isinstance(exc, WanumbersError):
        return exc
    err: WanumbersError = _native._transport_error("the transport raised " + type(exc).__name__, True, type(exc).__name__)
    return err


class _Base:
    # The key lives in a slot: not in ``vars(client)``, and pickling is refused below.
    __slots__ = ("_key",)
    _platform = "zernio"
    _key_field = "api_key"

    def __init__(self, key: str, config: Dict[str, Any], max_attempts: int = 3) -> None:
        self._key = Secret(key) if isinstance(key, str) else key
        self._config = config
        self._retry = {"maxAttempts": max_attempts}
        # The policy is checked now, not after a request was sent.
        _native._check_retry_policy(self._retry)

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise pickle.PicklingError(f"a {type(self).__name__} holds an API key and is never pickled; make one where it is used")

    def __copy__(self) -> Any:
        return self

    def __deepcopy__(self, memo: Any) -> Any:
        return self

    def _request(self, operation: str, args: Dict[str, Any]) -> Any:
        return _native.build_request(self._platform, dict(self._config, **{self._key_field: self._key}), operation, args)  # type: ignore[arg-type]

    def _parse(self, operation: str, args: Dict[str, Any], response: Any) -> Any:
        return _native.parse_response(self._platform, operation, args, response)  # type: ignore[arg-type]

    def _retry_after(self, operation: str, args: Dict[str, Any], attempt: int, response: Any) -> Optional[float]:
        \"\"\"Seconds to wait before sending the call again, or ``None``: the core decides (only
        retry-safe calls, after a transport failure, a 429 or a 5xx); the time and the jitter
        are supplied here.\"\"\"
        decision = _native.retry_decision(
            self._platform, operation, args, attempt, response,  # type: ignore[arg-type]
            _dt.datetime.now(_dt.timezone.utc), random.random(), self._retry,
        )
        return decision["afterMs"] / 1000 if decision["decision"] == "retry" else None


# The failure is raised outside the `except` block, so it has no `__context__` either.
class _Sync(_Base):
    _transport: Transport

    def _call(self, operation: str, args: Dict[str, Any]) -> Any:
        request = self._request(operation, args)
        attempt = 1
        while True:
            failure: Optional[WanumbersError] = None
            response: Any = None
            try:
                response = to_response(self._transport(request))
            except Exception as exc:  # noqa: BLE001 (any failure of the transport is a TransportError)
                failure = _failure(exc)
            after = self._retry_after(operation, args, attempt, response)
            if after is None:
                break
            time.sleep(after)
            attempt += 1
        if failure is not None:
            raise failure
        return self._parse(operation, args, response)

    def call(self, operation: str, args: Mapping[str, Any]) -> Any:
        \"\"\"Any operation by name, with its arguments in snake_case (the table's ``args``, see
        ``wanumbers.operation_table``); ``today`` is filled in where the table says it is needed.\"\"\"
        packed = dict(args)
        if operation in _NEEDS_TODAY and packed.get("today") is None:
            packed["today"] = _today(None)
        return self._call(operation, packed)


class _Async(_Base):
    _transport: AsyncTransport

    async def _acall(self, operation: str, args: Dict[str, Any]) -> Any:
        request = self._request(operation, args)
        attempt = 1
        while True:
            failure: Optional[WanumbersError] = None
            response: Any = None
            try:
                response = to_response(await self._transport(request))
            except Exception as exc:  # noqa: BLE001 (any failure of the transport is a TransportError)
                failure = _failure(exc)
            after = self._retry_after(operation, args, attempt, response)
            if after is None:
                break
            await asyncio.sleep(after)
            attempt += 1
        if failure is not None:
            raise failure
        return self._parse(operation, args, response)
"""


def signature(params: list) -> str:
    if not params:
        return "self"
    parts = ["self", "*"]
    for py, _up, ann, default in params:
        if ann == "_Date":
            parts.append(f"{py}: _Date = None")
        elif default is None:
            parts.append(f"{py}: {ann}")
        else:
            parts.append(f"{py}: {ann} = {default}")
    return ", ".join(parts)


def snake(name: str) -> str:
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def pack(params: list) -> str:
    # Python spells every argument in snake_case; the core converts at the edge.
    items = []
    for py, up, ann, _default in params:
        # A sequence is copied into a list; a string stays one value (`fields="quality_rating"`).
        value = f"_today({py})" if ann == "_Date" else (f"_listed({py})" if ann.startswith("Optional[Sequence") else py)
        items.append(f'"{snake(up)}": {value}')
    return "_pack({" + ", ".join(items) + "})"


def methods(table: list, is_async: bool) -> list:
    lines = []
    for name, doc, params in table:
        kw = "async def" if is_async else "def"
        call = "await self._acall" if is_async else "self._call"
        lines += [
            f"    {kw} {name}({signature(params)}) -> Any:",
            f'        """{doc}"""',
            f'        return {call}("{name}", {pack(params)})',
            "",
        ]
    return lines


def client_class(name: str, base_doc: str, platform: str, table: list, is_async: bool, init: list) -> list:
    key_field = "api_key" if platform == "zernio" else "access_token"
    base = "_Async" if is_async else "_Sync"
    lines = [f"class {name}({base}):", f'    """{base_doc}"""', "", f'    _platform = "{platform}"', f'    _key_field = "{key_field}"', ""]
    lines += init
    lines += methods(table, is_async)
    return lines


def zernio_init(is_async: bool) -> list:
    if is_async:
        head = "    def __init__(self, api_key: str, transport: AsyncTransport, *, base_url: str = DEFAULT_BASE_URL, legacy_paths: bool = False, allow_insecure_http: bool = False, max_attempts: int = 3) -> None:"
        tail = "        self._transport: AsyncTransport = transport"
    else:
        head = "    def __init__(self, api_key: str, transport: Optional[Transport] = None, *, base_url: str = DEFAULT_BASE_URL, legacy_paths: bool = False, allow_insecure_http: bool = False, max_attempts: int = 3) -> None:"
        tail = "        self._transport: Transport = transport or urllib_transport()"
    return [
        head,
        '        super().__init__(api_key, {"base_url": base_url, "paths": "legacy" if legacy_paths else "canonical", "allow_insecure_http": allow_insecure_http}, max_attempts)',
        tail,
        "",
        "    def __repr__(self) -> str:",
        '        return f"{type(self).__name__}(base_url={self._config[\'base_url\']!r}, api_key=<redacted>)"',
        "",
    ]


def graph_init(is_async: bool) -> list:
    if is_async:
        head = "    def __init__(self, access_token: str, transport: AsyncTransport, *, version: str = DEFAULT_GRAPH_VERSION, base_url: Optional[str] = None, allow_insecure_http: bool = False, max_attempts: int = 3) -> None:"
        tail = "        self._transport: AsyncTransport = transport"
    else:
        head = "    def __init__(self, access_token: str, transport: Optional[Transport] = None, *, version: str = DEFAULT_GRAPH_VERSION, base_url: Optional[str] = None, allow_insecure_http: bool = False, max_attempts: int = 3) -> None:"
        tail = "        self._transport: Transport = transport or urllib_transport()"
    return [
        head,
        '        config: Dict[str, Any] = {"version": version, "allow_insecure_http": allow_insecure_http}',
        '        if base_url is not None:  # else the core\'s default',
        '            config["base_url"] = base_url',
        '        super().__init__(access_token, config, max_attempts)',
        tail,
        "",
        "    def __repr__(self) -> str:",
        '        return f"{type(self).__name__}(version={self._config[\'version\']!r}, access_token=<redacted>)"',
        "",
    ]


PAGES = {
    False: [
        "    def list_all_phone_numbers(self, *, waba_id: str, fields: Optional[Sequence[str]] = None, limit: Optional[int] = None, max_pages: int = 100) -> List[Any]:",
        '        """Every number of a WABA, following the `after` cursor page by page (at most `max_pages`)."""',
        "        # The core decides what to request next and which items a page holds.",
        '        pager = _native._Pager("graph", "list_phone_numbers", _pack({"waba_id": waba_id, "fields": _listed(fields), "limit": limit}), max_pages)',
        "        out: List[Any] = []",
        "        while (args := pager.next_args()) is not None:",
        '            out.extend(pager.feed(self._call("list_phone_numbers", args)))',
        "        return out",
        "",
    ],
    True: [
        "    async def list_all_phone_numbers(self, *, waba_id: str, fields: Optional[Sequence[str]] = None, limit: Optional[int] = None, max_pages: int = 100) -> List[Any]:",
        '        """Every number of a WABA, following the `after` cursor page by page (at most `max_pages`)."""',
        "        # The core decides what to request next and which items a page holds.",
        '        pager = _native._Pager("graph", "list_phone_numbers", _pack({"waba_id": waba_id, "fields": _listed(fields), "limit": limit}), max_pages)',
        "        out: List[Any] = []",
        "        while (args := pager.next_args()) is not None:",
        '            out.extend(pager.feed(await self._acall("list_phone_numbers", args)))',
        "        return out",
        "",
    ],
}


def render() -> str:
    lines = HEADER.splitlines()
    lines += ["", ""]
    lines += client_class("Client", "Zernio over a blocking transport (``urllib`` when none is given).", "zernio", ZERNIO, False, zernio_init(False))
    lines += [""]
    lines += client_class("AsyncClient", "Zernio over an async transport, e.g. ``httpx_async_transport()``.", "zernio", ZERNIO, True, zernio_init(True))
    lines += [""]
    lines += client_class("GraphClient", "Meta's Graph API over a blocking transport (``urllib`` when none is given).", "graph", GRAPH, False, graph_init(False))
    lines += PAGES[False]
    lines += [""]
    lines += client_class("AsyncGraphClient", "Meta's Graph API over an async transport.", "graph", GRAPH, True, graph_init(True))
    lines += PAGES[True]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(_generated.main(OUT, render))
