"""wanumbers: buy, prove, verify, track and pay for WhatsApp Business phone numbers.

Models go in and come out as plain dicts and lists with the upstream JSON (camelCase) names,
so a response from the Zernio API can be passed straight in. Errors are
:class:`WanumbersError` subclasses with a stable ``.code``.
"""

from __future__ import annotations

from ._errors import InputError, PhoneError, TransitionError, WanumbersError
from ._native import (
    ERROR_CODES,
    NUMBER_EVENTS,
    NUMBER_STATUSES,
    __version__,
    allowed_actions,
    check_phone,
    check_phones,
    countries,
    country,
    country_info,
    country_name,
    days_in_month,
    format_monthly,
    format_phone,
    format_usd,
    in_list_view,
    invoice,
    is_country_code,
    next_status,
    normalize_country_code,
    normalize_phone,
    normalize_phone_in_region,
    parse_status,
    prorate_cents,
    quote,
    run_rate,
    webhook_event,
)

__all__ = [
    "ERROR_CODES",
    "NUMBER_EVENTS",
    "NUMBER_STATUSES",
    "InputError",
    "PhoneError",
    "TransitionError",
    "WanumbersError",
    "__version__",
    "allowed_actions",
    "check_phone",
    "check_phones",
    "countries",
    "country",
    "country_info",
    "country_name",
    "days_in_month",
    "format_monthly",
    "format_phone",
    "format_usd",
    "in_list_view",
    "invoice",
    "is_country_code",
    "next_status",
    "normalize_country_code",
    "normalize_phone",
    "normalize_phone_in_region",
    "parse_status",
    "prorate_cents",
    "quote",
    "run_rate",
    "webhook_event",
]
