"""The core's table of operations is the only list: every operation is a method of each client
(sync and async) whose parameters are the operation's arguments, and nothing else is."""

import inspect
import json
import pathlib
import re
from typing import Any, List, Literal, Tuple

import pytest

import wanumbers
from wanumbers import AsyncClient, AsyncGraphClient, Client, GraphClient, operation_table

# Python spellings that differ from the argument's wire name beyond snake_case.
RENAMED = {("upload_document", "data"): "bytes"}
# Client methods that are not operations of the table.
NOT_OPERATIONS = {"call", "list_all_phone_numbers"}


def snake(name: str) -> str:
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def norm(name: str) -> str:
    return name.replace("_", "").lower()


CLIENTS: List[Tuple[type, Literal["zernio", "graph"]]] = [(Client, "zernio"), (AsyncClient, "zernio"), (GraphClient, "graph"), (AsyncGraphClient, "graph")]


@pytest.mark.parametrize(("cls", "platform"), CLIENTS, ids=[f"{c.__name__}" for c, _ in CLIENTS])
def test_each_client_has_one_method_per_operation_with_its_arguments(cls: type, platform: Literal["zernio", "graph"]) -> None:
    table = [op for op in operation_table() if op["platform"] == platform]
    assert table, "the table has no operations"
    assert [op["name"] for op in table] == wanumbers.operations(platform)
    for op in table:
        method = getattr(cls, op["name"], None)
        assert method is not None, f"{cls.__name__} has no method {op['name']}"
        params = [p for p in inspect.signature(method).parameters if p != "self"]
        got = {norm(RENAMED.get((op["name"], p), p)) for p in params}
        assert got == {norm(a) for a in op["args"]}, f"{cls.__name__}.{op['name']}: {params} vs {op['args']}"
    methods = {n for n, v in vars(cls).items() if callable(v) and not n.startswith("_")} - NOT_OPERATIONS
    assert methods == {op["name"] for op in table}


def test_the_table_says_what_each_operation_is() -> None:
    table = {op["name"]: op for op in operation_table()}
    purchase = table["purchase"]
    assert (purchase["method"], purchase["path"], purchase["operation_id"]) == ("POST", "/v1/phone-numbers/purchase", "purchasePhoneNumber")
    assert purchase["idempotency"] == {"kind": "key", "value": "purchaseIntentId"}
    assert table["register"]["retry_safe"] is False
    assert [n for n, op in table.items() if op["needs_today"]] == ["submit_kyc", "submit_remediation"]
    assert table["list_phone_numbers"]["pages"] == {"items": "data", "next": {"kind": "after"}}
    assert table["list_calls"]["pages"] == {"items": "calls", "next": {"kind": "cursor", "member": "nextCursor", "arg": "before"}}
    assert {"wire": "summary", "arg": "totalCount", "kind": "flag", "value": "total_count"} in table["list_phone_numbers"]["query"]


class _Captured(Exception):
    pass


def test_each_method_sends_exactly_the_operations_argument_names(monkeypatch: pytest.MonkeyPatch) -> None:
    # What each generated method hands the core: every parameter set, under the table's names.
    import wanumbers._client as client_module

    seen: List[Tuple[str, List[str]]] = []

    class Native:
        def __getattr__(self, name: str) -> object:
            return getattr(wanumbers._native, name)

        @staticmethod
        def build_request(platform: str, config: object, operation: str, args: dict) -> object:  # type: ignore[type-arg]
            seen.append((operation, sorted(args)))
            raise _Captured

    monkeypatch.setattr(client_module, "_native", Native())
    table = {op["name"]: op for op in operation_table()}
    for cls in (Client, GraphClient):
        client = cls("k", lambda request: None)
        for name, op in table.items():
            if not hasattr(cls, name):
                continue
            params = [p for p in inspect.signature(getattr(cls, name)).parameters if p != "self"]
            with pytest.raises(_Captured):
                getattr(client, name)(**{p: "2026-03-15" if p == "today" else "x" for p in params})
            assert seen[-1] == (name, sorted(snake(a) for a in op["args"])), f"{cls.__name__}.{name}"


def _request_vectors() -> List[Tuple[str, dict]]:  # type: ignore[type-arg]
    doc = json.loads((pathlib.Path(__file__).resolve().parent.parent / "vectors" / "http_requests.json").read_text(encoding="utf-8"))
    cases = []
    for case in doc["cases"]:
        inp = case["input"]
        # The default configs only: the methods are under test, not the clients' options.
        simple = set(inp.get("config", {})) <= {"apiKey", "accessToken", "version"}
        if inp["op"] in ("zernio_request", "graph_request") and "ok" in case["expect"] and simple:
            cases.append((case["name"], case))
    return cases


@pytest.mark.parametrize(("name", "case"), _request_vectors(), ids=[n for n, _ in _request_vectors()])
def test_each_generated_method_builds_the_request_vectors(name: str, case: dict) -> None:  # type: ignore[type-arg]
    # The generated signature takes every request that builds (no argument it cannot pass, none
    # it requires that a working call leaves out), and the request is the vector's.
    inp, want = case["input"], case["expect"]["ok"]
    sent: List[Any] = []

    def transport(request: Any) -> Any:
        sent.append(request)
        raise _Captured

    if inp["op"] == "zernio_request":
        client: object = Client(inp["config"]["apiKey"], transport, max_attempts=1)
    else:
        client = GraphClient(inp["config"]["accessToken"], transport, version=inp["config"].get("version", "v25.0"), max_attempts=1)
    kwargs = {RENAMED_BACK.get(snake(k), snake(k)): v for k, v in inp["args"].items()}
    with pytest.raises(wanumbers.TransportError):
        getattr(client, inp["operation"])(**kwargs)
    assert (sent[0]["method"], sent[0]["url"]) == (want["method"], want["url"])


# Python names of arguments that differ beyond snake_case (the inverse of RENAMED).
RENAMED_BACK = {wire: py for (_op, py), wire in RENAMED.items()}
