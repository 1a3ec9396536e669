"""Transports: how a request built by the core gets sent. The core sends nothing itself.

A transport is any callable ``(request) -> response``: ``request`` is a dict ``{method, url,
headers, body}``; the response may be a dict ``{status, headers, body}`` or a response object
of httpx or requests. Async clients take an async callable. Timeouts belong to the transport.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from ._errors import TransportError
from ._types import Request, Response

Transport = Callable[[Request], Any]
AsyncTransport = Callable[[Request], Awaitable[Any]]


def _failed(exc: BaseException, maybe_sent: bool) -> TransportError:
    # The exception text names the host and the reason, never headers or bodies.
    return TransportError(
        f"the request could not be delivered: {type(exc).__name__}: {exc}",
        "transport_failed",
        {"maybe_sent": maybe_sent},
    )


def urllib_transport(timeout: float = 30.0) -> Transport:
    """The default transport: the standard library only (``urllib``)."""

    def send(request: Request) -> Response:
        req = urllib.request.Request(
            request["url"],
            data=request["body"] or None,
            method=request["method"],
            headers=dict(request["headers"]),
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (URL built by the core)
                return {"status": resp.status, "headers": list(resp.headers.items()), "body": resp.read()}
        except urllib.error.HTTPError as err:
            # An HTTP error status is a response, not a transport failure.
            return {"status": err.code, "headers": list(err.headers.items()), "body": err.read()}
        except TimeoutError as err:
            raise _failed(err, maybe_sent=True) from None
        except (urllib.error.URLError, OSError) as err:
            raise _failed(err, maybe_sent=False) from None

    return send


def httpx_transport(client: Any = None, timeout: float = 30.0) -> Transport:
    """A transport over ``httpx.Client`` (install the ``httpx`` extra)."""
    import httpx  # noqa: PLC0415

    session = client if client is not None else httpx.Client(timeout=timeout)

    def send(request: Request) -> Response:
        try:
            resp = session.request(request["method"], request["url"], headers=request["headers"], content=request["body"] or None)
        except httpx.TimeoutException as err:
            raise _failed(err, maybe_sent=True) from None
        except httpx.HTTPError as err:
            raise _failed(err, maybe_sent=False) from None
        return {"status": resp.status_code, "headers": list(resp.headers.items()), "body": resp.content}

    return send


def httpx_async_transport(client: Any = None, timeout: float = 30.0) -> AsyncTransport:
    """An async transport over ``httpx.AsyncClient`` (for ``AsyncClient``)."""
    import httpx  # noqa: PLC0415

    session = client if client is not None else httpx.AsyncClient(timeout=timeout)

    async def send(request: Request) -> Response:
        try:
            resp = await session.request(request["method"], request["url"], headers=request["headers"], content=request["body"] or None)
        except httpx.TimeoutException as err:
            raise _failed(err, maybe_sent=True) from None
        except httpx.HTTPError as err:
            raise _failed(err, maybe_sent=False) from None
        return {"status": resp.status_code, "headers": list(resp.headers.items()), "body": resp.content}

    return send


def requests_transport(session: Any = None, timeout: float = 30.0) -> Transport:
    """A transport over ``requests.Session`` (install the ``requests`` extra)."""
    import requests  # noqa: PLC0415

    sess = session if session is not None else requests.Session()

    def send(request: Request) -> Response:
        try:
            resp = sess.request(request["method"], request["url"], headers=dict(request["headers"]), data=request["body"] or None, timeout=timeout)
        except requests.Timeout as err:
            raise _failed(err, maybe_sent=True) from None
        except requests.RequestException as err:
            raise _failed(err, maybe_sent=False) from None
        return {"status": resp.status_code, "headers": list(resp.headers.items()), "body": resp.content}

    return send


def to_response(obj: Any) -> Dict[str, Any]:
    """A transport's answer as ``{status, headers, body}``: a dict, or an httpx/requests response."""
    if isinstance(obj, dict):
        return obj
    status = getattr(obj, "status_code", None) or getattr(obj, "status", None)
    if not isinstance(status, int):
        raise TypeError("a transport must return {status, headers, body} or an httpx/requests response")
    headers: List[Tuple[str, str]] = list(getattr(obj, "headers", {}).items())
    body: Optional[bytes] = getattr(obj, "content", None)
    return {"status": status, "headers": headers, "body": body or b""}
