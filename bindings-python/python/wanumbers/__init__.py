"""wanumbers: buy, prove, verify, track and pay for WhatsApp Business phone numbers.

Results are typed, immutable objects with snake_case attributes (``wanumbers.models``);
``.to_dict()`` gives the upstream JSON (camelCase) form, and ``Model.from_dict`` reads it.
Arguments may be those objects or plain dicts with the upstream names. Errors are
:class:`WanumbersError` subclasses with a stable ``.code``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._errors import (
    ApiError,
    InputError,
    KycValidationError,
    PhoneError,
    SignatureError,
    TransitionError,
    TransportError,
    WanumbersError,
)

# Everything else loads on first use (PEP 562), so `import wanumbers` costs the native module
# and the error classes only: a phone check does not pay for the HTTP clients, asyncio,
# urllib or the result classes (issue 14: import no slower than `phonenumbers`).
_LAZY: dict[str, tuple[str, str | None]] = {
    "DEFAULT_BASE_URL": ("._client", "DEFAULT_BASE_URL"),
    "DEFAULT_GRAPH_VERSION": ("._client", "DEFAULT_GRAPH_VERSION"),
    "UNSET": ("._client", "UNSET"),
    "AsyncClient": ("._client", "AsyncClient"),
    "AsyncGraphClient": ("._client", "AsyncGraphClient"),
    "Client": ("._client", "Client"),
    "GraphClient": ("._client", "GraphClient"),
    "parse_response": ("._client", "parse_response"),
    "ErrorCode": ("._types", "ErrorCode"),
    "OperationSpec": ("._types", "OperationSpec"),
    "Request": ("._types", "Request"),
    "Response": ("._types", "Response"),
    "RetryDecision": ("._types", "RetryDecision"),
    "Json": ("._model", "Json"),
    "Model": ("._model", "Model"),
    "StrEnum": ("._model", "StrEnum"),
    "models": ("._models", None),
    "AllowedActions": ("._models", "AllowedActions"),
    "Applied": ("._models", "Applied"),
    "Country": ("._models", "Country"),
    "CountryInfo": ("._models", "CountryInfo"),
    "DocumentType": ("._models", "DocumentType"),
    "ErrorInfo": ("._models", "ErrorInfo"),
    "FieldError": ("._models", "FieldError"),
    "Invoice": ("._models", "Invoice"),
    "MetaWebhook": ("._models", "MetaWebhook"),
    "NumberType": ("._models", "NumberType"),
    "PurchaseGuard": ("._models", "PurchaseGuard"),
    "PurchaseOutcome": ("._models", "PurchaseOutcome"),
    "Quote": ("._models", "Quote"),
    "RunRate": ("._models", "RunRate"),
    "ZernioEvent": ("._models", "ZernioEvent"),
    "GOOD_CODE": ("._sandbox", "GOOD_CODE"),
    "Sandbox": ("._sandbox", "Sandbox"),
    "AsyncTransport": ("._transport", "AsyncTransport"),
    "Transport": ("._transport", "Transport"),
    "httpx_async_transport": ("._transport", "httpx_async_transport"),
    "httpx_transport": ("._transport", "httpx_transport"),
    "requests_transport": ("._transport", "requests_transport"),
    "urllib_transport": ("._transport", "urllib_transport"),
}


def __getattr__(name: str) -> object:
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'wanumbers' has no attribute {name!r}") from None
    import importlib

    module = importlib.import_module(module_name, __name__)
    value = module if attr is None else getattr(module, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:
    from ._client import DEFAULT_BASE_URL, DEFAULT_GRAPH_VERSION, UNSET, AsyncClient, AsyncGraphClient, Client, GraphClient, parse_response
    from ._types import ErrorCode, OperationSpec, Request, Response, RetryDecision
    from ._model import Json, Model, StrEnum
    from . import _models as models
    from ._models import (
        AllowedActions,
        Applied,
        Country,
        CountryInfo,
        DocumentType,
        ErrorInfo,
        FieldError,
        Invoice,
        MetaWebhook,
        NumberType,
        PurchaseGuard,
        PurchaseOutcome,
        Quote,
        RunRate,
        ZernioEvent,
    )
    from ._sandbox import GOOD_CODE, Sandbox
    from ._transport import AsyncTransport, Transport, httpx_async_transport, httpx_transport, requests_transport, urllib_transport

from ._native import (
    ERROR_CLASSES,
    ERROR_CODES,
    NUMBER_EVENTS,
    NUMBER_STATUSES,
    PHONE_METADATA_VERSION,
    PhoneCheck,
    PhoneColumns,
    __version__,
    allowed_actions,
    apply_event,
    build_request,
    check_document_size,
    check_phone,
    check_phones,
    combine_id_sides,
    countries,
    country,
    country_info,
    country_name,
    days_in_month,
    encode_document,
    format_monthly,
    example_phone,
    format_phone,
    format_usd,
    in_list_view,
    invoice,
    is_country_code,
    meta_challenge,
    next_status,
    normalize_country_code,
    normalize_phone,
    normalize_phone_in_region,
    normalize_phones,
    operation_table,
    retry_decision,
    operations,
    parse_meta_webhook,
    next_page,
    parse_status,
    parse_webhook,
    prorate_cents,
    purchase_guard,
    quote,
    remediation_payload,
    run_rate,
    sniff_document,
    validate_kyc,
    validate_remediation,
    verify_meta_signature,
    verify_zernio_signature,
    webhook_event,
)

__all__ = [
    "AllowedActions",
    "ApiError",
    "Applied",
    "AsyncClient",
    "AsyncGraphClient",
    "AsyncTransport",
    "Client",
    "DEFAULT_BASE_URL",
    "DEFAULT_GRAPH_VERSION",
    "Country",
    "CountryInfo",
    "Invoice",
    "Json",
    "MetaWebhook",
    "Model",
    "PurchaseOutcome",
    "Quote",
    "RunRate",
    "StrEnum",
    "ZernioEvent",
    "models",
    "DocumentType",
    "ERROR_CLASSES",
    "ERROR_CODES",
    "ErrorCode",
    "ErrorInfo",
    "FieldError",
    "GraphClient",
    "InputError",
    "KycValidationError",
    "NUMBER_EVENTS",
    "NUMBER_STATUSES",
    "NumberType",
    "PHONE_METADATA_VERSION",
    "PhoneCheck",
    "PhoneError",
    "PurchaseGuard",
    "Request",
    "Response",
    "SignatureError",
    "TransitionError",
    "Transport",
    "TransportError",
    "WanumbersError",
    "__version__",
    "allowed_actions",
    "apply_event",
    "build_request",
    "check_document_size",
    "check_phone",
    "check_phones",
    "combine_id_sides",
    "countries",
    "country",
    "country_info",
    "country_name",
    "days_in_month",
    "encode_document",
    "example_phone",
    "format_monthly",
    "format_phone",
    "format_usd",
    "httpx_async_transport",
    "httpx_transport",
    "in_list_view",
    "invoice",
    "is_country_code",
    "meta_challenge",
    "next_status",
    "normalize_country_code",
    "normalize_phone",
    "normalize_phone_in_region",
    "normalize_phones",
    "PhoneColumns",
    "operation_table",
    "retry_decision",
    "RetryDecision",
    "OperationSpec",
    "operations",
    "parse_meta_webhook",
    "parse_response",
    "next_page",
    "parse_status",
    "parse_webhook",
    "prorate_cents",
    "purchase_guard",
    "quote",
    "remediation_payload",
    "requests_transport",
    "run_rate",
    "sniff_document",
    "urllib_transport",
    "validate_kyc",
    "validate_remediation",
    "verify_meta_signature",
    "verify_zernio_signature",
    "webhook_event",
    "UNSET",
    "Sandbox",
    "GOOD_CODE",
]
