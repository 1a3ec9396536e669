"""The base of every result object (``_models.py`` is generated from the core's models).

A result is immutable, has snake_case attributes, compares by value, pickles, hides personal
data and secrets in its ``repr`` (the core's ``PERSONAL_MEMBERS``), and gives its upstream wire
form back with ``.to_dict()`` (camelCase where the API is; members this version does not model
are kept in ``.extra`` where the core keeps them, and written back). Enums are ``str``
subclasses that keep an unknown value: its ``.name`` is ``"UNKNOWN"``, its ``.value`` the text
the API sent.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any, Callable, ClassVar, Dict, FrozenSet, List, Mapping, Optional, Tuple, Type, TypeVar, Union

from . import _native

Json = Union[None, bool, int, float, str, List["Json"], Dict[str, "Json"]]

_M = TypeVar("_M", bound="Model")
_Conv = Optional[Callable[[Any], Any]]


class StrEnum(str, enum.Enum):
    """A ``str`` enum that keeps values it does not know (the API's enums are open)."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    @property
    def is_unknown(self) -> bool:
        """A value this version does not list."""
        return self._value_ not in type(self)._value2member_map_

    def __str__(self) -> str:
        return str(self._value_)

    def __format__(self, spec: str) -> str:
        return format(str(self._value_), spec)


def _wire(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, StrEnum):
        return value._value_
    if isinstance(value, list):
        return [_wire(v) for v in value]
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items()}
    return value


def _not_a_dict(cls: type, data: object) -> Exception:
    err: Exception = _native._argument_type_error("data", f"a dict with the wire form of {cls.__name__}")
    return err


class Model:
    """An immutable result: see the module's documentation."""

    __slots__ = ()
    # (attribute, wire name, converter, left out of the wire form when None)
    _fields: ClassVar[Tuple[Tuple[str, str, _Conv, bool], ...]] = ()
    _wires: ClassVar[FrozenSet[str]] = frozenset()
    _personal: ClassVar[FrozenSet[str]] = frozenset()
    _has_extra: ClassVar[bool] = False

    @classmethod
    def from_dict(cls: Type[_M], data: Mapping[str, Any]) -> _M:
        """The object from its wire form (what ``to_dict`` gives, or the core's JSON)."""
        if isinstance(data, cls):
            return data
        if not isinstance(data, Mapping):
            raise _not_a_dict(cls, data)
        self = object.__new__(cls)
        put = object.__setattr__
        for attr, wire, conv, _ in cls._fields:
            value = data.get(wire)
            put(self, attr, value if conv is None or value is None else conv(value))
        if cls._has_extra:
            known = cls._wires
            put(self, "extra", {k: v for k, v in data.items() if k not in known})
        return self

    def to_dict(self) -> Dict[str, Json]:
        """The upstream wire form (JSON-ready: enums as text, nested objects as dicts)."""
        out: Dict[str, Json] = {}
        for attr, wire, _, omit in self._fields:
            value = getattr(self, attr)
            if value is None and omit:
                continue
            out[wire] = _wire(value)
        if self._has_extra:
            out.update(getattr(self, "extra"))
        return out

    def _values(self) -> Tuple[Any, ...]:
        names: Tuple[str, ...] = self.__slots__
        return tuple(getattr(self, name) for name in names)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Model)
        return self._values() == other._values()

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __repr__(self) -> str:
        parts = []
        names: Tuple[str, ...] = self.__slots__
        for name in names:
            value = getattr(self, name)
            shown = "'<redacted>'" if name in self._personal and value is not None else repr(value)
            parts.append(f"{name}={shown}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self).from_dict, (self.to_dict(),))

    def __copy__(self: _M) -> _M:
        return self


Model.__hash__ = None


# Converters used by the generated field tables (each is given a value that is not None).
def _listed(conv: _Conv) -> Callable[[Any], Any]:
    if conv is None:
        return list
    return lambda items: [None if v is None else conv(v) for v in items]


def _mapped(conv: _Conv) -> Callable[[Any], Any]:
    if conv is None:
        return dict
    return lambda items: {k: None if v is None else conv(v) for k, v in items.items()}


def _tagged(tag: str, variants: Dict[str, Type[Model]], name: str) -> Callable[[Any], Any]:
    """A union told apart by its ``tag`` member."""

    def conv(data: Any) -> Any:
        if isinstance(data, Model):
            return data
        if not isinstance(data, Mapping):
            raise _native._argument_type_error("data", f"a dict with the wire form of {name}")
        cls = variants.get(data.get(tag))  # type: ignore[arg-type]
        if cls is None:
            raise _native._argument_type_error("data", f"{name} with {tag} one of {', '.join(variants)}")
        return cls.from_dict(data)

    return conv


def _text_or(cls: Type[Model]) -> Callable[[Any], Any]:
    """A union of text and an object."""
    return lambda data: data if isinstance(data, str) else cls.from_dict(data)
