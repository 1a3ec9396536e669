"""The sandbox: Zernio's phone-number API and Meta's Graph phone-number endpoints simulated
offline by the core, statefully, with the library's own rules.

A ``Sandbox`` is a transport: ``Client("sk_test_any", Sandbox())`` buys, submits KYC and
releases numbers with no network and no key; ``GraphClient("EAAG...", sandbox)`` adds,
verifies and registers them. Its clock is the host's (``clock=``, UTC now by default) plus
what ``advance`` added. The controls (``advance``, ``force``, ``fail``, ``report``,
``redeliver``, ``invoice``, ``journal``, ``reset``, ``load``) are the core's, by name: the
same ones ``wanumbers sandbox serve`` exposes over HTTP under ``/_sandbox/``.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Tuple, Union

from . import _native
from ._errors import InputError
from ._model import Json
from ._models import GraphPhoneNumber, Invoice, OwnedPhoneNumber
from ._types import Request, Response

if TYPE_CHECKING:
    import httpx

__all__ = ["Sandbox", "Delivery", "GOOD_CODE"]

# The verification code every code the sandbox "sends" is (Graph verify_code): the core's.
GOOD_CODE: str = _native.SANDBOX_GOOD_CODE

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
        """Answers one request: the response, and the webhook deliveries it caused. A planted
        latency is waited here; a planted dropped connection raises ``ConnectionResetError``
        (which the clients report as a ``TransportError``)."""
        response, deliveries, latency_ms, dropped = self._native.handle(request, _rfc3339(now or self._clock()))
        if latency_ms:
            import time

            time.sleep(latency_ms / 1000)
        if dropped:
            raise ConnectionResetError("the sandbox dropped the connection (a planted failure)")
        return response, deliveries

    def take_deliveries(self) -> List[Delivery]:
        """Every webhook delivery attempt due and not yet taken, oldest first: ``id`` (what
        :meth:`report` takes), ``url``, ``headers`` (signed), ``body`` (the exact bytes the
        signature covers), ``event``, ``event_id``, ``attempt``."""
        deliveries: List[Delivery] = self._native.take_deliveries(_rfc3339(self._clock()))
        return deliveries

    def httpx_transport(self) -> "httpx.BaseTransport":
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

    # The controls: the core's, by name (the same ones `/_sandbox/*` serves over HTTP).
    def control(self, name: str, args: Optional[Mapping[str, Any]] = None, *, now: Optional[_dt.datetime] = None) -> Json:
        """Runs sandbox control ``name`` with ``args`` (its JSON argument names, ``apiKey`` for
        an account); the methods below are this, named. Bad arguments raise ``InputError``
        naming the one to fix."""
        answer: Json = self._native.control(name, dict(args or {}), _rfc3339(now or self._clock()))
        return answer

    def now(self) -> str:
        """The sandbox time (RFC 3339)."""
        answer: Any = self.control("now")
        return str(answer["now"])

    def advance(self, seconds: Optional[int] = None, *, to: Union[str, _dt.datetime, None] = None) -> str:
        """Moves the sandbox clock forward (by ``seconds`` or ``to`` a time); reviews that end
        and webhook retries that come due meanwhile happen. The new sandbox time."""
        target = _rfc3339(to) if isinstance(to, _dt.datetime) else to
        answer: Any = self.control("advance", {"by": seconds, "to": target})
        return str(answer["now"])

    def force(self, number_id: str, action: str, *, api_key: str, reason: Optional[str] = None) -> OwnedPhoneNumber:
        """Forces ``approve``, ``decline``, ``action_required``, ``verification_required``,
        ``suspend`` or ``reactivate`` on a number of ``api_key``'s account; the number after."""
        args = {"apiKey": api_key, "numberId": number_id, "action": action, "reason": reason}
        answer: Any = self.control("force", args)
        return OwnedPhoneNumber.from_dict(answer["number"])

    def invoice(self, start: Union[str, _dt.date], end: Union[str, _dt.date], *, api_key: str) -> Invoice:
        """What ``api_key``'s account is charged for ``[start, end)``: its history priced by
        ``wanumbers.invoice``."""
        answer: Any = self.control("invoice", {"apiKey": api_key, "start": str(start), "end": str(end)})
        return Invoice.from_dict(answer)

    def fail(
        self,
        operation: str,
        status: Optional[int] = None,
        *,
        api_key: str,
        code: Union[str, int, None] = None,
        malformed: bool = False,
        latency_ms: int = 0,
        drop: bool = False,
        times: int = 1,
    ) -> None:
        """The next ``times`` calls of ``operation`` on ``api_key``'s account answer ``status``
        with the API's error body (``code``: Zernio's text code or Graph's number), or a body
        that is not JSON (``malformed``); ``latency_ms`` answers them late, ``drop`` not at all
        (the connection is dropped: a ``TransportError`` for the clients)."""
        args = {
            "apiKey": api_key,
            "operation": operation,
            "status": status,
            "code": code,
            "malformed": malformed,
            "latencyMs": latency_ms,
            "drop": drop,
            "times": times,
        }
        self.control("fail", args)

    def keys(self, keys: Optional[List[str]]) -> None:
        """Only these API keys and access tokens are accounts from now on (any other is the
        API's 401, as an invalid key upstream is); ``None``: any key is an account again."""
        self.control("keys", {"keys": keys})

    def clear_failures(self, *, api_key: str) -> None:
        """No planted failure left on ``api_key``'s account."""
        self.control("clear_failures", {"apiKey": api_key})

    def report(
        self,
        delivery_id: str,
        *,
        status: Optional[int] = None,
        error: Optional[str] = None,
        ms: Optional[int] = None,
        response: Optional[str] = None,
    ) -> Dict[str, Json]:
        """What sending a taken delivery gave: the endpoint's ``status`` (a 2xx within 5 s is a
        success) or the ``error`` that kept it from answering. A failure brings the next attempt
        after Zernio's retry delay on the sandbox clock; ``{log, next, deadLettered}``."""
        args = {"deliveryId": delivery_id, "status": status, "error": error, "ms": ms, "response": response}
        answer: Dict[str, Json] = self.control("report", args)  # type: ignore[assignment]
        return answer

    def redeliver(self, event_id: str, *, api_key: str, webhook_id: Optional[str] = None) -> None:
        """Sends a logged event again (a new first attempt, signed with the current secret)."""
        self.control("redeliver", {"apiKey": api_key, "eventId": event_id, "webhookId": webhook_id})

    def send_deliveries(self, *, timeout: float = 5.0) -> List[Dict[str, Json]]:
        """POSTs every delivery that is due to its URL and reports each outcome (what
        ``wanumbers sandbox serve`` does in the background); the reports."""
        import time
        import urllib.error
        import urllib.request

        class _NoRedirect(urllib.request.HTTPRedirectHandler):
            # A 3xx is the endpoint's answer (not a 2xx: a failure), never followed.
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        opener = urllib.request.build_opener(_NoRedirect)
        reports = []
        for delivery in self.take_deliveries():
            started = time.monotonic()
            outcome: Dict[str, Any] = {}
            try:
                if not delivery["url"].lower().startswith(("http://", "https://")):
                    raise ValueError("only http(s) endpoints are sent to")
                request = urllib.request.Request(delivery["url"], data=delivery["body"], method="POST", headers=dict(delivery["headers"]))
                with opener.open(request, timeout=timeout) as reply:  # http(s) only, checked above
                    outcome = {"status": reply.status, "response": reply.read(1000).decode("utf-8", "replace")}
            except urllib.error.HTTPError as err:
                outcome = {"status": err.code}
            except (OSError, ValueError) as err:
                outcome = {"error": type(err).__name__}
            outcome["ms"] = int((time.monotonic() - started) * 1000)
            try:
                reports.append(self.report(delivery["id"], **outcome))
            except InputError:
                pass  # the state was reset or restored meanwhile: nothing left to report to
        return reports

    def graph_webhook(self, url: Optional[str], *, app_secret: Optional[str] = None, api_key: str) -> None:
        """Subscribes the Graph app of ``api_key`` (the access token) to its WABA webhooks at
        ``url``, signed with ``app_secret`` (``X-Hub-Signature-256``); ``url=None`` stops."""
        self.control("graph_webhook", {"apiKey": api_key, "url": url, "appSecret": app_secret})

    def graph_quality(
        self,
        phone_number_id: str,
        *,
        api_key: str,
        quality_rating: Optional[str] = None,
        messaging_limit_tier: Optional[str] = None,
        throughput_level: Optional[str] = None,
    ) -> GraphPhoneNumber:
        """Sets what Meta decides about a Graph number (``GREEN``/``YELLOW``/``RED``, a tier,
        ``HIGH`` throughput) and sends its ``phone_number_quality_update``; the node after."""
        args = {
            "apiKey": api_key,
            "phoneNumberId": phone_number_id,
            "qualityRating": quality_rating,
            "messagingLimitTier": messaging_limit_tier,
            "throughputLevel": throughput_level,
        }
        answer: Any = self.control("graph_quality", args)
        return GraphPhoneNumber.from_dict(answer["number"])

    def journal(self, *, api_key: Optional[str] = None) -> List[Dict[str, Json]]:
        """The latest requests (``api_key``'s, or every account's): time, method, path,
        operation, status, request id; never a body, header or query."""
        answer: Any = self.control("journal", {"apiKey": api_key})
        requests: List[Dict[str, Json]] = answer["requests"]
        return requests

    def reset(self) -> None:
        """Back to a new sandbox of the same seed."""
        self.control("reset")

    def snapshot(self) -> Dict[str, Json]:
        """The whole state, as plain data (``Sandbox.restore`` reads it back)."""
        snapshot: Dict[str, Json] = self._native.snapshot()
        return snapshot

    def load(self, snapshot: Mapping[str, Any]) -> None:
        """Replaces the state with a :meth:`snapshot`'s, in place (clients keep working)."""
        self.control("restore", {"snapshot": snapshot})


# The largest request body the server reads (Zernio's own limit is ~4.5 MB; uploads 20 MB).
MAX_BODY_BYTES = 32 * 1024 * 1024


def serve(
    sandbox: Sandbox,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    ready: Optional[Callable[[str], None]] = None,
    deliver: bool = True,
) -> None:
    """Serves ``sandbox`` over HTTP on ``host:port`` (``0``: a free port) until interrupted:
    Zernio under ``/api/v1/...``, Graph under ``/{version}/...``, the controls under
    ``/_sandbox/...``. ``ready`` gets the base URL once it listens. With ``deliver``, webhook
    deliveries are POSTed to their URLs as they come due (failures retried on Zernio's
    schedule, every attempt in ``GET /v1/webhooks/logs``); without, they wait for
    ``GET /_sandbox/deliveries``. The core does the answering; this is only the socket around
    ``Sandbox.handle``. The controls (snapshot, reset) are open
    to whoever reaches the port: keep ``host`` on loopback."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body leave in separate writes: without TCP_NODELAY, Nagle's algorithm and
        # the client's delayed ACK hold each keep-alive answer ~40 ms.
        disable_nagle_algorithm = True

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
            if "chunked" in (self.headers.get("transfer-encoding") or "").lower():
                return self._refuse(411, "Send the body with a Content-Length")
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
            response, _, latency_ms, dropped = sandbox._native.handle(request, _rfc3339(sandbox._clock()))
            due.set()
            if latency_ms:
                import time

                time.sleep(latency_ms / 1000)
            if dropped:  # a planted dropped connection: no answer at all
                self.close_connection = True
                return None
            payload = response.get("body", b"")
            payload = payload.encode() if isinstance(payload, str) else payload
            self.send_response(response["status"])
            headers = response.get("headers", [])
            for name, value in headers.items() if isinstance(headers, dict) else headers:
                if name.lower() not in ("content-length", "connection"):
                    self.send_header(name, value)
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":  # a HEAD answer has headers only
                self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

        def __getattr__(self, name: str) -> Any:
            # Every method reaches the core (HEAD, OPTIONS, TRACE, QUERY, ...): one neither API
            # has is its 405 naming what the path takes (or its 404), never the server's 501.
            if name.startswith("do_"):
                return self._answer
            raise AttributeError(name)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
            pass  # requests carry keys and personal data: nothing is logged

    import threading

    due = threading.Event()
    stopping = threading.Event()

    def sender() -> None:
        # After each request, and each second for retries coming due on the clock.
        while not stopping.is_set():
            due.wait(1.0)
            due.clear()
            if deliver and not stopping.is_set():
                try:
                    sandbox.send_deliveries()
                except Exception:  # noqa: BLE001 - the sender must outlive any one bad delivery
                    pass

    server = ThreadingHTTPServer((host, port), Handler)
    bound_host, bound_port = server.server_address[:2]
    base = f"http://{bound_host!s}:{bound_port}"
    thread = threading.Thread(target=sender, name="wanumbers-sandbox-deliveries", daemon=True)
    thread.start()
    try:
        if ready is not None:
            ready(base)
        server.serve_forever()
    finally:
        stopping.set()
        due.set()
        server.server_close()
