"""Types of the plain values wanumbers takes and returns: error codes, the operation table,
requests and responses for transports (dicts, typed for mypy and editors). Results are typed
objects (``_models``)."""

from __future__ import annotations

import pickle
from typing import Any, Dict, List, Literal, NoReturn, Optional, Tuple, TypedDict, Union

#: Every error code, in the core's order. A test fails if this and the core's list drift apart.
ErrorCode = Literal[
    "phone_empty",
    "phone_not_a_number",
    "phone_invalid_country_code",
    "phone_too_short",
    "phone_too_long",
    "phone_invalid_for_region",
    "phone_invalid",
    "country_invalid",
    "country_not_uppercase",
    "country_unknown",
    "country_not_on_sale",
    "time_invalid",
    "date_invalid",
    "json_invalid",
    "input_too_deep",
    "pricing_invalid_days_in_month",
    "pricing_active_days_exceed_month",
    "pricing_invalid_period",
    "pricing_invalid_quantity",
    "pricing_price_unknown",
    "pricing_overflow",
    "status_unknown",
    "status_unknown_event",
    "status_invalid_transition",
    "kyc_missing",
    "kyc_wrong_place",
    "kyc_unknown_requirement",
    "kyc_duplicate",
    "kyc_end_user_name_missing",
    "kyc_text_empty",
    "kyc_text_too_long",
    "kyc_date_invalid",
    "kyc_date_in_future",
    "kyc_address_part_missing",
    "kyc_address_country_mismatch",
    "kyc_postal_code_invalid",
    "kyc_address_area_not_allowed",
    "kyc_document_source_conflict",
    "kyc_document_base64_invalid",
    "kyc_document_too_large",
    "kyc_document_empty",
    "kyc_document_type_unsupported",
    "kyc_document_extension_mismatch",
    "kyc_request_too_large",
    "kyc_quantity_out_of_range",
    "kyc_area_code_invalid",
    "kyc_phone_not_e164",
    "kyc_country_not_regulated",
    "kyc_country_mismatch",
    "kyc_not_available",
    "kyc_pre_order_required",
    "kyc_area_sold_out",
    "kyc_reuse_unavailable",
    "kyc_reuse_option_unknown",
    "kyc_remediation_unchanged",
    "kyc_image_unsupported",
    "kyc_image_invalid",
    "kyc_image_too_large",
    "argument_missing",
    "argument_too_long",
    "argument_invalid",
    "argument_type",
    "argument_unknown",
    "operation_unknown",
    "unauthorized",
    "forbidden",
    "not_found",
    "bad_request",
    "payment_required",
    "conflict",
    "unprocessable",
    "rate_limited",
    "purchase_velocity",
    "area_code_unavailable",
    "phone_number_unavailable",
    "country_out_of_stock",
    "no_whatsapp_eligible_number",
    "usage_billing_required",
    "carrier_unavailable",
    "pre_order_available",
    "number_not_whatsapp_eligible",
    "invalid_resource_state",
    "account_restricted",
    "pin_mismatch",
    "reverify_required",
    "too_many_attempts",
    "register_rate_limited",
    "verification_code_invalid",
    "verification_code_expired",
    "not_registered",
    "deregistration_incomplete",
    "register_wait",
    "graph_error",
    "server_error",
    "bad_response",
    "signature_secret_missing",
    "webhook_body_too_large",
    "signature_missing",
    "signature_malformed",
    "signature_mismatch",
    "challenge_mismatch",
    "transport_failed",
]


PhoneFormat = Literal["e164", "international", "national", "rfc3966"]

Platform = Literal["zernio", "graph"]


class _RetryDecisionBase(TypedDict):
    decision: Literal["retry", "stop"]


class RetryDecision(_RetryDecisionBase, total=False):
    """Whether to send a call again (``afterMs``: how long to wait first)."""

    afterMs: int


class _WireParamBase(TypedDict):
    wire: str
    arg: str
    kind: Literal["text", "encoded", "bool", "int", "list", "json", "flag"]


class WireParam(_WireParamBase, total=False):
    """An argument outside the JSON body: its wire name, argument name and how it is written
    (``value`` is the fixed text of a ``flag``)."""

    value: str


class _OperationBodyBase(TypedDict):
    kind: Literal["none", "rest", "fields", "arg", "bytes"]


class OperationBody(_OperationBodyBase, total=False):
    """What the request body carries: ``fields`` lists its members, ``arg``/``bytes`` name the
    argument that is the body."""

    value: Union[str, List[WireParam]]


class _IdempotencyBase(TypedDict):
    kind: Literal["natural", "key", "header", "none"]


class Idempotency(_IdempotencyBase, total=False):
    """How a retry is made safe: ``key``/``header`` name the argument carrying the key."""

    value: str


class _NextPageBase(TypedDict):
    kind: Literal["after", "cursor", "window"]


class NextPage(_NextPageBase, total=False):
    """Where the next page starts: Meta's ``after`` cursor, a ``cursor`` member of the page
    passed back as the argument ``arg``, or Zernio's skip ``window``."""

    member: str
    arg: str
    default_limit: int
    max_skip: int


class Pages(TypedDict):
    """How a paged result pages: the member holding the items and where the next page starts."""

    items: str
    next: NextPage


class OperationSpec(TypedDict):
    """One row of the core's table of operations (``operation_table()``)."""

    name: str
    operation_id: str
    platform: Platform
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
    path: str
    legacy_path: Optional[str]
    query: List[WireParam]
    fixed_query: List[List[str]]
    headers: List[WireParam]
    body: OperationBody
    renamed: List[List[str]]
    fixed_body: List[List[str]]
    selected_by: Optional[str]
    success: List[int]
    retry_safe: bool
    idempotency: Idempotency
    needs_today: bool
    pages: Optional[Pages]
    envelope: Optional[str]
    summary: str
    args: List[str]
    args_type: str
    output_type: str
    sdk_names: List[str]


class Secret(str):
    """A secret (an API key, an access token, the ``authorization`` header of a built request).

    It is the ``str`` itself, so a transport sends it as is; but its ``repr`` is
    ``'<redacted>'``, so a request, a client or a dict holding it never shows it in logs,
    tracebacks or a debugger, and it refuses to be pickled (copies are the same object).
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "'<redacted>'"

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise pickle.PicklingError("a secret (API key, token, authorization header) is never pickled")

    def __copy__(self) -> "Secret":
        return self

    def __deepcopy__(self, memo: Any) -> "Secret":
        return self


class Request(TypedDict):
    """An HTTP request for the transport to send. Secret header values are :class:`Secret`."""

    method: str
    url: str
    headers: List[Tuple[str, str]]
    body: bytes


class Response(TypedDict, total=False):
    """What the transport returns (``status`` required)."""

    status: int
    headers: Union[Dict[str, str], List[Tuple[str, str]]]
    body: Union[bytes, str]


JSON = Any
