"""Secrets and personal data never leak through the objects wanumbers hands out.

Recognisable values are planted (an API key, a webhook secret, a name, an e-mail, an address,
a phone number) and every public object that can hold them is shown every way a program shows
things: repr, str, vars, a pickle round-trip, logging, and formatted tracebacks. Secrets must
appear nowhere; personal data must not appear in error messages or reprs (it may be in
returned data: that is the user's own data).
"""

from __future__ import annotations

import asyncio
import copy
import io
import json
import logging
import pathlib
import pickle
import subprocess
import sys
import traceback
from typing import Any, Callable, Dict, Iterator, List

import pytest

import wanumbers as w

API_KEY = "sk_live_PLANTEDSECRET123456"
TOKEN = "EAAGPLANTEDACCESSTOKEN123456789"
WEBHOOK_SECRET = "whsec_PLANTEDWEBHOOK987654"
NAME = "Ana Garcia Planted"
EMAIL = "ana.planted@example.com"
ADDRESS = "Calle Plantada 42"
PHONE = "+34612345678"

SECRETS = [API_KEY, TOKEN, WEBHOOK_SECRET, "PLANTEDSECRET", "PLANTEDACCESSTOKEN", "PLANTEDWEBHOOK"]
PII = [NAME, "Planted", EMAIL, ADDRESS, "Plantada", PHONE, "612345678"]


def assert_clean(text: str, what: str, pii: bool = True) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{what} shows the secret {secret!r}"
    if pii:
        for value in PII:
            assert value not in text, f"{what} shows the personal data {value!r}"


def shown(obj: Any) -> Dict[str, str]:
    """Every way a program shows ``obj``: repr, str, vars, a log line, %r and %s."""
    out = {"repr": repr(obj), "str": str(obj), "format": f"{obj}"}
    try:
        out["vars"] = repr(vars(obj))
    except TypeError:
        pass
    stream = io.StringIO()
    logger = logging.getLogger("wanumbers-leak-test")
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        logger.info("object %r %s", obj, obj)
        logger.info({"value": obj})
    finally:
        logger.removeHandler(handler)
    out["logging"] = stream.getvalue()
    return out


def pickled(obj: Any) -> bytes:
    """A pickle of ``obj`` (checked round-trip), or b"" when it refuses to be pickled."""
    try:
        data = pickle.dumps(obj)
    except pickle.PicklingError:
        return b""
    again = pickle.loads(data)
    assert type(again) is type(obj)
    return data


def check_object(obj: Any, what: str, pii: bool = True) -> None:
    for way, text in shown(obj).items():
        assert_clean(text, f"{what} ({way})", pii)
    data = pickled(obj)
    for secret in SECRETS:
        assert secret.encode() not in data, f"the pickle of {what} holds {secret!r}"
    for c in (copy.copy(obj), copy.deepcopy(obj)):
        assert_clean(repr(c), f"a copy of {what}", pii)


def check_error(err: BaseException, what: str) -> None:
    """An exception: itself, its details, its formatted traceback and chain, a log of it."""
    check_object(err, what)
    if isinstance(err, w.WanumbersError):
        assert_clean(repr(err.details), f"{what} details")
        assert_clean(str(err.details), f"{what} details (str)")
        assert_clean(err.message, f"{what} message")
        again = pickle.loads(pickle.dumps(err))
        assert (again.code, again.message) == (err.code, err.message)
        for secret in SECRETS:
            assert secret.encode() not in pickle.dumps(err), f"the pickle of {what} holds {secret!r}"
    text = "".join(traceback.format_exception(type(err), err, err.__traceback__))
    assert_clean(text, f"{what} traceback")
    for linked in (err.__cause__, err.__context__):
        if linked is not None:
            assert_clean(repr(linked) + str(linked), f"{what} __cause__/__context__")
    stream = io.StringIO()
    logger = logging.getLogger("wanumbers-leak-test.exc")
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    try:
        try:
            raise err
        except BaseException:
            logger.exception("call failed")
    finally:
        logger.removeHandler(handler)
    assert_clean(stream.getvalue(), f"{what} logging.exception")


def raised(fn: Callable[[], Any]) -> BaseException:
    try:
        fn()
    except BaseException as err:  # noqa: BLE001
        return err
    raise AssertionError("expected an exception")


# ------------------------------------------------------------------------------------------
# Clients and requests


def echo_transport(status: int, body: Any, headers: Any = None) -> Callable[[Any], Any]:
    def send(req: Any) -> Any:
        return {"status": status, "headers": headers or [], "body": json.dumps(body).encode() if not isinstance(body, bytes) else body}

    return send


async def async_ok(req: Any) -> Any:
    return {"status": 200, "body": b'{"countries": []}'}


def clients() -> Iterator[Any]:
    yield w.Client(API_KEY, echo_transport(200, {"countries": []}))
    yield w.GraphClient(TOKEN, echo_transport(200, {"data": []}))
    yield w.AsyncClient(API_KEY, async_ok)
    yield w.AsyncGraphClient(TOKEN, async_ok)


@pytest.mark.parametrize("client", list(clients()), ids=lambda c: type(c).__name__)
def test_clients_never_show_the_key(client: Any) -> None:
    check_object(client, type(client).__name__)
    assert all(API_KEY not in repr(v) and TOKEN not in repr(v) for v in vars(client).values())
    with pytest.raises(pickle.PicklingError):
        pickle.dumps(client)


def test_a_built_request_never_shows_the_key_but_sends_it() -> None:
    request = w.build_request("zernio", {"api_key": API_KEY}, "purchase", {"profile_id": "p", "country": "GB"})
    check_object(request, "build_request(...)")
    check_object(request["headers"], "the request's headers")
    auth = dict(request["headers"])["authorization"]
    assert auth == f"Bearer {API_KEY}" and str(auth) == f"Bearer {API_KEY}" and auth.encode("latin-1") == f"Bearer {API_KEY}".encode()
    assert json.loads(json.dumps(dict(request["headers"])))["authorization"] == f"Bearer {API_KEY}"
    graph = w.build_request("graph", {"access_token": TOKEN}, "get_health_status", {"node_id": "1"})
    check_object(graph, "a Graph request")


def test_what_the_transport_receives_never_shows_the_key() -> None:
    seen: List[Any] = []

    def send(req: Any) -> Any:
        seen.append(req)
        return {"status": 200, "body": b'{"countries": []}'}

    w.Client(API_KEY, send).list_countries()
    with pytest.raises(w.ApiError):  # the answer is not a health status; the request was sent
        w.GraphClient(TOKEN, send).get_health_status(node_id="1")
    assert len(seen) == 2
    for req in seen:
        check_object(req, "the request a transport receives")


# ------------------------------------------------------------------------------------------
# Errors


def test_a_transport_exception_quoting_the_key_is_wrapped() -> None:
    def send(req: Any) -> Any:
        headers = dict(req["headers"])
        raise ConnectionError(f"could not send {req['url']} with authorization={str(headers['authorization'])} for {NAME}")

    for client in (w.Client(API_KEY, send), w.GraphClient(TOKEN, send)):
        err = raised(lambda: client.call("list_countries", {}) if isinstance(client, w.Client) else client.get_health_status(node_id="1"))
        assert isinstance(err, w.TransportError)
        assert err.details["exception"] == "ConnectionError"
        assert err.__cause__ is None and err.__context__ is None
        check_error(err, "a TransportError from a transport that quoted the key")


def test_an_async_transport_exception_is_wrapped() -> None:
    async def send(req: Any) -> Any:
        raise RuntimeError(f"auth {str(dict(req['headers'])['authorization'])}")

    async def run() -> BaseException:
        try:
            await w.AsyncClient(API_KEY, send).list_countries()
        except BaseException as err:  # noqa: BLE001
            return err
        raise AssertionError("expected an exception")

    err = asyncio.run(run())
    assert isinstance(err, w.TransportError) and err.__context__ is None
    check_error(err, "an async TransportError")


def test_the_builtin_transports_failures_never_show_the_key() -> None:
    for make in (w.urllib_transport, w.requests_transport, w.httpx_transport):
        client = w.Client(API_KEY, make(timeout=2), base_url="http://127.0.0.1:9/api")  # nothing listens on port 9
        err = raised(client.list_countries)
        assert isinstance(err, w.TransportError), err
        check_error(err, f"a TransportError from {make.__name__}")


UPSTREAM = f"invalid key {API_KEY} for {NAME} <{EMAIL}> at {ADDRESS}, phone {PHONE}"


def api_errors() -> Iterator[Any]:
    yield "zernio 401 echoing the key", lambda: w.Client(API_KEY, echo_transport(401, {"error": UPSTREAM})).list_countries()
    yield "zernio 400 with details", lambda: w.Client(API_KEY, echo_transport(400, {"error": UPSTREAM, "details": {"suggestion": {"street_address": ADDRESS, "name": NAME}}})).validate_address(
        country="ES", street_address=ADDRESS, locality="Madrid", postal_code="28001")
    yield "x-request-id echoing the header", lambda: w.Client(API_KEY, echo_transport(500, {"error": "oops"}, [("x-request-id", f"Bearer {API_KEY}")])).list_countries()
    yield "a body that cannot be read", lambda: w.Client(API_KEY, echo_transport(200, f"<html>{UPSTREAM}</html>".encode())).list_countries()
    yield "graph error echoing the token", lambda: w.GraphClient(TOKEN, echo_transport(400, {"error": {"code": 100, "message": f"token {TOKEN} for {NAME} {PHONE}", "fbtrace_id": "T1"}})).get_health_status(node_id="1")
    yield "graph 401", lambda: w.GraphClient(TOKEN, echo_transport(401, {"error": {"code": 190, "message": f"Invalid OAuth access token {TOKEN}", "type": "OAuthException"}})).get_health_status(node_id="1")


@pytest.mark.parametrize("case", list(api_errors()), ids=lambda c: c[0])
def test_api_errors_never_show_secrets_or_personal_data(case: Any) -> None:
    what, fn = case
    err = raised(fn)
    assert isinstance(err, w.ApiError), err
    check_error(err, what)


def test_input_errors_never_quote_the_input() -> None:
    cases = {
        "a phone that is a name and address": lambda: w.normalize_phone(f"{NAME}, {ADDRESS}", "ES"),
        "a phone in the wrong region": lambda: w.normalize_phone_in_region(PHONE, "GB"),
        "a country that is a name": lambda: w.country_info(NAME),
        "a status that is an e-mail": lambda: w.parse_status(EMAIL),
        "a date that is an address": lambda: w.invoice([], ADDRESS, "2026-04-01"),
        "a model with an object beside PII": lambda: w.validate_kyc({"country": "ES", "fields": []}, {"values": {"name": NAME, "x": object()}}),
        "a model with PII of the wrong type": lambda: w.run_rate([{"_id": NAME, "country": ADDRESS, "monthlyCents": EMAIL}]),
        "an unreadable webhook": lambda: w.parse_webhook(f'{{"name": "{NAME}", "email": "{EMAIL}"'),
        "a wrong signature": lambda: w.verify_zernio_signature(WEBHOOK_SECRET, json.dumps({"name": NAME, "phone": PHONE}), "00" * 32),
        "a malformed signature": lambda: w.verify_meta_signature(WEBHOOK_SECRET, b"{}", f"sha256={WEBHOOK_SECRET}"),
        "a challenge with the wrong token": lambda: w.meta_challenge("subscribe", WEBHOOK_SECRET, "1", "vt_other"),
        "an insecure base URL": lambda: w.Client(API_KEY, echo_transport(200, {}), base_url=f"http://{NAME.replace(' ', '')}.example/api").list_countries(),
        "a bad argument to a client": lambda: w.Client(API_KEY, echo_transport(200, {})).purchase(profile_id=NAME, area_code=PHONE),
        "KYC refused before sending": lambda: w.Client(API_KEY, echo_transport(200, {})).submit_kyc(
            form={"country": "ES", "fields": [{"requirementId": "addr", "label": "Address", "kind": "address"}]},
            submission={"profileId": "p", "country": "ES", "address": {"requirementId": "addr", "street_address": ADDRESS, "locality": NAME, "postal_code": EMAIL, "country_code": "ES"}},
            today="2026-03-15"),
    }
    for what, fn in cases.items():
        err = raised(fn)
        assert isinstance(err, w.WanumbersError), (what, err)
        check_error(err, what)


def test_kyc_field_errors_never_quote_the_answers() -> None:
    form = {"country": "ES", "fields": [
        {"requirementId": "name", "label": "Name", "kind": "text"},
        {"requirementId": "addr", "label": "Address", "kind": "address"},
        {"requirementId": "phone", "label": "Phone", "kind": "phone"},
        {"requirementId": "email", "label": "Email", "kind": "text"},
    ]}
    submission = {"profileId": "p", "country": "ES",
                  "values": {"name": NAME * 40, "phone": PHONE.replace("+34", "0034 "), "email": EMAIL, "unknown": NAME},
                  "address": {"requirementId": "addr", "street_address": ADDRESS, "locality": NAME, "postal_code": EMAIL, "country_code": "FR"}}
    for lang in ("en", "es", "pt-BR"):
        errors = w.validate_kyc(form, submission, today="2026-03-15", lang=lang)
        assert errors, "the planted answers are invalid"
        for e in errors:
            assert_clean(e.message, f"a KYC message ({lang})")
            assert_clean(repr(e.params), f"KYC params ({lang})")
            check_object(e, f"a FieldError ({lang})")
            assert_clean(repr(e.to_dict()), f"a FieldError's wire form ({lang})")


def test_the_cli_never_prints_the_webhook_secret(tmp_path: pathlib.Path) -> None:
    body = tmp_path / "body.json"
    body.write_text(json.dumps({"name": NAME, "phone": PHONE}))
    r = subprocess.run([sys.executable, "-m", "wanumbers", "webhook", "verify", str(body), "--secret", WEBHOOK_SECRET, "--signature", WEBHOOK_SECRET],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert_clean(r.stdout + r.stderr, "the CLI's output")


@pytest.mark.parametrize("secret", ["", "   ", "\t\n"], ids=["empty", "spaces", "whitespace"])
def test_the_cli_refuses_an_empty_secret(tmp_path: pathlib.Path, secret: str) -> None:
    body = tmp_path / "body.json"
    body.write_bytes(b'{"id":"e1","event":"whatsapp.number.activated"}')
    r = subprocess.run([sys.executable, "-m", "wanumbers", "webhook", "verify", str(body), "--secret", secret, "--signature", "00" * 32],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and r.stderr.startswith("wanumbers: signature_secret_missing: "), r.stderr


def test_an_empty_secret_is_refused_by_the_functions_too() -> None:
    for fn in (lambda: w.verify_zernio_signature("", b"{}", "00" * 32), lambda: w.verify_meta_signature(b"  ", b"{}", "sha256=" + "00" * 32),
               lambda: w.meta_challenge("subscribe", "", "1", " ")):
        err = raised(fn)
        assert isinstance(err, w.SignatureError) and err.code == "signature_secret_missing", err


def test_a_transition_error_never_quotes_an_unknown_status() -> None:
    # Statuses are open (an unknown one from the API is kept as is), so the text can be anything.
    err = raised(lambda: w.next_status(NAME, "activated"))
    assert isinstance(err, w.TransitionError), err
    check_error(err, "a TransitionError from an unknown status")


def test_phone_checks_never_quote_the_input() -> None:
    for check in w.check_phones([NAME, ADDRESS, EMAIL, PHONE + "999", f"{PHONE} ext {NAME}"], "ES"):
        if check.error is not None:
            assert_clean(check.error.message + repr(check.error.details), "a phone check's error")
            check_object(check.error, "a phone check's ErrorInfo")
            assert_clean(repr(check.error.to_dict()), "a phone check's error's wire form")
        check_object(check, "a PhoneCheck")
    # A valid number is the user's own data: readable as an attribute, redacted in the repr.
    valid = w.check_phone(PHONE)
    assert valid.valid and valid.e164 == PHONE
    check_object(valid, "a valid PhoneCheck")
