#!/usr/bin/env python3
"""Generate bindings-python/python/wanumbers/_models.py: the typed result objects.

The types come from the core's models, read from the generated TypeScript
(bindings-wasm/types/models.d.ts, written by gen_ts_types.py from the core through ts-rs): each
object type becomes a class over ``_model.Model`` (immutable, snake_case attributes, the wire
names kept for ``to_dict``), each string union a ``StrEnum``, each tagged union one class per
variant and a ``Union`` alias. Members the core lists as personal (``PersonalMember``) are kept
out of ``repr``. The operation maps give each operation's result type (``OUTPUTS``) and, for
paged results, the type of one item (``ITEMS``). Nothing is listed by hand. Run ``make gen``;
``make test`` checks the file is current.
"""

from __future__ import annotations

import keyword
import pathlib
import re

import _generated
from gen_python_client import _split_top

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "bindings-python" / "python" / "wanumbers" / "_models.py"
MODELS = ROOT / "bindings-wasm" / "types" / "models.d.ts"

# Types that are not result objects here: JSON itself, the markers, and the phone check (a
# native class, for the bulk path's speed).
SKIP = {"JsonValue", "Float", "PersonalMember", "PhoneCheck"}
# String unions kept as `Literal`s of `_types` (error codes are plain text everywhere).
LITERALS = {"ErrorCode": "ErrorCode"}

EXTRA = "{ [key in string]: number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null }"


def declarations(dts: str) -> dict:
    """name -> (doc, body) of every `export type Name = body;`, with field docs kept inline as
    `/** doc */` markers."""
    out = {}
    for m in re.finditer(r"(?:/\*\*((?:(?!\*/).)*)\*/\s*)?^export type (\w+) = (.*?);\s*$", dts, flags=re.S | re.M):
        out[m.group(2)] = (_doc(m.group(1) or ""), m.group(3))
    return out


def _doc(text: str) -> str:
    lines = [line.strip().lstrip("*").strip() for line in text.strip().splitlines()]
    return " ".join(line for line in lines if line)


def fields(body: str) -> list:
    """[(wire, ts type, optional key, doc)] of an object literal `{ ... }` with doc comments."""
    inner = body.strip()[1:-1]
    out = []
    # A doc comment belongs to the field that follows it (commas in it hidden from the split).
    for piece in _split_top(re.sub(r"/\*\*(.*?)\*/", lambda m: "\x00" + _doc(m.group(1)).replace(",", "\x01") + "\x00", inner, flags=re.S), ","):
        doc = ""
        m = re.match(r"\s*\x00(.*?)\x00\s*(.*)$", piece, flags=re.S)
        if m:
            doc, piece = m.group(1).replace("\x01", ","), m.group(2)
        if ":" not in piece:
            continue
        key, ts = (x.strip() for x in piece.split(":", 1))
        optional = key.endswith("?")
        key = key.rstrip("?").strip('"')
        out.append((key, " ".join(ts.split()), optional, doc))
    return out


def snake(name: str) -> str:
    name = name.lstrip("_")
    name = re.sub(r"USD$", "Usd", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = name.lower()
    return name + "_" if keyword.iskeyword(name) else name


def member(value: str) -> str:
    name = re.sub(r"[^0-9A-Za-z]+", "_", value).strip("_").upper() or "EMPTY"
    return "V_" + name if name[0].isdigit() else name


def camel(value: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", value) if part)


class Gen:
    def __init__(self, dts: str) -> None:
        self.decls = declarations(dts)
        personal = re.search(r'export type PersonalMember = (.*?);', dts, flags=re.S).group(1)
        self.personal = set(re.findall(r'"(\w+)"', personal))
        self.args = set(re.findall(r"^\s+\w+: \[(\w+), \w+\];", dts, flags=re.M))
        self.ops = re.findall(r"^\s+(\w+): \[\w+, (\w+)\];", dts, flags=re.M)
        self.kind = {}
        self.union_variants = {}
        for name, (_doc, body) in self.decls.items():
            self.kind[name] = self.classify(body)

    def classify(self, body: str) -> str:
        body = body.replace(" & (" + EXTRA + ")", "")
        parts = _split_top(body, "|")
        if body.startswith("Record<symbol"):
            return "empty"
        if len(parts) == 1 and body.startswith("{"):
            return "object"
        if all(p.startswith('"') or p.startswith("(string") for p in parts):
            return "enum"
        if all(p.startswith("{") for p in parts):
            return "tagged"
        if len(parts) == 2 and "string" in parts:
            return "text_or"
        return "other"

    # -- types ------------------------------------------------------------------------------
    def annotation(self, ts: str) -> str:
        """The Python annotation of a TS type (without Optional)."""
        parts = [p for p in _split_top(ts, "|") if p != "null"]
        if len(parts) != 1:
            return "Json"
        t = parts[0]
        if t.startswith("(") and t.endswith(")"):
            t = t[1:-1].strip()
        if t.startswith('"') and t.endswith('"'):
            return f"Literal[{t}]"
        if t == "string" or t.startswith("string &"):
            return "str"
        if t == "number":
            return "int"
        if t == "Float":
            return "float"
        if t == "boolean":
            return "bool"
        if t == "JsonValue":
            return "Json"
        if t.startswith("Array<") and t.endswith(">"):
            return f"List[{self.annotation(t[6:-1])}]"
        m = re.match(r"^\{ \[key in string\]\??: (.*) \}$", t)
        if m:
            return f"Dict[str, {self.annotation(m.group(1))}]"
        if t in LITERALS:
            return LITERALS[t]
        if t in self.decls and t not in SKIP:
            kind = self.kind[t]
            if kind == "text_or":
                return f"Union[str, {t}Object]"
            if kind in ("object", "enum", "tagged"):
                return t
        if t == "PhoneCheck":
            return "PhoneCheck"
        return "Json"

    def converter(self, ts: str) -> str:
        parts = [p for p in _split_top(ts, "|") if p != "null"]
        if len(parts) != 1:
            return "None"
        t = parts[0]
        if t.startswith("(") and t.endswith(")"):
            t = t[1:-1].strip()
        if t.startswith("Array<") and t.endswith(">"):
            inner = self.converter(t[6:-1])
            return "None" if inner == "None" else f"_m._listed({inner})"
        m = re.match(r"^\{ \[key in string\]\??: (.*) \}$", t)
        if m:
            inner = self.converter(m.group(1))
            return "None" if inner == "None" else f"_m._mapped({inner})"
        if t in self.decls and t not in SKIP and t not in LITERALS:
            kind = self.kind[t]
            if kind == "object":
                return f"{t}.from_dict"
            if kind == "enum":
                return t
            if kind == "tagged":
                return f"_from_{t}"
            if kind == "text_or":
                return f"_m._text_or({t}Object)"
        return "None"

    # -- output -----------------------------------------------------------------------------
    def wanted(self) -> list:
        return [n for n in self.decls if n not in SKIP and n not in self.args and n not in LITERALS]

    def enum(self, name: str, doc: str, body: str) -> list:
        values = re.findall(r'"((?:[^"\\]|\\.)*)"', body)
        lines = [f"class {name}(_m.StrEnum):", f'    """{doc or name}"""', ""]
        seen = set()
        for value in values:
            key = member(value)
            while key in seen:
                key += "_"
            seen.add(key)
            lines.append(f"    {key} = {value!r}")
        return lines + ["", ""]

    def object_class(self, name: str, doc: str, body: str, base_doc: str = "") -> tuple:
        has_extra = body.endswith(" & (" + EXTRA + ")")
        body = body.replace(" & (" + EXTRA + ")", "")
        fs = fields(body)
        attrs = [snake(wire) for wire, _ts, _opt, _doc in fs]
        slots = attrs + (["extra"] if has_extra else [])
        lines = [f"class {name}(_m.Model):", f'    """{doc or base_doc or name}"""', ""]
        lines.append(f"    __slots__ = ({''.join(repr(s) + ', ' for s in slots)})")
        lines.append(f"    __match_args__ = ({''.join(repr(s) + ', ' for s in slots)})")
        for (wire, ts, opt, fdoc), attr in zip(fs, attrs):
            ann = self.annotation(ts)
            nullable = opt or "null" in _split_top(ts, "|")
            if fdoc:
                lines.append(f"    #: {fdoc}")
            lines.append(f"    {attr}: {'Optional[' + ann + ']' if nullable else ann}")
        if has_extra:
            lines.append("    #: Members this version does not model, as the API sent them.")
            lines.append("    extra: Dict[str, Json]")
        lines += ["", ""]
        table = []
        for (wire, ts, opt, _fdoc), attr in zip(fs, attrs):
            table.append(f"    ({attr!r}, {wire!r}, {self.converter(ts)}, {opt}),")
        personal = sorted(attr for (wire, *_), attr in zip(fs, attrs) if wire in self.personal)
        tail = [f"{name}._fields = ("] + table + [")"]
        tail.append(f"{name}._wires = frozenset(f[1] for f in {name}._fields)")
        if personal:
            tail.append(f"{name}._personal = frozenset({personal!r})")
        if has_extra:
            tail.append(f"{name}._has_extra = True")
        return lines, tail

    def render(self) -> str:
        head, tail, names, unions = [], [], [], []
        for name in self.wanted():
            doc, body = self.decls[name]
            kind = self.kind[name]
            if kind == "enum":
                head += self.enum(name, doc, body)
                names.append(name)
            elif kind == "object":
                lines, t = self.object_class(name, doc, body)
                head += lines
                tail += t
                names.append(name)
            elif kind == "text_or":
                obj = [p for p in _split_top(body, "|") if p.startswith("{")][0]
                lines, t = self.object_class(name + "Object", doc, obj)
                head += lines
                tail += t
                names.append(name + "Object")
                unions.append(f"{name} = Union[str, {name}Object]")
                names.append(name)
            elif kind == "tagged":
                variants = []
                tag = None
                for part in _split_top(body, "|"):
                    fs = fields(part)
                    tag, value = fs[0][0], fs[0][1].strip('"')
                    cls = name + camel(value)
                    lines, t = self.object_class(cls, "", part, f"{doc} (`{tag}` = {value!r})")
                    head += lines
                    tail += t
                    names.append(cls)
                    variants.append((value, cls))
                unions.append(f"{name} = Union[{', '.join(c for _v, c in variants)}]")
                mapping = ", ".join(f"{v!r}: {c}" for v, c in variants)
                unions.append(f"_tag_{name} = _m._tagged({tag!r}, {{{mapping}}}, {name!r})")
                unions.append("")
                unions.append("")
                unions.append(f"def _from_{name}(data: Any) -> {name}:")
                unions.append(f"    result: {name} = _tag_{name}(data)")
                unions.append("    return result")
                unions.append("")
                unions.append("")
                names.append(name)
        outputs = [f"    {op!r}: {self.converter(out) if out != 'JsonValue' else 'None'}," for op, out in self.ops]
        text = HEADER + "\n".join(head).rstrip() + "\n\n\n" + "\n".join(unions) + "\n\n" + "\n".join(tail) + "\n\n"
        text += "# Each operation's result, from the wire form (None: the JSON as it is).\n"
        text += "OUTPUTS: Dict[str, Optional[Callable[[Any], Any]]] = {\n" + "\n".join(outputs) + "\n}\n\n"
        text += "__all__ = [\n" + "".join(f"    {n!r},\n" for n in sorted(names + ["Json", "StrEnum", "Model"])) + "]\n"
        return text


HEADER = '''# @generated by tools/gen_python_models.py from the core's models (through models.d.ts). Do not edit.
"""The typed result objects: one class per model of the core (see ``_model`` for what they do)."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Literal, Optional, Union

from . import _model as _m
from ._model import Json, Model, StrEnum
from ._types import ErrorCode


'''


def render() -> str:
    return Gen(MODELS.read_text(encoding="utf-8")).render()


if __name__ == "__main__":
    raise SystemExit(_generated.main(OUT, render))
