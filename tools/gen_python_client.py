#!/usr/bin/env python3
"""Generate bindings-python/python/wanumbers/_client.py: the Python clients.

The operations come from the core's table, read from the generated TypeScript models
(bindings-wasm/types/models.d.ts, written by gen_ts_types.py from the core): the operation maps
give each operation, in order, with its summary and argument type; each argument type gives the
parameters (snake_case here), their types and which are optional. Nothing is listed by hand: a
field added to an operation's struct is a parameter after `make gen`. The generator writes
`Client`, `AsyncClient`, `GraphClient` and `AsyncGraphClient` with one explicit, typed method per
operation. Each method only packs its arguments and calls the native `build_request` /
`parse_response`: the logic is in the core. Run `make gen`; `make test` checks the file is current.
"""

from __future__ import annotations

import pathlib
import re

import _generated

OUT = pathlib.Path(__file__).resolve().parent.parent / "bindings-python" / "python" / "wanumbers" / "_client.py"

MODELS = pathlib.Path(__file__).resolve().parent.parent / "bindings-wasm" / "types" / "models.d.ts"

# Python spellings that differ from the argument's name beyond snake_case (`bytes` is a builtin).
PY_NAMES = {"bytes": "data"}


def _strip_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def _split_top(text: str, sep: str) -> list:
    """`text` split on `sep` outside brackets of any kind."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "{[<(":
            depth += 1
        elif ch in "}]>)":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def _aliases(dts: str) -> dict:
    """Every `export type Name = ...;` of the generated models, comments removed."""
    out = {}
    for m in re.finditer(r"^export type (\w+) = (.*?);\s*$", _strip_comments(dts), flags=re.S | re.M):
        out[m.group(1)] = " ".join(m.group(2).split())
    return out


def _py_type(ts: str, aliases: dict, depth: int = 0) -> str:
    """A TypeScript type of the generated models as a Python annotation (without `Optional`)."""
    parts = [p for p in _split_top(ts, "|") if p != "null"]
    if len(parts) > 1:
        kinds = {_py_type(p, aliases, depth + 1) for p in parts}
        return kinds.pop() if len(kinds) == 1 else "Any"
    t = parts[0] if parts else "null"
    if t.startswith("(") and t.endswith(")"):
        t = t[1:-1].strip()
    # `string & {}`: any text (an open enum's unknown values).
    if t == "string" or t.startswith('"') or t.startswith("string &"):
        return "str"
    if t == "number":
        return "int"
    if t == "boolean":
        return "bool"
    if t.startswith("Array<") and t.endswith(">"):
        return f"Sequence[{_py_type(t[6:-1], aliases, depth + 1)}]"
    if t.startswith("{") or t.startswith("Record<"):
        return "Mapping[str, Any]"
    if t in aliases and depth < 8:
        rhs = aliases[t]
        if rhs.startswith("{"):
            # A model: a dict of the upstream shape, or the typed object itself.
            return f"Union[Mapping[str, Any], _models.{t}]" if t in _model_names() else "Mapping[str, Any]"
        return _py_type(rhs, aliases, depth + 1)
    return "Any"


def operations(platform: str) -> list:
    """(name, summary, [(python name, argument name, annotation, default or None)]) per operation of
    `platform`, from the generated TypeScript: the operation map (the core's table, in order, with
    its summaries) and each argument type's fields (the struct's serde names, in order; `?` or
    `| null` for the optional ones)."""
    dts = MODELS.read_text(encoding="utf-8")
    aliases = _aliases(dts)
    iface = "ZernioOperations" if platform == "zernio" else "GraphOperations"
    body = re.search(r"export interface " + iface + r" \{(.*?)\n\}", dts, flags=re.S).group(1)
    clearable_body = re.search(r"export interface ClearableArguments \{(.*?)\n\}", dts, flags=re.S).group(1)
    clearable = {m.group(1): set(re.findall(r'"(\w+)"', m.group(2))) for m in re.finditer(r"(\w+): (.*?);", clearable_body)}
    out = []
    for m in re.finditer(r"/\*\* (.*?) \*/\s*(\w+): \[(\w+), (\w+)\];", body):
        summary, name, args_type, output = m.group(1), m.group(2), m.group(3), m.group(4)
        decl = aliases[args_type].strip()
        # ts-rs writes a struct without fields as `Record<symbol, never>`.
        fields = _split_top(decl[1:-1], ",") if decl.startswith("{") else []
        params = []
        for field in fields:
            key, ts = (x.strip() for x in field.split(":", 1))
            optional = key.endswith("?") or "null" in _split_top(ts, "|")
            key = key.rstrip("?")
            ann = _py_type(ts, aliases)
            if key == "today":
                params.append(("today", key, "_Date", "None"))
            elif key == "bytes":
                params.append((PY_NAMES[key], key, "bytes", None))
            elif key in clearable.get(name, ()):
                # `None` is sent as null (it clears the value); leaving it out sends nothing.
                params.append((snake(key), key, f"Union[{ann}, None, _Unset]", "UNSET"))
            elif optional:
                params.append((snake(key), key, f"Optional[{ann}]", "None"))
            else:
                params.append((snake(key), key, ann, None))
        out.append((name, summary, params, output))
    return out


def sdk_names() -> dict:
    """namespace -> [(method, operation)] from the generated `SdkNames` (the core's list)."""
    dts = MODELS.read_text(encoding="utf-8")
    body = re.search(r"export interface SdkNames \{(.*?)\n\}", dts, flags=re.S).group(1)
    out: dict = {}
    for m in re.finditer(r"(\w+): (.*?);", body):
        for name in re.findall(r'"(\w+)\.(\w+)"', m.group(2)):
            out.setdefault(name[0], []).append((name[1], m.group(1)))
    return out


_MODELS = None


def _model_names() -> set:
    result("JsonValue")
    return set(_MODELS.wanted())


def result(output: str) -> tuple:
    """(annotation, conversion template) of an operation's result type."""
    global _MODELS
    if _MODELS is None:
        from gen_python_models import Gen
        _MODELS = Gen(MODELS.read_text(encoding="utf-8"))
    if output == "JsonValue":
        return "Json", "_json({})"
    conv = _MODELS.converter(output)
    ann = _MODELS.annotation(output)
    return f"_models.{ann}", f"_models.{conv}({{}})"


HEADER = """# @generated by tools/gen_python_client.py from the core's table (through models.d.ts). Do not edit.
\"\"\"Clients over a transport you choose (``urllib`` by default): one method per operation.

Each method packs its arguments under the operation's names, lets the core build the request,
sends it through the transport and lets the core read the response. A retry-safe call is sent
again after a transport failure, a 429 or a 5xx, as the core decides (``max_attempts=3`` in all;
``1`` turns it off); an ``ApiError`` says ``.retryable``. Results are typed, immutable objects
(``_models``) with snake_case attributes; ``.to_dict()`` gives the upstream (camelCase) form.
The official SDK's and the Zernio docs' names work too (``client.phone_numbers.*``,
``client.whatsapp_phone_numbers.*``, ...), generated from the core's list.

The API key (or access token) is kept out of the client's ``__dict__``, ``repr`` and pickles,
and out of the ``TransportError`` that replaces whatever a transport raised.
\"\"\"

from __future__ import annotations

import asyncio
import base64
import datetime as _dt
import os
import pickle
import random
import time
from typing import Any, Awaitable, Dict, List, Mapping, NoReturn, Optional, Sequence, Union

from . import _models, _native
from ._errors import WanumbersError
from ._model import Json
from ._transport import AsyncTransport, Transport, httpx_async_transport, to_response, urllib_transport
from ._types import Secret

_Date = Union[str, _dt.date, None]

DEFAULT_BASE_URL = "https://zernio.com/api"
DEFAULT_GRAPH_VERSION = "v25.0"


class _Unset:
    \"\"\"The default of an argument that ``None`` clears: left at ``UNSET``, nothing is sent.\"\"\"

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()


def _pack(pairs: Dict[str, Any], clear: Sequence[str] = ()) -> Dict[str, Any]:
    \"\"\"The arguments that are set (``None`` too for those in ``clear``: it clears them);
    dates as YYYY-MM-DD, bytes as base64.\"\"\"
    out: Dict[str, Any] = {}
    for key, value in pairs.items():
        if isinstance(value, _Unset) or (value is None and key not in clear):
            continue
        if isinstance(value, (_dt.date, _dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, (bytes, bytearray)):
            value = base64.b64encode(bytes(value)).decode()
        out[key] = value
    return out


def _listed(value: Any) -> Any:
    \"\"\"A sequence as a list; a string (one field, one prompt) or ``None`` as it is.\"\"\"
    return value if value is None or isinstance(value, (str, bytes, _Unset)) else list(value)


# The operations whose checks need today's date (the core's table says which).
_NEEDS_TODAY = frozenset(op["name"] for op in _native.operation_table() if op["needs_today"])


def _api_key(key: Optional[str]) -> str:
    \"\"\"The key given, else ``ZERNIO_API_KEY`` (as the official SDKs do); none at all is refused
    (``argument_missing``) at the first call, before anything is sent.\"\"\"
    return os.environ.get("ZERNIO_API_KEY", "") if key is None else key


def _json(value: Any) -> Json:
    out: Json = value
    return out


def _typed(operation: str, value: Any) -> object:
    conv = _models.OUTPUTS.get(operation)
    return value if conv is None else conv(value)


def parse_response(platform: str, operation: str, args: Mapping[str, Any], response: Any) -> object:
    \"\"\"The result of an operation from its HTTP response (the core reads it), as the
    operation's typed object; raises ``ApiError`` for an error response.\"\"\"
    return _typed(operation, _native.parse_response(platform, operation, args, response))  # type: ignore[arg-type]


def _today(today: _Date) -> str:
    if today is None:
        return _dt.datetime.now(_dt.timezone.utc).date().isoformat()
    return today.isoformat() if isinstance(today, _dt.date) else today


def _failure(exc: Exception) -> WanumbersError:
    \"\"\"What a transport raised, as a ``TransportError`` that keeps only the exception's type
    name: its text may quote the URL, the headers or the key.\"\"\"
    if isinstance(exc, WanumbersError):
        return exc
    err: WanumbersError = _native._transport_error("the transport raised " + type(exc).__name__, True, type(exc).__name__)
    return err


class _Base:
    # The key lives in a slot: not in ``vars(client)``, and pickling is refused below.
    __slots__ = ("_key", "_config", "_retry")
    _platform = "zernio"
    _key_field = "api_key"

    def __init__(self, key: str, config: Dict[str, Any], max_attempts: int = 3) -> None:
        self._key = Secret(key) if isinstance(key, str) else key
        self._config = config
        self._retry = {"maxAttempts": max_attempts}
        # The policy is checked now, not after a request was sent.
        _native._check_retry_policy(self._retry)

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise pickle.PicklingError(f"a {type(self).__name__} holds an API key and is never pickled; make one where it is used")

    def __copy__(self) -> Any:
        return self

    def __deepcopy__(self, memo: Any) -> Any:
        return self

    def _request(self, operation: str, args: Dict[str, Any]) -> Any:
        return _native.build_request(self._platform, dict(self._config, **{self._key_field: self._key}), operation, args)  # type: ignore[arg-type]

    def _parse(self, operation: str, args: Dict[str, Any], response: Any) -> Any:
        return _native.parse_response(self._platform, operation, args, response)  # type: ignore[arg-type]

    def _retry_after(self, operation: str, args: Dict[str, Any], attempt: int, response: Any) -> Optional[float]:
        \"\"\"Seconds to wait before sending the call again, or ``None``: the core decides (only
        retry-safe calls, after a transport failure, a 429 or a 5xx); the time and the jitter
        are supplied here.\"\"\"
        decision = _native.retry_decision(
            self._platform, operation, args, attempt, response,  # type: ignore[arg-type]
            _dt.datetime.now(_dt.timezone.utc), random.random(), self._retry,
        )
        return decision["afterMs"] / 1000 if decision["decision"] == "retry" else None


# The failure is raised outside the `except` block, so it has no `__context__` either.
class _Sync(_Base):
    _transport: Transport

    def _call(self, operation: str, args: Dict[str, Any]) -> Any:
        request = self._request(operation, args)
        attempt = 1
        while True:
            failure: Optional[WanumbersError] = None
            response: Any = None
            try:
                response = to_response(self._transport(request))
            except Exception as exc:  # noqa: BLE001 (any failure of the transport is a TransportError)
                failure = _failure(exc)
            after = self._retry_after(operation, args, attempt, response)
            if after is None:
                break
            time.sleep(after)
            attempt += 1
        if failure is not None:
            raise failure
        return self._parse(operation, args, response)

    def call(self, operation: str, args: Mapping[str, Any]) -> object:
        \"\"\"Any operation by name, with its arguments in snake_case (the table's ``args``, see
        ``wanumbers.operation_table``); ``today`` is filled in where the table says it is needed.
        The result is the operation's typed object.\"\"\"
        packed = dict(args)
        if operation in _NEEDS_TODAY and packed.get("today") is None:
            packed["today"] = _today(None)
        return _typed(operation, self._call(operation, packed))


class _Async(_Base):
    _transport: AsyncTransport

    async def _acall(self, operation: str, args: Dict[str, Any]) -> Any:
        request = self._request(operation, args)
        attempt = 1
        while True:
            failure: Optional[WanumbersError] = None
            response: Any = None
            try:
                response = to_response(await self._transport(request))
            except Exception as exc:  # noqa: BLE001 (any failure of the transport is a TransportError)
                failure = _failure(exc)
            after = self._retry_after(operation, args, attempt, response)
            if after is None:
                break
            await asyncio.sleep(after)
            attempt += 1
        if failure is not None:
            raise failure
        return self._parse(operation, args, response)
"""


def signature(params: list) -> str:
    if not params:
        return "self"
    parts = ["self", "*"]
    for py, _up, ann, default in params:
        if ann == "_Date":
            parts.append(f"{py}: _Date = None")
        elif default is None:
            parts.append(f"{py}: {ann}")
        else:
            parts.append(f"{py}: {ann} = {default}")
    return ", ".join(parts)


def snake(name: str) -> str:
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def pack(params: list) -> str:
    # Python spells every argument in snake_case; the core converts at the edge.
    items, clear = [], []
    for py, up, ann, default in params:
        # A sequence is copied into a list; a string stays one value (`fields="quality_rating"`).
        sequence = ann.startswith(("Optional[Sequence", "Union[Sequence"))
        value = f"_today({py})" if ann == "_Date" else (f"_listed({py})" if sequence else py)
        items.append(f'"{snake(up)}": {value}')
        if default == "UNSET":
            clear.append(f'"{snake(up)}"')
    cleared = f", clear=({', '.join(clear)},)" if clear else ""
    return "_pack({" + ", ".join(items) + "}" + cleared + ")"


def methods(table: list, is_async: bool) -> list:
    lines = []
    for name, doc, params, output in table:
        kw = "async def" if is_async else "def"
        call = "await self._acall" if is_async else "self._call"
        ann, conv = result(output)
        lines += [
            f"    {kw} {name}({signature(params)}) -> {ann}:",
            f'        """{doc}"""',
            f'        return {conv.format(call + "(" + repr(name).replace(chr(39), chr(34)) + ", " + pack(params) + ")")}',
            "",
        ]
    return lines


def namespaces(prefix: str, table: list, is_async: bool) -> tuple:
    """The SDK's and docs' resource namespaces (`client.phone_numbers`, ...): classes whose methods
    pass their arguments on to the client's own method, and the client's properties."""
    by_name = {name: (params, output) for name, _doc, params, output in table}
    classes, props = [], []
    for ns, entries in sdk_names().items():
        cls = f"_{prefix}{''.join(p.title() for p in ns.split('_'))}"
        classes += [f"class {cls}:", f'    """`client.{ns}`: the official SDK\'s and the docs\' names for this client\'s methods."""', "",
                    '    __slots__ = ("_client",)', "",
                    f"    def __init__(self, client: {prefix}Client) -> None:", "        self._client = client", ""]
        for method, op in entries:
            if op not in by_name:
                continue
            params, output = by_name[op]
            ann, _conv = result(output)
            if is_async:
                ann = f"Awaitable[{ann}]"
            forward = ", ".join(f"{py}={py}" for py, _up, _ann, _default in params)
            classes += [
                f"    def {method}({signature(params)}) -> {ann}:",
                f'        """The same as ``{op}``."""',
                f"        return self._client.{op}({forward})",
                "",
            ]
        classes.append("")
        props += [
            "    @property",
            f"    def {ns}(self) -> {cls}:",
            f'        """The SDK\'s `{ns}` names for this client\'s methods."""',
            f"        return {cls}(self)",
            "",
        ]
    return classes, props


def client_class(name: str, base_doc: str, platform: str, table: list, is_async: bool, init: list, props: list = ()) -> list:
    key_field = "api_key" if platform == "zernio" else "access_token"
    base = "_Async" if is_async else "_Sync"
    lines = [f"class {name}({base}):", f'    """{base_doc}"""', "", f'    _platform = "{platform}"', f'    _key_field = "{key_field}"', ""]
    lines += init
    lines += methods(table, is_async)
    lines += list(props)
    return lines


def zernio_init(is_async: bool) -> list:
    if is_async:
        head = "    def __init__(self, api_key: Optional[str] = None, transport: Optional[AsyncTransport] = None, *, base_url: str = DEFAULT_BASE_URL, legacy_paths: bool = False, allow_insecure_http: bool = False, max_attempts: int = 3) -> None:"
        tail = "        self._transport: AsyncTransport = transport if transport is not None else httpx_async_transport()"
    else:
        head = "    def __init__(self, api_key: Optional[str] = None, transport: Optional[Transport] = None, *, base_url: str = DEFAULT_BASE_URL, legacy_paths: bool = False, allow_insecure_http: bool = False, max_attempts: int = 3) -> None:"
        tail = "        self._transport: Transport = transport or urllib_transport()"
    return [
        head,
        '        """``api_key`` defaults to the ``ZERNIO_API_KEY`` environment variable, as in the official SDKs."""',
        '        super().__init__(_api_key(api_key), {"base_url": base_url, "paths": "legacy" if legacy_paths else "canonical", "allow_insecure_http": allow_insecure_http}, max_attempts)',
        tail,
        "",
        "    def __repr__(self) -> str:",
        '        return f"{type(self).__name__}(base_url={self._config[\'base_url\']!r}, api_key=<redacted>)"',
        "",
    ]


def graph_init(is_async: bool) -> list:
    if is_async:
        head = "    def __init__(self, access_token: str, transport: AsyncTransport, *, version: str = DEFAULT_GRAPH_VERSION, base_url: Optional[str] = None, allow_insecure_http: bool = False, max_attempts: int = 3) -> None:"
        tail = "        self._transport: AsyncTransport = transport"
    else:
        head = "    def __init__(self, access_token: str, transport: Optional[Transport] = None, *, version: str = DEFAULT_GRAPH_VERSION, base_url: Optional[str] = None, allow_insecure_http: bool = False, max_attempts: int = 3) -> None:"
        tail = "        self._transport: Transport = transport or urllib_transport()"
    return [
        head,
        '        config: Dict[str, Any] = {"version": version, "allow_insecure_http": allow_insecure_http}',
        '        if base_url is not None:  # else the core\'s default',
        '            config["base_url"] = base_url',
        '        super().__init__(access_token, config, max_attempts)',
        tail,
        "",
        "    def __repr__(self) -> str:",
        '        return f"{type(self).__name__}(version={self._config[\'version\']!r}, access_token=<redacted>)"',
        "",
    ]


PAGES = {
    False: [
        "    def list_all_phone_numbers(self, *, waba_id: str, fields: Optional[Sequence[str]] = None, limit: Optional[int] = None, max_pages: int = 100) -> List[_models.GraphPhoneNumber]:",
        '        """Every number of a WABA, following the `after` cursor page by page (at most `max_pages`)."""',
        "        # The core decides what to request next and which items a page holds.",
        '        pager = _native._Pager("graph", "list_phone_numbers", _pack({"waba_id": waba_id, "fields": _listed(fields), "limit": limit}), max_pages)',
        "        out: List[_models.GraphPhoneNumber] = []",
        "        while (args := pager.next_args()) is not None:",
        '            out.extend(_models.GraphPhoneNumber.from_dict(item) for item in pager.feed(self._call("list_phone_numbers", args)))',
        "        return out",
        "",
    ],
    True: [
        "    async def list_all_phone_numbers(self, *, waba_id: str, fields: Optional[Sequence[str]] = None, limit: Optional[int] = None, max_pages: int = 100) -> List[_models.GraphPhoneNumber]:",
        '        """Every number of a WABA, following the `after` cursor page by page (at most `max_pages`)."""',
        "        # The core decides what to request next and which items a page holds.",
        '        pager = _native._Pager("graph", "list_phone_numbers", _pack({"waba_id": waba_id, "fields": _listed(fields), "limit": limit}), max_pages)',
        "        out: List[_models.GraphPhoneNumber] = []",
        "        while (args := pager.next_args()) is not None:",
        '            out.extend(_models.GraphPhoneNumber.from_dict(item) for item in pager.feed(await self._acall("list_phone_numbers", args)))',
        "        return out",
        "",
    ],
}


def render() -> str:
    lines = HEADER.splitlines()
    lines += ["", ""]
    sync_ns, sync_props = namespaces("", operations("zernio"), False)
    async_ns, async_props = namespaces("Async", operations("zernio"), True)
    lines += sync_ns + async_ns
    lines += client_class("Client", "Zernio over a blocking transport (``urllib`` when none is given).", "zernio", operations("zernio"), False, zernio_init(False), sync_props)
    lines += [""]
    lines += client_class("AsyncClient", "Zernio over an async transport, e.g. ``httpx_async_transport()``.", "zernio", operations("zernio"), True, zernio_init(True), async_props)
    lines += [""]
    lines += client_class("GraphClient", "Meta's Graph API over a blocking transport (``urllib`` when none is given).", "graph", operations("graph"), False, graph_init(False))
    lines += PAGES[False]
    lines += [""]
    lines += client_class("AsyncGraphClient", "Meta's Graph API over an async transport.", "graph", operations("graph"), True, graph_init(True))
    lines += PAGES[True]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(_generated.main(OUT, render))
