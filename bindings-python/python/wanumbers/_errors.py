"""The exceptions wanumbers raises. Match on ``.code`` (stable snake_case), never on the text.

Every exception carries ``.code``, ``.details`` (a dict a UI can use to build its own message)
and an English message that says what to fix. None of them ever contains PII or secrets.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping

from . import _native


class Details(Dict[str, Any]):
    """An error's details: a plain dict, except that its ``repr`` (and so logs, tracebacks and
    debuggers) shows the values the upstream server wrote (its message, address suggestions,
    an excerpt of its body: they may echo personal data) as ``'<redacted>'``. Read them with
    ``details["upstream_message"]`` as usual. The core names these keys."""

    def __repr__(self) -> str:
        sensitive = _native._SENSITIVE_DETAILS
        shown = ", ".join(f"{k!r}: {repr('<redacted>') if k in sensitive else repr(v)}" for k, v in self.items())
        return "{" + shown + "}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Details, (dict(self),))


class WanumbersError(Exception):
    """Base class of every wanumbers error."""

    code: str
    details: dict[str, Any]

    def __init__(self, message: str, code: str, details: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = Details(details or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.code, self.details))


class PhoneError(WanumbersError, ValueError):
    """A phone number could not be read or is not valid (codes ``phone_*``)."""


class InputError(WanumbersError, ValueError):
    """An argument is malformed or out of range: country codes, dates, amounts, models."""


class TransitionError(WanumbersError):
    """A number-status transition the lifecycle does not allow (``status_invalid_transition``)."""


class KycValidationError(WanumbersError, ValueError):
    """A KYC document or submission the API would refuse (codes ``kyc_*``).

    Validating a whole form does not raise: ``validate_kyc`` returns the list of field errors.
    """


class ApiError(WanumbersError):
    """The API answered with an error, or with a body that cannot be read.

    ``.status`` is the HTTP status, ``.upstream_code`` the platform's own code (Zernio's
    string or Graph's number), ``.retryable`` whether a retry is safe (never for register,
    deregister or request-code, whose attempts count toward Meta's limits).
    """

    @property
    def status(self) -> int | None:
        value = self.details.get("status")
        return value if isinstance(value, int) else None

    @property
    def upstream_code(self) -> str | int | None:
        value = self.details.get("upstream_code")
        return value if isinstance(value, (str, int)) else None

    @property
    def retryable(self) -> bool:
        return bool(self.details.get("retryable", False))


class SignatureError(WanumbersError):
    """A webhook whose signature is missing, malformed or wrong: refuse the delivery."""


class TransportError(WanumbersError):
    """The transport could not deliver the request (network, timeout, TLS)."""


__all__ = [
    "WanumbersError",
    "PhoneError",
    "InputError",
    "TransitionError",
    "KycValidationError",
    "ApiError",
    "SignatureError",
    "TransportError",
]
