"""Transports: how a request built by the core gets sent. The core sends nothing itself.

A transport is any callable ``(request) -> response``: ``request`` is a dict ``{method, url,
headers, body}``; the response may be a dict ``{status, headers, body}`` or a response object
of httpx or requests. Async clients take an async callable. Timeouts belong to the transport.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any, Awaitable, Callable, List, Optional, Tuple

from . import _native
from ._errors import TransportError
from ._types import Request, Response

Transport = Callable[[Request], Any]
AsyncTransport = Callable[[Request], Awaitable[Any]]


def _failed(exc: BaseException, maybe_sent: bool) -> TransportError:
    """The ``TransportError`` for what a transport library raised, worded by the core. It keeps
    the exception's type name and, when an OS error is the cause, its reason ("Connection
    refused"), never the exception's own text: that may quote the URL, headers or a key."""
    reason = type(exc).__name__
    cause: Optional[BaseException] = exc
    for _ in range(8):
        if cause is None:
            break
        if isinstance(cause, OSError) and cause.strerror:
            reason += f": {cause.strerror}"
            break
        inner = getattr(cause, "reason", None)
        cause = inner if isinstance(inner, BaseException) else (cause.__cause__ or cause.__context__)
    err: TransportError = _native._transport_error(reason, maybe_sent, type(exc).__name__)
    return err


def _check_timeout(timeout: Any) -> None:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise _native._argument_type_error("timeout", "a number of seconds (int or float)")


def urllib_transport(timeout: float = 30.0) -> Transport:
    """The default transport: the standard library only (``urllib``)."""
    _check_timeout(timeout)

    def send(request: Request) -> Response:
        req = urllib.request.Request(
            request["url"],
            data=request["body"] or None,
            method=request["method"],
            headers=dict(request["headers"]),
        )
        # Failures are raised after the `except` block: no `__context__` quoting the request.
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (URL built by the core)
                return {"status": resp.status, "headers": list(resp.headers.items()), "body": resp.read()}
        except urllib.error.HTTPError as err:
            # An HTTP error status is a response, not a transport failure.
            return {"status": err.code, "headers": list(err.headers.items()), "body": err.read()}
        except TimeoutError as err:
            failure = _failed(err, maybe_sent=True)
        except (urllib.error.URLError, OSError) as err:
            failure = _failed(err, maybe_sent=False)
        raise failure

    return send


def httpx_transport(client: Any = None, timeout: float = 30.0) -> Transport:
    """A transport over ``httpx.Client`` (install the ``httpx`` extra)."""
    _check_timeout(timeout)
    import httpx  # noqa: PLC0415

    session = client if client is not None else httpx.Client(timeout=timeout)

    def send(request: Request) -> Response:
        try:
            resp = session.request(request["method"], request["url"], headers=request["headers"], content=request["body"] or None)
        except httpx.TimeoutException as err:
            failure = _failed(err, maybe_sent=True)
        except httpx.HTTPError as err:
            failure = _failed(err, maybe_sent=False)
        else:
            return {"status": resp.status_code, "headers": list(resp.headers.items()), "body": resp.content}
        raise failure

    return send


def httpx_async_transport(client: Any = None, timeout: float = 30.0) -> AsyncTransport:
    """An async transport over ``httpx.AsyncClient`` (for ``AsyncClient``)."""
    _check_timeout(timeout)
    import httpx  # noqa: PLC0415

    session = client if client is not None else httpx.AsyncClient(timeout=timeout)

    async def send(request: Request) -> Response:
        try:
            resp = await session.request(request["method"], request["url"], headers=request["headers"], content=request["body"] or None)
        except httpx.TimeoutException as err:
            failure = _failed(err, maybe_sent=True)
        except httpx.HTTPError as err:
            failure = _failed(err, maybe_sent=False)
        else:
            return {"status": resp.status_code, "headers": list(resp.headers.items()), "body": resp.content}
        raise failure

    return send


def requests_transport(session: Any = None, timeout: float = 30.0) -> Transport:
    """A transport over ``requests.Session`` (install the ``requests`` extra)."""
    _check_timeout(timeout)
    import requests  # noqa: PLC0415

    sess = session if session is not None else requests.Session()

    def send(request: Request) -> Response:
        try:
            resp = sess.request(request["method"], request["url"], headers=dict(request["headers"]), data=request["body"] or None, timeout=timeout)
        except requests.Timeout as err:
            failure = _failed(err, maybe_sent=True)
        except requests.RequestException as err:
            failure = _failed(err, maybe_sent=False)
        else:
            return {"status": resp.status_code, "headers": list(resp.headers.items()), "body": resp.content}
        raise failure

    return send


def to_response(obj: Any) -> Response:
    """A transport's answer as ``{status, headers, body}`` when it is an httpx/requests
    response; anything else goes to the core as is (a dict, or a value it refuses with
    ``InputError`` code ``argument_type``)."""
    if isinstance(obj, dict):
        as_is: Response = obj  # type: ignore[assignment]
        return as_is
    status = getattr(obj, "status_code", None) or getattr(obj, "status", None)
    if not isinstance(status, int) or isinstance(status, bool):
        other: Response = obj  # the core refuses it, naming the argument
        return other
    headers: List[Tuple[str, str]] = list(getattr(obj, "headers", {}).items())
    body: Optional[bytes] = getattr(obj, "content", None)
    return {"status": status, "headers": headers, "body": body or b""}
