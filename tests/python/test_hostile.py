"""No input may kill the host: every public function, every argument, every hostile value.

The values and the sample calls are the shared corpus in tests/hostile (see its README): each
call must return or raise a ``WanumbersError``, never ``TypeError``/``OverflowError``/
``UnicodeEncodeError``/``RecursionError``/``SystemError`` or a crash, and the package must
still work afterwards.
"""

from __future__ import annotations

import base64
import json
import pathlib
import subprocess
import sys
import textwrap
import threading
import time
import warnings
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest

import wanumbers as w

HOSTILE = pathlib.Path(__file__).resolve().parents[1] / "hostile"
VALUES: List[Dict[str, Any]] = [
    v for v in json.loads((HOSTILE / "values.json").read_text(encoding="utf-8"))["values"] if "python" in v.get("languages", ["python"])
]
FUNCTIONS: List[Dict[str, Any]] = [
    f for f in json.loads((HOSTILE / "functions.json").read_text(encoding="utf-8"))["functions"] if "python" in f.get("languages", ["python"])
]
SLOW_SECONDS = 2.0


def nest(kind: str, depth: int, leaf: Any) -> Any:
    """``depth`` levels of lists or dicts around ``leaf``, built with a loop (no recursion)."""
    value = leaf
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


def expand(value: Any) -> Any:
    """A value of values.json / functions.json as a Python value (see tests/hostile/README.md)."""
    if isinstance(value, dict) and len(value) == 1:
        ((key, arg),) = value.items()
        if key == "$repeat":
            return arg[0] * arg[1]
        if key == "$utf16":
            return "".join(chr(unit) for unit in arg)
        if key == "$base64":
            return base64.b64decode(arg)
        if key == "$float":
            return float(arg)
        if key == "$int":
            return int(arg)
        if key == "$opaque":
            return object()
        if key == "$int_key_map":
            return {k: v for k, v in arg}
        if key == "$nest":
            return nest(arg["kind"], arg["depth"], expand(arg["leaf"]))
    if isinstance(value, dict):
        return {k: expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expand(v) for v in value]
    return value


# Built once: the 100,000-level values and the 100 MB string are costly to make.
_EXPANDED: Dict[str, Any] = {}


def hostile(name: str) -> Any:
    if name not in _EXPANDED:
        (entry,) = [v for v in VALUES if v["name"] == name]
        _EXPANDED[name] = expand(entry["value"])
    return _EXPANDED[name]


def call(fn: Dict[str, Any], replace: Optional[Tuple[int, Any]] = None) -> Any:
    """The sample call of ``fn``, with argument ``replace[0]`` set to ``replace[1]``."""
    args: List[Any] = []
    kwargs: Dict[str, Any] = {}
    for i, param in enumerate(fn["params"]):
        value = replace[1] if replace is not None and replace[0] == i else expand(param["sample"])
        if param.get("keyword"):
            kwargs[param["name"]] = value
        else:
            args.append(value)
    target: Callable[..., Any] = getattr(w, fn["name"])
    return target(*args, **kwargs)


def still_works() -> None:
    assert w.normalize_phone("+447400123456") == "+447400123456"
    assert w.format_usd(123456) == "$1,234.56"


def public_functions() -> set[str]:
    return {name for name in w.__all__ if name[0].islower() and callable(getattr(w, name))}


def test_the_corpus_covers_every_public_function() -> None:
    listed = {f["name"] for f in FUNCTIONS}
    assert listed == public_functions(), f"missing: {public_functions() - listed}; unknown: {listed - public_functions()}"
    native = {name for name in w._native.__all__ if callable(getattr(w._native, name)) and name[0].islower()}
    assert native <= listed


@pytest.mark.parametrize("fn", FUNCTIONS, ids=[f["name"] for f in FUNCTIONS])
def test_the_sample_call_is_valid(fn: Dict[str, Any]) -> None:
    call(fn)


@pytest.mark.parametrize("fn", FUNCTIONS, ids=[f["name"] for f in FUNCTIONS])
def test_every_argument_with_every_hostile_value(fn: Dict[str, Any]) -> None:
    wrong: List[str] = []
    slow: List[str] = []
    for i, param in enumerate(fn["params"]):
        for entry in VALUES:
            if entry.get("heavy") and fn["name"] not in entry.get("only_functions", []):
                continue
            value = hostile(entry["name"])
            started = time.perf_counter()
            try:
                call(fn, (i, value))
            except w.WanumbersError:
                pass
            except Exception as err:  # noqa: BLE001 (the point: nothing else may come out)
                wrong.append(f"{param['name']} = {entry['name']}: {type(err).__name__}")
            elapsed = time.perf_counter() - started
            if elapsed > SLOW_SECONDS:
                slow.append(f"{param['name']} = {entry['name']}: {elapsed:.1f} s")
            still_works()
    if slow:
        warnings.warn(f"{fn['name']} is slow on: {'; '.join(slow)}", stacklevel=1)
    assert not wrong, f"{fn['name']} raised a non-wanumbers exception for: " + "; ".join(wrong)


# The rules the sweep above only checks loosely (any WanumbersError): the exact codes.
CODES: List[Tuple[str, Callable[[], Any], str, Optional[str]]] = [
    ("text given an int", lambda: w.normalize_phone(123), "argument_type", "raw"),  # type: ignore[arg-type]
    ("optional text given an int", lambda: w.normalize_phone("+447400123456", 44), "argument_type", "region"),  # type: ignore[arg-type]
    ("a predicate given an int", lambda: w.is_country_code(12), "argument_type", "code"),  # type: ignore[arg-type]
    ("a header given an int", lambda: w.verify_zernio_signature("whsec", b"{}", 1234), "argument_type", "header"),  # type: ignore[arg-type]
    ("a secret given an int", lambda: w.verify_zernio_signature(1234, b"{}", "00"), "argument_type", "secret"),  # type: ignore[arg-type]
    ("bytes given str", lambda: w.encode_document("text"), "argument_type", "data"),  # type: ignore[arg-type]
    ("a list of text given text", lambda: w.check_phones("+447400123456"), "argument_type", "raws"),
    ("a list of text holding bytes", lambda: w.check_phones(["+447400123456", b"7"]), "argument_type", "raws[1]"),
    ("cents below zero", lambda: w.format_usd(-1), "argument_invalid", "cents"),
    ("cents past 2**64", lambda: w.format_usd(2**70), "argument_invalid", "cents"),
    ("cents given a float", lambda: w.format_usd(1.5), "argument_type", "cents"),  # type: ignore[arg-type]
    ("cents given a bool", lambda: w.format_usd(True), "argument_type", "cents"),
    ("a month past u8", lambda: w.days_in_month(2026, 300), "argument_invalid", "month"),
    ("a year given text", lambda: w.days_in_month("2026", 2), "argument_type", "year"),  # type: ignore[arg-type]
    ("a lone surrogate", lambda: w.normalize_phone("\ud800"), "argument_invalid", "raw"),
    ("a lone surrogate in a list", lambda: w.check_phones(["+447400123456", "\udc00"]), "argument_invalid", "raws[1]"),
    ("a lone surrogate in a model", lambda: w.run_rate([{"_id": "\ud800"}]), "argument_invalid", "numbers"),
    ("a lone surrogate as a key", lambda: w.run_rate([{"\ud800": 1}]), "argument_invalid", "numbers"),
    ("NaN in a model", lambda: w.build_request("zernio", {"api_key": "k"}, "search_available", {"limit": float("nan")}), "argument_invalid", "args"),
    ("Infinity in a model", lambda: w.run_rate([{"monthlyCents": float("inf")}]), "argument_invalid", "numbers"),
    ("2**64 in a model", lambda: w.run_rate([{"monthlyCents": 2**64}]), "argument_invalid", "numbers"),
    ("-2**63-1 in a model", lambda: w.run_rate([{"monthlyCents": -(2**63) - 1}]), "argument_invalid", "numbers"),
    ("a dict with int keys", lambda: w.run_rate([{1: "a"}]), "argument_type", "numbers"),
    ("an object in a model", lambda: w.validate_kyc({"country": "GB", "fields": [object()]}, {}), "argument_type", "form"),
    ("invalid UTF-8 in a model", lambda: w.countries(b"\xff\xfe"), "argument_invalid", "catalog"),
    ("a date given an int", lambda: w.invoice([], 20260301, "2026-04-01"), "argument_type", "start"),  # type: ignore[arg-type]
    ("a time given a list", lambda: w.purchase_guard(None, ["2026-03-15T12:00:00Z"]), "argument_type", "now"),  # type: ignore[arg-type]
    ("a bool given text", lambda: w.purchase_guard(None, "2026-03-15T12:00:00Z", "yes"), "argument_type", "allow_multiple"),  # type: ignore[arg-type]
    ("an unknown platform", lambda: w.operations("whatsapp"), "argument_invalid", "platform"),  # type: ignore[arg-type]
    ("a response without a status", lambda: w.parse_response("zernio", "list_countries", {}, {"body": b"{}"}), "argument_type", "response"),
    ("a response status given text", lambda: w.parse_response("zernio", "list_countries", {}, {"status": "200"}), "argument_type", "response.status"),
    ("a response status past u16", lambda: w.parse_response("zernio", "list_countries", {}, {"status": 70000}), "argument_invalid", "response.status"),
    ("response headers not pairs", lambda: w.parse_response("zernio", "list_countries", {}, {"status": 200, "headers": [1]}), "argument_type", "response.headers"),
    ("a response body given an int", lambda: w.parse_response("zernio", "list_countries", {}, {"status": 200, "body": 5}), "argument_type", "response.body"),
    ("a transport timeout given text", lambda: w.urllib_transport("30"), "argument_type", "timeout"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("case", CODES, ids=[c[0] for c in CODES])
def test_each_bad_argument_has_its_code(case: Tuple[str, Callable[[], Any], str, Optional[str]]) -> None:
    _, thunk, code, argument = case
    with pytest.raises(w.InputError) as info:
        thunk()
    assert info.value.code == code, info.value
    if argument is not None:
        assert info.value.details.get("argument") == argument, info.value.details


def test_nan_is_never_silently_null() -> None:
    # Before: NaN became null and `limit` was simply left out of the query.
    with pytest.raises(w.InputError):
        w.build_request("zernio", {"api_key": "k"}, "search_available", {"country": "GB", "limit": float("nan")})


def test_the_depth_limit_is_127_levels() -> None:
    # 127 levels are read (and then refused by the model, not as too deep); 128 are not read,
    # as serde_json's parser does not read a JSON text of 128 levels.
    ok = nest("list", 126, 1)
    with pytest.raises(w.InputError) as info:
        w.run_rate([ok])
    assert info.value.code != "input_too_deep"
    with pytest.raises(w.InputError) as info:
        w.run_rate([nest("list", 127, 1)])
    assert info.value.code == "input_too_deep"
    assert info.value.details == {"max_depth": 127}


DEEP_CALLS: List[Tuple[str, Callable[[Any], Any]]] = [
    ("run_rate numbers", lambda deep: w.run_rate(deep)),
    ("run_rate inside a number", lambda deep: w.run_rate([{"_id": "a", "history": deep}])),
    ("validate_kyc form", lambda deep: w.validate_kyc(deep, {})),
    ("validate_kyc submission", lambda deep: w.validate_kyc({"country": "GB", "fields": []}, {"values": deep})),
    ("build_request args", lambda deep: w.build_request("zernio", {"api_key": "k"}, "purchase", {"profile_id": deep})),
    ("build_request config", lambda deep: w.build_request("zernio", deep, "purchase", {})),
    ("next_page page", lambda deep: w.next_page("graph", "list_phone_numbers", {"waba_id": "1"}, deep)),
    ("countries catalog", lambda deep: w.countries(deep)),
]


def deep_outcomes() -> List[str]:
    """For each deep value and call: the error code, or what went wrong."""
    out = []
    for kind in ("list", "dict"):
        deep = nest(kind, 100_000, 1)
        for name, fn in DEEP_CALLS:
            try:
                fn(deep)
                out.append(f"{name} ({kind}): returned")
            except w.WanumbersError as err:
                out.append(err.code)
            except BaseException as err:  # noqa: BLE001
                out.append(f"{name} ({kind}): {type(err).__name__}")
    return out


def test_100000_levels_are_input_too_deep_in_the_main_thread() -> None:
    assert set(deep_outcomes()) == {"input_too_deep"}
    still_works()


def test_100000_levels_are_input_too_deep_in_a_thread() -> None:
    # Threads have smaller stacks than the main thread: this used to kill the interpreter.
    results: List[List[str]] = []
    thread = threading.Thread(target=lambda: results.append(deep_outcomes()))
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert results and set(results[0]) == {"input_too_deep"}, results
    still_works()


def test_a_thread_with_a_small_stack_survives_in_a_fresh_interpreter() -> None:
    # The same in a child process with a 128 KiB thread stack (musl's default): a crash shows as a signal here
    # instead of taking the test run down.
    script = textwrap.dedent(
        """
        import threading, wanumbers as w
        threading.stack_size(128 * 1024)
        deep = [1]
        for _ in range(100_000):
            deep = [deep]
        codes = []
        def run():
            for fn in (w.run_rate, lambda d: w.validate_kyc(d, {}), lambda d: w.build_request("zernio", {"api_key": "k"}, "purchase", d)):
                try:
                    fn(deep)
                except w.WanumbersError as err:
                    codes.append(err.code)
        t = threading.Thread(target=run)
        t.start()
        t.join()
        print(",".join(codes))
        print(w.normalize_phone("+447400123456"))
        """
    )
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 0, (r.returncode, r.stderr[-2000:])
    assert r.stdout.split() == ["input_too_deep,input_too_deep,input_too_deep", "+447400123456"]


class Opaque:
    """A value with ``isoformat`` that misbehaves: raises, or returns a non-str."""

    def __init__(self, result: Any) -> None:
        self.result = result

    def isoformat(self) -> Any:
        if isinstance(self.result, BaseException):
            raise self.result
        return self.result


@pytest.mark.parametrize("result", [ValueError("boom"), 42, None, "2026-03-01"], ids=["raises", "int", "none", "text"])
def test_objects_with_a_strange_isoformat(result: Any) -> None:
    try:
        w.invoice([], Opaque(result), "2026-04-01")  # type: ignore[arg-type]
    except w.WanumbersError:
        pass
    try:
        w.run_rate([{"_id": "a", "history": [{"status": "active", "at": Opaque(result)}]}])
    except w.WanumbersError:
        pass
    still_works()


def test_clients_with_hostile_keys_and_arguments() -> None:
    def transport(req: Any) -> Any:
        return {"status": 200, "body": b'{"countries": []}'}

    for entry in VALUES:
        if entry.get("heavy"):
            continue
        value = hostile(entry["name"])
        for make in (lambda: w.Client(value, transport), lambda: w.GraphClient(value, transport)):
            try:
                client: Any = make()
                client.call("list_countries" if isinstance(client, w.Client) else "get_health_status", {"node_id": "1"})
            except w.WanumbersError:
                pass
        try:
            w.Client("k", transport).search_available(country=value)
        except w.WanumbersError:
            pass
    still_works()


@pytest.mark.parametrize(
    "answer",
    [None, 42, "text", object(), {"status": "200"}, {"status": 200, "body": 5}, {"status": float("nan")}],
    ids=["none", "int", "text", "object", "status-text", "body-int", "status-nan"],
)
def test_a_transport_answering_nonsense(answer: Any) -> None:
    client = w.Client("k", lambda req: answer)
    with pytest.raises(w.WanumbersError):
        client.list_countries()


def test_a_transport_raising_anything_is_a_transport_error() -> None:
    for exc in (TypeError("x"), OverflowError("x"), RecursionError("x"), UnicodeEncodeError("utf-8", "x", 0, 1, "x"), KeyError("x")):

        def transport(req: Any, exc: BaseException = exc) -> Any:
            raise exc

        with pytest.raises(w.TransportError) as info:
            w.Client("k", transport).list_countries()
        assert info.value.details["exception"] == type(exc).__name__
