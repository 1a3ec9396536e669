"""The sandbox: Zernio's phone-number API and Meta's Graph phone-number endpoints simulated
offline by the core, statefully, with the library's own rules.

A ``Sandbox`` is a transport: ``Client("sk_test_any", Sandbox())`` buys, submits KYC and
releases numbers with no network and no key; ``GraphClient("EAAG...", sandbox)`` adds,
verifies and registers them. Its clock is the host's (``clock=``, UTC now by default) plus
what ``advance`` added. The controls (``advance``, ``force``, ``fail``, ``take_deliveries``,
``invoice``, ``reset``, ``snapshot``) are requests to the core's ``/_sandbox/*`` endpoints, the same ones
``wanumbers sandbox serve`` exposes over HTTP.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union

from . import _native
from ._errors import InputError
from ._types import Request, Response

__all__ = ["Sandbox", "Delivery", "GOOD_CODE"]

# The verification code every code the sandbox "sends" is (Graph verify_code).
GOOD_CODE = "123456"

Delivery = Dict[str, Any]
_Now = Callable[[], _dt.datetime]


def _utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def _rfc3339(moment: _dt.datetime) -> str:
    if moment.tzinfo is None:
        raise InputError("the sandbox clock must give aware datetimes (UTC)", "argument_invalid", {"argument": "clock"})
    return moment.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Sandbox:
    """Both APIs, simulated; see the module documentation. ``seed`` fixes every id, number and
    choice, so the same calls give the same bytes."""

    def __init__(self, seed: int = 0, *, clock: Optional[_Now] = None) -> None:
        self._native = _native._Sandbox(seed)
        self._clock: _Now = clock or _utc_now

    @classmethod
    def restore(cls, snapshot: Mapping[str, Any], *, clock: Optional[_Now] = None) -> "Sandbox":
        """A sandbox from a :meth:`snapshot`."""
        sandbox = cls.__new__(cls)
        sandbox._native = _native._Sandbox.restore(snapshot)
        sandbox._clock = clock or _utc_now
        return sandbox

    def __repr__(self) -> str:
        return "Sandbox()"

    # The transport.
    def __call__(self, request: Request) -> Response:
        response, _ = self.handle(request)
        return response

    def handle(self, request: Request, now: Optional[_dt.datetime] = None) -> Tuple[Response, List[Delivery]]:
        """Answers one request: the response, and the webhook deliveries it caused."""
        response, deliveries = self._native.handle(request, _rfc3339(now or self._clock()))
        return response, deliveries

    def take_deliveries(self) -> List[Delivery]:
        """Every webhook delivery not yet taken, oldest first: ``url``, ``headers`` (signed),
        ``body`` (the exact bytes the signature covers), ``event``, ``event_id``."""
        deliveries: List[Delivery] = self._native.take_deliveries()
        return deliveries

    def httpx_transport(self) -> Any:
        """An ``httpx.BaseTransport`` over the sandbox, for httpx-based clients (pywa, ...)."""
        import httpx

        sandbox = self

        class _Transport(httpx.BaseTransport):
            def handle_request(self, request: "httpx.Request") -> "httpx.Response":
                response = sandbox(
                    {
                        "method": request.method,
                        "url": str(request.url),
                        "headers": list(request.headers.items()),
                        "body": request.read(),
                    }
                )
                return httpx.Response(response["status"], headers=response["headers"], content=response["body"])

        return _Transport()

    # The controls.
    def _control(self, method: str, path: str, body: Any = None, *, api_key: Optional[str] = None) -> Any:
        headers = [("authorization", f"Bearer {api_key}")] if api_key else []
        request: Request = {
            "method": method,
            "url": f"http://sandbox/_sandbox/{path}",
            "headers": headers,
            "body": b"" if body is None else json.dumps(body).encode(),
        }
        response = self(request)
        payload = json.loads(response["body"] or b"null")
        if response["status"] >= 400:
            message = payload.get("error", "the sandbox refused the control") if isinstance(payload, dict) else "error"
            raise InputError(str(message), "argument_invalid", {"argument": path})
        return payload

    def now(self) -> str:
        """The sandbox time (RFC 3339)."""
        return str(self._control("GET", "clock")["now"])

    def advance(self, seconds: Optional[int] = None, *, to: Union[str, _dt.datetime, None] = None) -> str:
        """Moves the sandbox clock forward (by ``seconds`` or ``to`` a time); reviews that end
        meanwhile end and send their webhooks. The new sandbox time."""
        if (seconds is None) == (to is None):
            raise InputError("give seconds or to", "argument_invalid", {"argument": "seconds"})
        target = _rfc3339(to) if isinstance(to, _dt.datetime) else to
        body = {"by": seconds} if seconds is not None else {"to": target}
        return str(self._control("POST", "clock", body)["now"])

    def force(self, number_id: str, action: str, *, api_key: str, reason: Optional[str] = None) -> Dict[str, Any]:
        """Forces ``approve``, ``decline``, ``action_required``, ``verification_required``,
        ``suspend`` or ``reactivate`` on a number of ``api_key``'s account; the number after."""
        body = {"reason": reason} if reason is not None else None
        number: Dict[str, Any] = self._control("POST", f"numbers/{number_id}/{action}", body, api_key=api_key)["number"]
        return number

    def invoice(self, start: Union[str, _dt.date], end: Union[str, _dt.date], *, api_key: str) -> Dict[str, Any]:
        """What ``api_key``'s account is charged for ``[start, end)``: its history priced by
        ``wanumbers.invoice``."""
        invoice: Dict[str, Any] = self._control("GET", f"invoice?start={start}&end={end}", api_key=api_key)
        return invoice

    def fail(
        self,
        operation: str,
        status: int,
        *,
        api_key: str,
        code: Union[str, int, None] = None,
        malformed: bool = False,
        times: int = 1,
    ) -> None:
        """The next ``times`` calls of ``operation`` on ``api_key``'s account answer ``status``
        with the API's error body (``code``: Zernio's text code or Graph's number), or a body
        that is not JSON (``malformed``)."""
        body = {"operation": operation, "status": status, "code": code, "malformed": malformed, "times": times}
        self._control("POST", "faults", body, api_key=api_key)

    def clear_failures(self, *, api_key: str) -> None:
        """No planted failure left on ``api_key``'s account."""
        self._control("DELETE", "faults", api_key=api_key)

    def reset(self) -> None:
        """Back to a new sandbox of the same seed."""
        self._control("POST", "reset")

    def snapshot(self) -> Dict[str, Any]:
        """The whole state, as plain data (``Sandbox.restore`` reads it back)."""
        snapshot: Dict[str, Any] = self._native.snapshot()
        return snapshot


# The largest request body the server reads (Zernio's own limit is ~4.5 MB; uploads 20 MB).
MAX_BODY_BYTES = 32 * 1024 * 1024


def serve(
    sandbox: Sandbox,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    ready: Optional[Callable[[str], None]] = None,
) -> None:
    """Serves ``sandbox`` over HTTP on ``host:port`` (``0``: a free port) until interrupted:
    Zernio under ``/api/v1/...``, Graph under ``/{version}/...``, the controls under
    ``/_sandbox/...``. ``ready`` gets the base URL once it listens. The core does the answering;
    this is only the socket around ``Sandbox.handle``. The controls (snapshot, reset) are open
    to whoever reaches the port: keep ``host`` on loopback."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _refuse(self, status: int, message: str) -> None:
            payload = json.dumps({"error": message}).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.send_header("connection", "close")
            self.end_headers()
            self.wfile.write(payload)
            self.close_connection = True

        def _answer(self) -> None:
            try:
                length = int(self.headers.get("content-length") or 0)
            except ValueError:
                return self._refuse(400, "Content-Length is not a number")
            if not 0 <= length <= MAX_BODY_BYTES:
                return self._refuse(413, "The body is larger than the API takes")
            body = self.rfile.read(length) if length else b""
            # The URL from the server's own address: the Host header is the client's to choose.
            request: Request = {
                "method": self.command,
                "url": f"{base}{self.path if self.path.startswith('/') else '/' + self.path}",
                "headers": list(self.headers.items()),
                "body": body,
            }
            response = sandbox(request)
            payload = response.get("body", b"")
            payload = payload.encode() if isinstance(payload, str) else payload
            self.send_response(response["status"])
            headers = response.get("headers", [])
            for name, value in headers.items() if isinstance(headers, dict) else headers:
                if name.lower() not in ("content-length", "connection"):
                    self.send_header(name, value)
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
            pass  # requests carry keys and personal data: nothing is logged

    server = ThreadingHTTPServer((host, port), Handler)
    bound_host, bound_port = server.server_address[:2]
    base = f"http://{bound_host}:{bound_port}"
    try:
        if ready is not None:
            ready(base)
        server.serve_forever()
    finally:
        server.server_close()
